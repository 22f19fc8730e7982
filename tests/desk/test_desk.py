import threading
from datetime import date
from pathlib import Path

import pytest

from device_simulators.behaviour import Fault
from kiosk.app import Context
from kiosk.desk.casefile import Position
from kiosk.devices.base import DeviceNotConnected, Slap
from kiosk.registry.base import CitizenNotFound, LookupQuery
from kiosk.workflow.case import Step
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.permissions import Permission
from kiosk.workflow.procedures import Reason
from kiosk.workflow.representation import Relationship
from tests.desk.steps import approved, capture_all, opened


def test_ordinary_renewal_end_to_end(context: Context, tmp_path: Path) -> None:
    desk = context.desk
    case = opened(desk)
    desk.decide(case, Reason.CCCD_CONVERSION)
    assert case.fee is not None and case.fee.value == 15_000
    desk.check_representative(case)
    capture_all(desk, case)
    assert case.missing_positions() == ()
    desk.finish_biometrics(case)
    receipt = Path(desk.print_receipt(case))
    desk.confirm_receipt_signed(case)
    desk.settle_fee(case)
    slip = Path(desk.issue_slip(case))
    desk.close(case)
    assert case.step is Step.CLOSED
    assert case.due is not None and case.due.value == date(2026, 12, 4)
    assert receipt.name == f"CC01-{case.code}.pdf" and receipt.read_bytes().startswith(b"%PDF")
    assert slip.name == f"CC02-{case.code}.pdf"
    assert desk.cases.document_codes(case.code) == ["CC01", "BL", "CC02"]
    steps = [target for _, _, target in desk.cases.transitions(case.code)]
    assert steps == ["identified", "procedure_decided", "representative_checked",
                     "biometrics_captured", "receipt_signed", "fee_settled", "slip_issued",
                     "closed"]
    assert desk.open_cases() == []


def test_unknown_citizen_says_what_to_do(context: Context) -> None:
    with pytest.raises(CitizenNotFound, match="DC01"):
        context.desk.find_citizen(LookupQuery.from_text("001096099999"))


def test_steps_cannot_be_skipped(context: Context) -> None:
    desk = context.desk
    case = opened(desk)
    with pytest.raises(RuleViolation):
        desk.capture_face(case, threading.Event())
    desk.decide(case, Reason.CCCD_CONVERSION)
    desk.check_representative(case)
    with pytest.raises(RuleViolation, match="Ảnh khuôn mặt"):
        desk.finish_biometrics(case)
    with pytest.raises(RuleViolation):
        desk.print_receipt(case)
    assert desk.cases.step_of(case.code) == "representative_checked"


def test_a_device_fault_loses_nothing_already_saved(context: Context) -> None:
    desk = context.desk
    case = opened(desk)
    desk.decide(case, Reason.CCCD_CONVERSION)
    desk.check_representative(case)
    desk.capture_face(case, threading.Event())
    context.simulator_controls["fingerprint"].inject(Fault.DISCONNECTED)
    with pytest.raises(DeviceNotConnected) as raised:
        desk.capture_slap(case, Slap.LEFT_FOUR, threading.Event())
    assert raised.value.message
    assert Position.FACE in case.best
    assert "face" in desk.cases.best_captures(case.code)


def test_child_needs_a_representative(context: Context) -> None:
    desk = context.desk
    case = opened(desk, "001216007788")  # 10 years old
    desk.decide(case, Reason.FIRST_ISSUE)
    with pytest.raises(RuleViolation, match="người đại diện"):
        desk.check_representative(case)
    desk.record_representative(case, full_name="Đỗ Văn Hùng", id_number="001085003344",
                               relationship="cha", evidence="Giấy khai sinh của con")
    desk.check_representative(case)
    assert case.step is Step.REPRESENTATIVE_CHECKED
    assert desk.resume(case.code).representative == "Đỗ Văn Hùng"


def test_another_representative_after_back_replaces_the_first(context: Context) -> None:
    desk = context.desk
    case = opened(desk, "001216007788")
    desk.decide(case, Reason.FIRST_ISSUE)
    desk.record_representative(case, full_name="Đỗ Văn Hùng", id_number="001085003344",
                               relationship="cha", evidence="Giấy khai sinh của con")
    father = desk.find_representative(case, "001084004321")
    desk.accept_representative(case, father, Relationship.FATHER, "")
    resumed = desk.resume(case.code)
    assert (resumed.representative, resumed.representative_id) == ("Đỗ Văn Tuấn",
                                                                   "001084004321")


def test_back_and_cancel_are_recorded(context: Context) -> None:
    desk = context.desk
    case = opened(desk)
    desk.decide(case, Reason.CCCD_CONVERSION)
    desk.check_representative(case)
    desk.go_back(case, Step.IDENTIFIED)
    desk.decide(case, Reason.HOLDER_REQUEST)
    assert case.fee is not None and case.fee.value == 25_000
    desk.cancel(case, approved(desk, Permission.CANCEL_CASE))
    events = [event for _, event, _ in desk.cases.transitions(case.code)]
    assert events.count("back") == 2 and events[-1] == "cancel"


def test_every_desk_action_lands_in_the_audit_trail(context: Context) -> None:
    import sqlalchemy as sa  # noqa: PLC0415

    desk = context.desk
    case = opened(desk)
    desk.decide(case, Reason.CCCD_CONVERSION)
    desk.check_representative(case)
    capture_all(desk, case)
    desk.finish_biometrics(case)
    desk.print_receipt(case)
    assert desk.audit is not None and desk.audit.verify().intact
    with desk.cases._engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT action, details FROM audit_log ORDER BY id"))
        trail = [(action, str(details)) for action, details in rows]
    actions = [a for a, _ in trail]
    case_actions = actions[actions.index("lookup"):]  # a training install first adds accounts
    assert case_actions[:4] == ["lookup", "case_opened", "step", "decision"]
    assert sum(a == "capture" for a, _ in trail) == 6 and trail[-1][0] == "print"
    text = " ".join(d for _, d in trail)
    assert "Nguyễn" not in text and "001096012345" not in text  # no personal data


def test_identify_opens_the_one_person_found_and_lists_several(context: Context) -> None:
    desk = context.desk
    case = desk.identify(LookupQuery.from_text("001096012345"))
    assert not isinstance(case, list)
    assert case.step is Step.IDENTIFIED and case.citizen.id_number == "001096012345"
    shared = LookupQuery(full_name="Nguyễn Văn An", date_of_birth=date(1990, 6, 12))
    people = desk.identify(shared)
    assert isinstance(people, list) and len(people) > 1
    assert [c.code for c in desk.open_cases()] == [case.code]  # listing opens nothing
    with pytest.raises(CitizenNotFound):
        desk.identify(LookupQuery.from_text("001096099999"))


def test_an_unknown_online_application_code_says_what_to_try(context: Context) -> None:
    from kiosk.registry.base import CitizenNotFound, LookupQuery  # noqa: PLC0415

    query = LookupQuery.from_text("G22.99-261125-000123")
    assert query.application_code == "G22.99-261125-000123"
    with pytest.raises(CitizenNotFound, match="Kiểm tra lại mã hồ sơ trực tuyến"):
        context.desk.find_citizens(query)
