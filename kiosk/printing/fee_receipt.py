"""Biên lai thu lệ phí: what the counter collected for the card, or why nothing was due."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from kiosk.printing import layout
from kiosk.printing.fonts import register_fonts
from kiosk.printing.forms import FeeReceipt
from kiosk.printing.formtext import FormText, load_form_text
from kiosk.printing.text import date_line, format_vnd, money_in_words, nfc


def _amount_rows(receipt: FeeReceipt, words: FormText) -> list[tuple[str, str]]:
    """Figures, words and how it was paid when paid; "Miễn lệ phí", its reason and the
    document shown otherwise (no words line: "Không đồng" on a receipt would read as an
    unpaid fee)."""
    if receipt.exempt:
        rows = [(words["labels.amount"], words["exempt"]),
                (words["labels.exemption"], receipt.exemption)]
        if receipt.evidence:
            rows.append((words["labels.evidence"], receipt.evidence))
        return rows
    rows = [(words["labels.amount"], format_vnd(receipt.amount)),
            (words["labels.in_words"], money_in_words(receipt.amount))]
    if receipt.method:
        method = words[f"methods.{receipt.method}"]
        if receipt.reference:
            method = words["methods.with_reference"].format(method=method,
                                                            reference=receipt.reference)
        rows.append((words["labels.method"], method))
    return rows


def _rows(receipt: FeeReceipt, words: FormText) -> list[tuple[str, str]]:
    return [
        (words["labels.case_code"], receipt.case_code),
        (words["labels.payer_name"], receipt.payer_name),
        (words["labels.id_number"], receipt.payer_id_number),
        (words["labels.address"], receipt.payer_address),
        (words["labels.item"], f"{words['fee_item']} ({receipt.procedure})"),
        *_amount_rows(receipt, words),
        (words["labels.basis"], receipt.basis),
    ]


def render_fee_receipt(receipt: FeeReceipt, resources_dir: Path) -> bytes:
    receipt = nfc(receipt)
    words = load_form_text(resources_dir, "fee_receipt")
    s = layout.Styles(register_fonts(resources_dir))
    hint = words["signatures.hint"]
    story: list[Flowable] = [
        *layout.header(s, receipt.agency, case_label=words["number"], case_code=receipt.number,
                       form_line=words["form_line"], training=receipt.training,
                       reprint=receipt.reprint),
        *layout.title_block(s, words["title"], date_line(receipt.agency.place, receipt.issued_at)),
        layout.field_table(s, _rows(receipt, words), layout.CONTENT_WIDTH, 48 * mm),
        Spacer(1, 8 * mm),
        layout.signatures(s, [
            (words["signatures.payer"], hint, receipt.payer_name),
            (words["signatures.collector"], hint, receipt.collector_name),
        ]),
    ]
    return layout.build_pdf(story, family=s.family, title=f"{words['title']} {receipt.number}",
                            subject=words["code"], training=receipt.training)
