"""Loads the legal data in ``resources/law`` into the pure rule objects."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from kiosk.workflow.calendar import CalendarYear, WorkingCalendar
from kiosk.workflow.fees import FeeSchedule


@dataclass(frozen=True)
class Lawbook:
    fees: FeeSchedule
    calendar: WorkingCalendar
    return_working_days: int
    return_basis: tuple[str, ...]


def load_lawbook(law_dir: Path) -> Lawbook:
    with (law_dir / "fees.toml").open("rb") as handle:
        fees = FeeSchedule.from_mapping(tomllib.load(handle))
    years = []
    for path in sorted((law_dir / "calendar").glob("*.toml")):
        with path.open("rb") as handle:
            years.append(CalendarYear.from_mapping(tomllib.load(handle)))
    with (law_dir / "time_limits.toml").open("rb") as handle:
        limits = tomllib.load(handle)
    return Lawbook(
        fees=fees,
        calendar=WorkingCalendar(years),
        return_working_days=int(limits["standard"]["working_days"]),
        return_basis=(str(limits["standard"]["basis"]), str(limits["counting"]["basis"])),
    )
