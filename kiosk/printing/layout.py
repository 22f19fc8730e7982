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
        return ParagraphStyle("s", fontName=face, fontSize=size, leading=leading or size * 1.2,
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


REPRINT_MARK = "BẢN IN LẠI"


def header(s: Styles, agency: Agency, *, case_label: str, case_code: str, form_line: str,
           training: bool, reprint: bool = False) -> list[Flowable]:
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
    if reprint:
        right.append(text(REPRINT_MARK, s.style(10, bold=True, align=TA_CENTER)))
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
        ("TOPPADDING", (0, 0), (-1, -1), 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
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
        Spacer(1, 14 * mm),  # room to sign
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


# Additions for CC03, DC02 and the fee receipt (the functions above stay as they are).
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
CHECKBOX_SIZE = 8.5


def national_header(s: Styles, *, form_line: str, training: bool,
                    reprint: bool = False) -> list[Flowable]:
    """Form line top right and the national heading centred: for forms without an agency
    block, which the citizen files (DC02). Training and reprint marks as in header()."""
    story: list[Flowable] = [
        text(form_line, s.style(8.5, italic=True, align=TA_RIGHT)),
        Spacer(1, 3 * mm),
        text(NATIONAL_NAME, s.style(12, bold=True, align=TA_CENTER)),
        text(MOTTO, s.style(12.5, bold=True, align=TA_CENTER)),
        CentredRule(stringWidth(MOTTO, f"{s.family}-Bold", 12.5)),
    ]
    if training:
        story.append(text("ĐÀO TẠO", s.style(10, bold=True, align=TA_CENTER)))
    if reprint:
        story.append(text(REPRINT_MARK, s.style(10, bold=True, align=TA_CENTER)))
    return story


def notice_title(s: Styles, title: str, subject: str, place_and_date: str) -> list[Flowable]:
    """Document name with its subject line (trích yếu) and the short rule under it."""
    return [
        Spacer(1, 5 * mm),
        text(title, s.style(14, bold=True, align=TA_CENTER, leading=18)),
        text(subject, s.style(13, bold=True, align=TA_CENTER, leading=16)),
        Spacer(1, 1.5 * mm),  # a rule, not an underline: clear of the descenders
        CentredRule(35 * mm),
        Spacer(1, 1.5 * mm),
        text(place_and_date, s.style(12, italic=True, align=TA_CENTER)),
        Spacer(1, 3 * mm),
    ]


class CheckBox(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A drawn box, crossed when ticked, whose text is "☒" or "☐".

    Liberation Serif has no ballot-box glyphs, so the box is drawn with lines; an invisible
    "□" wrapped in /ActualText gives copy-paste and text extraction the real mark.
    """

    def __init__(self, ticked: bool, family: str, size: float = CHECKBOX_SIZE) -> None:
        super().__init__()
        self.ticked = ticked
        self.family = family
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas, size = self.canv, self.size
        canvas.setLineWidth(0.7)
        canvas.rect(0, 0, size, size)
        if self.ticked:
            inset = size * 0.2
            canvas.line(inset, inset, size - inset, size - inset)
            canvas.line(inset, size - inset, size - inset, inset)
        mark = "2612" if self.ticked else "2610"
        canvas.addLiteral(f"/Span <</ActualText <FEFF{mark}>>> BDC")
        canvas.saveState()  # the invisible render mode must not leak into later text
        label = canvas.beginText(0, size * 0.1)
        label.setFont(self.family, size)
        label.setTextRenderMode(3)
        label.textOut("□")
        canvas.drawText(label)
        canvas.restoreState()
        canvas.addLiteral("EMC")


def checklist(s: Styles, items: Sequence[tuple[str, bool]], width: float) -> Table:
    """Numbered items, each after its box (☒ ticked, ☐ not); long items wrap."""
    size, box_column = 11, 6 * mm
    style = s.style(size, leading=13)
    rows = [[CheckBox(ticked, s.family), text(f"{number}. {label}", style)]
            for number, (label, ticked) in enumerate(items, start=1)]
    table = Table(rows, colWidths=[box_column, width - box_column], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
        # Sit the box on the first line's baseline, not on the top of the row.
        ("TOPPADDING", (0, 0), (0, -1), 0.5 + size - CHECKBOX_SIZE),
    ]))
    return table


def signature_cell(s: Styles, title: str, hint: str, name: str, *,
                   place_and_date: str = "") -> list[Flowable]:
    """One signature block: optional place-and-date, title, hint, room to sign, name."""
    cell: list[Flowable] = []
    if place_and_date:
        cell.append(text(place_and_date, s.style(12, italic=True, align=TA_CENTER)))
    return [*cell,
            text(title, s.style(12, bold=True, align=TA_CENTER)),
            text(hint, s.style(11, italic=True, align=TA_CENTER)),
            Spacer(1, 16 * mm),
            text(name, s.style(12, bold=True, align=TA_CENTER))]


def side_by_side(left: list[Flowable], right: list[Flowable], left_width: float) -> Table:
    """Two blocks across the page (recipients and signature, consent and signature)."""
    table = Table([[left, right]], colWidths=[left_width, CONTENT_WIDTH - left_width],
                  hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (0, 0), 4 * mm)]))  # a gutter
    return table


def recipients(s: Styles, heading: str, lines: Sequence[str]) -> list[Flowable]:
    """"Nơi nhận:" with its list, bottom left of an administrative document."""
    return [text(heading, s.style(12, bold=True, italic=True)),
            *(text(line, s.style(11)) for line in lines)]


def section_with_hint(s: Styles, heading: str, hint: str) -> list[Flowable]:
    """A section heading with its italic instruction on the same line ("(Lựa chọn ...)")."""
    markup = f"<b>{escape(heading)}</b> <i>{escape(hint)}</i>"
    return [Spacer(1, 2.5 * mm), Paragraph(markup, s.style(12)), Spacer(1, 1 * mm)]
