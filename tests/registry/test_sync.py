"""``kiosk registry sync``: the offline cache filled from the reference service's feed,
resumed where it stopped, updated (never duplicated) by a second run, then answering
lookups while the service is down."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from device_simulators.registry_service import RegistryService, TlsFiles, issue_tls_files
from kiosk.app import main
from kiosk.registry.base import LookupQuery, RegistryError, RegistryOffline
from kiosk.registry.http import HttpRegistry
from kiosk.registry.records import RegistryRecord
from kiosk.registry.sql import Population, SqlRegistry
from kiosk.registry.sync import SyncInterrupted, parse_communes, sync_communes
from kiosk.storage.crypto import KeyRing
from tests.registry.registry_rig import client, commune_of, population


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return issue_tls_files(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def people(resources: Path) -> list[RegistryRecord]:
    return population(resources, count=120)


@pytest.fixture
def service(tls: TlsFiles, people: list[RegistryRecord]) -> Iterator[RegistryService]:
    with RegistryService(people, tls=tls, commune_of=commune_of) as running:
        yield running


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[SqlRegistry]:
    opened = SqlRegistry.open(f"sqlite:///{tmp_path / 'cache.sqlite3'}", KeyRing.generate())
    yield opened
    opened.close()


def _living_in(people: list[RegistryRecord], *communes: str) -> list[RegistryRecord]:
    return [r for r in people if commune_of(r.to_json()) in communes]


def test_sync_fills_the_cache_and_the_cache_answers_offline(
        tls: TlsFiles, service: RegistryService, cache: SqlRegistry,
        people: list[RegistryRecord]) -> None:
    online = HttpRegistry(client(tls, service))
    outcome = sync_communes(online, cache, ["00070", "00073"], page_size=7)
    wanted = _living_in(people, "00070", "00073")
    assert cache.count() == len(wanted) == sum(outcome.stored.values())
    assert cache.population == Population.CACHE and cache.meta_value("synced_at")
    assert sorted(cache.everyone(), key=lambda r: r.citizen.id_number) == sorted(
        wanted, key=lambda r: r.citizen.id_number)
    service.go_down()
    offline = HttpRegistry(client(tls, service, retries=0), cache=lambda: cache)
    for record in wanted[:5]:
        found = offline.find(LookupQuery(id_number=record.citizen.id_number))
        assert found == [record.citizen] and found.from_cache
    elsewhere = _living_in(people, "00076")[0]
    with pytest.raises(RegistryOffline, match="không có công dân này"):
        offline.find(LookupQuery(id_number=elsewhere.citizen.id_number))


def test_an_interrupted_sync_resumes_from_its_cursor(
        tls: TlsFiles, service: RegistryService, cache: SqlRegistry,
        people: list[RegistryRecord]) -> None:
    registry = HttpRegistry(client(tls, service, retries=0))

    def cut_after_two_pages(commune: str, stored: int) -> None:
        if stored >= 10:
            service.go_down()

    with pytest.raises(SyncInterrupted, match="đồng bộ tiếp từ chỗ dừng"):
        sync_communes(registry, cache, ["00070"], page_size=5, progress=cut_after_two_pages)
    assert cache.count() == 10
    cursor = cache.meta_value("sync.00070.cursor")
    assert cursor and not cache.meta_value("synced_at")
    service.come_up()
    asked = len(service.seen)
    outcome = sync_communes(registry, cache, ["00070"], page_size=5)
    assert service.seen[asked].cursor == cursor  # continued, not started again
    assert outcome.resumed == ["00070"]
    assert outcome.stored["00070"] == len(_living_in(people, "00070")) - 10
    assert cache.count() == len(_living_in(people, "00070"))
    assert cache.meta_value("sync.00070.cursor") == "" and cache.meta_value("sync.00070.done")


def test_a_second_sync_updates_rather_than_duplicates(
        tls: TlsFiles, service: RegistryService, cache: SqlRegistry,
        people: list[RegistryRecord]) -> None:
    registry = HttpRegistry(client(tls, service))
    sync_communes(registry, cache, ["00073"], page_size=50)
    before = cache.count()
    moved = next(r for r in _living_in(people, "00073") if r.citizen.former_id_number)
    service.put(dict(moved.to_json(),
                     permanent_residence="Số 1, Phường Cửa Nam, Thành phố Hà Nội"))
    outcome = sync_communes(registry, cache, ["00073"], page_size=50)
    assert outcome.resumed == [] and cache.count() == before
    assert cache.record(moved.citizen.id_number).citizen.permanent_residence \
        == "Số 1, Phường Cửa Nam, Thành phố Hà Nội"
    assert len(cache.records(LookupQuery(id_number=moved.citizen.id_number))) == 1
    assert len(cache.records(LookupQuery(
        former_id_number=moved.citizen.former_id_number))) == 1


def _sealed_bytes(path: Path) -> list[bytes]:
    with closing(sqlite3.connect(path)) as connection:
        return [bytes(row[0]) for row in connection.execute(
            "SELECT sealed FROM registry_citizens")]


def _files(path: Path) -> bytes:
    """The database file and its write-ahead log, as a thief would copy them."""
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal"))
                    if p.exists())


def test_someone_who_moved_out_is_removed_from_the_cache(
        tls: TlsFiles, service: RegistryService, tmp_path: Path,
        people: list[RegistryRecord]) -> None:
    path = tmp_path / "moving.sqlite3"
    cache = SqlRegistry.open(f"sqlite:///{path}", KeyRing.generate())
    registry = HttpRegistry(client(tls, service))
    first = sync_communes(registry, cache, ["00070"], page_size=7)
    living = _living_in(people, "00070")
    assert first.removed == {"00070": 0} and cache.count() == len(living)
    mover, withdrawn = living[3], living[5]
    service.put(mover, commune="00073")  # moved to a commune this team does not sync
    service.remove(withdrawn.citizen.id_number)
    before = _sealed_bytes(path)
    second = sync_communes(registry, cache, ["00070"], page_size=7)
    assert second.removed == {"00070": 2} and cache.count() == len(living) - 2
    assert cache.records(LookupQuery(id_number=mover.citizen.id_number)) == []
    assert cache.records(LookupQuery(
        former_id_number=mover.citizen.former_id_number or "000000000")) == []
    # Really deleted: no sealed record of before (the two gone, the others re-sealed when
    # stored again) is left in the database file or its log.
    on_disk = _files(path)
    assert not [sealed for sealed in before if sealed in on_disk]
    service.go_down()
    offline = HttpRegistry(client(tls, service, retries=0), cache=lambda: cache)
    with pytest.raises(RegistryOffline, match="không có công dân này"):
        offline.find(LookupQuery(id_number=mover.citizen.id_number))
    assert offline.find(LookupQuery(id_number=living[4].citizen.id_number)).from_cache
    cache.close()


@pytest.mark.parametrize("order", [
    ("00070", "00076"),  # removed as gone from 00070, then stored again from 00076
    ("00076", "00070")])  # stored from 00076 first: 00070's pass leaves them be
def test_someone_who_moved_to_another_synced_commune_stays(
        tls: TlsFiles, service: RegistryService, cache: SqlRegistry,
        people: list[RegistryRecord], order: tuple[str, str]) -> None:
    registry = HttpRegistry(client(tls, service))
    sync_communes(registry, cache, ["00070", "00076"], page_size=10)
    mover = _living_in(people, "00070")[2]
    moved = dict(mover.to_json(), permanent_residence="Số 3, Phường Ba Đình, Thành phố Hà Nội")
    service.put(moved, commune="00076")
    outcome = sync_communes(registry, cache, order, page_size=10)
    assert outcome.removed == {"00070": int(order[0] == "00070"), "00076": 0}
    assert cache.record(mover.citizen.id_number).citizen.permanent_residence \
        == "Số 3, Phường Ba Đình, Thành phố Hà Nội"
    assert cache.count() == len(_living_in(people, "00070", "00076"))


def test_a_move_during_an_interrupted_pass_is_seen_when_it_resumes(
        tls: TlsFiles, service: RegistryService, cache: SqlRegistry,
        people: list[RegistryRecord]) -> None:
    registry = HttpRegistry(client(tls, service, retries=0))
    sync_communes(registry, cache, ["00073"], page_size=5)
    living = _living_in(people, "00073")
    early, late = living[1], living[-2]  # one in a page already stored, one still to come

    def cut_after_two_pages(commune: str, stored: int) -> None:
        if stored >= 10:
            service.go_down()

    with pytest.raises(SyncInterrupted):
        sync_communes(registry, cache, ["00073"], page_size=5, progress=cut_after_two_pages)
    generation = cache.meta_value("sync.00073.generation")
    assert generation and cache.meta_value("sync.00073.cursor")
    service.put(early, commune="00076")
    service.put(late, commune="00076")
    service.come_up()
    outcome = sync_communes(registry, cache, ["00073"], page_size=5)
    assert outcome.resumed == ["00073"] and service.seen[-1].cursor is not None
    # The late mover is no longer listed; the early one was listed before moving and stays
    # until the next pass (the pass lists the commune as it was when it began).
    assert outcome.removed == {"00073": 1}
    assert cache.records(LookupQuery(id_number=late.citizen.id_number)) == []
    assert cache.records(LookupQuery(id_number=early.citizen.id_number)) != []
    assert cache.meta_value("sync.00073.generation") == ""
    again = sync_communes(registry, cache, ["00073"], page_size=5)
    assert again.removed == {"00073": 1} and cache.count() == len(living) - 2


def test_a_cursor_the_service_forgot_starts_the_commune_again(
        tls: TlsFiles, service: RegistryService, cache: SqlRegistry,
        people: list[RegistryRecord]) -> None:
    cache.set_meta({"sync.00076.cursor": "forgotten"})
    sync_communes(HttpRegistry(client(tls, service)), cache, ["00076"], page_size=20)
    assert cache.count() == len(_living_in(people, "00076"))


def test_sync_never_mixes_with_a_trainers_population(
        tls: TlsFiles, service: RegistryService, cache: SqlRegistry,
        people: list[RegistryRecord]) -> None:
    cache.add(people[:3], population=Population.SYNTHETIC)
    with pytest.raises(RegistryError, match="dân cư giả lập"):
        sync_communes(HttpRegistry(client(tls, service)), cache, ["00070"])
    assert cache.count() == 3 and service.seen == []


def test_commune_codes_are_checked() -> None:
    assert parse_communes("00070, 00073,00070") == ["00070", "00073"]
    for wrong in ("", "70", "00070,abcde", "000700"):
        with pytest.raises(ValueError, match="5 chữ số"):
            parse_communes(wrong)


def test_the_cli_syncs_and_looks_up_offline(
        tmp_path: Path, tls: TlsFiles, service: RegistryService, people: list[RegistryRecord],
        capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--data-dir", str(tmp_path / "data"), "--environment", "development",
            "--set", f"registry.base_url={service.base_url}",
            "--set", f"registry.client_certificate={tls.client}",
            "--set", f"registry.ca_certificates={tls.ca}", "--set", "registry.retries=0"]
    assert main([*base, "registry", "sync", "--communes", "00070,00076",
                 "--page-size", "9"]) == 0
    out = capsys.readouterr().out
    total = len(_living_in(people, "00070", "00076"))
    assert f"{total} công dân trong dữ liệu ngoại tuyến" in out
    service.put(_living_in(people, "00070")[0], commune="00073")  # moved out
    assert main([*base, "registry", "sync", "--communes", "00070,00076"]) == 0
    out = capsys.readouterr().out
    assert f"{total - 1} công dân trong dữ liệu ngoại tuyến" in out
    assert "00070: " in out and "1 người đã chuyển đi được xóa" in out
    someone = _living_in(people, "00076")[0]
    online = [*base, "--set", "registry.backend=http", "--set", "registry.offline_cache=true"]
    assert main([*online, "registry", "lookup", someone.citizen.id_number, "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == someone.to_json() and captured.err == ""
    sealed_by = _sealed_by(tmp_path / "data" / "registry.sqlite3")
    assert main([*online, "keys", "rotate"]) == 0  # the cache is sealed with the key too
    assert _sealed_by(tmp_path / "data" / "registry.sqlite3") != sealed_by
    capsys.readouterr()
    service.go_down()
    assert main([*online, "registry", "lookup", someone.citizen.id_number, "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == someone.to_json()
    assert "dữ liệu đồng bộ ngoại tuyến" in captured.err
    assert main([*base, "registry", "sync", "--communes", "00073"]) == 1
    assert "Chạy lại cùng lệnh khi có mạng" in capsys.readouterr().err


def _sealed_by(path: Path) -> str:
    with closing(sqlite3.connect(path)) as connection:
        (key_id,) = connection.execute(
            "SELECT value FROM registry_meta WHERE key = 'key_id'").fetchone()
    return str(key_id)


def test_the_cli_refuses_bad_communes_and_training(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path)]
    assert main([*data, "registry", "sync", "--communes", "7"]) == 2
    assert "5 chữ số" in capsys.readouterr().err
    assert main([*data, "--environment", "training", "registry", "sync", "--communes",
                 "00070"]) == 2
    assert "training" in capsys.readouterr().err
    assert main([*data, "registry", "sync", "--communes", "00070"]) == 2
    assert "registry.base_url" in capsys.readouterr().err
