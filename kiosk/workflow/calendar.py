"""Working days of the public agencies and the return date (Luật Căn cước Điều 26).

A day is a working day when it is one of the counted weekdays and not closed, or when a
government notice makes it a make-up working day. Closed days are the statutory holidays (a
provider, normally the ``holidays`` package) plus the notices in resources/calendar/YYYY.toml.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kiosk.workflow.decisions import Decided
from kiosk.workflow.errors import RuleViolation

WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Statutory = Callable[[int], Mapping[date, str]]


@dataclass(frozen=True)
class CalendarDay:
    day: date
    name: str
    basis: str


@dataclass(frozen=True)
class CalendarYear:
    """One year's government notices on top of the statutory holidays."""

    year: int
    provisional: bool
    closed: tuple[CalendarDay, ...]  # weekdays off: swapped and compensatory days
    working: tuple[CalendarDay, ...]  # weekend days worked instead (làm bù)

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> CalendarYear:
        def days(key: str) -> tuple[CalendarDay, ...]:
            return tuple(
                CalendarDay(item["date"], item["name"], item["basis"]) for item in data.get(key, [])
            )

        year = cls(int(data["year"]), bool(data.get("provisional", False)),
                   days("closed"), days("working_days"))
        for entry in year.closed + year.working:
            if entry.day.year != year.year:
                raise ValueError(f"{entry.day} is listed in the calendar of {year.year}")
        return year


class WorkingCalendar:
    def __init__(self, notices: list[CalendarYear], statutory: Statutory,
                 weekdays: frozenset[int], supported: tuple[int, int] = (1990, 2100)) -> None:
        self._notices = {notice.year: notice for notice in notices}
        self._statutory = statutory
        self._weekdays = weekdays
        self._supported = supported
        self._closed: dict[int, frozenset[date]] = {}
        self._working: dict[int, frozenset[date]] = {}

    @property
    def notice_years(self) -> list[int]:
        return sorted(self._notices)

    def _load(self, year: int) -> None:
        if year in self._closed:
            return
        low, high = self._supported
        if not low <= year <= high:
            raise RuleViolation("calendar.year_out_of_range",
                                f"Năm {year} nằm ngoài lịch làm việc hỗ trợ ({low}-{high}).")
        notice = self._notices.get(year)
        closed = set(self._statutory(year))
        working: set[date] = set()
        if notice is not None:
            closed |= {entry.day for entry in notice.closed}
            working = {entry.day for entry in notice.working}
        self._closed[year] = frozenset(closed - working)
        self._working[year] = frozenset(working)

    def is_working_day(self, day: date) -> bool:
        self._load(day.year)
        if day in self._working[day.year]:
            return True
        return day.weekday() in self._weekdays and day not in self._closed[day.year]

    def _unsettled(self, year: int) -> bool:
        notice = self._notices.get(year)
        return notice is None or notice.provisional

    def add_working_days(self, start: date, count: int, basis: tuple[str, ...]) -> Decided[date]:
        """The date ``count`` working days after ``start``; ``start`` itself is not counted."""
        day, counted, unsettled = start, 0, set()
        while counted < count:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
            if self._unsettled(day.year):
                unsettled.add(day.year)
        notes = tuple(
            f"Lịch nghỉ năm {year} chưa có thông báo chính thức; kiểm tra lại ngày hẹn khi có "
            "thông báo." for year in sorted(unsettled)
        )
        return Decided(day, basis, notes)


def weekday_numbers(codes: list[str]) -> frozenset[int]:
    unknown = set(codes) - set(WEEKDAY_CODES)
    if unknown or not codes:
        raise ValueError(f"unknown weekday codes {sorted(unknown)} (use {WEEKDAY_CODES})")
    return frozenset(WEEKDAY_CODES.index(code) for code in codes)


def vietnam_holidays(year: int) -> Mapping[date, str]:
    """Statutory holidays of Vietnam from the ``holidays`` package (imported on first use)."""
    import holidays  # noqa: PLC0415 - 70 ms; only a date computation needs it

    return dict(holidays.country_holidays("VN", years=[year], language="vi"))
