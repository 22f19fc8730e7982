"""What the central registry service sends, read field by field (docs/api/registry.json).

Anything off (a wrong type, a missing field, an impossible date, a value outside its list)
is an unusable answer: :class:`ServiceUnavailable` with :data:`GARBAGE`, logged by the name
of the field only (never its value: it may be personal data). Unknown fields are ignored.
"""

from __future__ import annotations

import logging
import re
from datetime import date, time
from enum import StrEnum
from typing import Any, TypeVar

from kiosk.registry.base import APPLICATION_CODE
from kiosk.registry.records import (
    RELATIONSHIPS,
    CardRecord,
    CardStatus,
    Discrepancy,
    OnlineApplication,
    RegistryRecord,
    RepresentativeRecord,
    current_card,
)
from kiosk.registry.transport import GARBAGE, Failure, ServiceUnavailable
from kiosk.workflow.delivery import Delivery, DeliveryMethod
from kiosk.workflow.people import CardKind, Citizen, Sex
from kiosk.workflow.procedures import REFUSALS, Procedure, Reason
from kiosk.workflow.request import BirthPrecision

log = logging.getLogger(__name__)  # field names only

E = TypeVar("E", bound=StrEnum)
ID_NUMBER = re.compile(r"\d{12}")
CMND_NUMBER = re.compile(r"\d{9}|\d{12}")
CLOCK = re.compile(r"\d{2}:\d{2}")  # a booking slot's bound, HH:MM


class _Malformed(Exception):
    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


