"""The case as a state machine: steps and transitions in one table of data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from kiosk.workflow.errors import RuleViolation


class Step(StrEnum):
    INTAKE = "intake"
    IDENTIFIED = "identified"
    PROCEDURE_DECIDED = "procedure_decided"
    REPRESENTATIVE_CHECKED = "representative_checked"
    BIOMETRICS_CAPTURED = "biometrics_captured"
    RECEIPT_SIGNED = "receipt_signed"
    FEE_SETTLED = "fee_settled"
    SLIP_ISSUED = "slip_issued"
    CLOSED = "closed"
    REFUSED = "refused"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return STEP_LABELS[self]

    @property
    def is_final(self) -> bool:
        return self in FINAL_STEPS


STEP_LABELS: dict[Step, str] = {
    Step.INTAKE: "Tiếp nhận",
    Step.IDENTIFIED: "Đã tra cứu công dân",
    Step.PROCEDURE_DECIDED: "Đã xác định thủ tục",
    Step.REPRESENTATIVE_CHECKED: "Đã kiểm tra người đại diện",
    Step.BIOMETRICS_CAPTURED: "Đã thu nhận sinh trắc học",
    Step.RECEIPT_SIGNED: "Đã ký phiếu thu nhận (CC01)",
    Step.FEE_SETTLED: "Đã thu/miễn lệ phí",
    Step.SLIP_ISSUED: "Đã cấp giấy hẹn (CC02)",
    Step.CLOSED: "Đã kết thúc",
    Step.REFUSED: "Đã từ chối (CC03)",
    Step.CANCELLED: "Đã hủy",
}

FINAL_STEPS = frozenset({Step.CLOSED, Step.REFUSED, Step.CANCELLED})


class Event(StrEnum):
    IDENTIFY = "identify"
    DECIDE = "decide"
    CHECK_REPRESENTATIVE = "check_representative"
    CAPTURE_BIOMETRICS = "capture_biometrics"
    SIGN_RECEIPT = "sign_receipt"
    SETTLE_FEE = "settle_fee"
    ISSUE_SLIP = "issue_slip"
    CLOSE = "close"
    REFUSE = "refuse"
    CANCEL = "cancel"
    BACK = "back"


@dataclass(frozen=True)
class CaseFacts:
    """What the validators may look at: plain facts the desk reads off the case."""

    representative_required: bool = False
    representative_recorded: bool = False
    missing_captures: tuple[str, ...] = ()  # labels of positions still without a good capture
    printed: frozenset[str] = frozenset()


Validator = Callable[[CaseFacts], None]


def representative_present(facts: CaseFacts) -> None:
    if facts.representative_required and not facts.representative_recorded:
        raise RuleViolation(
            "representative.required",
            "Công dân dưới 14 tuổi hoặc mất năng lực hành vi dân sự: người đại diện hợp pháp "
            "phải làm thủ tục; ghi thông tin và giấy tờ chứng minh người đại diện trước.",
            "Luật Căn cước 2023 Điều 23 khoản 2, khoản 3")


def captures_complete(facts: CaseFacts) -> None:
    if facts.missing_captures:
        raise RuleViolation(
            "capture.incomplete",
            "Chưa thu nhận đạt yêu cầu: " + ", ".join(facts.missing_captures) + ".",
            "Luật Căn cước 2023 Điều 23 khoản 1 điểm b")


def receipt_printed(facts: CaseFacts) -> None:
    if "CC01" not in facts.printed:
        raise RuleViolation("receipt.not_printed",
                            "In phiếu thu nhận (CC01) để công dân kiểm tra và ký trước.",
                            "Luật Căn cước 2023 Điều 23 khoản 1 điểm c")


@dataclass(frozen=True)
class Transition:
    source: Step
    event: Event
    target: Step
    validator: Validator | None = None


T = Transition
_FORWARD = (
    T(Step.INTAKE, Event.IDENTIFY, Step.IDENTIFIED),
    T(Step.IDENTIFIED, Event.DECIDE, Step.PROCEDURE_DECIDED),
    T(Step.PROCEDURE_DECIDED, Event.CHECK_REPRESENTATIVE, Step.REPRESENTATIVE_CHECKED,
      representative_present),
    T(Step.REPRESENTATIVE_CHECKED, Event.CAPTURE_BIOMETRICS, Step.BIOMETRICS_CAPTURED,
      captures_complete),
    T(Step.BIOMETRICS_CAPTURED, Event.SIGN_RECEIPT, Step.RECEIPT_SIGNED, receipt_printed),
    T(Step.RECEIPT_SIGNED, Event.SETTLE_FEE, Step.FEE_SETTLED),
    T(Step.FEE_SETTLED, Event.ISSUE_SLIP, Step.SLIP_ISSUED),
    T(Step.SLIP_ISSUED, Event.CLOSE, Step.CLOSED),
)
# Back is explicit and only reaches steps whose work can be redone without paper already
# handed to the citizen: nothing goes back past a signed receipt.
_BACK = (
    T(Step.PROCEDURE_DECIDED, Event.BACK, Step.IDENTIFIED),
    T(Step.REPRESENTATIVE_CHECKED, Event.BACK, Step.PROCEDURE_DECIDED),
    T(Step.BIOMETRICS_CAPTURED, Event.BACK, Step.REPRESENTATIVE_CHECKED),
)
_REFUSABLE = (Step.IDENTIFIED, Step.PROCEDURE_DECIDED, Step.REPRESENTATIVE_CHECKED)
_CANCELLABLE = tuple(s for s in Step if not s.is_final and s is not Step.SLIP_ISSUED)

TRANSITIONS: tuple[Transition, ...] = (
    *_FORWARD,
    *_BACK,
    *(T(s, Event.REFUSE, Step.REFUSED) for s in _REFUSABLE),
    *(T(s, Event.CANCEL, Step.CANCELLED) for s in _CANCELLABLE),
)

_BY_KEY = {(t.source, t.event): t for t in TRANSITIONS}


def allows(current: Step, event: Event) -> bool:
    """Whether the table has ``event`` from ``current`` (to enable or disable a button)."""
    return (current, event) in _BY_KEY


def next_step(current: Step, event: Event, facts: CaseFacts | None = None) -> Step:
    """The step ``event`` leads to from ``current``, or a reason the clerk can read."""
    transition = _BY_KEY.get((current, event))
    if transition is None:
        raise RuleViolation(
            "case.transition_not_allowed",
            f"Không thể thực hiện thao tác này khi hồ sơ đang ở bước «{current.label}».",
        )
    if transition.validator is not None:
        transition.validator(facts or CaseFacts())
    return transition.target
