"""Fingers the citizen cannot give: declared with a reason, the slap expects the rest, a
resumed case remembers them, and the ANSI/NIST record carries them (14.018 AMP)."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest

from kiosk.app import Context
from kiosk.biometrics.ansi_nist import read_transaction
from kiosk.desk.casefile import Position
from kiosk.desk.records import Agencies, case_transaction
from kiosk.devices.base import Finger, Slap
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.permissions import Permission
from tests.desk.steps import approved, capture_all, ready_for_capture

MARK = Permission.MARK_BIOMETRIC_EXCEPTION


def test_a_slap_with_a_finger_declared_missing_is_judged_on_the_rest(context: Context) -> None:
    desk = context.desk
    case = ready_for_capture(desk)
    desk.declare_missing_finger(case, Finger.LEFT_RING, "amputated", approved(desk, MARK))
    result = desk.capture_slap(case, Slap.LEFT_FOUR, threading.Event())
    assert result.quality.acceptable, result.quality.problems
    assert desk.resume(case.code).missing_fingers == {Finger.LEFT_RING: "amputated"}


def test_both_thumbs_missing_means_no_thumb_slap_is_required(context: Context) -> None:
    desk = context.desk
    case = ready_for_capture(desk)
    assert Position.THUMBS in case.required_positions()
    desk.declare_missing_finger(case, Finger.LEFT_THUMB, "bandaged", approved(desk, MARK))
    desk.declare_missing_finger(case, Finger.RIGHT_THUMB, "unable_to_print", approved(desk, MARK))
    assert Position.THUMBS not in case.required_positions()
    # the clerk corrects it
    desk.declare_missing_finger(case, Finger.RIGHT_THUMB, None, approved(desk, MARK))
    assert Position.THUMBS in case.required_positions()
    assert desk.resume(case.code).missing_fingers == {Finger.LEFT_THUMB: "bandaged"}


def test_an_unknown_reason_is_refused(context: Context) -> None:
    case = ready_for_capture(context.desk)
    with pytest.raises(RuleViolation, match="không hợp lệ"):
        context.desk.declare_missing_finger(case, Finger.LEFT_INDEX, "lazy",
                                           approved(context.desk, MARK))


def test_the_transaction_records_the_missing_finger(context: Context) -> None:
    desk = context.desk
    case = ready_for_capture(desk)
    desk.declare_missing_finger(case, Finger.RIGHT_INDEX, "amputated", approved(desk, MARK))
    capture_all(desk, case)
    desk.finish_biometrics(case)
    desk.print_receipt(case)
    desk.confirm_receipt_signed(case)
    desk.settle_fee(case)
    desk.issue_slip(case)
    desk.close(case)
    data = case_transaction(desk.cases.load(case.code), Agencies("HK-HK01", "C06"),
                            datetime(2026, 11, 25, 10))
    right_four = next(r for r in read_transaction(data).images
                      if r.record_type == 14 and r.fields[13] == "13")
    assert right_four.fields[18] == [["2", "XX"]]
    assert {items[0] for items in right_four.fields[21]} == {"3", "4", "5"}
