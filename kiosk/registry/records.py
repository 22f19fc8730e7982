"""The full registry record behind a :class:`Citizen`: how precise the birth date is, the
parents' ID numbers, every card the person held, and flags where the data disagree.

The desk still receives plain :class:`Citizen` snapshots through ``PopulationRegistry.find``;
these records are what a local registry stores and what ``kiosk registry sample|lookup``
print. Names are folded two ways for a lookup by name: :func:`unaccented` (accents and case
dropped: what the index holds) and :func:`kiosk.workflow.people.name_key` (NFC, case and
spaces only: what decides an exact match).

:class:`OnlineApplication` is what an application filed online with a booked visit brings to
the counter (legal.md §9, flow A).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum
from typing import Any

from kiosk.workflow.delivery import COUNTER, Delivery, DeliveryMethod
from kiosk.workflow.people import Card, CardKind, Citizen, Sex, name_key, nfc
from kiosk.workflow.procedures import Procedure, Reason
from kiosk.workflow.representation import Relationship
from kiosk.workflow.request import BirthPrecision  # unknown parts are stored as 1 (age.toml)


class CardStatus(StrEnum):
    IN_USE = "in_use"  # the latest card, not reported lost
    REPLACED = "replaced"  # a newer card was issued
    LOST = "lost"  # reported lost (báo mất): the holder needs cấp lại or cấp đổi

    @property
    def label(self) -> str:
        return {CardStatus.IN_USE: "đang dùng", CardStatus.REPLACED: "đã thay",
                CardStatus.LOST: "đã báo mất"}[self]


@dataclass(frozen=True)
class CardRecord:
    kind: CardKind
    number: str
    issued_on: date
    expires_on: date | None
    status: CardStatus = CardStatus.IN_USE

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "number": self.number,
                "issued_on": self.issued_on.isoformat(),
                "expires_on": self.expires_on.isoformat() if self.expires_on else None,
                "status": self.status.value}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CardRecord:
        expires = data.get("expires_on")
        return cls(CardKind(data["kind"]), str(data["number"]),
                   date.fromisoformat(data["issued_on"]),
                   date.fromisoformat(expires) if expires else None,
                   CardStatus(data.get("status", CardStatus.IN_USE)))


@dataclass(frozen=True)
class Discrepancy:
    """A flag on the record: ``code`` for programs and audits, ``note`` for the clerk."""

    code: str
    note: str


# The relationship of a registered representative as records and the wire spell it (ASCII
# codes: a JSON field compared byte for byte should not depend on Unicode normalisation).
RELATIONSHIP_CODES = {Relationship.FATHER: "father", Relationship.MOTHER: "mother",
                      Relationship.GUARDIAN: "guardian"}
RELATIONSHIPS = {code: relationship for relationship, code in RELATIONSHIP_CODES.items()}


@dataclass(frozen=True)
class RepresentativeRecord:
    """The legal representative CSDLQG records for a person (Luật Căn cước 2023 Điều 9
    khoản 15): who, in what relationship, and the document the registration rests on (a
    guardianship registration extract, a court decision, a birth registration)."""

    full_name: str
    id_number: str
    relationship: Relationship
    proof: str

    def __post_init__(self) -> None:
        for name in ("full_name", "proof"):  # text compares as NFC, like a Citizen's
            object.__setattr__(self, name, nfc(getattr(self, name)))

    def to_json(self) -> dict[str, Any]:
        return {"full_name": self.full_name, "id_number": self.id_number,
                "relationship": RELATIONSHIP_CODES[self.relationship], "proof": self.proof}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RepresentativeRecord:
        return cls(str(data["full_name"]), str(data["id_number"]),
                   RELATIONSHIPS[data["relationship"]], str(data["proof"]))


@dataclass(frozen=True)
class RegistryRecord:
    citizen: Citizen
    birth_precision: BirthPrecision = BirthPrecision.DAY
    father_id_number: str = ""
    mother_id_number: str = ""
    cards: tuple[CardRecord, ...] = ()  # oldest first
    discrepancies: tuple[Discrepancy, ...] = field(default_factory=tuple)
    synthetic: bool = True
    representative: RepresentativeRecord | None = None  # as registered, if any

    @property
    def lost_card(self) -> CardRecord | None:
        return next((c for c in self.cards if c.status is CardStatus.LOST), None)

    def to_json(self) -> dict[str, Any]:
        c = self.citizen
        document = {
            "id_number": c.id_number, "former_id_number": c.former_id_number,
            "full_name": c.full_name, "other_name": c.other_name,
            "date_of_birth": c.date_of_birth.isoformat(),
            "birth_precision": self.birth_precision.value, "sex": c.sex.value,
            "nationality": c.nationality, "is_vietnamese_citizen": c.is_vietnamese_citizen,
            "ethnicity": c.ethnicity, "religion": c.religion,
            "place_of_birth_registration": c.place_of_birth_registration,
            "hometown": c.hometown, "permanent_residence": c.permanent_residence,
            "temporary_residence": c.temporary_residence,
            "current_residence": c.current_residence,
            "father": {"full_name": c.father_name, "id_number": self.father_id_number},
            "mother": {"full_name": c.mother_name, "id_number": self.mother_id_number},
            "cards": [card.to_json() for card in self.cards],
            "discrepancies": [{"code": d.code, "note": d.note} for d in self.discrepancies],
            "synthetic": self.synthetic,
        }
        if self.representative is not None:  # else absent: older documents stay unchanged
            document["representative"] = self.representative.to_json()
        return document

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RegistryRecord:
        cards = tuple(CardRecord.from_json(card) for card in data.get("cards", []))
        father, mother = data.get("father", {}), data.get("mother", {})
        citizen = Citizen(
            id_number=data["id_number"], full_name=data["full_name"],
            date_of_birth=date.fromisoformat(data["date_of_birth"]), sex=Sex(data["sex"]),
            nationality=data["nationality"],
            place_of_birth_registration=data["place_of_birth_registration"],
            hometown=data["hometown"], ethnicity=data["ethnicity"], religion=data["religion"],
            permanent_residence=data["permanent_residence"],
            temporary_residence=data.get("temporary_residence", ""),
            current_residence=data.get("current_residence", ""),
            former_id_number=data.get("former_id_number", ""),
            card=current_card(cards),
            is_vietnamese_citizen=data.get("is_vietnamese_citizen", True),
            other_name=data.get("other_name", ""),
            father_name=father.get("full_name", ""), mother_name=mother.get("full_name", ""),
        )
        return cls(citizen, BirthPrecision(data.get("birth_precision", "day")),
                   father.get("id_number", ""), mother.get("id_number", ""), cards,
                   tuple(Discrepancy(d["code"], d["note"]) for d in data.get("discrepancies", [])),
                   bool(data.get("synthetic", True)),
                   RepresentativeRecord.from_json(data["representative"])
                   if data.get("representative") else None)

    @classmethod
    def of(cls, citizen: Citizen, *, synthetic: bool = True) -> RegistryRecord:
        """A record that knows only what a :class:`Citizen` says (the training file)."""
        cards = () if citizen.card is None else (CardRecord(
            citizen.card.kind, citizen.card.number, citizen.card.issued_on,
            citizen.card.expires_on),)
        return cls(citizen, cards=cards, synthetic=synthetic)


@dataclass(frozen=True)
class OnlineApplication:
    """An application filed on Cổng Dịch vụ công quốc gia or VNeID with a booked visit: what
    reaches the counter (legal.md §9, flow A). ``procedure`` and ``reason`` are what the
    citizen chose online; the desk's rules decide again at the counter."""

    code: str  # mã hồ sơ (docs/registry.md, "Online applications")
    id_number: str  # the person the card is for
    full_name: str
    procedure: Procedure
    reason: Reason
    filed_on: date
    booked_on: date
    slot_from: time
    slot_to: time
    agency: str  # the căn cước agency the visit is booked at
    delivery: Delivery = COUNTER
    synthetic: bool = True

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "id_number": self.id_number, "full_name": self.full_name,
                "procedure": self.procedure.value, "reason": self.reason.value,
                "filed_on": self.filed_on.isoformat(), "booked_on": self.booked_on.isoformat(),
                "slot_from": self.slot_from.isoformat("minutes"),
                "slot_to": self.slot_to.isoformat("minutes"), "agency": self.agency,
                "delivery": {"method": self.delivery.method.value,
                             "address": self.delivery.address, "phone": self.delivery.phone},
                "synthetic": self.synthetic}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OnlineApplication:
        delivery = data.get("delivery", {})
        return cls(str(data["code"]), str(data["id_number"]), str(data["full_name"]),
                   Procedure(data["procedure"]), Reason(data["reason"]),
                   date.fromisoformat(data["filed_on"]), date.fromisoformat(data["booked_on"]),
                   time.fromisoformat(data["slot_from"]), time.fromisoformat(data["slot_to"]),
                   str(data["agency"]),
                   Delivery(DeliveryMethod(delivery.get("method", "counter")),
                            str(delivery.get("address", "")), str(delivery.get("phone", ""))),
                   bool(data.get("synthetic", True)))


def current_card(cards: tuple[CardRecord, ...]) -> Card | None:
    """The card the desk sees: the newest one (a lost one too: the clerk takes its report)."""
    if not cards:
        return None
    newest = cards[-1]
    return Card(newest.kind, newest.number, newest.issued_on, newest.expires_on)


_NO_TONE = str.maketrans({"đ": "d", "Đ": "d"})


def unaccented(text: str) -> str:
    """Accents and case dropped (Nguyễn Văn Bình = nguyen van binh; đ = d): the index."""
    decomposed = unicodedata.normalize("NFD", name_key(text).translate(_NO_TONE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
