"""Age in full years and card validity (Luật Căn cước 2023 Điều 21)."""

from __future__ import annotations

from datetime import date

from kiosk.workflow.decisions import Decided

MILESTONES = (14, 25, 40, 60)
_VALIDITY_BASIS = "Luật Căn cước 2023 Điều 21 khoản 1, khoản 2"


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


def card_expiry(birth: date, issued_on: date) -> Decided[date | None]:
    """V-1: valid to the next milestone, or the one after when issued within 2 years of it."""
    for index, milestone in enumerate(MILESTONES):
        if issued_on < anniversary(birth, milestone):
            valid_to = milestone
            if issued_on >= anniversary(birth, milestone - 2):
                if index + 1 == len(MILESTONES):
                    return Decided(None, (_VALIDITY_BASIS,), ("Thẻ không thời hạn",))
                valid_to = MILESTONES[index + 1]
            return Decided(anniversary(birth, valid_to), (_VALIDITY_BASIS,))
    return Decided(None, (_VALIDITY_BASIS,), ("Thẻ không thời hạn",))
