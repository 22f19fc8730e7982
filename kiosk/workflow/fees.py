"""Fee (lệ phí) for one application: base by reason, rate by date and channel, exemptions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from kiosk.workflow.decisions import Decided
from kiosk.workflow.procedures import Reason


class Channel(StrEnum):
    COUNTER = "counter"
    ONLINE = "online"


@dataclass(frozen=True)
class FeeRate:
    start: date
    until: date
    channels: frozenset[Channel]
    percent: int
    requires_digital_citizen: bool
    basis: str


@dataclass(frozen=True)
class Exemption:
    id: str
    label: str
    basis: str
    below_age: int | None = None
    from_age: int | None = None
    # For the exemptions claimed with a document (see FeeSchedule.claimable): what the clerk
    # asks to see, whether its number must be typed, and a registry ethnicity that rules the
    # claim out (with the source of that rule).
    evidence: str = ""
    evidence_number: bool = False
    not_for_ethnicity: str = ""
    ethnicity_basis: str = ""

    def decided(self) -> Decided[int]:
        """The fee this exemption leaves: nothing, with its basis and its name."""
        return Decided(0, (self.basis,), (f"Miễn lệ phí: {self.label}",))

    def applies_by_age(self, age: int) -> bool:
        if self.below_age is not None and age < self.below_age:
            return True
        return self.from_age is not None and age >= self.from_age


@dataclass(frozen=True)
class FeeSchedule:
    classes: dict[str, tuple[int, str]]  # class -> (base amount, basis)
    reason_class: dict[Reason, str]
    free_basis: dict[Reason, str]
    rates: tuple[FeeRate, ...]
    exemptions: tuple[Exemption, ...]
    exemptions_basis: str = ""  # where the list of exempt persons is (an unknown group)

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> FeeSchedule:
        classes = {name: (int(v["amount"]), str(v["basis"])) for name, v in data["classes"].items()}
        reason_class = {Reason(key): str(value) for key, value in data["reasons"].items()}
        missing = set(Reason) - set(reason_class)
        if missing:
            raise ValueError(f"fees: no fee class for reasons {sorted(missing)}")
        unknown = set(reason_class.values()) - set(classes)
        if unknown:
            raise ValueError(f"fees: unknown fee classes {sorted(unknown)}")
        rates = tuple(
            FeeRate(
                r["from"], r["until"], frozenset(Channel(c) for c in r["channels"]),
                int(r["percent"]), bool(r.get("requires_digital_citizen", False)), str(r["basis"]),
            )
            for r in data.get("rates", [])
        )
        exemptions = tuple(
            Exemption(e["id"], e["label"], e["basis"], e.get("below_age"), e.get("from_age"),
                      str(e.get("evidence", "")), bool(e.get("evidence_number", False)),
                      str(e.get("not_for_ethnicity", "")), str(e.get("ethnicity_basis", "")))
            for e in data.get("exemptions", [])
        )
        for e in exemptions:
            by_age = e.below_age is not None or e.from_age is not None
            if not by_age and not e.evidence:
                raise ValueError(f"fees: exemption {e.id!r} is claimed: say what proves it")
            if e.not_for_ethnicity and not e.ethnicity_basis:
                raise ValueError(f"fees: exemption {e.id!r}: the ethnicity rule needs a basis")
        free_basis = {Reason(k): str(v) for k, v in data.get("free_basis", {}).items()}
        return cls(classes, reason_class, free_basis, rates, exemptions,
                   str(data["exemptions_basis"]))

    @property
    def claimable(self) -> frozenset[str]:
        """Exemptions the clerk ticks from documents (the age ones follow from the birth date)."""
        return frozenset(e.id for e in self.exemptions
                         if e.below_age is None and e.from_age is None)


@dataclass(frozen=True)
class FeeQuestion:
    reason: Reason
    on: date
    age: int
    channel: Channel = Channel.COUNTER
    digital_citizen: bool = False
    exemptions_claimed: frozenset[str] = frozenset()


def assess_fee(schedule: FeeSchedule, question: FeeQuestion) -> Decided[int]:
    """The amount due in VND with the legal basis of every step that shaped it."""
    base, base_basis = schedule.classes[schedule.reason_class[question.reason]]
    if base == 0:
        return Decided(0, (schedule.free_basis.get(question.reason, base_basis),))
    for exemption in schedule.exemptions:
        if exemption.applies_by_age(question.age) or exemption.id in question.exemptions_claimed:
            return exemption.decided()
    best_percent, best_basis = 100, base_basis
    for rate in schedule.rates:
        applies = (
            rate.start <= question.on <= rate.until
            and question.channel in rate.channels
            and (question.digital_citizen or not rate.requires_digital_citizen)
        )
        if applies and rate.percent < best_percent:
            best_percent, best_basis = rate.percent, rate.basis
    amount = base * best_percent // 100
    basis = (base_basis,) if best_percent == 100 else (base_basis, best_basis)
    return Decided(amount, basis)
