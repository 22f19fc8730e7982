"""The trainer panel's API, driven the way the window will drive it: the trainee opens the
scenario's citizen, the trainer starts the lesson on that case, the window calls the lesson
before each capture and print and with each error shown, the trainer injects a fault live
and follows the progress; at the end the report is judged and saved."""

from __future__ import annotations

import threading

import pytest

from kiosk.app import Context
from kiosk.devices.base import DeviceNotConnected, Slap
from kiosk.workflow.procedures import Reason
from tests.desk.steps import opened


def test_a_lesson_on_the_trainees_case(context: Context) -> None:
    trainer, desk = context.trainer, context.desk
    assert {s.name for s in trainer.scenarios()} >= {"turning-25", "lost-card"}
    desk.operator = "hocvien"
    case = opened(desk, "001201008642")  # the trainee looks the citizen up
    lesson = trainer.start("turning-25", case)
    desk.decide(case, Reason.MILESTONE)
    desk.print_request_form(case)
    desk.check_representative(case)

    trainer.inject("fingerprint", "disconnected", case.code)  # live, by the trainer
    assert trainer.progress(case.code).pending == {
        "face": (), "fingerprint": ("disconnected",), "iris": (), "printer": ()}
    cancel = threading.Event()
    with pytest.raises(DeviceNotConnected) as raised:
        desk.capture_slap(case, Slap.RIGHT_FOUR, cancel)
    lesson.shown(raised.value, "right_four")  # the window showed it
    trainer.simulators.reconnect("fingerprint")  # the trainer plugs the cable back

    lesson.before_capture(case, "left_four")  # the scenario's cue: a poor slap
    poor = desk.capture_slap(case, Slap.LEFT_FOUR, cancel)
    assert not poor.quality.acceptable

    progress = trainer.progress(case.code)
    assert (progress.scenario, progress.step, progress.finished) == (
        "turning-25", "representative_checked", False)
    assert [(f.at, f.fault, f.cued) for f in progress.faults] == [
        ("live", "disconnected", False), ("left_four", "low_quality", True)]
    assert [(e.at, e.code) for e in progress.errors] == [("right_four", "DeviceNotConnected")]
    assert {t.at: (t.attempts, t.device_errors, t.retries) for t in progress.captures} == {
        "left_four": (1, 0, 0), "right_four": (0, 1, 1)}
    assert progress.pending["fingerprint"] == ()


def test_a_lesson_needs_the_scenarios_citizen(context: Context) -> None:
    case = opened(context.desk)  # Nguyễn Văn Bình, not the turning-25 citizen
    with pytest.raises(ValueError, match="không phải của công dân trong kịch bản"):
        context.trainer.start("turning-25", case)


def test_no_report_for_a_case_played_under_no_scenario(context: Context) -> None:
    from kiosk.desk.trainee_report import NotJudged  # noqa: PLC0415

    case = opened(context.desk)
    with pytest.raises(NotJudged, match="không được thực hiện theo kịch bản"):
        context.trainer.finish(case.code)
    context.trainer.start("ordinary-renewal", case)
    with pytest.raises(NotJudged, match="chưa kết thúc"):
        context.trainer.finish(case.code)
