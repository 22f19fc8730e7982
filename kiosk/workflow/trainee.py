"""Judging a trainee: each decision a training scenario expects against the one made.

Pure comparison of codes; the desk reads what was made off the case and its audit trail, and
passes the labels and legal bases to print (kiosk/desk/trainee_report.py). A difference in a
decision the clerk makes is a mistake; a difference in what the rules then work out from it
(the fee's amount, the return date) is a consequence of that mistake, not a second one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

REFUSE = "refuse"  # the procedure code of a written refusal (CC03)


class Verdict(StrEnum):
    OK = "ok"
    MISTAKE = "mistake"
    CONSEQUENCE = "consequence"  # follows from a mistake found elsewhere in the report

    @property
    def label(self) -> str:
        return {Verdict.OK: "Đúng", Verdict.MISTAKE: "Sai",
                Verdict.CONSEQUENCE: "Hệ quả của lỗi khác"}[self]


class Topic(StrEnum):
    """What one finding judges, in the order the case meets them."""

    PROCEDURE = "procedure"  # procedure and reason, or the refusal and its grounds
    ADJUSTMENT = "adjustment"  # the CSDLQG adjustment asked for first
    CAPACITY = "capacity"  # the court decision on capacity declared
    REPRESENTATIVE = "representative"
    CAPTURE = "capture"  # one capture position: fingers declared missing, low quality accepted
    DELIVERY = "delivery"
    FEE = "fee"  # the exemption claimed (a decision) and the amount (the rules')
    DUE_DATE = "due_date"  # the rules' return date
    BLOCKED = "blocked"  # an action the rules refused to carry out

    @property
    def label(self) -> str:
        return TOPIC_LABELS[self]


TOPIC_LABELS = {
    Topic.PROCEDURE: "Thủ tục và lý do",
    Topic.ADJUSTMENT: "Điều chỉnh thông tin CSDLQG về dân cư",
    Topic.CAPACITY: "Mất năng lực hành vi dân sự / khó khăn trong nhận thức, làm chủ hành vi",
    Topic.REPRESENTATIVE: "Người đại diện hợp pháp",
    Topic.CAPTURE: "Thu nhận sinh trắc học",
    Topic.DELIVERY: "Hình thức nhận thẻ",
    Topic.FEE: "Lệ phí",
    Topic.DUE_DATE: "Ngày hẹn trả kết quả",
    Topic.BLOCKED: "Thao tác bị hệ thống chặn",
}


@dataclass(frozen=True)
class Handling:
    """How one capture position was settled beyond a plain good capture."""

    missing_fingers: tuple[tuple[str, str], ...] = ()  # (ISO finger "1"-"10", reason code)
    accepted_low_quality: bool = False

    @property
    def plain(self) -> bool:
        return not self.missing_fingers and not self.accepted_low_quality


PLAIN = Handling()


@dataclass(frozen=True)
class Choices:
    """The decisions a clerk makes on one case, as codes: what a scenario expects, or what
    the trainee made. Capture positions absent from ``captures`` were captured plainly."""

    procedure: str
    reason: str
    adjustment: tuple[str, ...] = ()  # registry field codes, sorted
    representative: str | None = None  # the relationship code; None: nobody
    exemption: str | None = None  # the exemption claimed with a document
    delivery: str = "counter"
    captures: Mapping[str, Handling] = field(default_factory=dict)
    capacity: str | None = None  # the kind of court decision declared; None: none

    @property
    def refused(self) -> bool:
        return self.procedure == REFUSE


@dataclass(frozen=True)
class Outcome:
    """What the rules worked out from the choices."""

    fee: int | None
    fee_basis: tuple[str, ...] = ()
    due: date | None = None
    due_basis: tuple[str, ...] = ()


@dataclass(frozen=True)
class Labels:
    """Vietnamese names of the codes, from the legal data; an unknown code shows as itself."""

    reasons: Mapping[str, str]  # reason code -> "procedure label — reason label"
    relationships: Mapping[str, str]
    exemptions: Mapping[str, str]
    deliveries: Mapping[str, str]
    fields: Mapping[str, str]
    positions: Mapping[str, str]
    fingers: Mapping[str, str]
    missing_reasons: Mapping[str, str]
    blocked: Mapping[str, str]  # rule codes of refused actions
    capacities: Mapping[str, str] = field(default_factory=dict)  # kinds of court decision

    def reason(self, choices: Choices) -> str:
        return self.reasons.get(choices.reason, f"{choices.procedure} / {choices.reason}")

    def handling(self, handling: Handling) -> str:
        if handling.plain:
            return "Thu nhận đạt chất lượng"
        parts = [f"{self.fingers.get(finger, finger)}: "
                 f"{self.missing_reasons.get(reason, reason)}"
                 for finger, reason in handling.missing_fingers]
        if handling.accepted_low_quality:
            parts.append("chấp nhận ảnh dưới ngưỡng (có người giám sát xác nhận)")
        return "; ".join(parts)


@dataclass(frozen=True)
class Bases:
    """The legal basis printed beside each kind of finding."""

    procedure: tuple[str, ...]
    adjustment: tuple[str, ...]
    representative: tuple[str, ...]
    capture: tuple[str, ...]
    delivery: tuple[str, ...]
    capacity: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One row of the trainee report."""

    topic: Topic
    subject: str  # the capture position, or the code of the refused action; else ""
    title: str
    expected: str
    made: str
    basis: tuple[str, ...]
    verdict: Verdict

    @property
    def key(self) -> str:
        """Names the row across reports (e.g. ``capture:left_four``, ``fee``)."""
        return f"{self.topic.value}:{self.subject}" if self.subject else self.topic.value


