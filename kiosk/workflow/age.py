"""Age in full years, the age limits of the procedures, and card validity (Điều 21)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.workflow.decisions import Decided


@dataclass(frozen=True)
class AgeRules:
    """The limits of resources/law/age.toml, each with its basis."""

    capture_from: int
    capture_basis: str
    representative_below: int
    representative_basis: str
    present_basis: str
    lost_capacity_basis: str
    mandatory_from: int
    mandatory_basis: str
    milestones: tuple[int, ...]
    grace_years: int
    validity_basis: str
    unknown_day: int
    unknown_month: int
    unknown_basis: str

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> AgeRules:
        rep, validity, unknown = data["representative"], data["validity"], data[
            "unknown_birth_date"]
        milestones = tuple(int(m) for m in validity["milestones"])
        if list(milestones) != sorted(set(milestones)):
            raise ValueError("age.toml: milestones must be increasing")
        return cls(
            int(data["capture"]["from_age"]), str(data["capture"]["basis"]),
            int(rep["files_below"]), str(rep["basis"]), str(rep["present_basis"]),
            str(rep["lost_capacity_basis"]),
            int(data["mandatory"]["from_age"]), str(data["mandatory"]["basis"]),
            milestones, int(validity["grace_years"]), str(validity["basis"]),
            int(unknown["day"]), int(unknown["month"]), str(unknown["basis"]),
        )


def anniversary(birth: date, years: int) -> date:
    """The birthday ``years`` after ``birth``; 29 February falls on 28 February."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return date(birth.year + years, 2, 28)


def age_on(birth: date, on: date) -> int:
    """Full years: the age rises on the birthday itself (đủ tuổi)."""
    years = on.year - birth.year
    return years if anniversary(birth, years) <= on else years - 1


def card_expiry(birth: date, issued_on: date, rules: AgeRules) -> Decided[date | None]:
    """V-1: valid to the next milestone, or the one after when issued within the grace years."""
    basis = (rules.validity_basis,)
    for index, milestone in enumerate(rules.milestones):
        if issued_on < anniversary(birth, milestone):
            valid_to = milestone
            if issued_on >= anniversary(birth, milestone - rules.grace_years):
                if index + 1 == len(rules.milestones):
                    return Decided(None, basis, ("Thẻ không thời hạn",))
                valid_to = rules.milestones[index + 1]
            return Decided(anniversary(birth, valid_to), basis)
    return Decided(None, basis, ("Thẻ không thời hạn",))


def valid_until(issued_on: date | None, expires_on: date | None, birth: date,
                rules: AgeRules) -> date | None:
    """The last day a card is valid: as printed, else by the milestones (V-1); None: not
    known (no issue date) or valid without limit."""
    if expires_on is None and issued_on is not None:
        return card_expiry(birth, issued_on, rules).value
    return expires_on
