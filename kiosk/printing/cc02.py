"""CC02 Giấy hẹn trả kết quả giải quyết thủ tục về căn cước: the citizen's appointment slip."""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from kiosk.printing import layout
from kiosk.printing.fonts import register_fonts
from kiosk.printing.forms import AppointmentSlip
from kiosk.printing.formtext import load_form_text
from kiosk.printing.text import date_line, format_vnd, long_date

QR_SIZE = 28 * mm
BAR_HEIGHT = 11 * mm
BAR_MODULE = 0.33 * mm  # narrow bar: wide enough for a counter's handheld scanner


def _qr(payload: str) -> Drawing:
    widget = QrCodeWidget(payload, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(QR_SIZE, QR_SIZE,
                      transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def _code128(payload: str) -> Code128:
    """The case code as Code 128 (with quiet zones), for scanners that do not read QR."""
    return Code128(payload, barHeight=BAR_HEIGHT, barWidth=BAR_MODULE, quiet=True,
                   humanReadable=False)


def render_appointment_slip(slip: AppointmentSlip, resources_dir: Path) -> bytes:
    words = load_form_text(resources_dir, "CC02")
    s = layout.Styles(register_fonts(resources_dir))
    width = layout.CONTENT_WIDTH
    fee = format_vnd(slip.fee_amount) if slip.fee_amount else "Miễn lệ phí"
    values = {
        "full_name": slip.full_name,
        "id_number": slip.id_number,
        "procedure": slip.procedure,
        "reason": slip.reason,
        "documents": "; ".join(slip.documents_received),
        "fee": f"{fee} ({slip.fee_note})" if slip.fee_note else fee,
    }
    rows = [(words[f"labels.{key}"], values[key]) for key in words.order("order.received")]
    appointment = [(words["labels.return_date"], long_date(slip.return_date))]
    if slip.postal_address:
        appointment += [(words["labels.delivery"], slip.delivery),
                        (words["labels.postal_address"], slip.postal_address)]
        if slip.postal_phone:
            appointment.append((words["labels.postal_phone"], slip.postal_phone))
        appointment.append((words["labels.courier"], slip.courier_note))
    else:
        appointment.append((words["labels.return_place"], slip.return_place))
    qr_block = [_qr(slip.case_code),
                layout.text(words["qr_caption"], s.style(9, italic=True, align=1)),
                layout.text(slip.case_code, s.style(9, align=1))]
    left_block = [layout.field_table(s, appointment, width - QR_SIZE - 8 * mm, 45 * mm),
                  Spacer(1, 5 * mm), _code128(slip.case_code)]
    body = Table([[left_block, qr_block]],
                 colWidths=[width - QR_SIZE - 4 * mm, QR_SIZE + 4 * mm])
    body.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story: list[Flowable] = [
        *layout.header(s, slip.agency, case_label=words["case_code"], case_code=slip.case_code,
                       form_line=words["form_line"], training=slip.training,
                      reprint=slip.reprint),
        *layout.title_block(s, words["title"], date_line(slip.agency.place, slip.issued_at)),
        layout.paragraph(s, f"{words['received_from']}:"),
        Spacer(1, 2 * mm),
        layout.field_table(s, rows, width, 45 * mm),
        Spacer(1, 4 * mm),
        body,
        Spacer(1, 6 * mm),
        layout.signatures(s, [("", "", ""),
                              (words["signatures.officer"], words["signatures.hint"],
                               slip.clerk_name)]),
    ]
    return layout.build_pdf(story, family=s.family, title=f"{words['title']} {slip.case_code}",
                            subject="CC02", training=slip.training)
