"""Pieces every administrative form shares (Nghị định 30/2020/NĐ-CP style), A4 portrait."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kiosk.printing.forms import Agency

LEFT, RIGHT, TOP, BOTTOM = 30 * mm, 15 * mm, 20 * mm, 20 * mm
CONTENT_WIDTH = A4[0] - LEFT - RIGHT
FRAME_PADDING = 6  # reportlab's frame pads every side by 6 pt; the margins absorb it
WATERMARK = "BẢN ĐÀO TẠO - KHÔNG CÓ GIÁ TRỊ"


@dataclass(frozen=True)
class Styles:
    family: str

    def style(self, size: float = 12, *, bold: bool = False, italic: bool = False,
              align: int = TA_LEFT, leading: float | None = None) -> ParagraphStyle:
        suffix = {(False, False): "", (True, False): "-Bold", (False, True): "-Italic",
                  (True, True): "-BoldItalic"}[(bold, italic)]
        face = self.family + suffix
        return ParagraphStyle("s", fontName=face, fontSize=size, leading=leading or size * 1.25,
                              alignment=align)


def text(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped: names and addresses are data, not markup)."""
    return Paragraph(escape(value), style)


class CentredRule(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A horizontal rule of a given width, centred in its column (under the motto)."""

    def __init__(self, width: float, thickness: float = 0.6) -> None:
        super().__init__()
        self.rule_width = width
        self.thickness = thickness
        self._available = width

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._available = available_width
        return available_width, 3

    def draw(self) -> None:
        start = (self._available - self.rule_width) / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.line(start, 2, start + self.rule_width, 2)


def header(s: Styles, agency: Agency, *, case_label: str, case_code: str, form_line: str,
           training: bool) -> list[Flowable]:
    """Form line top right; agency block left; national heading and motto right."""
    small = s.style(10, align=TA_CENTER, leading=13)
    left = [
        text(agency.ministry, small),
        text(agency.parent, small),
        text(agency.name, s.style(10, bold=True, align=TA_CENTER, leading=13)),
        CentredRule(25 * mm),
        Spacer(1, 2 * mm),
        text(f"{case_label}: {case_code}", s.style(10, align=TA_CENTER)),
    ]
    motto = "Độc lập - Tự do - Hạnh phúc"
    motto_size = 12
    right = [
        text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s.style(11.5, bold=True, align=TA_CENTER)),
        text(motto, s.style(motto_size, bold=True, align=TA_CENTER)),
        CentredRule(stringWidth(motto, f"{s.family}-Bold", motto_size)),
    ]
    if training:
        right.append(text("ĐÀO TẠO", s.style(10, bold=True, align=TA_CENTER)))
    table = Table([[left, right]], colWidths=[68 * mm, CONTENT_WIDTH - 68 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [text(form_line, s.style(8.5, italic=True, align=TA_RIGHT)), Spacer(1, 2 * mm), table]


def title_block(s: Styles, title: str, place_and_date: str) -> list[Flowable]:
    return [
        Spacer(1, 5 * mm),
        text(title, s.style(14, bold=True, align=TA_CENTER, leading=18)),
        Spacer(1, 1 * mm),
        text(place_and_date, s.style(12, italic=True, align=TA_CENTER)),
        Spacer(1, 3 * mm),
    ]


def section(s: Styles, heading: str) -> list[Flowable]:
    return [Spacer(1, 2.5 * mm), text(heading, s.style(12, bold=True)), Spacer(1, 1 * mm)]


def field_table(s: Styles, rows: Sequence[tuple[str, str]], width: float,
                label_width: float = 55 * mm) -> Table:
    """Label: value rows; values wrap inside their column, never off the page."""
    label_style, value_style = s.style(11), s.style(11, bold=True)
    data = [[text(f"{label}:", label_style), text(value or "—", value_style)]
            for label, value in rows]
    table = Table(data, colWidths=[label_width, width - label_width], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return table


def two_column_fields(s: Styles, rows: Sequence[tuple[str, str]], width: float) -> Table:
    """Short label: value pairs laid out two per line (e.g. the six biometric captures)."""
    half = (width - 4 * mm) / 2
    left, right = list(rows[: (len(rows) + 1) // 2]), list(rows[(len(rows) + 1) // 2:])
    table = Table([[field_table(s, left, half, 36 * mm),
                    field_table(s, right, half, 36 * mm) if right else ""]],
                  colWidths=[half + 4 * mm, half], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def inline_fields(s: Styles, rows: Sequence[tuple[str, str]]) -> Paragraph:
    """Short label: value pairs run on in one wrapping line (saves a line per pair)."""
    def keep(value: str) -> str:  # a pair breaks between pairs, not inside one
        return escape(value).replace(" ", "&nbsp;")

    parts = [f"{keep(label)}:&nbsp;<font name='{s.family}-Bold'>{keep(value)}</font>"
             for label, value in rows]
    return Paragraph(" &nbsp;&nbsp;&nbsp; ".join(parts), s.style(11))


def paragraph(s: Styles, value: str) -> Paragraph:
    return text(value, s.style(11, align=TA_JUSTIFY))


def signatures(s: Styles, blocks: Sequence[tuple[str, str, str]]) -> Table:
    """(title, hint, name) side by side, with room to sign between hint and name."""
    cells = [[
        text(title, s.style(12, bold=True, align=TA_CENTER)),
        text(hint, s.style(11, italic=True, align=TA_CENTER)),
        Spacer(1, 16 * mm),
        text(name, s.style(12, bold=True, align=TA_CENTER)),
    ] for title, hint, name in blocks]
    table = Table([cells], colWidths=[CONTENT_WIDTH / len(blocks)] * len(blocks))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _watermark(family: str) -> Callable[[Canvas, SimpleDocTemplate], None]:
    def draw(canvas: Canvas, _doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.55, 0.55, 0.55, alpha=0.22))
        canvas.setFont(f"{family}-Bold", 30)
        canvas.translate(A4[0] / 2, A4[1] / 2)
        canvas.rotate(45)
        canvas.drawCentredString(0, 0, WATERMARK)
        canvas.restoreState()

    return draw


def build_pdf(story: list[Flowable], *, family: str, title: str, subject: str,
              training: bool) -> bytes:
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=LEFT - FRAME_PADDING,
        rightMargin=RIGHT - FRAME_PADDING, topMargin=TOP - FRAME_PADDING,
        bottomMargin=BOTTOM - FRAME_PADDING, title=title, author="Kiosk tiếp nhận hồ sơ căn cước",
        subject=subject, creator="kiosk-cancuoc",
    )
    if training:
        mark = _watermark(family)
        document.build(story, onFirstPage=mark, onLaterPages=mark)
    else:
        document.build(story)
    return buffer.getvalue()
