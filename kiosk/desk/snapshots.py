"""The citizen snapshot stored with a case (JSON-safe), and back."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from kiosk.workflow.people import Card, CardKind, Citizen, Sex


def citizen_to_json(citizen: Citizen) -> dict[str, Any]:
    data = asdict(citizen)
    data["date_of_birth"] = citizen.date_of_birth.isoformat()
    data["sex"] = citizen.sex.value
    if citizen.card is not None:
        card = citizen.card
        data["card"] = {
            "kind": card.kind.value, "number": card.number,
            "issued_on": card.issued_on.isoformat(),
            "expires_on": card.expires_on.isoformat() if card.expires_on else None,
        }
    return data


def citizen_from_json(data: dict[str, Any]) -> Citizen:
    fields = dict(data)
    fields["date_of_birth"] = date.fromisoformat(data["date_of_birth"])
    fields["sex"] = Sex(data["sex"])
    card = data.get("card")
    fields["card"] = None if card is None else Card(
        CardKind(card["kind"]), card["number"], date.fromisoformat(card["issued_on"]),
        date.fromisoformat(card["expires_on"]) if card["expires_on"] else None,
    )
    return Citizen(**fields)
