"""CC01 Phiếu thu nhận thông tin căn cước: printed for the citizen to check and sign."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Spacer, Table, TableStyle

from kiosk.printing import layout
from kiosk.printing.fonts import register_fonts
from kiosk.printing.forms import ReceiptForm
from kiosk.printing.formtext import FormText, load_form_text
from kiosk.printing.text import date_line

PHOTO_W, PHOTO_H = 30 * mm, 40 * mm


def _photo(form: ReceiptForm, s: layout.Styles, words: FormText) -> Flowable:
    if form.portrait_jpeg:
        return Image(BytesIO(form.portrait_jpeg), width=PHOTO_W, height=PHOTO_H)
    note = words[f"photo_notes.{form.photo_note}" if form.photo_note else "labels.photo"]
    box = Table([[layout.text(note, s.style(9, align=1))]],
                colWidths=[PHOTO_W],
                rowHeights=[PHOTO_H])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, "grey"),
                             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return box


def _representative(form: ReceiptForm, words: FormText) -> str:
    """The representative's row: who, and for an adult who lost capacity, the court decision
    that makes a representative needed (Luật Căn cước 2023 Điều 23 khoản 3)."""
    if not form.representative_name:
        return ""
    who = (f"{form.representative_name} ({words['labels.id_number']} "
           f"{form.representative_id})")
    if form.representative_capacity:
        who += f"; {words['labels.capacity']}: {form.representative_capacity}"
    return who


def _personal(form: ReceiptForm, s: layout.Styles, words: FormText) -> list[Flowable]:
    """Section II: the person beside the photo, then their family across the full width
    (long names there would otherwise push the signatures onto a second page)."""
    values = {
        "full_name": form.full_name.upper(),
        "date_of_birth": f"{form.date_of_birth:%d/%m/%Y}",
        "sex": form.sex,
        "id_number": form.id_number,
        "former_id_number": form.former_id_number,
        "place_of_birth_registration": form.place_of_birth_registration,
        "hometown": form.hometown,
        "ethnicity": form.ethnicity,
        "religion": form.religion,
        "nationality": form.nationality,
        "residence": form.residence,
        "other_name": form.other_name,
        "parents": "; ".join(f"{words[f'labels.{who}']}: {name}" for who, name in (
            ("father", form.father_name), ("mother", form.mother_name)) if name),
        "representative": _representative(form, words),
    }
    optional = set(words.order("order.optional"))  # left out when the registry has nothing
    beside = [(words[f"labels.{key}"], values[key]) for key in words.order("order.personal")
              if values[key] or key not in optional]
    below = [(words[f"labels.{key}"], values[key]) for key in words.order("order.family")
             if values[key]]
    data_width = layout.CONTENT_WIDTH - PHOTO_W - 5 * mm
    table = Table([[layout.field_table(s, beside, data_width, 52 * mm),
                    _photo(form, s, words)]],
                  colWidths=[data_width + 5 * mm, PHOTO_W], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    if not below:
        return [table]
    return [table, layout.field_table(s, below, layout.CONTENT_WIDTH, 52 * mm)]


def _finger_grid(form: ReceiptForm, s: layout.Styles, words: FormText) -> Table:
    """Two hands by five fingers: compact enough to keep CC01 on one page."""
    head = s.style(10, bold=True, align=1)
    cell = s.style(10, align=1)
    names = [words[f"fingers.{name}"] for name in ("thumb", "index", "middle", "ring", "little")]
    rows = [["", *[layout.text(name, head) for name in names]]]
    for hand, cells in zip((words["fingers.right"], words["fingers.left"]), form.fingers,
                           strict=True):
        rows.append([layout.text(hand, s.style(10, bold=True)),
                     *[layout.text(value, cell) for value in cells]])
    first = 24 * mm
    table = Table(rows, colWidths=[first] + [(layout.CONTENT_WIDTH - first) / 5] * 5,
                  hAlign="LEFT")
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, "grey"),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table


def _delivery_line(form: ReceiptForm, words: FormText) -> str:
    """One paragraph across the page (CC02 names the counter's place): CC01 stays on one
    page with a child's family rows and the longest postal address delivery.toml allows."""
    line = f"{words['labels.delivery_method']}: {form.delivery}"
    if form.by_post:
        line += f"; {words['labels.postal_address']}: {form.delivery_address}"
        if form.delivery_phone:
            line += f"; {words['labels.delivery_phone']}: {form.delivery_phone}"
    return line + "."


def render_receipt(form: ReceiptForm, resources_dir: Path) -> bytes:
    words = load_form_text(resources_dir, "CC01")
    s = layout.Styles(register_fonts(resources_dir))
    width = layout.CONTENT_WIDTH
    story: list[Flowable] = [
        *layout.header(s, form.agency, case_label=words["case_code"], case_code=form.case_code,
                       form_line=words["form_line"], training=form.training,
                      reprint=form.reprint),
        *layout.title_block(s, words["title"], date_line(form.agency.place, form.received_at)),
        *layout.section(s, words["sections.request"]),
        layout.field_table(s, [(words["labels.procedure"], form.procedure),
                               (words["labels.reason"], form.reason)], width, 30 * mm),
        *layout.section(s, words["sections.personal"]),
        *_personal(form, s, words),
        *layout.section(s, words["sections.biometrics"]),
        layout.inline_fields(s, form.biometrics),
        *([Spacer(1, 1.5 * mm), _finger_grid(form, s, words)] if form.fingers[0] else []),
        *layout.section(s, words["sections.delivery"]),
        layout.paragraph(s, _delivery_line(form, words)),
        Spacer(1, 3 * mm),
        layout.paragraph(s, words["declaration"]),
        Spacer(1, 2 * mm),
        layout.signatures(s, [
            (words["signatures.representative"], words["signatures.hint"],
             form.representative_name) if form.representative_name else
            (words["signatures.applicant"], words["signatures.hint"], form.full_name),
            (words["signatures.officer"], words["signatures.hint"], form.clerk_name),
        ]),
    ]
    return layout.build_pdf(story, family=s.family, title=f"{words['title']} {form.case_code}",
                            subject="CC01", training=form.training)