def _verdict(same: bool, *, consequence: bool = False) -> Verdict:
    if same:
        return Verdict.OK
    return Verdict.CONSEQUENCE if consequence else Verdict.MISTAKE


def _money(amount: int | None) -> str:
    if amount is None:
        return "—"
    return "Miễn lệ phí (0 đồng)" if amount == 0 else f"{amount:,} đồng".replace(",", ".")


def _fee_text(amount: int | None, exemption: str | None, labels: Labels) -> str:
    if exemption:
        group = labels.exemptions.get(exemption, exemption)
        return f"{_money(amount)} — miễn theo giấy tờ: {group}"
    return _money(amount)


def _decision_findings(expected: Choices, made: Choices, labels: Labels,
                       bases: Bases) -> list[Finding]:
    """The decisions before the fee: procedure, adjustment, representative, captures,
    delivery."""
    procedure_ok = (expected.procedure, expected.reason) == (made.procedure, made.reason)
    found = [Finding(Topic.PROCEDURE, "", Topic.PROCEDURE.label, labels.reason(expected),
                     labels.reason(made), bases.procedure, _verdict(procedure_ok))]
    if expected.adjustment or made.adjustment:
        def fields(codes: tuple[str, ...]) -> str:
            return ", ".join(labels.fields.get(c, c) for c in codes) or "Không điều chỉnh"

        found.append(Finding(Topic.ADJUSTMENT, "", Topic.ADJUSTMENT.label,
                             fields(expected.adjustment), fields(made.adjustment),
                             bases.adjustment,
                             _verdict(set(expected.adjustment) == set(made.adjustment))))
    capacity_ok = expected.capacity == made.capacity
    if expected.capacity or made.capacity:
        def declared(code: str | None) -> str:
            return labels.capacities.get(code, code) if code else "Không khai báo"

        found.append(Finding(Topic.CAPACITY, "", Topic.CAPACITY.label,
                             declared(expected.capacity), declared(made.capacity),
                             bases.capacity, _verdict(capacity_ok)))
    if expected.representative or made.representative:
        def who(code: str | None) -> str:
            return labels.relationships.get(code, code) if code else "Không có"

        # Without the declaration the rules want no representative: its consequence.
        found.append(Finding(Topic.REPRESENTATIVE, "", Topic.REPRESENTATIVE.label,
                             who(expected.representative), who(made.representative),
                             bases.representative,
                             _verdict(expected.representative == made.representative,
                                      consequence=not capacity_ok)))
    for position in sorted(set(expected.captures) | set(made.captures), key=_position_order):
        want = expected.captures.get(position, PLAIN)
        got = made.captures.get(position, PLAIN)
        if want.plain and got.plain:
            continue
        same = (set(want.missing_fingers), want.accepted_low_quality) == (
            set(got.missing_fingers), got.accepted_low_quality)
        # A wrong procedure changes what is captured at all: what follows is its consequence.
        found.append(Finding(Topic.CAPTURE, position,
                             f"{Topic.CAPTURE.label}: {labels.positions.get(position, position)}",
                             labels.handling(want), labels.handling(got), bases.capture,
                             _verdict(same, consequence=not procedure_ok)))
    if not expected.refused or not made.refused:
        found.append(Finding(Topic.DELIVERY, "", Topic.DELIVERY.label,
                             labels.deliveries.get(expected.delivery, expected.delivery),
                             labels.deliveries.get(made.delivery, made.delivery),
                             bases.delivery,
                             # A refusal, right or wrong, chooses no delivery at all.
                             _verdict(expected.delivery == made.delivery,
                                      consequence=expected.refused != made.refused)))
    return found


POSITION_ORDER = ("face", "left_four", "right_four", "thumbs", "iris_left", "iris_right")


def _position_order(position: str) -> tuple[int, str]:
    return (POSITION_ORDER.index(position) if position in POSITION_ORDER else 99, position)


def compare(expected: Choices, made: Choices, *, expected_outcome: Outcome,
            made_outcome: Outcome, blocked: Sequence[str], labels: Labels,
            bases: Bases) -> list[Finding]:
    """Every finding of one case, in the order the case meets them; ``blocked``: the rule
    codes of the actions the trainee tried and the rules refused, each a mistake."""
    found = _decision_findings(expected, made, labels, bases)
    mistaken = any(f.verdict is Verdict.MISTAKE for f in found)
    if not expected.refused or not made.refused:
        claimed_ok = expected.exemption == made.exemption
        found.append(Finding(
            Topic.FEE, "", Topic.FEE.label,
            _fee_text(expected_outcome.fee, expected.exemption, labels),
            _fee_text(made_outcome.fee, made.exemption, labels),
            expected_outcome.fee_basis,
            Verdict.MISTAKE if not claimed_ok else _verdict(
                expected_outcome.fee == made_outcome.fee, consequence=mistaken)))
        mistaken = mistaken or found[-1].verdict is Verdict.MISTAKE
    if expected_outcome.due or made_outcome.due:
        def day(value: date | None) -> str:
            return f"{value:%d/%m/%Y}" if value else "—"

        found.append(Finding(Topic.DUE_DATE, "", Topic.DUE_DATE.label,
                             day(expected_outcome.due), day(made_outcome.due),
                             expected_outcome.due_basis,
                             _verdict(expected_outcome.due == made_outcome.due,
                                      consequence=mistaken)))
    for code in blocked:
        found.append(Finding(Topic.BLOCKED, code,
                             labels.blocked.get(code, f"Thao tác bị từ chối (mã {code})"),
                             "Không thực hiện thao tác này", "Đã thực hiện, hệ thống chặn", (),
                             Verdict.MISTAKE))
    return found


def mistakes(findings: Sequence[Finding]) -> list[Finding]:
    return [f for f in findings if f.verdict is Verdict.MISTAKE]
