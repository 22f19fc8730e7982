"""The trainee report and the class summary print in Vietnamese, marked as training on every
page (heading and diagonal watermark), with every finding, time, retry and error."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kiosk.printing.layout import WATERMARK
from kiosk.printing.trainee_report import render_class_summary, render_trainee_report
from kiosk.workflow.trainee import Finding, Topic, Verdict
from kiosk.workflow.trainee_record import (
    CaptureTries,
    InjectedFault,
    ShownError,
    StepTime,
    TraineeReport,
    summarise,
)

FINDINGS = (
    Finding(Topic.PROCEDURE, "", "Thủ tục và lý do", "Cấp lại thẻ căn cước — Thẻ bị mất",
            "Cấp lại thẻ căn cước — Thẻ bị hư hỏng không sử dụng được",
            ("Luật Căn cước 2023 Điều 24 khoản 2 điểm a",), Verdict.MISTAKE),
    Finding(Topic.FEE, "", "Lệ phí", "35.000 đồng", "35.000 đồng",
            ("Thông tư 73/2024/TT-BTC Điều 4 khoản 1 điểm c",), Verdict.OK),
    Finding(Topic.DUE_DATE, "", "Ngày hẹn trả kết quả", "04/12/2026", "08/12/2026",
            ("Luật Căn cước 2023 Điều 26",), Verdict.CONSEQUENCE),
)
REPORT = TraineeReport(
    "HK01-20261125-0007", "HK01", "damaged-card", "Cấp lại do thẻ bị hỏng", "hocvien.lan",
    date(2026, 11, 25), date(2026, 11, 25), "closed", FINDINGS,
    (StepTime("identified", "Xác định thủ tục (sau khi tra cứu)", 95),
     StepTime("representative_checked", "Thu nhận sinh trắc học", 312)),
    (CaptureTries("left_four", "Bốn ngón tay trái", 3, 1),),
    (ShownError("CC02", "In giấy hẹn (CC02)", "device", "DeviceNotReady",
                "Thiết bị chưa sẵn sàng (máy in hết giấy, đèn chưa sẵn sàng)"),),
    (InjectedFault("CC02", "In giấy hẹn (CC02)", "Máy in", "out_of_paper", "Máy in hết giấy", 1,
                   True),),
    407)


def pages(pdf: bytes, tmp_path: Path) -> list[str]:
    """Each page's text; ``-raw`` keeps the rotated watermark's letters (one per line)."""
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout
    count = int(re.search(rb"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    return [subprocess.run(["pdftotext", "-raw", "-f", str(n), "-l", str(n), str(path), "-"],
                           capture_output=True, check=True).stdout.decode("utf-8")
            for n in range(1, count + 1)]


def squeezed(text: str) -> str:
    return "".join(text.split())


def test_the_report_prints_every_finding_time_retry_and_error(resources: Path,
                                                               tmp_path: Path) -> None:
    text = pages(render_trainee_report(REPORT, resources), tmp_path)
    whole = " ".join(" ".join(page.split()) for page in text)
    for expected in ("BÁO CÁO KẾT QUẢ HỌC VIÊN", "HK01-20261125-0007", "hocvien.lan",
                     "CHƯA ĐẠT — 1 lỗi", "Thẻ bị hư hỏng không sử dụng được", "Sai",
                     "Hệ quả của lỗi khác", "Luật Căn cước 2023 Điều 24 khoản 2 điểm a",
                     "5 phút 12 giây", "Bốn ngón tay trái 3 1 3", "máy in hết giấy",
                     "Máy in hết giấy", "6 phút 47 giây", "GIẢNG VIÊN"):
        assert expected in whole, expected
    for page in text:  # training, on every page
        assert squeezed(WATERMARK) in squeezed(page)
    assert "ĐÀO TẠO — KHÔNG DÙNG CHO HỒ SƠ THẬT" in text[0]


def test_a_report_played_on_another_day_says_its_figures_were_worked_out_again(
        resources: Path, tmp_path: Path) -> None:
    later = replace(REPORT, played_on=date(2027, 3, 2))
    whole = " ".join(" ".join(p.split()) for p in pages(render_trainee_report(later, resources),
                                                         tmp_path))
    assert "Kịch bản viết cho ngày 25/11/2026; hồ sơ làm ngày 02/03/2027" in whole


@pytest.mark.parametrize("day", [date(2026, 11, 25), None])
def test_the_class_summary(day: date | None, resources: Path, tmp_path: Path) -> None:
    clean = replace(REPORT, case_code="HK01-20261125-0008", trainee="hocvien.binh",
                    findings=FINDINGS[1:2])
    text = pages(render_class_summary(summarise([REPORT, clean], day), resources), tmp_path)
    whole = " ".join(" ".join(page.split()) for page in text)
    for expected in ("TỔNG HỢP KẾT QUẢ LỚP ĐÀO TẠO", "hocvien.binh 1 1 0", "hocvien.lan 1 0 1",
                     "Thủ tục và lý do procedure 1", "HK01-20261125-0008"):
        assert expected in whole, expected
    assert ("Ngày 25 tháng 11 năm 2026" if day else "Tất cả các ngày") in whole
    for page in text:
        assert squeezed(WATERMARK) in squeezed(page)
