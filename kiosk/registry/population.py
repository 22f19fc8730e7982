"""A synthetic population for trainers and benchmarks: ``kiosk registry generate``.

Households of invented people with Vietnamese names drawn by their real frequencies
(resources/registry/names.toml), ID numbers with the structure of legal.md §6.2 (each passes
:func:`kiosk.workflow.idnumber.check_id_number` without a warning), addresses in the 34
provinces after the 2025 merger (resources/registry/provinces.toml), parents linked to their
children, and card histories (CMND, CCCD, căn cước) whose expiries follow the age milestones
(:func:`kiosk.workflow.age.card_expiry`) and the legal dates of resources/registry/eras.toml. A
few cards are reported lost and a few records carry flagged discrepancies. The same seed and
reference day give the same people.

Pure Python (``random.Random`` only): the SQL registry stores what this yields.
"""

from __future__ import annotations

import itertools
import random
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kiosk.registry.records import (
    CardRecord,
    CardStatus,
    Discrepancy,
    RegistryRecord,
    current_card,
)
from kiosk.workflow.age import AgeRules, anniversary, card_expiry
from kiosk.workflow.idnumber import IdNumberRules
from kiosk.workflow.people import CardKind, Citizen, Sex
from kiosk.workflow.request import BirthPrecision

CMND_FROM = date(1976, 1, 1)  # the earliest CMND the generator invents (not a legal date)

# Shares of the generated population (rough, for training variety).
LOST_CARD_SHARE = 0.02
DISCREPANCY_SHARE = 0.015
YEAR_ONLY_BIRTH_SHARE = 0.04  # among people born before 1960
MONTH_ONLY_BIRTH_SHARE = 0.02
SINGLE_HOUSEHOLD_SHARE = 0.2
CHILDREN_WEIGHTS = (0.12, 0.25, 0.43, 0.2)  # 0, 1, 2, 3 children


class _Weighted:
    """Repeated draws from a fixed table (its cumulative weights computed once)."""

    def __init__(self, table: dict[str, float]) -> None:
        self.values = list(table)
        self.cumulative = list(itertools.accumulate(float(w) for w in table.values()))

    def draw(self, rng: random.Random) -> str:
        return rng.choices(self.values, cum_weights=self.cumulative)[0]


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


@dataclass
class _Person:
    sex: Sex
    family: str
    birth: date
    province: Province
    full_name: str = ""
    id_number: str = ""


