from datetime import date

import pytest

from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.lawbook import Lawbook


def due(lawbook: Lawbook, start: date) -> date:
    return lawbook.calendar.add_working_days(start, 7, lawbook.return_basis).value


def test_worked_example_from_the_law_notes(lawbook: Lawbook) -> None:
    # legal.md §5.4: complete on Mon 16/11/2026, Tue 24/11 is Ngày Văn hóa Việt Nam.
    assert due(lawbook, date(2026, 11, 16)) == date(2026, 11, 26)


def test_make_up_saturday_counts_and_swapped_monday_does_not(lawbook: Lawbook) -> None:
    cal = lawbook.calendar
    assert cal.is_working_day(date(2026, 8, 22))  # Saturday worked instead of Mon 31/8
    assert not cal.is_working_day(date(2026, 8, 31))
    assert not cal.is_working_day(date(2026, 11, 28))  # an ordinary Saturday


def test_tet_2026_is_skipped(lawbook: Lawbook) -> None:
    # Fri 13/02/2026 + 7 working days, Tết 16-20/02 closed: 23, 24, 25, 26, 27/02, 2, 3/03.
    assert due(lawbook, date(2026, 2, 13)) == date(2026, 3, 3)


def test_provisional_year_warns_the_clerk(lawbook: Lawbook) -> None:
    decided = lawbook.calendar.add_working_days(date(2026, 12, 28), 7, lawbook.return_basis)
    assert decided.value == date(2027, 1, 7)
    assert any("2027" in note for note in decided.notes)


def test_missing_year_is_a_clear_error(lawbook: Lawbook) -> None:
    with pytest.raises(RuleViolation) as raised:
        lawbook.calendar.is_working_day(date(2031, 1, 2))
    assert "2031" in raised.value.message
