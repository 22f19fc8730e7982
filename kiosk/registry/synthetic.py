"""A registry of invented citizens for training, read from ``resources/training``."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from kiosk.registry.base import LookupQuery
from kiosk.workflow.people import Card, CardKind, Citizen, Sex, name_key


def _citizen(row: dict[str, Any]) -> Citizen:
    card = row.get("card")
    return Citizen(
        id_number=row["id_number"],
        full_name=row["full_name"],
        date_of_birth=row["date_of_birth"],
        sex=Sex(row["sex"]),
        nationality=row["nationality"],
        place_of_birth_registration=row["place_of_birth_registration"],
        hometown=row["hometown"],
        ethnicity=row["ethnicity"],
        religion=row["religion"],
        permanent_residence=row["permanent_residence"],
        temporary_residence=row.get("temporary_residence", ""),
        current_residence=row.get("current_residence", ""),
        former_id_number=row.get("former_id_number", ""),
        card=None if card is None else Card(
            CardKind(card["kind"]), card["number"], card["issued_on"], card.get("expires_on")),
        is_vietnamese_citizen=row.get("is_vietnamese_citizen", True),
        other_name=row.get("other_name", ""),
        father_name=row.get("father_name", ""),
        mother_name=row.get("mother_name", ""),
    )


class SyntheticRegistry:
    """In-memory registry; the citizens come from a TOML file of invented people."""

    def __init__(self, citizens: list[Citizen]) -> None:
        self._citizens = list(citizens)

    @classmethod
    def from_file(cls, path: Path) -> SyntheticRegistry:
        with path.open("rb") as handle:
            return cls([_citizen(row) for row in tomllib.load(handle)["citizens"]])

    @property
    def simulated(self) -> bool:
        return True

    def everyone(self) -> list[Citizen]:
        """The whole invented population (trainers pick from it)."""
        return list(self._citizens)

    def find(self, query: LookupQuery) -> list[Citizen]:
        if query.id_number:
            return [c for c in self._citizens if c.id_number == query.id_number]
        if query.former_id_number:
            return [c for c in self._citizens if c.former_id_number == query.former_id_number]
        name = name_key(query.full_name)
        return [
            c for c in self._citizens
            if name_key(c.full_name) == name and c.date_of_birth == query.date_of_birth
        ]
