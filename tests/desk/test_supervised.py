"""A capture below the quality threshold kept all the same, with the permission's conditions
(resources/security/permissions.toml): only after the attempts, never for the face, recorded
with who authorized it, kept on resume and on CC01; a later acceptable attempt still wins."""

from __future__ import annotations

import json
import threading
from datetime import datetime

import pytest
import sqlalchemy as sa

from device_simulators.behaviour import Fault
from kiosk.app import Context
from kiosk.desk.casefile import CaseFile, Position
from kiosk.desk.desk import CounterDesk
from kiosk.desk.kept import accepted_low_quality, declared_missing, kept_attempts
from kiosk.devices.base import Finger, Slap
from kiosk.storage.cases import StoredCapture
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.permissions import Permission
from tests.desk.steps import approved, ready_for_capture

LOW = Permission.ACCEPT_LOW_QUALITY

AT = datetime(2026, 11, 25, 9, 0)


def poor_left_slaps(context: Context, case: CaseFile, times: int) -> None:
    for _attempt in range(times):
        context.simulator_controls["fingerprint"].inject(Fault.LOW_QUALITY)
        result = context.desk.capture_slap(case, Slap.LEFT_FOUR, threading.Event())
        assert not result.quality.acceptable, result.quality


def audit_rows(desk: CounterDesk, action: str, code: str) -> list[tuple[str, str | None, dict]]:
    with desk.cases._engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT actor, approver, details FROM audit_log WHERE action = :action "
            "AND case_code = :code ORDER BY id"), {"action": action, "code": code}).all()
    return [(actor, approver, json.loads(details) if isinstance(details, str) else details)
            for actor, approver, details in rows]


def test_the_conditions_are_data_beside_the_permission(context: Context) -> None:
    policy = context.desk.low_quality
    assert policy.after_attempts == 3  # MOSIP's num_of_fingerprint_retries / iris_retries
    assert Position.FACE not in policy.positions
    assert {Position.LEFT_FOUR, Position.THUMBS, Position.IRIS_RIGHT} <= policy.positions


def test_accepted_only_after_three_poor_attempts_and_kept_on_resume(context: Context) -> None:
    desk = context.desk
    case = ready_for_capture(desk)
    poor_left_slaps(context, case, 2)
    with pytest.raises(RuleViolation, match="mới thu nhận 2 lần"):
        desk.accept_low_quality(case, Position.LEFT_FOUR, approved(desk, LOW))
    poor_left_slaps(context, case, 1)
    assert case.may_accept_low_quality(Position.LEFT_FOUR, desk.low_quality)
    kept = case.best[Position.LEFT_FOUR]
    accepted = desk.accept_low_quality(case, Position.LEFT_FOUR, approved(desk, LOW))
    assert (accepted.attempt, accepted.accepted_by) == (kept.attempt, "truongca")
    assert not accepted.quality.acceptable and accepted.passed
    assert Position.LEFT_FOUR not in case.missing_positions()
    assert not case.may_accept_low_quality(Position.LEFT_FOUR, desk.low_quality)  # done

    resumed = desk.resume(case.code)
    assert resumed.attempts[Position.LEFT_FOUR] == 3
    assert resumed.best[Position.LEFT_FOUR].attempt == kept.attempt
    assert resumed.best[Position.LEFT_FOUR].accepted_by == "truongca"
    assert Position.LEFT_FOUR not in resumed.missing_positions()
    [(actor, approver, details)] = audit_rows(desk, "low_quality_accepted", case.code)
    assert (actor, approver) == (desk.operator, "truongca")  # both people
    assert details == {"position": "left_four", "attempt": kept.attempt,
                       "quality": kept.quality.score}


def test_a_poorer_try_afterwards_keeps_the_accepted_one_a_good_one_replaces_it(
        context: Context) -> None:
    desk = context.desk
    case = ready_for_capture(desk)
    poor_left_slaps(context, case, 3)
    accepted = desk.accept_low_quality(case, Position.LEFT_FOUR, approved(desk, LOW))
    poor_left_slaps(context, case, 2)  # refused ones never displace the accepted attempt
    assert case.best[Position.LEFT_FOUR].attempt == accepted.attempt
    assert desk.resume(case.code).best[Position.LEFT_FOUR].attempt == accepted.attempt

    good = desk.capture_slap(case, Slap.LEFT_FOUR, threading.Event())
    assert good.quality.acceptable
    assert case.best[Position.LEFT_FOUR] is good and good.accepted_by is None
    resumed = desk.resume(case.code).best[Position.LEFT_FOUR]
    assert (resumed.attempt, resumed.accepted_by) == (good.attempt, None)


def test_never_for_the_face_nor_for_what_passed(context: Context) -> None:
    desk = context.desk
    case = ready_for_capture(desk)
    with pytest.raises(RuleViolation, match="không được chấp nhận ảnh dưới ngưỡng"):
        desk.accept_low_quality(case, Position.FACE, approved(desk, LOW))
    with pytest.raises(RuleViolation, match="chưa có lần thu nhận"):
        desk.accept_low_quality(case, Position.THUMBS, approved(desk, LOW))
    assert desk.capture_slap(case, Slap.THUMBS, threading.Event()).quality.acceptable
    with pytest.raises(RuleViolation, match="đã đạt"):
        desk.accept_low_quality(case, Position.THUMBS, approved(desk, LOW))
    assert desk.cases.load(case.code).captures[-1].position == "thumbs"  # nothing saved


def test_cc01_shows_the_accepted_fingers(context: Context) -> None:
    desk = context.desk
    case = ready_for_capture(desk)
    poor_left_slaps(context, case, 3)
    desk.accept_low_quality(case, Position.LEFT_FOUR, approved(desk, LOW))
    cancel = threading.Event()
    desk.capture_face(case, cancel)
    desk.capture_slap(case, Slap.RIGHT_FOUR, cancel)
    desk.capture_slap(case, Slap.THUMBS, cancel)
    desk.capture_irises(case, cancel)
    desk.finish_biometrics(case)  # the accepted slap completes the capture step
    right, left = desk.paperwork.receipt_form(desk.resume(case.code)).fingers
    assert left[1:] == ("Chấp nhận (chất lượng thấp)",) * 4  # left index to little
    assert left[0].startswith("Đạt") and all(cell.startswith("Đạt") for cell in right)


def stored(position: str, attempt: int, quality: int, acceptable: bool,
           reason: str | None = None) -> StoredCapture:
    return StoredCapture(position, attempt, b"", quality, acceptable, (), "simulator", "", "",
                         AT, reason)


def test_the_replay_ranks_an_accepted_attempt_between_refused_and_acceptable() -> None:
    rows = [stored("thumbs", 1, 20, False), stored("thumbs", 2, 30, False),
            stored("finger_6", 1, 0, True, "bandaged"),
            stored("low_quality_thumbs", 1, 20, True, "accepted_low_quality:1:truong.ca:2"),
            stored("thumbs", 3, 35, False)]
    assert accepted_low_quality(rows) == {"thumbs": (1, "truong.ca:2")}
    assert kept_attempts(rows)["thumbs"].attempt == 1  # accepted beats the higher refused
    assert declared_missing(rows) == {Finger.LEFT_THUMB.value: "bandaged"}  # not the acceptance
    assert kept_attempts([*rows, stored("thumbs", 4, 10, True)])["thumbs"].attempt == 4
