"""The local SQL registry: lookups by ID, CMND and name + birth date (accent-insensitive,
exact first), sealed at rest, and the desk reading it through the composition root."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from kiosk.app import build_context
from kiosk.config import ConfigError, load_settings
from kiosk.registry.base import CitizenNotFound, LookupQuery, RegistryError
from kiosk.registry.population import PopulationData, PopulationGenerator
from kiosk.registry.records import BirthPrecision, RegistryRecord
from kiosk.registry.sql import Population, SqlRegistry
from kiosk.registry.synthetic import SyntheticRegistry
from kiosk.storage.crypto import KeyRing
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
