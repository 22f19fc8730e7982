"""The local SQL registry: lookups by ID, CMND and name + birth date (accent-insensitive,
exact first), sealed at rest, and the desk reading it through the composition root."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.app import build_context
from kiosk.config import ConfigError, load_settings
from kiosk.registry.base import CitizenNotFound, LookupQuery, RegistryError
from kiosk.registry.loading import Generation, batched, generated, load_synthetic
from kiosk.registry.population import PopulationData, PopulationGenerator
from kiosk.registry.records import BirthPrecision, RegistryRecord
from kiosk.registry.sql import (
    PEOPLE_INDEXES,
    SEALED,
    Population,
    SqlRegistry,
    _hash,
    _Hasher,
)
from kiosk.registry.synthetic import SyntheticRegistry
from kiosk.storage.crypto import KeyProblem, KeyRing
from kiosk.workflow.people import Citizen, Sex

AS_OF = date(2026, 11, 25)


def _person(id_number: str, name: str, born: date, sex: Sex = Sex.MALE,
            former: str = "") -> Citizen:
    return Citizen(id_number=id_number, full_name=name, date_of_birth=born, sex=sex,
                   nationality="Việt Nam", place_of_birth_registration="Ủy ban nhân dân tỉnh "
                   "Hà Giang", hometown="Xã Lâm Bình, Tỉnh Tuyên Quang", ethnicity="Kinh",
                   religion="Không", permanent_residence="Thôn 3, Xã Lâm Bình, Tỉnh Tuyên Quang",
                   former_id_number=former)


@pytest.fixture
def keyring() -> KeyRing:
    return KeyRing.generate()


@pytest.fixture
def registry(tmp_path: Path, keyring: KeyRing, resources: Path) -> Iterator[SqlRegistry]:
    opened = SqlRegistry.open(f"sqlite:///{tmp_path / 'registry.sqlite3'}", keyring)
    training = [RegistryRecord.of(c) for c in SyntheticRegistry.from_file(
        resources / "training" / "citizens.toml").everyone()]
    generated = PopulationGenerator(PopulationData.load(resources), seed=1, as_of=AS_OF,
                                    taken=[r.citizen.id_number for r in training])
    extra = [
        RegistryRecord.of(_person("002088123456", "Đặng Thị Hà", date(1988, 5, 2), Sex.FEMALE)),
        RegistryRecord.of(_person("002188654321", "Đặng Thị Hạ", date(1988, 5, 2), Sex.FEMALE)),
        RegistryRecord(_person("002050111222", "Lò Văn Pểnh", date(1950, 1, 1)),
                       BirthPrecision.YEAR),
    ]
    opened.add([*training, *extra, *generated.generate(2000)], population=Population.SYNTHETIC)
    yield opened
    opened.close()


def test_lookup_by_id_cmnd_and_name(registry: SqlRegistry) -> None:
    by_id = registry.find(LookupQuery.from_text("001096012345"))
    assert [c.full_name for c in by_id] == ["Nguyễn Văn Bình"]
    assert registry.find(LookupQuery.from_text("013456789")) == by_id
    assert registry.find(LookupQuery(full_name=" nguyễn  VĂN bình",
                                     date_of_birth=date(1996, 3, 15))) == by_id
    # Without diacritics the clerk still finds him (the only accent-insensitive match).
    assert registry.find(LookupQuery(full_name="Nguyen Van Binh",
                                     date_of_birth=date(1996, 3, 15))) == by_id
    assert registry.find(LookupQuery(full_name="Nguyễn Văn Bình",
                                     date_of_birth=date(1996, 3, 16))) == []
    assert registry.find(LookupQuery.from_text("999999999999")) == []
    assert registry.count() == 2000 + 3 + len(SyntheticRegistry.from_file(
        Path(__file__).resolve().parents[2] / "resources" / "training"
        / "citizens.toml").everyone())


def test_exact_names_win_and_plain_letters_find_both(registry: SqlRegistry) -> None:
    born = date(1988, 5, 2)
    assert [c.id_number for c in registry.find(
        LookupQuery(full_name="Đặng Thị Hà", date_of_birth=born))] == ["002088123456"]
    assert [c.id_number for c in registry.find(
        LookupQuery(full_name="đặng thị hạ", date_of_birth=born))] == ["002188654321"]
    assert sorted(c.id_number for c in registry.find(
        LookupQuery(full_name="Dang Thi Ha", date_of_birth=born))) == [
        "002088123456", "002188654321"]


def test_a_year_only_birth_matches_any_day_of_that_year(registry: SqlRegistry) -> None:
    found = registry.records(LookupQuery(full_name="Lo Van Penh",
                                         date_of_birth=date(1950, 7, 9)))
    assert [r.citizen.id_number for r in found] == ["002050111222"]
    assert found[0].birth_precision is BirthPrecision.YEAR


def test_generated_people_are_found_with_their_history(registry: SqlRegistry) -> None:
    someone = next(r for r in registry.everyone() if len(r.cards) >= 2 and r.father_id_number)
    assert registry.record(someone.citizen.id_number) == someone
    by_name = registry.records(LookupQuery(full_name=someone.citizen.full_name,
                                           date_of_birth=someone.citizen.date_of_birth))
    assert someone in by_name
    father = registry.record(someone.father_id_number)
    assert father.citizen.full_name == someone.citizen.father_name
    if someone.citizen.former_id_number:
        assert registry.records(LookupQuery(
            former_id_number=someone.citizen.former_id_number)) == [someone]
    with pytest.raises(CitizenNotFound):
        registry.record("000000000000")


def test_no_name_number_or_date_in_clear_in_the_file(tmp_path: Path,
                                                     registry: SqlRegistry) -> None:
    people = [r.citizen for r in list(registry.everyone())[:40]]
    registry.close()
    content = b"".join(p.read_bytes() for p in tmp_path.glob("registry.sqlite3*"))
    for c in people:
        for secret in (c.full_name, unicodedata.normalize("NFD", c.full_name),
                       json.dumps(c.full_name)[1:-1], c.id_number, c.date_of_birth.isoformat(),
                       c.permanent_residence, *([c.former_id_number] if c.former_id_number
                                                else [])):
            if not secret:  # some training citizens have no permanent residence
                continue
            for encoding in ("utf-8", "utf-16-le"):
                assert secret.encode(encoding) not in content, secret


def test_another_key_or_mixing_real_and_invented_is_refused(tmp_path: Path,
                                                           registry: SqlRegistry) -> None:
    url = f"sqlite:///{tmp_path / 'registry.sqlite3'}"
    with pytest.raises(RegistryError, match="khóa khác"):
        SqlRegistry.open(url, KeyRing.generate())
    with pytest.raises(RegistryError, match="Không trộn"):
        registry.add([], population=Population.CACHE)
    assert registry.simulated


def _write_config(data: Path, environment: str) -> None:
    data.mkdir(parents=True, exist_ok=True)
    (data / "kiosk.toml").write_text(
        f'environment = "{environment}"\n[registry]\nbackend = "sql"\n', encoding="utf-8")


def test_the_desk_looks_up_through_the_sql_registry(tmp_path: Path) -> None:
    from kiosk.app import main  # noqa: PLC0415

    data = tmp_path / "data"
    _write_config(data, "training")
    assert main(["--data-dir", str(data), "registry", "generate", "--count", "300",
                 "--as-of", "2026-11-25"]) == 0
    settings = load_settings(data, simulator=True)
    assert settings["registry.backend"] == "sql"
    context = build_context(settings, print_directory=tmp_path / "prints",
                            clock=lambda: datetime(2026, 11, 25, 9), latency_s=0.0)
    try:
        assert isinstance(context.desk.registry, SqlRegistry)
        found = context.desk.find_citizen(LookupQuery.from_text("079085001122"))
        assert found.full_name == "Trần Quốc Hưng"
        case = context.desk.open_case(found)
        assert case.citizen.id_number == "079085001122"
    finally:
        context.desk.shutdown()


def test_production_refuses_an_invented_population(tmp_path: Path) -> None:
    from kiosk.app import main  # noqa: PLC0415

    data = tmp_path / "data"
    _write_config(data, "development")
    assert main(["--data-dir", str(data), "registry", "generate", "--count", "5"]) == 0
    settings = load_settings(data, overrides={"environment": "production",
                                              "devices.face": "opencv",
                                              "devices.fingerprint": "usb",
                                              "devices.iris": "sbi"})
    from kiosk.app import build_registry, installation_key  # noqa: PLC0415

    with pytest.raises(ConfigError, match="synthetic population"):
        build_registry(settings, Path(), installation_key(settings))
    assert main(["--data-dir", str(data), "--environment", "production", "registry",
                 "generate", "--count", "5"]) == 2


def test_reseal_moves_every_person_to_the_new_key(registry: SqlRegistry, keyring: KeyRing,
                                                  tmp_path: Path) -> None:
    new = KeyRing.generate()
    both = KeyRing(keyring.key_id, keyring.data_key, keyring.index_key,
                   ((new.key_id, new.data_key),))
    everyone = list(registry.everyone())
    assert registry.reseal(both, new) == len(everyone)
    assert registry.reseal(both, new) == 0  # an interrupted rotation run again: already done
    registry.close()
    url = f"sqlite:///{tmp_path / 'registry.sqlite3'}"
    with pytest.raises(RegistryError, match="khóa khác"):
        SqlRegistry.open(url, keyring)
    # Stopped before the key file was replaced: the old ring still opens, but asks to finish.
    halfway = SqlRegistry.open(url, both)
    with pytest.raises(RegistryError, match="kiosk keys rotate"):
        halfway.find(LookupQuery.from_text("001096012345"))
    halfway.close()
    reopened = SqlRegistry.open(url, new)
    assert list(reopened.everyone()) == everyone
    assert [c.full_name for c in reopened.find(LookupQuery.from_text("013456789"))] == [
        "Nguyễn Văn Bình"]
    assert sorted(c.id_number for c in reopened.find(LookupQuery(
        full_name="Dang Thi Ha", date_of_birth=date(1988, 5, 2)))) == [
        "002088123456", "002188654321"]
    reopened.close()


# -- the write path of a large load ----------------------------------------------------------
def test_the_batch_hasher_and_sealer_agree_with_the_key_ring(keyring: KeyRing) -> None:
    hashed, seal = _Hasher(keyring), keyring.sealer(SEALED)
    for kind, text in (("id", "001096012345"), ("cmnd", "013456789"),
                       ("name", "nguyen van binh|1996"), ("name", " Nguyễn  VĂN bình|1996")):
        assert hashed(kind, text) == _hash(keyring, kind, text)
    first, second = seal(b'{"a":1}'), seal(b'{"a":1}')
    assert first != second  # a fresh nonce each time
    assert keyring.open(first, SEALED) == keyring.open(second, SEALED) == b'{"a":1}'
    with pytest.raises(KeyProblem):
        keyring.open(first, "registry.application")


def _indexes(url: str) -> set[str]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return {index["name"] for table in ("registry_citizens", "registry_former_ids")
                    for index in sa.inspect(connection).get_indexes(table)}
    finally:
        engine.dispose()


def test_a_bulk_load_builds_the_indexes_after_and_stays_durable(
        tmp_path: Path, keyring: KeyRing, resources: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bulk.sqlite3'}"
    registry = SqlRegistry.open(url, keyring)
    job = Generation(resources, 4, AS_OF, 12_000)
    assert load_synthetic(registry, job, processes=1) == 12_000
    assert _indexes(url) >= {index.name for index in PEOPLE_INDEXES}
    with registry._engine.connect() as connection:  # the pooled connection: FULL again
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2
    expected = list(PopulationGenerator(PopulationData.load(resources), seed=4,
                                        as_of=AS_OF).generate(12_000))
    for record in (expected[0], expected[5000], expected[-1]):
        assert registry.record(record.citizen.id_number) == record
        if record.citizen.former_id_number:
            assert registry.records(LookupQuery(
                former_id_number=record.citizen.former_id_number)) == [record]
    assert list(registry.everyone()) == expected
    registry.close()


def test_a_duplicate_in_a_bulk_load_is_reported_and_asks_to_generate_again(
        tmp_path: Path, keyring: KeyRing, resources: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bulk.sqlite3'}"
    registry = SqlRegistry.open(url, keyring)
    same = list(PopulationGenerator(PopulationData.load(resources), seed=4,
                                    as_of=AS_OF).documents(3))
    with pytest.raises(RegistryError, match="kiosk registry generate"):
        registry.add_prepared(batched([*same, same[0]]), population=Population.SYNTHETIC,
                              bulk=True)
    registry.close()
    with pytest.raises(RegistryError, match="bị hỏng"):  # and not a slow registry unindexed
        SqlRegistry.open(url, keyring)


def test_two_processes_make_the_same_batches_as_one(resources: Path) -> None:
    job = Generation(resources, 5, AS_OF, 7000, ("001096012345",))
    one = list(generated(job, processes=1))
    two = list(generated(job, processes=2))
    assert [len(batch) for batch in two] == [5000, 2000]
    assert [[item.plain for item in batch] for batch in two] == [
        [item.plain for item in batch] for batch in one]
    assert two[0][0] == one[0][0]


def test_a_failing_child_process_is_reported(tmp_path: Path) -> None:
    job = Generation(tmp_path / "no-resources", 5, AS_OF, 50_000)
    with pytest.raises(RegistryError, match="Không tạo được dân cư giả lập"):
        list(generated(job, processes=2))


def test_a_registry_made_before_named_indexes_gets_them(tmp_path: Path,
                                                         keyring: KeyRing) -> None:
    """Schema 1 as first released: the ID hash unique inline, no named index for it."""
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TABLE registry_citizens (id INTEGER PRIMARY KEY, id_hash BLOB NOT NULL "
            "UNIQUE, name_hash BLOB NOT NULL, sealed BLOB NOT NULL)")
        connection.exec_driver_sql("CREATE INDEX ix_registry_citizens_name_hash ON "
                                   "registry_citizens (name_hash)")
    engine.dispose()
    SqlRegistry.open(url, keyring).close()
    assert "ix_registry_citizens_id_hash" in _indexes(url)
