"""Reprints say so ("BẢN IN LẠI"), keep the original's dates, and are logged as reprints."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from kiosk.app import Context
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.permissions import Permission
from tests.desk.steps import approved, capture_all, ready_for_capture


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
        desk.reprint_slip(case, approved(desk, Permission.REPRINT))
    slip = text_of(desk.issue_slip(case))
    reprinted = text_of(desk.reprint_slip(case, approved(desk, Permission.REPRINT)))
    assert "BẢN IN LẠI" in reprinted and "BẢN IN LẠI" not in slip
    assert "ngày 04 tháng 12 năm 2026" in reprinted  # the same return date
    assert desk.cases.print_log(case.code) == [("CC01", False), ("CC01", True), ("BL", False),
                                               ("CC02", False), ("CC02", True)]
    assert Path(desk.reprint_slip(case, approved(desk, Permission.REPRINT))).exists()


def test_an_admin_may_not_reprint(context: Context) -> None:
    """REPRINT belongs to the counter's roles; the admin who manages accounts does not print
    citizens' papers, and the desk refuses before printing anything."""
    from kiosk.workflow.permissions import Actor, Authorization, Role  # noqa: PLC0415

    desk = context.desk
    case = ready_for_capture(desk)
    capture_all(desk, case)
    desk.finish_biometrics(case)
    desk.print_receipt(case)
    desk.confirm_receipt_signed(case)
    desk.settle_fee(case)
    desk.issue_slip(case)
    with pytest.raises(RuleViolation, match="không được phép"):
        desk.reprint_slip(case, Authorization(Permission.REPRINT, Actor("quantri", Role.ADMIN)))
    assert desk.cases.print_log(case.code)[-1] == ("CC02", False)
