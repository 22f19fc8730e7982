"""A synthetic population for trainers and benchmarks: ``kiosk registry generate``.

Households of invented people with Vietnamese names drawn by their real frequencies
(resources/registry/names.toml), ID numbers with the structure of legal.md §6.2 (each passes
:func:`kiosk.workflow.idnumber.check_id_number` without a warning), addresses in the 34
provinces after the 2025 merger (resources/registry/provinces.toml), parents linked to their
children, and card histories (CMND, CCCD, căn cước) whose expiries follow the age milestones
(:func:`kiosk.workflow.age.card_expiry`) and the legal dates of resources/registry/eras.toml. A
few cards are reported lost and a few records carry flagged discrepancies. The same seed and
reference day give the same people.

Pure Python (``random.Random`` only): the SQL registry stores what this yields. A million
people must take under a minute (docs/PERFORMANCE.md), so the generator builds each person
straight as the JSON document the registry seals (:meth:`RegistryRecord.to_json`'s shape)
from tables prepared once; :meth:`PopulationGenerator.generate` turns the documents into
records for everyone else. Every random draw is made in a fixed order through
``getrandbits`` and ``random`` (see :meth:`PopulationGenerator._below`), so a seed gives the
same people whatever the Python version's ``randrange`` does.
"""

from __future__ import annotations

import itertools
import random
import tomllib
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from kiosk.registry.records import CardStatus, RegistryRecord
from kiosk.workflow.age import AgeRules, anniversary, card_expiry
from kiosk.workflow.idnumber import IdNumberRules
from kiosk.workflow.people import CardKind, Sex
from kiosk.workflow.request import BirthPrecision

CMND_FROM = date(1976, 1, 1)  # the earliest CMND the generator invents (not a legal date)

# Shares of the generated population (rough, for training variety).
LOST_CARD_SHARE = 0.02
DISCREPANCY_SHARE = 0.015
YEAR_ONLY_BIRTH_SHARE = 0.04  # among people born before 1960
MONTH_ONLY_BIRTH_SHARE = 0.02
SINGLE_HOUSEHOLD_SHARE = 0.2
CHILDREN_WEIGHTS = (0.12, 0.25, 0.43, 0.2)  # 0, 1, 2, 3 children
CCCD_CAMPAIGN = (date(2021, 1, 1), date(2021, 12, 31))  # most CCCDs: the 2021 chip campaign

# The enums' texts, as the documents hold them: an enum's value and hash are Python-level
# calls, a tenth of the generator's time when used per person.
CMND, CCCD, CAN_CUOC = CardKind.CMND.value, CardKind.CCCD.value, CardKind.CAN_CUOC.value
MALE, FEMALE = Sex.MALE.value, Sex.FEMALE.value
IN_USE, REPLACED, LOST = CardStatus.IN_USE.value, CardStatus.REPLACED.value, CardStatus.LOST.value
BY_DAY, BY_MONTH, BY_YEAR = (BirthPrecision.DAY.value, BirthPrecision.MONTH.value,
                             BirthPrecision.YEAR.value)

INCOMPLETE_BIRTH = {"code": "birth_date_incomplete", "note": (
    "CSDLQG chỉ có năm (hoặc tháng, năm) sinh: đối chiếu giấy khai sinh hoặc giấy tờ gốc của "
    "công dân.")}
RESIDENCE_BEFORE_MERGER = {"code": "residence_before_merger", "note": (
    "Nơi thường trú in trên thẻ ghi địa giới hành chính trước ngày 01/7/2025; dữ liệu CSDLQG "
    "đã cập nhật theo đơn vị mới.")}
CARD_NAME_DIFFERS = {"code": "card_name_differs", "note": (
    "Họ, chữ đệm và tên in trên thẻ cũ khác dữ liệu CSDLQG (dấu hoặc chữ đệm): đối chiếu giấy "
    "khai sinh trước khi cấp thẻ mới.")}


