"""CC03 Thông báo về việc từ chối giải quyết thủ tục về căn cước (Luật Căn cước Điều 23 k4)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from kiosk.printing import layout
from kiosk.printing.fonts import register_fonts
from kiosk.printing.forms import RefusalNotice
from kiosk.printing.formtext import FormText, load_form_text
from kiosk.printing.text import date_line, nfc

NUMBER_COLUMN = 7 * mm


def _request(notice: RefusalNotice, s: layout.Styles, words: FormText) -> Table:
    rows = [(words[f"labels.{key}"], value) for key, value in (
        ("full_name", notice.full_name),
        ("id_number", notice.id_number),
        ("residence", notice.residence),
        ("procedure", notice.procedure),
        ("reason", notice.reason),
        ("received_at", f"{notice.received_at:%d/%m/%Y}"),
    )]
    return layout.field_table(s, rows, layout.CONTENT_WIDTH, 50 * mm)


def _reasons(notice: RefusalNotice, s: layout.Styles, words: FormText) -> Table:
    """Each reason numbered, its legal basis under it in italics."""
    reason_style, basis_style = s.style(11), s.style(11, italic=True)
    rows = [[layout.text(f"{number}.", reason_style),
             [layout.text(reason, reason_style),
              layout.text(f"{words['basis_label']}: {basis}", basis_style)]]
            for number, (reason, basis) in enumerate(notice.refusal_reasons, start=1)]
    table = Table(rows, colWidths=[NUMBER_COLUMN, layout.CONTENT_WIDTH - NUMBER_COLUMN],
                  hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table


def _closing(notice: RefusalNotice, s: layout.Styles, words: FormText) -> Table:
    recipients = layout.recipients(s, words["recipients.heading"],
                                   [words["recipients.addressee"], words["recipients.archive"]])
    signature = layout.signature_cell(s, notice.approver_title, words["signatures.hint"],
                                      notice.approver_name)
    return layout.side_by_side(recipients, signature, layout.CONTENT_WIDTH * 0.45)


def render_refusal_notice(notice: RefusalNotice, resources_dir: Path) -> bytes:
    notice = nfc(notice)
    words = load_form_text(resources_dir, "CC03")
    s = layout.Styles(register_fonts(resources_dir))
    addressee = f"{words['addressee']}: {words['honorific']} {notice.full_name}"
    story: list[Flowable] = [
        *layout.header(s, notice.agency, case_label=words["case_code"],
                       case_code=notice.case_code, form_line=words["form_line"],
                       training=notice.training, reprint=notice.reprint),
        *layout.notice_title(s, words["title"], words["subject"],
                             date_line(notice.agency.place, notice.issued_at)),
        layout.text(addressee, s.style(12, align=TA_CENTER)),
        Spacer(1, 3 * mm),
        layout.paragraph(s, words["received"]),
        *layout.section(s, words["sections.request"]),
        _request(notice, s, words),
        *layout.section(s, words["sections.reasons"]),
        layout.paragraph(s, words["refused"]),
        Spacer(1, 1.5 * mm),
        _reasons(notice, s, words),
        Spacer(1, 2 * mm),
        layout.paragraph(s, words["complaint"]),
        Spacer(1, 4 * mm),
        _closing(notice, s, words),
    ]
    title = f"{words['title']} {words['subject']} {notice.case_code}"
    return layout.build_pdf(story, family=s.family, title=title,
                            subject="CC03", training=notice.training)
