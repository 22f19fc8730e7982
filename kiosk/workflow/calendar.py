"""Working days of the public agencies and the return date (Luật Căn cước Điều 26)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kiosk.workflow.decisions import Decided
from kiosk.workflow.errors import RuleViolation

SATURDAY = 5


@dataclass(frozen=True)
class CalendarDay:
    day: date
    name: str
    basis: str


@dataclass(frozen=True)
class CalendarYear:
    year: int
    provisional: bool
    closed: tuple[CalendarDay, ...]  # weekdays off: holidays, compensatory and swapped days
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
    """Mon-Fri, minus the closed days, plus the make-up working days, by loaded year."""

    def __init__(self, years: list[CalendarYear]) -> None:
        self._years = {year.year: year for year in years}
        self._closed = {entry.day: entry for year in years for entry in year.closed}
        self._working = {entry.day: entry for year in years for entry in year.working}

    @property
    def years(self) -> list[int]:
        return sorted(self._years)

    def _year(self, day: date) -> CalendarYear:
        try:
            return self._years[day.year]
        except KeyError:
            raise RuleViolation(
                "calendar.year_missing",
                f"Chưa có lịch ngày nghỉ năm {day.year}. Báo quản trị viên cập nhật "
                f"tệp resources/law/calendar/{day.year}.toml theo thông báo của Chính phủ.",
            ) from None

    def is_working_day(self, day: date) -> bool:
        self._year(day)
        if day in self._working:
            return True
        return day.weekday() < SATURDAY and day not in self._closed

    def add_working_days(self, start: date, count: int, basis: tuple[str, ...]) -> Decided[date]:
        """The date ``count`` working days after ``start``; ``start`` itself is not counted."""
        day, counted, provisional = start, 0, set()
        while counted < count:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
            if self._year(day).provisional:
                provisional.add(day.year)
        notes = tuple(
            f"Lịch nghỉ năm {year} chưa chính thức; kiểm tra lại ngày hẹn khi có thông báo."
            for year in sorted(provisional)
        )
        return Decided(day, basis, notes)