class _Weighted:
    """Repeated draws from a fixed table: one ``random()`` each, as ``Random.choices`` with
    cumulative weights would make it (the table's sums computed once)."""

    def __init__(self, table: dict[str, float]) -> None:
        self.values = list(table)
        self.cumulative = list(itertools.accumulate(float(w) for w in table.values()))
        self.total = self.cumulative[-1] + 0.0
        self.last = len(self.values) - 1

    def draw(self, rng: random.Random) -> str:
        return self.values[bisect(self.cumulative, rng.random() * self.total, 0, self.last)]


@dataclass(frozen=True)
class Eras:
    """resources/registry/eras.toml: the legal dates the card histories follow."""

    cccd_from: date  # the first CCCD
    can_cuoc_from: date  # the first căn cước (no CCCD from then on)
    cmnd_years: int  # how long a CMND was valid
    merger: date  # the 34 provinces' first day
    city_codes: frozenset[str]  # ID prefixes of the centrally-run cities before the merger

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Eras:
        return cls(data["cccd"]["from"], data["can_cuoc"]["from"],
                   int(data["cmnd"]["valid_years"]), data["merger"]["from"],
                   frozenset(str(code) for code in data["cities"]["codes"]))


@dataclass(frozen=True)
class Province:
    name: str
    kind: str  # "Tỉnh" or "Thành phố"
    gso_code: str
    legacy_codes: tuple[str, ...]
    communes: tuple[str, ...]
    weight: float

    @property
    def label(self) -> str:
        return f"{self.kind} {self.name}"


@dataclass(frozen=True)
class PopulationData:
    provinces: tuple[Province, ...]
    names: dict[str, Any]
    ids: IdNumberRules  # its provinces: ID prefix -> province name before the merger
    ages: AgeRules
    eras: Eras

    @classmethod
    def load(cls, resources: Path) -> PopulationData:
        def toml(path: Path) -> dict[str, Any]:
            with path.open("rb") as handle:
                return tomllib.load(handle)

        provinces = tuple(
            Province(p["name"], p["kind"], p["gso_code"], tuple(p["legacy_codes"]),
                     tuple(p["communes"]), float(p.get("weight", 1)))
            for p in toml(resources / "registry" / "provinces.toml")["provinces"])
        return cls(provinces, toml(resources / "registry" / "names.toml"),
                   IdNumberRules.from_mapping(toml(resources / "law" / "id_number.toml")),
                   AgeRules.from_mapping(toml(resources / "law" / "age.toml")),
                   Eras.from_mapping(toml(resources / "registry" / "eras.toml")))


class _Place(NamedTuple):
    """One province's texts, made once: what the addresses of a million people repeat."""

    province: Province
    communes: tuple[str, ...]
    wards: tuple[bool, ...]  # per commune: a ward (phường) has streets, a commune hamlets
    tails: tuple[str, ...]  # per commune: ", {commune}, {province label}"
    hometowns: tuple[str, ...]  # per commune: "{commune}, {province label}"
    registrations: tuple[str, ...]  # per commune: its people's council, after the merger
    legacy_codes: tuple[str, ...]


class _Person(NamedTuple):
    sex: str  # Sex's value
    birth: date
    place: _Place
    full_name: str
    id_number: str


class _Card(NamedTuple):
    kind: str  # CardKind's value
    number: str
    issued: date
    expires: date | None

    def document(self, status: str) -> dict[str, Any]:
        """As :meth:`CardRecord.to_json`."""
        return {"kind": self.kind, "number": self.number,
                "issued_on": self.issued.isoformat(),
                "expires_on": self.expires.isoformat() if self.expires else None,
                "status": status}