class PopulationGenerator:
    """``generate(count)`` yields ``count`` records, households together (parents first)."""

    def __init__(self, data: PopulationData, *, seed: int, as_of: date,
                 taken: Sequence[str] = ()) -> None:
        self.data = data
        self.as_of = as_of
        self.rng = random.Random(seed)
        names = data.names
        self._family = _Weighted(names["family"])
        self._middle = {Sex.MALE: _Weighted(names["middle"]["nam"]),
                        Sex.FEMALE: _Weighted(names["middle"]["nu"])}
        self._given = {Sex.MALE: _Weighted(names["given"]["nam"]),
                       Sex.FEMALE: _Weighted(names["given"]["nu"])}
        self._ethnicity = _Weighted(names["ethnicity"])
        self._religion = _Weighted(names["religion"])
        self._second_middle = float(names["shape"]["second_middle"])
        self._streets = list(names["streets"]["names"])
        self._hamlets = list(names["streets"]["hamlet_words"])
        self._province = _Weighted({str(i): p.weight for i, p in enumerate(data.provinces)})
        self._sex_digit = {(century, sex): str(digit)
                           for digit, (century, sex) in data.ids.century_sex.items()}
        self._ids: set[str] = set(taken)
        self._cmnds: set[str] = set()

    # -- people ------------------------------------------------------------------------
    def _name(self, sex: Sex, family: str) -> str:
        rng = self.rng
        parts = [family, self._middle[sex].draw(rng)]
        if parts[1] != "Văn" and rng.random() < self._second_middle:
            extra = self._middle[sex].draw(rng)
            if extra not in parts and extra not in ("Thị", "Văn"):
                parts.append(extra)
        given = self._given[sex].draw(rng)
        while given == parts[-1]:
            given = self._given[sex].draw(rng)
        parts.append(given)
        return " ".join(parts)

    def _id_number(self, prefix: str, sex: Sex, birth: date) -> str:
        head = f"{prefix}{self._sex_digit[(birth.year // 100 * 100, sex)]}{birth.year % 100:02d}"
        while True:
            number = f"{head}{self.rng.randrange(1_000_000):06d}"
            if number not in self._ids:
                self._ids.add(number)
                return number

    def _cmnd(self) -> str:
        while True:
            number = f"{self.rng.randrange(10_000_000, 400_000_000):09d}"
            if number not in self._cmnds:
                self._cmnds.add(number)
                return number

    def _day_in(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randrange(max(1, (last - first).days + 1)))

    def _birth(self, year: int) -> date:
        start = date(year, 1, 1)
        return self._day_in(start, min(date(year, 12, 31), self.as_of))

    def _place(self, province: Province) -> tuple[str, str]:
        """(commune, full residence text) in ``province``."""
        rng = self.rng
        commune = rng.choice(province.communes)
        if commune.startswith("Phường"):
            street = f"Số {rng.randrange(1, 300)} đường {rng.choice(self._streets)}"
        else:
            street = f"{rng.choice(self._hamlets)} {rng.randrange(1, 15)}"
        return commune, f"{street}, {commune}, {province.label}"

    def _registration(self, prefix: str, province: Province, birth: date) -> str:
        if birth >= self.data.eras.merger:
            return f"Ủy ban nhân dân {self.rng.choice(province.communes)}, {province.label}"
        legacy = self.data.ids.provinces[prefix]
        if prefix in self.data.eras.city_codes:
            return f"Ủy ban nhân dân thành phố {legacy.removeprefix('TP ')}"
        return f"Ủy ban nhân dân tỉnh {legacy}"

    # -- cards ---------------------------------------------------------------------------
    def _next_can_cuoc(self, cards: list[CardRecord], birth: date, fourteen: date
                       ) -> date | None:
        """When the next căn cước was issued after ``cards``, or None (no further card)."""
        rng, as_of = self.rng, self.as_of
        last = cards[-1] if cards else None
        start = max(self.data.eras.can_cuoc_from, birth)
        if start > as_of:
            return None
        if last is not None and last.kind is not CardKind.CMND:
            if last.expires_on is None or last.expires_on > as_of:
                if last.kind is not CardKind.CCCD or rng.random() >= 0.12:
                    return None
                issued = self._day_in(max(start, last.issued_on), as_of)
            elif rng.random() < 0.85:
                issued = self._day_in(max(start, last.expires_on - timedelta(days=30)),
                                      min(as_of, max(start, last.expires_on)
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
        return None if last is not None and issued <= last.issued_on else issued

    def _cards(self, id_number: str, birth: date) -> tuple[list[CardRecord], str]:
        """The card history, oldest first, and the former CMND number ("" if none)."""
        rng, as_of, eras = self.rng, self.as_of, self.data.eras
        cards: list[CardRecord] = []
        former = ""
        fourteen = anniversary(birth, 14)
        first_cmnd = max(fourteen, CMND_FROM) + timedelta(days=rng.randrange(0, 3 * 365))
        if first_cmnd < eras.cccd_from and first_cmnd <= as_of:
            issued = first_cmnd
            while issued + timedelta(days=eras.cmnd_years * 365) < eras.cccd_from:
                issued += timedelta(days=eras.cmnd_years * 365 + rng.randrange(0, 200))
            former = self._cmnd()
            cards.append(CardRecord(CardKind.CMND, former, issued,
                                    anniversary(issued, eras.cmnd_years)))
        # CCCD: most were issued in the 2021 chip campaign.
        cccd_first = max(fourteen, eras.cccd_from)
        cccd_last = min(eras.can_cuoc_from - timedelta(days=1), as_of)
        if cccd_first <= cccd_last and rng.random() < 0.9:
            campaign = (date(2021, 1, 1), date(2021, 12, 31))
            if rng.random() < 0.6 and cccd_first <= campaign[1] and campaign[0] <= cccd_last:
                issued = self._day_in(max(campaign[0], cccd_first), min(campaign[1], cccd_last))
            else:
                issued = self._day_in(cccd_first, cccd_last)
            cards.append(CardRecord(CardKind.CCCD, id_number, issued,
                                    card_expiry(birth, issued, self.data.ages).value))
        # Căn cước: renewals at the milestones, voluntary exchanges, children on request.
        while (issued_next := self._next_can_cuoc(cards, birth, fourteen)) is not None:
            cards.append(CardRecord(CardKind.CAN_CUOC, id_number, issued_next,
                                    card_expiry(birth, issued_next, self.data.ages).value))
        history = [CardRecord(c.kind, c.number, c.issued_on, c.expires_on, CardStatus.REPLACED)
                   for c in cards[:-1]]
        if cards:
            status = CardStatus.LOST if rng.random() < LOST_CARD_SHARE else CardStatus.IN_USE
            newest = cards[-1]
            history.append(CardRecord(newest.kind, newest.number, newest.issued_on,
                                      newest.expires_on, status))
        return history, former

    # -- records -------------------------------------------------------------------------
    def _person(self, sex: Sex, family: str, birth: date, province: Province) -> _Person:
        person = _Person(sex, family, birth, province)
        person.full_name = self._name(sex, family)
        person.id_number = self._id_number(self.rng.choice(province.legacy_codes), sex, birth)
        return person

    def _record(self, person: _Person, residence: str, *, father: _Person | None = None,
                mother: _Person | None = None, father_name: str = "", mother_name: str = ""
                ) -> RegistryRecord:
        rng = self.rng
        birth = person.birth
        precision = BirthPrecision.DAY
        discrepancies: list[Discrepancy] = []
        if birth.year < 1960 and rng.random() < YEAR_ONLY_BIRTH_SHARE + MONTH_ONLY_BIRTH_SHARE:
            if rng.random() < YEAR_ONLY_BIRTH_SHARE / (YEAR_ONLY_BIRTH_SHARE
                                                        + MONTH_ONLY_BIRTH_SHARE):
                precision, birth = BirthPrecision.YEAR, date(birth.year, self.data.ages
                                                             .unknown_month,
                                                             self.data.ages.unknown_day)
            else:
                precision, birth = BirthPrecision.MONTH, birth.replace(
                    day=self.data.ages.unknown_day)
            discrepancies.append(Discrepancy(
                "birth_date_incomplete", "CSDLQG chỉ có năm (hoặc tháng, năm) sinh: đối chiếu "
                "giấy khai sinh hoặc giấy tờ gốc của công dân."))
        cards, former = self._cards(person.id_number, birth)
        if cards and rng.random() < DISCREPANCY_SHARE:
            if cards[-1].issued_on < self.data.eras.merger and rng.random() < 0.5:
                discrepancies.append(Discrepancy(
                    "residence_before_merger", "Nơi thường trú in trên thẻ ghi địa giới hành "
                    "chính trước ngày 01/7/2025; dữ liệu CSDLQG đã cập nhật theo đơn vị mới."))
            else:
                discrepancies.append(Discrepancy(
                    "card_name_differs", "Họ, chữ đệm và tên in trên thẻ cũ khác dữ liệu CSDLQG "
                    "(dấu hoặc chữ đệm): đối chiếu giấy khai sinh trước khi cấp thẻ mới."))
        hometown_province = (person.province if rng.random() < 0.6
                             else self.data.provinces[int(self._province.draw(rng))])
        hometown, _ = self._place(hometown_province)
        ethnicity = self._ethnicity.draw(rng)
        citizen = Citizen(
            id_number=person.id_number, full_name=person.full_name, date_of_birth=birth,
            sex=person.sex, nationality="Việt Nam",
            place_of_birth_registration=self._registration(person.id_number[:3],
                                                           person.province, birth),
            hometown=f"{hometown}, {hometown_province.label}", ethnicity=ethnicity,
            religion=self._religion.draw(rng), permanent_residence=residence,
            former_id_number=former,
            card=current_card(tuple(cards)),
            father_name=father.full_name if father else father_name,
            mother_name=mother.full_name if mother else mother_name,
        )
        return RegistryRecord(citizen, precision,
                              father.id_number if father else "",
                              mother.id_number if mother else "",
                              tuple(cards), tuple(discrepancies), synthetic=True)

    def generate(self, count: int) -> Iterator[RegistryRecord]:
        """Parents not generated (a single person's, each parent's own) get only a name."""
        rng, as_of = self.rng, self.as_of
        provinces = self.data.provinces
        made = 0
        while made < count:
            province = provinces[int(self._province.draw(rng))]
            _commune, residence = self._place(province)
            if rng.random() < SINGLE_HOUSEHOLD_SHARE:
                sex = Sex.MALE if rng.random() < 0.5 else Sex.FEMALE
                year = rng.randrange(1935, as_of.year - 17)
                family = self._family.draw(rng)
                person = self._person(sex, family, self._birth(year), province)
                yield self._record(person, residence, father_name=self._name(Sex.MALE, family),
                                   mother_name=self._name(Sex.FEMALE, self._family.draw(rng)))
                made += 1
                continue
            father_year = int(rng.triangular(1938, as_of.year - 20, 1972))
            mother_year = min(as_of.year - 18, father_year + rng.randrange(-1, 8))
            family, mother_family = self._family.draw(rng), self._family.draw(rng)
            father = self._person(Sex.MALE, family, self._birth(father_year), province)
            mother = self._person(Sex.FEMALE, mother_family, self._birth(mother_year), province)
            household = [
                self._record(father, residence, father_name=self._name(Sex.MALE, family),
                             mother_name=self._name(Sex.FEMALE, self._family.draw(rng))),
                self._record(mother, residence,
                             father_name=self._name(Sex.MALE, mother_family),
                             mother_name=self._name(Sex.FEMALE, self._family.draw(rng))),
            ]
            children = rng.choices(range(len(CHILDREN_WEIGHTS)), CHILDREN_WEIGHTS)[0]
            for _ in range(children):
                year = mother_year + rng.randrange(20, 39)
                if year > as_of.year:
                    continue
                birth = self._birth(year)
                if birth > as_of:
                    continue
                sex = Sex.MALE if rng.random() < 0.51 else Sex.FEMALE
                child = self._person(sex, family, birth, province)
                household.append(self._record(child, residence, father=father, mother=mother))
            for record in household[:count - made]:
                yield record
                made += 1
