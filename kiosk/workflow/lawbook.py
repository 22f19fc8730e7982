"""Loads the legal data of ``resources/`` into the pure rule objects, once per process."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.workflow.adjustment import AdjustmentRules
from kiosk.workflow.age import AgeRules
from kiosk.workflow.calendar import (
    CalendarYear,
    Statutory,
    WorkingCalendar,
    vietnam_holidays,
    weekday_numbers,
)
from kiosk.workflow.capacity import CapacityRules
from kiosk.workflow.delivery import DeliveryRules
from kiosk.workflow.fees import FeeSchedule
from kiosk.workflow.idnumber import IdNumberRules
from kiosk.workflow.procedures import ProcedureBook
from kiosk.workflow.proposal import ProposalBook
from kiosk.workflow.representation import RepresentationRules


@dataclass(frozen=True)
class Lawbook:
    procedures: ProcedureBook
    ages: AgeRules
    fees: FeeSchedule
    calendar: WorkingCalendar
    ids: IdNumberRules
    representation: RepresentationRules
    return_working_days: int
    return_basis: tuple[str, ...]
    adjustment_working_days: int
    adjustment_basis: str
    penalty: tuple[str, str]  # text, basis
    delivery: DeliveryRules
    adjustment: AdjustmentRules
    proposals: ProposalBook
    capacity: CapacityRules


def _toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def load_lawbook(resources_dir: Path, *, statutory: Statutory = vietnam_holidays,
                 weekdays: list[str] | None = None) -> Lawbook:
    """``resources_dir`` holds law/ and calendar/; ``weekdays`` overrides the counted days."""
    law = resources_dir / "law"
    limits = _toml(law / "time_limits.toml")
    procedures = _toml(law / "procedures.toml")
    notices = [CalendarYear.from_mapping(_toml(path))
               for path in sorted((resources_dir / "calendar").glob("*.toml"))]
    counted = weekday_numbers(weekdays or list(limits["counting"]["weekdays"]))
    return Lawbook(
        procedures=ProcedureBook.from_mapping(procedures),
        ages=AgeRules.from_mapping(_toml(law / "age.toml")),
        fees=FeeSchedule.from_mapping(_toml(law / "fees.toml")),
        calendar=WorkingCalendar(notices, statutory, counted),
        ids=IdNumberRules.from_mapping(_toml(law / "id_number.toml")),
        representation=RepresentationRules.from_mapping(_toml(law / "representation.toml")),
        return_working_days=int(limits["standard"]["working_days"]),
        return_basis=(str(limits["standard"]["basis"]), str(limits["counting"]["basis"])),
        adjustment_working_days=int(limits["db_adjustment"]["working_days"]),
        adjustment_basis=str(limits["db_adjustment"]["basis"]),
        penalty=(str(procedures["penalty"]["text"]), str(procedures["penalty"]["basis"])),
        delivery=DeliveryRules.from_mapping(_toml(law / "delivery.toml")),
        adjustment=AdjustmentRules.from_mapping(_toml(law / "adjustment.toml")),
        proposals=ProposalBook.from_mapping(procedures["proposal"]),
        capacity=CapacityRules.from_mapping(_toml(law / "capacity.toml")),
    )
