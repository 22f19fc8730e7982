"""Online applications: made for a day from the registry's people with a reason that fits
their cards, stored sealed, found by code (also through a lookup), listed for a trainer."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from kiosk.app import main
from kiosk.registry.applications import (
    FIRST_CARD_FROM,
    book_day,
    booked_reason,
    make_applications,
    slots,
)
from kiosk.registry.base import APPLICATION_CODE, ApplicationNotFound, LookupQuery, RegistryError
from kiosk.registry.loading import Generation, load_synthetic
from kiosk.registry.records import (
    CardRecord,
    CardStatus,
    Discrepancy,
    OnlineApplication,
    RegistryRecord,
)
from kiosk.registry.sql import SqlRegistry
from kiosk.storage.crypto import KeyRing
from kiosk.workflow.delivery import DeliveryMethod
from kiosk.workflow.lawbook import Lawbook
from kiosk.workflow.people import CardKind, Citizen, Sex
from kiosk.workflow.procedures import Procedure, Reason

DAY = date(2026, 11, 27)  # a Friday
AS_OF = date(2026, 11, 25)


def _record(born: date, *cards: CardRecord, flags: tuple[str, ...] = ()) -> RegistryRecord:
    citizen = Citizen(id_number="001090000001", full_name="Lê Văn An", date_of_birth=born,
                      sex=Sex.MALE, nationality="Việt Nam", place_of_birth_registration="x",
                      hometown="x", ethnicity="Kinh", religion="Không",
                      permanent_residence="Số 1 đường Lê Lợi, Phường Hoàn Kiếm, Thành phố Hà Nội")
    return RegistryRecord(citizen, cards=cards,
                          discrepancies=tuple(Discrepancy(code, "") for code in flags))


def _card(kind: CardKind, issued: date, expires: date | None,
          status: CardStatus = CardStatus.IN_USE) -> CardRecord:
    return CardRecord(kind, "001090000001", issued, expires, status)


def test_the_reason_fits_the_cards() -> None:
    adult = date(1990, 3, 1)
    cccd = _card(CardKind.CCCD, date(2021, 5, 1), date(2030, 3, 1))
    assert booked_reason(_record(adult, cccd), DAY) is Reason.CCCD_CONVERSION
    assert booked_reason(_record(adult), DAY) is Reason.FIRST_ISSUE
    assert booked_reason(_record(adult, _card(CardKind.CMND, date(2008, 1, 1),
                                              date(2023, 1, 1))), DAY) is Reason.FIRST_ISSUE
    due = _card(CardKind.CAN_CUOC, date(2025, 1, 1), DAY + timedelta(days=20))
    assert booked_reason(_record(adult, due), DAY) is Reason.MILESTONE
    fresh = _card(CardKind.CAN_CUOC, date(2025, 1, 1), date(2040, 3, 1))
    assert booked_reason(_record(adult, fresh), DAY) is None
    assert booked_reason(_record(adult, cccd, flags=("residence_before_merger",)),
                         DAY) is Reason.ADMIN_UNIT_CHANGE
    # Filed fully online, never booked: a lost card, a young child.
    lost = _card(CardKind.CCCD, date(2021, 5, 1), date(2030, 3, 1), CardStatus.LOST)
    assert booked_reason(_record(adult, lost), DAY) is None
    young = DAY.replace(year=DAY.year - FIRST_CARD_FROM) + timedelta(days=1)
    assert booked_reason(_record(young), DAY) is None


def test_a_day_of_applications(resources: Path, lawbook: Lawbook) -> None:
    from kiosk.registry.population import PopulationData, PopulationGenerator  # noqa: PLC0415

    people = list(PopulationGenerator(PopulationData.load(resources), seed=2,
                                      as_of=AS_OF).generate(400))

    def day(seed: int) -> list[OnlineApplication]:
        return make_applications(people, DAY, agency="CÔNG AN PHƯỜNG HOÀN KIẾM",
                                 procedures=lawbook.procedures, rng=random.Random(seed),
                                 count=30)

    made = day(1)
    assert len(made) == 30 and day(1) == made and day(2) != made
    assert len({a.code for a in made}) == 30 and len({a.id_number for a in made}) == 30
    by_id = {r.citizen.id_number: r for r in people}
    day_slots = slots()
    assert day_slots[0] == (time(7, 30), time(8, 0)) and day_slots[-1][1] == time(17, 0)
    for application in made:
        assert APPLICATION_CODE.fullmatch(application.code)
        assert LookupQuery.from_text(application.code).application_code == application.code
        assert 1 <= (DAY - application.filed_on).days <= 14
        assert application.code.split("-")[1] == f"{application.filed_on:%y%m%d}"
        assert (application.slot_from, application.slot_to) in day_slots
        record = by_id[application.id_number]
        assert application.full_name == record.citizen.full_name
        assert application.reason is booked_reason(record, DAY)
        assert application.procedure is lawbook.procedures.reasons[
            application.reason].procedure
        if application.delivery.method is DeliveryMethod.POST:
            assert application.delivery.address == record.citizen.permanent_residence
        assert OnlineApplication.from_json(application.to_json()) == application
    assert [a.slot_from for a in made] == sorted(a.slot_from for a in made)
    reasons = {a.reason for a in made}
    assert {Reason.CCCD_CONVERSION, Reason.FIRST_ISSUE} <= reasons
    assert sum(a.reason is Reason.CCCD_CONVERSION for a in made) <= 15
    assert {a.procedure for a in made} <= {Procedure.CAP, Procedure.CAP_DOI}


@pytest.fixture
def keyring() -> KeyRing:
    return KeyRing.generate()


@pytest.fixture
def registry(tmp_path: Path, keyring: KeyRing, resources: Path) -> Iterator[SqlRegistry]:
    opened = SqlRegistry.open(f"sqlite:///{tmp_path / 'registry.sqlite3'}", keyring)
    load_synthetic(opened, Generation(resources, 3, AS_OF, 3000), processes=1)
    yield opened
    opened.close()


def test_stored_sealed_found_by_code_and_listed(registry: SqlRegistry, lawbook: Lawbook,
                                               tmp_path: Path) -> None:
    made = book_day(registry, DAY, agency="CÔNG AN PHƯỜNG HOÀN KIẾM",
                    procedures=lawbook.procedures, seed=4, count=12)
    assert len(made) == 12
    first = made[0]
    assert registry.application(first.code) == first
    assert registry.application(f" {first.code.lower()} ") == first
    assert registry.applications(DAY) == sorted(made, key=lambda a: (a.slot_from, a.code))
    assert registry.applications(DAY + timedelta(days=1)) == []
    # A lookup by the code finds the citizen the application is for.
    found = registry.find(LookupQuery.from_text(first.code))
    assert [c.id_number for c in found] == [first.id_number]
    assert registry.find(LookupQuery(application_code="G22.99-261120-000001")) == []
    with pytest.raises(ApplicationNotFound, match="Không có hồ sơ trực tuyến mã"):
        registry.application("G22.99-261120-000001")
    # Another day is added; the same day again replaces its applications.
    other = book_day(registry, DAY + timedelta(days=1), agency="X",
                     procedures=lawbook.procedures, seed=4, count=3)
    again = book_day(registry, DAY, agency="CÔNG AN PHƯỜNG HOÀN KIẾM",
                     procedures=lawbook.procedures, seed=4, count=12)
    assert again == made
    assert len(registry.applications()) == 15
    assert {a.code for a in other}.isdisjoint({a.code for a in made})
    with pytest.raises(ValueError, match="booked on"):
        registry.replace_applications(DAY, other)
    content = (tmp_path / "registry.sqlite3").read_bytes()
    for application in made:
        for secret in (application.code, application.full_name, application.id_number):
            assert secret.encode() not in content


def test_key_rotation_reseals_the_applications(registry: SqlRegistry, keyring: KeyRing,
                                               lawbook: Lawbook) -> None:
    made = book_day(registry, DAY, agency="A", procedures=lawbook.procedures, seed=1,
                    count=5)
    new = KeyRing.generate()
    both = KeyRing(keyring.key_id, keyring.data_key, keyring.index_key,
                   ((new.key_id, new.data_key),))
    registry.reseal(both, new)
    assert registry.application(made[0].code) == made[0]
    assert registry.applications(DAY) == sorted(made, key=lambda a: (a.slot_from, a.code))


def test_lookup_query_reads_an_application_code() -> None:
    query = LookupQuery.from_text(" g22.99-261120-001234 ")
    assert query == LookupQuery(application_code="G22.99-261120-001234")
    assert query.describe() == "hồ sơ trực tuyến G22.99-261120-001234"
    with pytest.raises(RegistryError, match="mã hồ sơ trực tuyến"):
        LookupQuery.from_text("G22.99-2611-1")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listings = []
    for name in ("a", "b"):
        base = ("--data-dir", str(tmp_path / name), "--environment", "training")
        code, out, _ = _run(capsys, *base, "registry", "generate", "--count", "300",
                            "--seed", "6", "--as-of", "2026-11-25", "--applications-day",
                            DAY.isoformat(), "--applications", "8")
        assert code == 0 and "8 online applications booked on 2026-11-27" in out
        code, out, _ = _run(capsys, *base, "registry", "applications", "--day",
                            DAY.isoformat(), "--json")
        assert code == 0
        listings.append(json.loads(out))
    assert listings[0] == listings[1] and len(listings[0]) == 8
    application = listings[0][0]
    code, out, _ = _run(capsys, *base, "registry", "lookup", application["code"], "--json")
    assert code == 0 and json.loads(out)["id_number"] == application["id_number"]
    # More applications for another day, from the people already there.
    code, out, _ = _run(capsys, *base, "registry", "generate", "--count", "0",
                        "--applications-day", "2026-11-30", "--applications", "4")
    assert code == 0 and "0 citizens added" in out
    code, out, _ = _run(capsys, *base, "registry", "applications")
    assert code == 0 and out.strip().endswith("12 hồ sơ trực tuyến")
    assert application["code"] in out
    code, _, err = _run(capsys, *base, "registry", "generate", "--count", "0",
                        "--applications-day", "2026-11-29")  # a Sunday
    assert code == 2 and "desk.office_days" in err
