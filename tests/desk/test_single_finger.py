"""The ten fingers one by one on a single-finger reader (the simulated one refuses slaps as a
U.are.U 4500 does): each judged as a slap's finger is, retried, accepted below the threshold
with a supervisor, declared missing, caught when given twice; either form completes the
plan; the records carry each finger at its own position."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from device_simulators.behaviour import Fault
from kiosk.app import Context, build_context
from kiosk.biometrics.ansi_nist import read_transaction
from kiosk.biometrics.iso19794 import decode_jp2, read_finger_record
from kiosk.config import load_settings
from kiosk.desk.casefile import FINGER_POSITIONS, FINGER_SEQUENCE, CaseFile, FingerForm, Position
from kiosk.desk.desk import CounterDesk
from kiosk.desk.records import Agencies, case_iso_records, case_transaction
from kiosk.devices.base import DeviceUnsupported, Finger, Slap
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.permissions import Permission
from tests.desk.conftest import FIXED_NOW
from tests.desk.steps import approved, ready_for_capture

MARK, LOW = Permission.MARK_BIOMETRIC_EXCEPTION, Permission.ACCEPT_LOW_QUALITY
AGENCIES = Agencies("HK-HK01", "C06")


@pytest.fixture
def single(tmp_path: Path) -> Iterator[Context]:
    """The desk with the simulated single-finger reader, chosen by name in kiosk.toml."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "kiosk.toml").write_text('[devices]\nfingerprint = "simulator-single"\n',
                                     encoding="utf-8")
    settings = load_settings(data, simulator=True)  # trainer mode keeps that reader
    built = build_context(settings, print_directory=tmp_path / "prints",
                          clock=lambda: FIXED_NOW, latency_s=0.0)
    yield built
    built.desk.shutdown()


def take(desk: CounterDesk, case: CaseFile, finger: Finger) -> bool:
    return desk.capture_finger(case, finger, threading.Event()).quality.acceptable


def test_the_reader_asks_for_ten_fingers_and_refuses_slaps(single: Context) -> None:
    desk = single.desk
    assert desk.devices.fingerprint.info().takes_slaps is False
    case = ready_for_capture(desk)
    assert case.finger_form is FingerForm.SINGLE
    fingers = [p for p in case.required_positions() if p.value.endswith(
        ("thumb", "index", "middle", "ring", "little"))]
    assert fingers == [FINGER_POSITIONS[f] for f in FINGER_SEQUENCE]
    assert case.fingers_to_take() == FINGER_SEQUENCE
    with pytest.raises(DeviceUnsupported, match="từng ngón"):
        desk.capture_slap(case, Slap.LEFT_FOUR, threading.Event())


def test_ten_good_fingers_complete_the_plan_with_their_nfiq2(single: Context) -> None:
    desk = single.desk
    case = ready_for_capture(desk)
    cancel = threading.Event()
    desk.capture_face(case, cancel)
    desk.capture_irises(case, cancel)
    for finger in FINGER_SEQUENCE:
        result = desk.capture_finger(case, finger, cancel)
        assert result.position is FINGER_POSITIONS[finger]
        assert result.quality.acceptable, (finger, result.quality)
        assert 30 <= result.quality.score <= 80  # NFIQ 2, not the whole image's 100
    assert case.fingers_to_take() == () and case.missing_positions() == ()
    desk.finish_biometrics(case)
    resumed = desk.resume(case.code)
    assert resumed.finger_form is FingerForm.SINGLE
    assert {p for p in resumed.best if p in FINGER_POSITIONS.values()} == \
        set(FINGER_POSITIONS.values())


def test_a_poor_finger_is_asked_again_and_accepted_after_three_tries(single: Context) -> None:
    desk = single.desk
    case = ready_for_capture(desk)
    position = FINGER_POSITIONS[Finger.RIGHT_INDEX]
    for attempt in range(1, 4):
        single.simulator_controls["fingerprint"].inject(Fault.LOW_QUALITY)
        result = desk.capture_finger(case, Finger.RIGHT_INDEX, threading.Event())
        assert not result.quality.acceptable
        assert any("ngón trỏ phải" in problem for problem in result.quality.problems), \
            result.quality.problems  # the advice names the finger
        assert Finger.RIGHT_INDEX in case.fingers_to_take()  # asked again
        if attempt == 2:
            with pytest.raises(RuleViolation, match="mới thu nhận 2 lần"):
                desk.accept_low_quality(case, position, approved(desk, LOW))
    accepted = desk.accept_low_quality(case, position, approved(desk, LOW))
    assert accepted.accepted_by == "truongca" and accepted.passed
    assert Finger.RIGHT_INDEX not in case.fingers_to_take()
    resumed = desk.resume(case.code)
    assert resumed.best[position].accepted_by == "truongca"
    assert Finger.RIGHT_INDEX not in resumed.fingers_to_take()


def test_the_face_is_never_accepted_below_the_threshold_a_finger_is(single: Context) -> None:
    policy = single.desk.low_quality
    assert set(FINGER_POSITIONS.values()) <= policy.positions
    assert Position.FACE not in policy.positions


