"""Reprints say so ("BẢN IN LẠI"), keep the original's dates, and are logged as reprints."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from kiosk.app import Context
from kiosk.workflow.errors import RuleViolation
from tests.desk.steps import capture_all, ready_for_capture


def text_of(path: str) -> str:
    done = subprocess.run(["pdftotext", path, "-"], capture_output=True, check=True)
    return re.sub(r"\s+", " ", done.stdout.decode("utf-8"))


def test_reprinted_receipt_and_slip_are_marked_and_logged(context: Context) -> None:
    desk = context.desk
    case = ready_for_capture(desk)
    capture_all(desk, case)
    desk.finish_biometrics(case)
    first = text_of(desk.print_receipt(case))
    again = text_of(desk.print_receipt(case))
    assert "BẢN IN LẠI" not in first and "BẢN IN LẠI" in again
    desk.confirm_receipt_signed(case)
    desk.settle_fee(case)
    with pytest.raises(RuleViolation, match="Chưa in giấy hẹn"):
        desk.reprint_slip(case)
    slip = text_of(desk.issue_slip(case))
    reprinted = text_of(desk.reprint_slip(case))
    assert "BẢN IN LẠI" in reprinted and "BẢN IN LẠI" not in slip
    assert "ngày 04 tháng 12 năm 2026" in reprinted  # the same return date
    assert desk.cases.print_log(case.code) == [("CC01", False), ("CC01", True), ("BL", False),
                                               ("CC02", False), ("CC02", True)]
    assert Path(desk.reprint_slip(case)).exists()
