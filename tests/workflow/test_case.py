import pytest

from kiosk.workflow.case import (
    FINAL_STEPS,
    TRANSITIONS,
    CaseFacts,
    Event,
    Step,
    allows,
    next_step,
)
from kiosk.workflow.errors import RuleViolation


def test_every_step_is_reachable_from_intake() -> None:
    reached, frontier = {Step.INTAKE}, [Step.INTAKE]
    while frontier:
        step = frontier.pop()
        for t in TRANSITIONS:
            if t.source is step and t.target not in reached:
                reached.add(t.target)
                frontier.append(t.target)
    assert reached == set(Step)


def test_final_steps_have_no_way_out() -> None:
    assert not [t for t in TRANSITIONS if t.source in FINAL_STEPS]


def test_the_ordinary_path_reaches_closed() -> None:
    step = Step.INTAKE
    for event in (Event.IDENTIFY, Event.DECIDE, Event.CHECK_REPRESENTATIVE,
                  Event.CAPTURE_BIOMETRICS, Event.SIGN_RECEIPT, Event.SETTLE_FEE,
                  Event.ISSUE_SLIP, Event.CLOSE):
        step = next_step(step, event, CaseFacts(printed=frozenset({"CC01"})))
    assert step is Step.CLOSED


def test_validators_give_the_clerk_a_reason() -> None:
    with pytest.raises(RuleViolation, match="Mống mắt trái") as raised:
        next_step(Step.REPRESENTATIVE_CHECKED, Event.CAPTURE_BIOMETRICS,
                  CaseFacts(missing_captures=("Mống mắt trái",)))
    assert raised.value.code == "capture.incomplete" and raised.value.basis
    with pytest.raises(RuleViolation, match="người đại diện"):
        next_step(Step.PROCEDURE_DECIDED, Event.CHECK_REPRESENTATIVE,
                  CaseFacts(representative_required=True))
    assert next_step(Step.PROCEDURE_DECIDED, Event.CHECK_REPRESENTATIVE,
                     CaseFacts(representative_required=True, representative_recorded=True)) \
        is Step.REPRESENTATIVE_CHECKED
    with pytest.raises(RuleViolation, match="CC01"):
        next_step(Step.BIOMETRICS_CAPTURED, Event.SIGN_RECEIPT, CaseFacts())


def test_no_going_back_past_a_signed_receipt() -> None:
    with pytest.raises(RuleViolation) as raised:
        next_step(Step.RECEIPT_SIGNED, Event.BACK)
    assert "Đã ký phiếu thu nhận" in raised.value.message


def test_allows_mirrors_the_table() -> None:
    assert allows(Step.IDENTIFIED, Event.CANCEL)
    assert not allows(Step.SLIP_ISSUED, Event.CANCEL)  # the citizen already holds the slip


def test_transitions_are_unique_per_step_and_event() -> None:
    keys = [(t.source, t.event) for t in TRANSITIONS]
    assert len(keys) == len(set(keys))