class PopulationGenerator:
    """``generate(count)`` yields ``count`` records, households together (parents first);
    ``documents(count)`` the same people as the JSON the registry seals."""

    def __init__(self, data: PopulationData, *, seed: int, as_of: date,
                 taken: Sequence[str] = ()) -> None:
        self.data = data
        self.as_of = as_of
        self.rng = random.Random(seed)
        self._bits = self.rng.getrandbits
        names = data.names
        self._family = _Weighted(names["family"])
        self._middle = {MALE: _Weighted(names["middle"]["nam"]),
                        FEMALE: _Weighted(names["middle"]["nu"])}
        self._given = {MALE: _Weighted(names["given"]["nam"]),
                       FEMALE: _Weighted(names["given"]["nu"])}
        self._ethnicity = _Weighted(names["ethnicity"])
        self._religion = _Weighted(names["religion"])
        self._children = _Weighted({str(n): w for n, w in enumerate(CHILDREN_WEIGHTS)})
        self._second_middle = float(names["shape"]["second_middle"])
        self._streets = [f" đường {street}" for street in names["streets"]["names"]]
        self._hamlets = [f"{word} " for word in names["streets"]["hamlet_words"]]
        self._province = _Weighted({str(i): p.weight for i, p in enumerate(data.provinces)})
        self._places = [self._place_table(p) for p in data.provinces]
        self._sex_digit = {(century, sex.value): str(digit)
                           for digit, (century, sex) in data.ids.century_sex.items()}
        eras = data.eras
        self._registered_before_merger = {
            prefix: (f"Ủy ban nhân dân thành phố {legacy.removeprefix('TP ')}"
                     if prefix in eras.city_codes else f"Ủy ban nhân dân tỉnh {legacy}")
            for prefix, legacy in data.ids.provinces.items()}
        self._cmnd_span = timedelta(days=eras.cmnd_years * 365)
        self._cccd_last = min(eras.can_cuoc_from - timedelta(days=1), as_of)
        self._unknown_day = data.ages.unknown_day
        self._unknown_month = data.ages.unknown_month
        self._ids: set[str] = set(taken)
        self._cmnds: set[str] = set()

    @staticmethod
    def _place_table(province: Province) -> _Place:
        label = province.label
        communes = province.communes
        return _Place(province, communes, tuple(c.startswith("Phường") for c in communes),
                      tuple(f", {c}, {label}" for c in communes),
                      tuple(f"{c}, {label}" for c in communes),
                      tuple(f"Ủy ban nhân dân {c}, {label}" for c in communes),
                      province.legacy_codes)

    # -- draws ---------------------------------------------------------------------------
    def _below(self, n: int) -> int:
        """A whole number in [0, n) (n >= 1), drawn as ``Random.randrange(n)`` draws it in
        CPython 3.11-3.13, without its argument checks (a tenth of the generator's time)."""
        if n < 1:
            raise ValueError(f"nothing to draw from: {n}")
        size = n.bit_length()
        drawn = self._bits(size)
        while drawn >= n:
            drawn = self._bits(size)
        return drawn

    def _pick(self, items: Sequence[str]) -> str:
        return items[self._below(len(items))]

    def _day_in(self, first: date, last: date) -> date:
        return first + timedelta(days=self._below(max(1, (last - first).days + 1)))

    # -- people ------------------------------------------------------------------------
    def _name(self, sex: str, family: str) -> str:
        rng = self.rng
        middle = self._middle[sex]
        first_middle = middle.draw(rng)
        parts = [family, first_middle]
        if first_middle != "Văn" and rng.random() < self._second_middle:
            extra = middle.draw(rng)
            if extra not in parts and extra not in ("Thị", "Văn"):
                parts.append(extra)
        given = self._given[sex]
        name = given.draw(rng)
        while name == parts[-1]:
            name = given.draw(rng)
        parts.append(name)
        return " ".join(parts)

    def _id_number(self, prefix: str, sex: str, birth: date) -> str:
        head = f"{prefix}{self._sex_digit[(birth.year // 100 * 100, sex)]}{birth.year % 100:02d}"
        while True:
            number = f"{head}{self._below(1_000_000):06d}"
            if number not in self._ids:
                self._ids.add(number)
                return number

    def _cmnd(self) -> str:
        while True:
            number = f"{10_000_000 + self._below(390_000_000):09d}"
            if number not in self._cmnds:
                self._cmnds.add(number)
                return number

    def _birth(self, year: int) -> date:
        start = date(year, 1, 1)
        return self._day_in(start, min(date(year, 12, 31), self.as_of))

    def _residence(self, place: _Place) -> tuple[int, str]:
        """(which commune, full residence text) in ``place``."""
        index = self._below(len(place.communes))
        if place.wards[index]:
            street = f"Số {1 + self._below(299)}{self._pick(self._streets)}"
        else:
            street = f"{self._pick(self._hamlets)}{1 + self._below(14)}"
        return index, street + place.tails[index]

    def _person(self, sex: str, family: str, birth: date, place: _Place) -> _Person:
        name = self._name(sex, family)
        return _Person(sex, birth, place, name,
                       self._id_number(self._pick(place.legacy_codes), sex, birth))

    def _registration(self, prefix: str, place: _Place, birth: date) -> str:
        if birth >= self.data.eras.merger:
            return place.registrations[self._below(len(place.communes))]
        return self._registered_before_merger[prefix]

    # -- cards ---------------------------------------------------------------------------
    def _next_can_cuoc(self, cards: list[_Card], birth: date, fourteen: date) -> date | None:
        """When the next căn cước was issued after ``cards``, or None (no further card)."""
        rng, as_of = self.rng, self.as_of
        last = cards[-1] if cards else None
        start = max(self.data.eras.can_cuoc_from, birth)
        if start > as_of:
            return None
        if last is not None and last.kind != CMND:
            if last.expires is None or last.expires > as_of:
                if last.kind != CCCD or rng.random() >= 0.12:
                    return None
                issued = self._day_in(max(start, last.issued), as_of)
            elif rng.random() < 0.85:
                issued = self._day_in(max(start, last.expires - timedelta(days=30)),
                                      min(as_of, max(start, last.expires)
                                          + timedelta(days=60)))
            else:
                return None
        elif fourteen <= as_of:
            if rng.random() > 0.7:
                return None
            issued = self._day_in(max(start, fourteen), as_of)
        elif rng.random() < 0.06:
            issued = self._day_in(start, as_of)
        else:
            return None
        return None if last is not None and issued <= last.issued else issued

    def _cards(self, id_number: str, birth: date) -> tuple[list[_Card], str]:
        """The card history, oldest first, and the former CMND number ("" if none)."""
        rng, as_of, eras, ages = self.rng, self.as_of, self.data.eras, self.data.ages
        cards: list[_Card] = []
        former = ""
        fourteen = anniversary(birth, 14)
        first_cmnd = max(fourteen, CMND_FROM) + timedelta(days=self._below(3 * 365))
        if first_cmnd < eras.cccd_from and first_cmnd <= as_of:
            issued = first_cmnd
            while issued + self._cmnd_span < eras.cccd_from:
                renewed = issued + self._cmnd_span + timedelta(days=self._below(200))
                if renewed > as_of:  # only for a reference day before mid-2016
                    break
                issued = renewed
            former = self._cmnd()
            cards.append(_Card(CMND, former, issued,
                               anniversary(issued, eras.cmnd_years)))
        cccd_first = max(fourteen, eras.cccd_from)
        cccd_last = self._cccd_last
        if cccd_first <= cccd_last and rng.random() < 0.9:
            campaign_from, campaign_to = CCCD_CAMPAIGN
            if (rng.random() < 0.6 and cccd_first <= campaign_to
                    and campaign_from <= cccd_last):
                issued = self._day_in(max(campaign_from, cccd_first),
                                      min(campaign_to, cccd_last))
            else:
                issued = self._day_in(cccd_first, cccd_last)
            cards.append(_Card(CCCD, id_number, issued,
                               card_expiry(birth, issued, ages).value))
        # Căn cước: renewals at the milestones, voluntary exchanges, children on request.
        while (issued_next := self._next_can_cuoc(cards, birth, fourteen)) is not None:
            cards.append(_Card(CAN_CUOC, id_number, issued_next,
                               card_expiry(birth, issued_next, ages).value))
        return cards, former

    # -- documents -----------------------------------------------------------------------
    def _document(self, person: _Person, residence: str, *, father: _Person | None = None,
                  mother: _Person | None = None, father_name: str = "",
                  mother_name: str = "") -> dict[str, Any]:
        """One person as :meth:`RegistryRecord.to_json` would write the record."""
        rng = self.rng
        birth = person.birth
        precision = BY_DAY
        discrepancies: list[dict[str, str]] = []
        if birth.year < 1960 and rng.random() < YEAR_ONLY_BIRTH_SHARE + MONTH_ONLY_BIRTH_SHARE:
            if rng.random() < YEAR_ONLY_BIRTH_SHARE / (YEAR_ONLY_BIRTH_SHARE
                                                        + MONTH_ONLY_BIRTH_SHARE):
                precision = BY_YEAR
                birth = date(birth.year, self._unknown_month, self._unknown_day)
            else:
                precision = BY_MONTH
                birth = birth.replace(day=self._unknown_day)
            discrepancies.append(INCOMPLETE_BIRTH)
        cards, former = self._cards(person.id_number, birth)
        history = [card.document(REPLACED) for card in cards[:-1]]
        if cards:
            newest = LOST if rng.random() < LOST_CARD_SHARE else IN_USE
            history.append(cards[-1].document(newest))
            if rng.random() < DISCREPANCY_SHARE:
                if cards[-1].issued < self.data.eras.merger and rng.random() < 0.5:
                    discrepancies.append(RESIDENCE_BEFORE_MERGER)
                else:
                    discrepancies.append(CARD_NAME_DIFFERS)
        home = (person.place if rng.random() < 0.6
                else self._places[int(self._province.draw(rng))])
        home_index, _ = self._residence(home)
        ethnicity = self._ethnicity.draw(rng)
        registration = self._registration(person.id_number[:3], person.place, birth)
        return {
            "id_number": person.id_number, "former_id_number": former,
            "full_name": person.full_name, "other_name": "",
            "date_of_birth": birth.isoformat(), "birth_precision": precision,
            "sex": person.sex, "nationality": "Việt Nam", "is_vietnamese_citizen": True,
            "ethnicity": ethnicity, "religion": self._religion.draw(rng),
            "place_of_birth_registration": registration,
            "hometown": home.hometowns[home_index], "permanent_residence": residence,
            "temporary_residence": "", "current_residence": "",
            "father": {"full_name": father.full_name if father else father_name,
                       "id_number": father.id_number if father else ""},
            "mother": {"full_name": mother.full_name if mother else mother_name,
                       "id_number": mother.id_number if mother else ""},
            "cards": history,
            "discrepancies": [dict(flag) for flag in discrepancies],
            "synthetic": True,
        }

    def documents(self, count: int) -> Iterator[dict[str, Any]]:
        """The people as sealed JSON documents. Parents not generated (a single person's,
        each parent's own) get only a name."""
        rng, as_of = self.rng, self.as_of
        made = 0
        while made < count:
            place = self._places[int(self._province.draw(rng))]
            _, residence = self._residence(place)
            if rng.random() < SINGLE_HOUSEHOLD_SHARE:
                sex = MALE if rng.random() < 0.5 else FEMALE
                year = 1935 + self._below(as_of.year - 17 - 1935)
                family = self._family.draw(rng)
                person = self._person(sex, family, self._birth(year), place)
                father_name = self._name(MALE, family)
                yield self._document(person, residence, father_name=father_name,
                                     mother_name=self._name(FEMALE, self._family.draw(rng)))
                made += 1
                continue
            father_year = int(rng.triangular(1938, as_of.year - 20, 1972))
            mother_year = min(as_of.year - 18, father_year - 1 + self._below(9))
            family, mother_family = self._family.draw(rng), self._family.draw(rng)
            father = self._person(MALE, family, self._birth(father_year), place)
            mother = self._person(FEMALE, mother_family, self._birth(mother_year), place)
            household = [
                self._document(father, residence, father_name=self._name(MALE, family),
                               mother_name=self._name(FEMALE, self._family.draw(rng))),
                self._document(mother, residence, father_name=self._name(MALE, mother_family),
                               mother_name=self._name(FEMALE, self._family.draw(rng))),
            ]
            for _ in range(int(self._children.draw(rng))):
                year = mother_year + 20 + self._below(19)
                if year > as_of.year:
                    continue
                birth = self._birth(year)
                if birth > as_of:
                    continue
                sex = MALE if rng.random() < 0.51 else FEMALE
                child = self._person(sex, family, birth, place)
                household.append(self._document(child, residence, father=father,
                                                mother=mother))
            for document in household[:count - made]:
                yield document
                made += 1

    def generate(self, count: int) -> Iterator[RegistryRecord]:
        return map(RegistryRecord.from_json, self.documents(count))
