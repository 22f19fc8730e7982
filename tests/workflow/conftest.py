"""Decide through the same JSON parsing ``kiosk assess`` uses."""

from __future__ import annotations

from datetime import date
from typing import Any

from kiosk.workflow.decide import Decision, decide
from kiosk.workflow.lawbook import Lawbook
from kiosk.workflow.request import AssessRequest, parse_request

TODAY = date(2026, 11, 25)


def request(law: Lawbook, **fields: Any) -> AssessRequest:
    data = {"on": TODAY.isoformat(), **fields}
    return parse_request(
        data, today=TODAY, claimable=law.fees.claimable,
        reason_procedure={r: i.procedure for r, i in law.procedures.reasons.items()},
        unknown_day=law.ages.unknown_day, unknown_month=law.ages.unknown_month)


def assess(law: Lawbook, **fields: Any) -> Decision:
    return decide(request(law, **fields), law)


def cccd(issued: str, expires: str | None) -> dict[str, Any]:
    return {"kind": "cccd", "issued": issued, "expires": expires}


def can_cuoc(issued: str, expires: str | None) -> dict[str, Any]:
    return {"kind": "can_cuoc", "issued": issued, "expires": expires}
