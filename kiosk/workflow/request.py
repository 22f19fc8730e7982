"""An assessment request as plain data, parsed from JSON with errors that name the field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from kiosk.workflow.fees import Channel
from kiosk.workflow.people import CardKind, Sex
from kiosk.workflow.procedures import Procedure, Reason


class RequestKind(StrEnum):
    FIRST = "first"
    RENEW = "renew"
    REISSUE = "reissue"


REQUEST_PROCEDURE = {RequestKind.FIRST: Procedure.CAP, RequestKind.RENEW: Procedure.CAP_DOI,
                     RequestKind.REISSUE: Procedure.CAP_LAI}
EARLIEST = date(2024, 7, 1)  # Luật Căn cước 2023 in force
LATEST = date(2099, 12, 31)


class RequestError(Exception):
    """Bad input: ``field`` names the offending field of the request."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


class BirthPrecision(StrEnum):
    DAY = "day"
    MONTH = "month"  # the day is unknown
    YEAR = "year"  # day and month are unknown


@dataclass(frozen=True)
class CardHeld:
    kind: CardKind | None  # None: no card
    issued: date | None = None
    expires: date | None = None


@dataclass(frozen=True)
class AssessRequest:
    on: date
    birth: date
    birth_precision: BirthPrecision
    request: RequestKind
    reason: Reason | None = None
    sex: Sex | None = None
    citizen: bool = True
    channel: Channel = Channel.COUNTER
    card: CardHeld = CardHeld(None)
    exemptions: frozenset[str] = field(default_factory=frozenset)
    digital_citizen: bool = False
    db_adjustment_needed: bool = False
    lost_capacity: bool = False
    id_number: str = ""
    former_id_number: str = ""


def _date(value: Any, name: str, *, low: date = date(1900, 1, 1), high: date = LATEST) -> date:
    if not isinstance(value, str):
        raise RequestError(name, "must be an ISO date text like 2026-11-25")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise RequestError(name, f"{value!r} is not an ISO date like 2026-11-25") from None
    if not low <= parsed <= high:
        raise RequestError(name, f"{value} is outside {low.isoformat()}..{high.isoformat()}")
    return parsed


