"""Acceptance of the trainee report (issue 11): every scenario played by the scripted perfect
trainee gives a clean report, its cued device faults really reaching the simulators and
handled; a scripted careless trainee gets exactly its mistakes reported, no more, no fewer.
The desk is the real one of trainer mode (composition root, simulators, NIST finger checks)."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from device_simulators.controls import fault_names
from kiosk.app import Context, build_context
from kiosk.config import load_settings
from kiosk.desk.player import PERFECT, Slip, Trainee, play
from kiosk.desk.scenario import Scenario, load_scenario, scenario_names
from kiosk.workflow.trainee_record import TraineeReport
from tests.conftest import RESOURCES

NINE = datetime(2026, 11, 25, 9, 0)  # every scenario's day
# Faults that end a capture or a print with an error the trainee sees; the others show in
# the image (a poor, wrong or incomplete capture) and are judged as a failed attempt.
ERROR_FAULTS = {"disconnected", "unplugged_mid_capture", "busy", "not_ready", "timeout",
                "finger_lifted", "out_of_paper", "corrupted_payload", "bad_signature",
                "stale_timestamp"}


@pytest.fixture(scope="module")
def trainer_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Context]:
    root = tmp_path_factory.mktemp("training")
    context = build_context(load_settings(root / "data", simulator=True),
                            print_directory=root / "prints", clock=lambda: NINE,
                            latency_s=0.0)
    yield context
    context.desk.shutdown()


def scenario(name: str) -> Scenario:
    return load_scenario(RESOURCES, name, fault_names())


def device_errors_match_the_cues(report: TraineeReport, plan: Scenario) -> None:
    """Each capture's device errors are the cued faults that end a capture, no others (a
    blocked request is the trainee's error, not the device's)."""
    cued = Counter(c.at for c in plan.faults for _ in c.attempts
                   if c.fault in ERROR_FAULTS and c.device != "printer")
    assert {t.at: t.device_errors for t in report.captures if t.device_errors} == cued


def played(context: Context, plan: Scenario, trainee: Trainee, out: Path,
           who: str = "hocvien") -> TraineeReport:
    context.desk.operator = who
    case = play(context.desk, plan, out, 0.0, simulators=context.trainer.simulators,
                trainee=trainee)
    return context.trainer.finish(case.code)


@pytest.mark.slow
@pytest.mark.parametrize("name", scenario_names(RESOURCES))
def test_the_perfect_trainee_gets_a_clean_report(trainer_desk: Context, name: str,
                                                 tmp_path: Path) -> None:
    plan = scenario(name)
    report = played(trainer_desk, plan, PERFECT, tmp_path)
    assert report.clean, [(f.key, f.expected, f.made) for f in report.mistakes]
    assert report.outcome == ("refused" if plan.expected.refused else "closed")
    assert (report.scenario, report.trainee, report.played_on) == (name, "hocvien", plan.on)
    # Every cue reached the simulated device, at the attempt the scenario names first.
    assert {(c.at, c.fault, c.attempts[0]) for c in plan.faults} <= {
        (f.at, f.fault, f.attempt) for f in report.faults}
    assert all(f.cued for f in report.faults)
    shown = {(e.at, e.kind) for e in report.errors}
    tries = {t.at: t for t in report.captures}
    for cue in plan.faults:
        if cue.fault in ERROR_FAULTS:  # shown as a device error, then tried again
            assert (cue.at, "device") in shown, cue
        else:  # a failed capture, then captured again (or accepted by a supervisor)
            assert tries[cue.at].attempts >= 2, cue
    assert not [e for e in report.errors if e.kind != "device"]
    device_errors_match_the_cues(report, plan)
    # The report is saved in the case database as it was judged.
    saved = trainer_desk.trainer.reports.get(report.case_code)
    assert saved is not None and saved.clean and saved.trainee == "hocvien"
    assert TraineeReport.from_json(saved.body) == report


CARELESS = [
    ("lost-card", ["wrong_reason:damaged"]),
    ("lost-card", ["wrong_delivery"]),
    ("fee-exemption-disabled", ["fee_not_exempted"]),
    ("ordinary-renewal", ["exempted_without_grounds:poor_household"]),
    ("missing-finger", ["missed_finger_exception"]),
    ("poor-prints-accepted", ["accepted_too_soon"]),
    ("holder-request", ["refused_when_not_due"]),
    ("name-change", ["skipped_adjustment"]),
    ("name-change", ["skipped_adjustment", "refused_when_not_due",
                     "wrong_reason:holder_request"]),
    ("agency-printed-error", ["accepted_too_soon", "wrong_reason:printed_error"]),
    ("guardian-for-adult", ["skipped_capacity"]),  # the guardian then goes unrecorded too
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "slips"), CARELESS,
                         ids=[f"{n}-{'+'.join(s)}" for n, s in CARELESS])
def test_the_careless_trainee_gets_exactly_its_mistakes(trainer_desk: Context, name: str,
                                                        slips: list[str],
                                                        tmp_path: Path) -> None:
    plan = scenario(name)
    trainee = Trainee(tuple(Slip.parse(text) for text in slips))
    report = played(trainer_desk, plan, trainee, tmp_path, who="hocvien2")
    assert sorted(f.key for f in report.mistakes) == sorted(
        slip.finding(plan) for slip in trainee.slips)
    assert not report.clean
    device_errors_match_the_cues(report, plan)
    assert trainer_desk.trainer.reports.get(report.case_code).mistakes == len(slips)


def test_a_mistake_the_scenario_does_not_allow_is_refused_before_playing(
        trainer_desk: Context, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="không cho phép lỗi mẫu fee_not_exempted"):
        played(trainer_desk, scenario("ordinary-renewal"),
               Trainee((Slip.parse("fee_not_exempted"),)), tmp_path)
    with pytest.raises(ValueError, match="không có lỗi mẫu"):
        Slip.parse("forgot_everything")


def test_time_per_step_comes_from_the_audit_trail(tmp_path: Path) -> None:
    ticks = itertools.count()
    context = build_context(load_settings(tmp_path / "data", simulator=True),
                            print_directory=tmp_path / "prints", latency_s=0.0,
                            clock=lambda: NINE + timedelta(seconds=3 * next(ticks)))
    try:
        report = played(context, scenario("damaged-card"), PERFECT, tmp_path / "out")
    finally:
        context.desk.shutdown()
    assert report.clean
    assert [t.step for t in report.steps] == [
        "identified", "procedure_decided", "representative_checked", "biometrics_captured",
        "receipt_signed", "fee_settled", "slip_issued"]
    assert all(t.seconds > 0 for t in report.steps)
    assert sum(t.seconds for t in report.steps) == report.seconds
    # The slip was printed on the second try, after the paper was loaded.
    assert [(e.at, e.code) for e in report.errors] == [("CC02", "DeviceNotReady")]
