from datetime import date

import pytest

from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.lawbook import Lawbook, load_lawbook


def due(lawbook: Lawbook, start: date, days: int = 7) -> date:
    return lawbook.calendar.add_working_days(start, days, lawbook.return_basis).value


@pytest.mark.parametrize(
    ("received", "returned"),
    [
        (date(2026, 11, 16), date(2026, 11, 26)),  # legal.md §5.4 worked example (24/11 off)
        (date(2026, 2, 13), date(2026, 3, 3)),  # across Tết Bính Ngọ 16-20/02
        (date(2025, 12, 29), date(2026, 1, 9)),  # 01/01 holiday, Fri 02/01 swapped off
        (date(2026, 1, 5), date(2026, 1, 13)),  # Sat 10/01 is a make-up working day
        (date(2026, 8, 20), date(2026, 8, 28)),  # Sat 22/08 is a make-up working day
        (date(2026, 8, 27), date(2026, 9, 10)),  # Mon 31/08 swapped, 01-02/09 Quốc khánh
        (date(2026, 4, 24), date(2026, 5, 8)),  # 27/04 compensatory, 30/04 and 01/05 off
        (date(2026, 11, 25), date(2026, 12, 4)),  # the demo case
    ],
)
def test_worked_return_dates(lawbook: Lawbook, received: date, returned: date) -> None:
    assert due(lawbook, received) == returned


def test_make_up_saturday_counts_and_swapped_monday_does_not(lawbook: Lawbook) -> None:
    cal = lawbook.calendar
    assert cal.is_working_day(date(2026, 8, 22))
    assert not cal.is_working_day(date(2026, 8, 31))
    assert not cal.is_working_day(date(2026, 11, 28))  # an ordinary Saturday


def test_statutory_days_come_from_the_holidays_package(lawbook: Lawbook) -> None:
    # 2028 has no notice file: Tết (mùng 1 = Wed 26/01/2028) still closes; the clerk is warned.
    assert not lawbook.calendar.is_working_day(date(2028, 1, 26))
    assert lawbook.calendar.is_working_day(date(2028, 3, 1))
    decided = lawbook.calendar.add_working_days(date(2028, 3, 1), 7, lawbook.return_basis)
    assert any("2028" in note for note in decided.notes)


def test_provisional_year_warns_the_clerk(lawbook: Lawbook) -> None:
    decided = lawbook.calendar.add_working_days(date(2026, 12, 28), 7, lawbook.return_basis)
    assert decided.value == date(2027, 1, 7)
    assert any("2027" in note for note in decided.notes)


def test_counted_weekdays_are_configurable(resources) -> None:
    with_saturday = load_lawbook(resources, weekdays=["mon", "tue", "wed", "thu", "fri", "sat"])
    # From Wed 25/11/2026, Saturdays count: Thu, Fri, Sat, Mon, Tue, Wed, Thu 03/12.
    assert due(with_saturday, date(2026, 11, 25)) == date(2026, 12, 3)


def test_years_outside_the_calendar_are_a_clear_error(lawbook: Lawbook) -> None:
    with pytest.raises(RuleViolation) as raised:
        lawbook.calendar.is_working_day(date(2150, 1, 2))
    assert "2150" in raised.value.message