def _birth(value: Any, unknown_day: int, unknown_month: int) -> tuple[date, BirthPrecision]:
    """YYYY-MM-DD, or YYYY-MM / YYYY for records whose day or month is unknown."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}", value):
        return _date(f"{value}-{unknown_month:02d}-{unknown_day:02d}", "birth_date"), \
            BirthPrecision.YEAR
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value):
        return _date(f"{value}-{unknown_day:02d}", "birth_date"), BirthPrecision.MONTH
    return _date(value, "birth_date"), BirthPrecision.DAY


def _choice(data: dict[str, Any], name: str, enum: type[StrEnum], default: Any = None) -> Any:
    value = data.get(name, default)
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise RequestError(name, f"{value!r} is not one of: {allowed}") from None


def _bool(data: dict[str, Any], name: str, default: bool) -> bool:
    value = data.get(name, default)
    if not isinstance(value, bool):
        raise RequestError(name, "must be true or false")
    return value


def _card(data: dict[str, Any], on: date) -> CardHeld:
    raw = data.get("card", {"kind": "none"})
    if not isinstance(raw, dict):
        raise RequestError("card", "must be an object like {\"kind\": \"cccd\", ...}")
    kind_text = raw.get("kind", "none")
    if kind_text == "none":
        return CardHeld(None)
    try:
        kind = CardKind(kind_text)
    except ValueError:
        raise RequestError("card.kind", f"{kind_text!r} is not one of: none, cmnd, cccd, "
                           "can_cuoc") from None
    issued = _date(raw["issued"], "card.issued", high=on) if raw.get("issued") is not None \
        else None
    expires = _date(raw["expires"], "card.expires") if raw.get("expires") is not None else None
    if issued and expires and expires < issued:
        raise RequestError("card.expires", "is before card.issued")
    return CardHeld(kind, issued, expires)


def _digits(data: dict[str, Any], name: str) -> str:
    value = data.get(name, "")
    if not isinstance(value, str) or (value and not value.isdigit()):
        raise RequestError(name, "must be a text of digits")
    return value


KNOWN_FIELDS = frozenset({
    "on", "birth_date", "sex", "citizen", "request", "reason", "channel", "card", "exemptions",
    "digital_citizen", "db_adjustment_needed", "lost_capacity", "id_number", "former_id_number",
})
SEX_CODES = {"male": Sex.MALE, "female": Sex.FEMALE}
# The request's reason codes: the clerk-facing reasons (refusals are decisions, not requests).
REQUESTABLE = tuple(r for r in Reason if r not in (Reason.FIRST_ISSUE, Reason.NOT_CITIZEN,
                                                   Reason.ALREADY_HAS_CARD))


def parse_request(  # noqa: PLR0912 - one check per field, in order
    data: Any, *, today: date, claimable: frozenset[str],
    reason_procedure: dict[Reason, Procedure], unknown_day: int = 1, unknown_month: int = 1,
) -> AssessRequest:
    """Validate a JSON object; every error names the field it is about."""
    if not isinstance(data, dict):
        raise RequestError("request", "the request must be a JSON object")
    extra = set(data) - KNOWN_FIELDS
    if extra:
        raise RequestError(sorted(extra)[0], "unknown field")
    on = _date(data["on"], "on", low=EARLIEST) if "on" in data else today
    if "birth_date" not in data:
        raise RequestError("birth_date", "is required")
    birth, precision = _birth(data["birth_date"], unknown_day, unknown_month)
    if birth > on:
        raise RequestError("birth_date", "is after the date of the request")
    if "request" not in data:
        raise RequestError("request", "is required: first, renew or reissue")
    kind = _choice(data, "request", RequestKind)
    reason = None
    if kind is not RequestKind.FIRST:
        if data.get("reason") is None:
            raise RequestError("reason", f"is required for request {kind.value!r}")
        if data["reason"] not in {r.value for r in REQUESTABLE}:
            allowed = ", ".join(r.value for r in REQUESTABLE)
            raise RequestError("reason", f"{data['reason']!r} is not one of: {allowed}")
        reason = Reason(data["reason"])
        if reason_procedure[reason] is not REQUEST_PROCEDURE[kind]:
            raise RequestError("reason", f"{reason.value!r} does not belong to request "
                               f"{kind.value!r}")
    elif data.get("reason") is not None:
        raise RequestError("reason", "must be absent for request 'first'")
    sex_text = data.get("sex")
    if sex_text is not None and sex_text not in SEX_CODES:
        raise RequestError("sex", f"{sex_text!r} is not one of: male, female")
    exemptions = data.get("exemptions", [])
    if not isinstance(exemptions, list) or not all(isinstance(e, str) for e in exemptions):
        raise RequestError("exemptions", "must be a list of codes")
    unknown = set(exemptions) - claimable
    if unknown:
        raise RequestError("exemptions", f"{sorted(unknown)[0]!r} is not one of: "
                           f"{', '.join(sorted(claimable))}")
    return AssessRequest(
        on=on, birth=birth, birth_precision=precision, request=kind, reason=reason,
        sex=SEX_CODES.get(sex_text) if sex_text else None,
        citizen=_bool(data, "citizen", True),
        channel=_choice(data, "channel", Channel, "counter"),
        card=_card(data, on), exemptions=frozenset(exemptions),
        digital_citizen=_bool(data, "digital_citizen", False),
        db_adjustment_needed=_bool(data, "db_adjustment_needed", False),
        lost_capacity=_bool(data, "lost_capacity", False),
        id_number=_digits(data, "id_number"), former_id_number=_digits(data, "former_id_number"),
    )
