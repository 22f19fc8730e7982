"""The trainee report and the class summary as PDF (A4, the forms' Vietnamese fonts), marked
as training on every page like the training forms: "ĐÀO TẠO" under the heading and the
diagonal watermark. Never printed for live work: a report exists for training cases only."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from kiosk.printing import layout
from kiosk.printing.fonts import register_fonts
from kiosk.printing.text import day_month_year
from kiosk.workflow.trainee import Verdict
from kiosk.workflow.trainee_record import ClassSummary, TraineeReport

GRID = colors.Color(0.55, 0.55, 0.55)
SHADE = colors.Color(0.92, 0.92, 0.92)
VERDICT_COLOURS = {Verdict.OK: colors.black, Verdict.MISTAKE: colors.Color(0.7, 0, 0),
                   Verdict.CONSEQUENCE: colors.Color(0.35, 0.35, 0.35)}


def _minutes(seconds: int) -> str:
    return f"{seconds // 60} phút {seconds % 60:02d} giây"


def _grid(s: layout.Styles, header: Sequence[str], rows: Sequence[Sequence[str | Flowable]],
          widths: Sequence[float]) -> Table:
    """A ruled table whose cells wrap; the header row shaded and repeated on a new page."""
    cell, head = s.style(9.5, leading=11.5), s.style(9.5, bold=True, leading=11.5)
    data: list[list[str | Flowable]] = [[layout.text(h, head) for h in header]]
    data += [[layout.text(c, cell) if isinstance(c, str) else c for c in row] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _heading(s: layout.Styles, title: str, day_line: str) -> list[Flowable]:
    return [
        layout.text(layout.NATIONAL_NAME, s.style(11.5, bold=True, align=TA_CENTER)),
        layout.text(layout.MOTTO, s.style(12, bold=True, align=TA_CENTER)),
        layout.text("ĐÀO TẠO — KHÔNG DÙNG CHO HỒ SƠ THẬT", s.style(10, bold=True,
                                                                   align=TA_CENTER)),
        *layout.title_block(s, title, day_line),
    ]


def _verdict_cell(s: layout.Styles, verdict: Verdict) -> Paragraph:
    style = s.style(9.5, bold=verdict is Verdict.MISTAKE, leading=11.5)
    style.textColor = VERDICT_COLOURS[verdict]
    return layout.text(verdict.label, style)


def render_trainee_report(report: TraineeReport, resources_dir: Path) -> bytes:
    s = layout.Styles(register_fonts(resources_dir))
    width = layout.CONTENT_WIDTH
    verdict = ("ĐẠT — không có lỗi" if report.clean
               else f"CHƯA ĐẠT — {len(report.mistakes)} lỗi")
    story: list[Flowable] = [
        *_heading(s, "BÁO CÁO KẾT QUẢ HỌC VIÊN", day_month_year(report.played_on).capitalize()),
        layout.field_table(s, [
            ("Mã hồ sơ", report.case_code),
            ("Kịch bản", f"{report.scenario} — {report.title}"),
            ("Học viên", report.trainee),
            ("Thời gian thực hiện", _minutes(report.seconds)),
            ("Kết luận", verdict),
        ], width, 45 * mm),
    ]
    if report.recomputed:
        story.append(layout.paragraph(
            s, f"Kịch bản viết cho ngày {report.scenario_day:%d/%m/%Y}; hồ sơ làm ngày "
               f"{report.played_on:%d/%m/%Y}: lệ phí và ngày hẹn dự kiến được tính lại theo "
               "quy định áp dụng ngày làm hồ sơ."))
    story += [*layout.section(s, "I. Quyết định so với kịch bản"), _grid(
        s, ("Nội dung", "Dự kiến", "Học viên đã làm", "Căn cứ", "Đánh giá"),
        [(f.title, f.expected, f.made, "; ".join(f.basis) or "—", _verdict_cell(s, f.verdict))
         for f in report.findings],
        (30 * mm, 38 * mm, 38 * mm, width - 128 * mm, 22 * mm))]
    story.append(KeepTogether([*layout.section(s, "II. Thời gian từng bước"), _grid(
        s, ("Công việc", "Thời gian"), [(t.label, _minutes(t.seconds)) for t in report.steps],
        (width - 40 * mm, 40 * mm))]))
    story.append(KeepTogether([  # always there, so the sections keep their numbers
        *layout.section(s, "III. Thu nhận sinh trắc học"),
        _grid(s, ("Vị trí", "Số lần thu nhận", "Lỗi thiết bị", "Số lần thử lại"),
              [(c.label, str(c.attempts), str(c.device_errors), str(c.retries))
               for c in report.captures],
              (width - 90 * mm, 30 * mm, 30 * mm, 30 * mm))
        if report.captures else layout.paragraph(
            s, "Không thu nhận (sử dụng dữ liệu sinh trắc học đã có, hoặc dưới 6 tuổi).")]))
    kinds = {"rule": "Quy định chặn thao tác", "device": "Lỗi thiết bị"}
    story.append(KeepTogether([
        *layout.section(s, "IV. Thông báo lỗi học viên đã gặp"),
        _grid(s, ("Tại", "Loại", "Nội dung"),
              [(e.where, kinds.get(e.kind, e.kind), e.label) for e in report.errors],
              (45 * mm, 35 * mm, width - 80 * mm))
        if report.errors else layout.paragraph(s, "Không có.")]))
    if report.faults:
        story.append(KeepTogether([*layout.section(s, "V. Lỗi thiết bị giảng viên tạo"), _grid(
            s, ("Tại", "Thiết bị", "Lỗi", "Lần thử", "Nguồn"),
            [(f.where, f.device, f.label, str(f.attempt) if f.attempt else "—",
              "Kịch bản" if f.cued else "Giảng viên (trực tiếp)") for f in report.faults],
            (40 * mm, 30 * mm, width - 120 * mm, 18 * mm, 32 * mm))]))
    story += [Spacer(1, 8 * mm), layout.signatures(s, [("", "", ""), (
        "GIẢNG VIÊN", "(Ký, ghi rõ họ tên)", "")])]
    return layout.build_pdf(story, family=s.family, subject="Báo cáo học viên",
                            title=f"Báo cáo học viên {report.case_code}", training=True)


def render_class_summary(summary: ClassSummary, resources_dir: Path) -> bytes:
    s = layout.Styles(register_fonts(resources_dir))
    width = layout.CONTENT_WIDTH
    day = (day_month_year(summary.day).capitalize() if summary.day
           else "Tất cả các ngày")
    story: list[Flowable] = [
        *_heading(s, "TỔNG HỢP KẾT QUẢ LỚP ĐÀO TẠO", day),
        layout.field_table(s, [("Số hồ sơ", str(len(summary.reports))),
                               ("Không có lỗi", str(summary.clean)),
                               ("Số học viên", str(len(summary.trainees)))], width, 45 * mm),
        *layout.section(s, "I. Theo học viên"),
        _grid(s, ("Học viên", "Hồ sơ", "Không lỗi", "Số lỗi", "Tổng thời gian"),
              [(t.trainee, str(t.cases), str(t.clean), str(t.mistakes), _minutes(t.seconds))
               for t in summary.trainees],
              (width - 115 * mm, 20 * mm, 25 * mm, 25 * mm, 45 * mm)),
        *layout.section(s, "II. Lỗi thường gặp"),
    ]
    story.append(_grid(s, ("Nội dung", "Mã", "Số lần"),
                       [(m.title, m.key, str(m.count)) for m in summary.frequent],
                       (width - 85 * mm, 65 * mm, 20 * mm))
                 if summary.frequent else layout.paragraph(s, "Không có lỗi nào."))
    story += [*layout.section(s, "III. Từng hồ sơ"), _grid(
        s, ("Mã hồ sơ", "Học viên", "Kịch bản", "Kết luận"),
        [(r.case_code, r.trainee, r.scenario,
          "Đạt" if r.clean else "; ".join(f.key for f in r.mistakes))
         for r in summary.reports],
        (42 * mm, 30 * mm, 48 * mm, width - 120 * mm))]
    return layout.build_pdf(story, family=s.family, subject="Tổng hợp lớp đào tạo",
                            title="Tổng hợp kết quả lớp đào tạo", training=True)