class _Fields:
    """Reads one JSON object field by field; anything off raises _Malformed(field)."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise _Malformed(where)
        self._data = data

    def text(self, name: str, *, required: bool = True, pattern: re.Pattern[str] | None = None,
             empty: bool = True) -> str:
        value = self._data.get(name)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (not empty and not value.strip()) or (
                pattern is not None and value and not pattern.fullmatch(value)):
            raise _Malformed(name)
        return value

    def day(self, name: str) -> date:
        value = self._data.get(name)
        if not isinstance(value, str) or len(value) != 10:
            raise _Malformed(name)
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise _Malformed(name) from None

    def optional_day(self, name: str) -> date | None:
        return None if self._data.get(name) is None else self.day(name)

    def clock(self, name: str) -> time:
        value = self.text(name, pattern=CLOCK, empty=False)
        try:
            return time.fromisoformat(value)
        except ValueError:
            raise _Malformed(name) from None

    def choice(self, name: str, kind: type[E], default: E | None = None) -> E:
        value = self._data.get(name)
        if value is None and default is not None:
            return default
        if not isinstance(value, str):
            raise _Malformed(name)
        try:
            return kind(value)
        except ValueError:
            raise _Malformed(name) from None

    def flag(self, name: str, default: bool) -> bool:
        value = self._data.get(name, default)
        if not isinstance(value, bool):
            raise _Malformed(name)
        return value

    def part(self, name: str) -> _Fields:
        value = self._data.get(name)
        return _Fields({} if value is None else value, name)

    def optional_part(self, name: str) -> _Fields | None:
        value = self._data.get(name)
        return None if value is None else _Fields(value, name)

    def each(self, name: str) -> list[_Fields]:
        value = self._data.get(name, [])
        if not isinstance(value, list):
            raise _Malformed(name)
        return [_Fields(item, name) for item in value]


def _unusable(bad: _Malformed, what: str) -> ServiceUnavailable:
    log.warning("registry %s malformed at %s", what, bad.field)
    return ServiceUnavailable(GARBAGE, Failure.GARBAGE)


def record_from_wire(data: Any) -> RegistryRecord:
    """A citizen record as the service sends it (schema CitizenRecord), checked field by
    field; raises ServiceUnavailable(GARBAGE) naming nothing personal."""
    try:
        return _record(_Fields(data, "record"))
    except _Malformed as bad:
        raise _unusable(bad, "record") from None


def records_from_wire(data: dict[str, Any]) -> list[RegistryRecord]:
    """The ``items`` of a search result or a sync page: each a record, nobody twice."""
    items = data.get("items")
    if not isinstance(items, list):
        log.warning("registry answer has no items list")
        raise ServiceUnavailable(GARBAGE, Failure.GARBAGE)
    records = [record_from_wire(item) for item in items]
    if len({r.citizen.id_number for r in records}) != len(records):
        log.warning("registry answer lists one person twice")
        raise ServiceUnavailable(GARBAGE, Failure.GARBAGE)
    return records


def application_from_wire(data: Any) -> OnlineApplication:
    """An online application (schema Application), checked field by field: a code of the
    known form, a slot that ends after it starts, a filing day not after the booked one, a
    postal delivery with its address."""
    try:
        return _application(_Fields(data, "application"))
    except _Malformed as bad:
        raise _unusable(bad, "application") from None


def _record(f: _Fields) -> RegistryRecord:
    cards = tuple(CardRecord(
        card.choice("kind", CardKind), card.text("number", empty=False),
        card.day("issued_on"), card.optional_day("expires_on"),
        card.choice("status", CardStatus, CardStatus.IN_USE)) for card in f.each("cards"))
    father, mother = f.part("father"), f.part("mother")
    citizen = Citizen(
        id_number=f.text("id_number", pattern=ID_NUMBER, empty=False),
        full_name=f.text("full_name", empty=False),
        date_of_birth=f.day("date_of_birth"),
        sex=f.choice("sex", Sex), nationality=f.text("nationality"),
        place_of_birth_registration=f.text("place_of_birth_registration"),
        hometown=f.text("hometown"), ethnicity=f.text("ethnicity"),
        religion=f.text("religion"), permanent_residence=f.text("permanent_residence"),
        temporary_residence=f.text("temporary_residence", required=False),
        current_residence=f.text("current_residence", required=False),
        former_id_number=f.text("former_id_number", required=False, pattern=CMND_NUMBER),
        card=current_card(cards),
        is_vietnamese_citizen=f.flag("is_vietnamese_citizen", True),
        other_name=f.text("other_name", required=False),
        father_name=father.text("full_name", required=False),
        mother_name=mother.text("full_name", required=False))
    return RegistryRecord(
        citizen, f.choice("birth_precision", BirthPrecision, BirthPrecision.DAY),
        father.text("id_number", required=False, pattern=ID_NUMBER),
        mother.text("id_number", required=False, pattern=ID_NUMBER), cards,
        tuple(Discrepancy(d.text("code", empty=False), d.text("note"))
              for d in f.each("discrepancies")),
        f.flag("synthetic", False), _representative(f, citizen.id_number))


def _representative(f: _Fields, represented: str) -> RepresentativeRecord | None:
    """The legal representative as registered: a named person other than the one
    represented, a relationship of the list, and the document the registration rests on."""
    part = f.optional_part("representative")
    if part is None:
        return None
    id_number = part.text("id_number", pattern=ID_NUMBER, empty=False)
    code = part.text("relationship", empty=False)
    if id_number == represented:
        raise _Malformed("representative.id_number")
    if code not in RELATIONSHIPS:
        raise _Malformed("representative.relationship")
    return RepresentativeRecord(part.text("full_name", empty=False), id_number,
                                RELATIONSHIPS[code], part.text("proof", empty=False))


def _application(f: _Fields) -> OnlineApplication:
    delivery = f.part("delivery")
    method = delivery.choice("method", DeliveryMethod, DeliveryMethod.COUNTER)
    address = delivery.text("address", required=False)
    if method is DeliveryMethod.POST and not address.strip():
        raise _Malformed("delivery.address")
    application = OnlineApplication(
        code=f.text("code", pattern=APPLICATION_CODE, empty=False),
        id_number=f.text("id_number", pattern=ID_NUMBER, empty=False),
        full_name=f.text("full_name", empty=False),
        procedure=f.choice("procedure", Procedure), reason=f.choice("reason", Reason),
        filed_on=f.day("filed_on"), booked_on=f.day("booked_on"),
        slot_from=f.clock("slot_from"), slot_to=f.clock("slot_to"),
        agency=f.text("agency", empty=False),
        delivery=Delivery(method, address, delivery.text("phone", required=False)),
        synthetic=f.flag("synthetic", False))
    if application.procedure is Procedure.REFUSE or application.reason in REFUSALS:
        raise _Malformed("procedure")  # a refusal is the counter's, never filed online
    if application.slot_to <= application.slot_from:
        raise _Malformed("slot_to")
    if application.filed_on > application.booked_on:
        raise _Malformed("filed_on")
    return application
