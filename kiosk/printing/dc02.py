"""DC02 Phiếu đề nghị giải quyết thủ tục về căn cước, prefilled from the case for the citizen to
sign when the request was not filed online (online filings carry the electronic form)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from kiosk.printing import layout
from kiosk.printing.fonts import register_fonts
from kiosk.printing.forms import Representative, RequestForm
from kiosk.printing.formtext import FormText, load_form_text
from kiosk.printing.text import date_line, nfc

Row = tuple[str, str]


def _rows(specs: Sequence[Mapping[str, str]], values: Mapping[str, str] | None) -> list[Row]:
    """Numbered rows in the order the form text lists them; blank (—) without values."""
    return [(f"{number}. {spec['label']}", values[spec["field"]] if values is not None else "")
            for number, spec in enumerate(specs, start=1)]


def _applicant(form: RequestForm) -> dict[str, str]:
    return {"full_name": form.full_name, "date_of_birth": f"{form.date_of_birth:%d/%m/%Y}",
            "sex": form.sex, "id_number": form.id_number, "residence": form.residence}


def _representative(person: Representative | None) -> dict[str, str] | None:
    if person is None:
        return None
    born = f"{person.date_of_birth:%d/%m/%Y}" if person.date_of_birth else ""
    return {"full_name": person.full_name, "date_of_birth": born, "sex": person.sex,
            "id_number": person.id_number}


def _items(form: RequestForm, items: Sequence[str]) -> list[tuple[str, bool]]:
    unknown = set(form.requested_items) - set(range(1, len(items) + 1))
    if unknown:
        raise ValueError(f"DC02: no request items {sorted(unknown)} on the form")
    return [(item, number in form.requested_items)
            for number, item in enumerate(items, start=1)]


def _details(form: RequestForm, s: layout.Styles, words: FormText, item_count: int) -> Table:
    """Items 10 and 11 of the specimen, numbered after the checklist; a CSDLQG adjustment
    asked for adds, under item 10, the fields to adjust and the documents shown."""
    details = f"{form.procedure}; {words['request.reason']}: {form.reason}"
    rows = [(f"{item_count + 1}. {words['request.details']}", details)]
    if form.adjustment_fields:
        rows += [(words["request.adjustment_fields"], "; ".join(form.adjustment_fields)),
                 (words["request.adjustment_documents"], form.adjustment_documents)]
    rows.append((f"{item_count + 2}. {words['request.result_address']}", form.result_address))
    return layout.field_table(s, rows, layout.CONTENT_WIDTH)


def _closing(form: RequestForm, s: layout.Styles, words: FormText) -> Table:
    consent = [
        layout.text(words["consent.heading"], s.style(12, bold=True, align=TA_CENTER)),
        Spacer(1, 1 * mm),
        layout.text(words["consent.text"], s.style(10.5, italic=True, align=TA_JUSTIFY)),
        layout.text(words["consent.hint"], s.style(11, italic=True, align=TA_CENTER)),
    ]
    signature = layout.signature_cell(
        # The representative signs for the child (or the person without capacity) they act for.
        s, words["signatures.applicant"], words["signatures.hint"],
        form.representative.full_name if form.representative else form.full_name,
        place_and_date=date_line(form.agency.place, form.signed_at))
    return layout.side_by_side(consent, signature, layout.CONTENT_WIDTH * 0.48)


def render_request_form(form: RequestForm, resources_dir: Path) -> bytes:
    form = nfc(form)
    words = load_form_text(resources_dir, "DC02")
    s = layout.Styles(register_fonts(resources_dir))
    width = layout.CONTENT_WIDTH
    items = words.order("request.items")
    story: list[Flowable] = [
        *layout.national_header(s, form_line=words["form_line"], training=form.training,
                                reprint=form.reprint),
        Spacer(1, 4 * mm),
        layout.text(words["title"], s.style(14, bold=True, align=TA_CENTER, leading=18)),
        Spacer(1, 2 * mm),
        layout.text(f"{words['addressee']}: {form.agency.name}", s.style(12, align=TA_CENTER)),
        *layout.section(s, words["sections.applicant"]),
        layout.field_table(s, _rows(words.table("applicant_fields"), _applicant(form)), width),
        *layout.section(s, words["sections.representative"]),
        layout.field_table(s, _rows(words.table("representative_fields"),
                                    _representative(form.representative)), width),
        *layout.section_with_hint(s, words["sections.request"], words["sections.request_hint"]),
        layout.checklist(s, _items(form, items), width),
        Spacer(1, 1 * mm),
        _details(form, s, words, len(items)),
        Spacer(1, 3 * mm),
        _closing(form, s, words),
    ]
    return layout.build_pdf(story, family=s.family, title=f"{words['title']} {form.case_code}",
                            subject="DC02", training=form.training)