def test_a_finger_declared_missing_is_not_asked_nor_scanned(single: Context) -> None:
    desk = single.desk
    case = ready_for_capture(desk)
    desk.declare_missing_finger(case, Finger.LEFT_RING, "amputated", approved(desk, MARK))
    assert Finger.LEFT_RING not in case.fingers_to_take()
    assert FINGER_POSITIONS[Finger.LEFT_RING] not in case.required_positions()
    with pytest.raises(RuleViolation, match="rút lại khai báo"):
        desk.capture_finger(case, Finger.LEFT_RING, threading.Event())
    assert desk.resume(case.code).missing_fingers == {Finger.LEFT_RING: "amputated"}
    desk.declare_missing_finger(case, Finger.LEFT_RING, None, approved(desk, MARK))
    assert Finger.LEFT_RING in case.fingers_to_take()  # withdrawn: asked again


def test_a_finger_given_twice_is_caught(single: Context) -> None:
    desk = single.desk
    case = ready_for_capture(desk)
    assert take(desk, case, Finger.RIGHT_INDEX)
    single.simulator_controls["fingerprint"].inject(Fault.WRONG_HAND)  # right index again
    result = desk.capture_finger(case, Finger.LEFT_INDEX, threading.Event())
    assert not result.quality.acceptable
    assert any("cùng một ngón" in p for p in result.quality.problems), result.quality.problems
    assert take(desk, case, Finger.LEFT_INDEX)  # the right finger this time


def test_either_form_completes_the_plan(context: Context) -> None:
    """Slaps of both hands, then the thumbs one by one (a reader swapped mid-case, or a
    retake): the thumb slap is not needed any more."""
    desk = context.desk
    case = ready_for_capture(desk)
    assert case.finger_form is FingerForm.SLAPS
    cancel = threading.Event()
    desk.capture_slap(case, Slap.LEFT_FOUR, cancel)
    desk.capture_slap(case, Slap.RIGHT_FOUR, cancel)
    assert Position.THUMBS in case.missing_positions()
    assert case.fingers_to_take() == (Finger.RIGHT_THUMB, Finger.LEFT_THUMB)
    assert take(desk, case, Finger.RIGHT_THUMB)
    assert Position.THUMBS in case.missing_positions()  # one thumb still to take
    assert take(desk, case, Finger.LEFT_THUMB)
    assert Position.THUMBS not in case.missing_positions()
    assert case.fingers_to_take() == ()
    assert FINGER_POSITIONS[Finger.LEFT_INDEX] not in case.missing_positions(), \
        "nor, asked finger by finger, a finger its slap holds"


def test_cc01_shows_each_finger_taken_alone(single: Context) -> None:
    desk = single.desk
    case = ready_for_capture(desk)
    desk.declare_missing_finger(case, Finger.LEFT_LITTLE, "bandaged", approved(desk, MARK))
    for finger in FINGER_SEQUENCE[:-1]:
        assert take(desk, case, finger)
    right, left = desk.paperwork.receipt_form(case).fingers
    assert all(cell.startswith("Đạt") for cell in (*right, *left[:4])), (right, left)
    assert left[4] == "Băng bó"


def closed_single_case(single: Context) -> CaseFile:
    """Every finger alone but the left ring (amputated), one thumb after a poor try."""
    desk = single.desk
    case = ready_for_capture(desk)
    cancel = threading.Event()
    desk.declare_missing_finger(case, Finger.LEFT_RING, "amputated", approved(desk, MARK))
    desk.capture_face(case, cancel)
    desk.capture_irises(case, cancel)
    single.simulator_controls["fingerprint"].inject(Fault.LOW_QUALITY)
    assert not take(desk, case, Finger.RIGHT_THUMB)
    for finger in case.fingers_to_take():
        assert take(desk, case, finger)
    desk.finish_biometrics(case)
    desk.print_receipt(case)
    desk.confirm_receipt_signed(case)
    desk.settle_fee(case)
    desk.issue_slip(case)
    desk.close(case)
    return case


def test_records_carry_each_finger_as_a_plain_impression(single: Context) -> None:
    desk = single.desk
    case = closed_single_case(single)
    stored = desk.cases.load(case.code)
    data = case_transaction(stored, AGENCIES, datetime(2026, 11, 25, 10))
    fingers = [r for r in read_transaction(data).images if r.record_type == 14]
    taken = [f for f in FINGER_SEQUENCE if f is not Finger.LEFT_RING]
    assert [r.fields[13] for r in fingers] == [finger.value for finger in taken]  # FGP
    assert {r.fields[3] for r in fingers} == {"0"}  # plain live-scan impressions
    assert fingers[0].fields[18] == [["9", "XX"]]  # the amputated finger, once
    assert all(18 not in r.fields for r in fingers[1:])
    iso = read_finger_record(case_iso_records(stored)["fingers.iso19794-4"])
    assert [r.position for r in iso] == [int(f) for f in taken]
    thumb = next(r for r in iso if r.position == 1)
    # The thumb the case kept (the good try, not the smudged first one), pixel for pixel.
    kept_thumb = case.best[FINGER_POSITIONS[Finger.RIGHT_THUMB]]
    assert kept_thumb.attempt == 2 and kept_thumb.quality.acceptable
    assert (decode_jp2(thumb.jp2) == kept_thumb.image).all()
