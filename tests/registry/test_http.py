"""The HTTP registry client against the reference service (device_simulators): its contract
(docs/api/registry.json), mutual TLS, and every bad condition of issue 10 — the service
down, slow, answering garbage or 500s, refusing a request, refusing a certificate — with the
offline cache used only where allowed."""

from __future__ import annotations

import gc
import json
import logging
import random
import re
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from device_simulators.registry_service import (
    Authority,
    Garbage,
    RegistryService,
    TlsFiles,
    issue_tls_files,
)
from kiosk.app import build_registry
from kiosk.config import ConfigError, load_settings
from kiosk.registry.applications import make_applications
from kiosk.registry.base import (
    ApplicationNotFound,
    CitizenNotFound,
    LookupQuery,
    RegistryError,
    RegistryOffline,
)
from kiosk.registry.http import (
    APPLICATIONS,
    CALLS,
    COMMUNE_CITIZENS,
    DISCREPANCIES,
    SEARCH,
    Failure,
    HttpRegistry,
    RegistryClient,
    ServiceUnavailable,
)
from kiosk.registry.records import (
    Discrepancy,
    OnlineApplication,
    RegistryRecord,
    RepresentativeRecord,
)
from kiosk.registry.sql import Population, SqlRegistry
from kiosk.storage.crypto import KeyRing
from kiosk.workflow.lawbook import load_lawbook
from kiosk.workflow.people import CardKind
from kiosk.workflow.representation import Relationship
from kiosk.workflow.request import BirthPrecision
from tests.registry.registry_rig import Sleeps, client, commune_of, population, tls_context

SPEC = Path(__file__).resolve().parents[2] / "docs" / "api" / "registry.json"
OFFLINE_WORDS = ("Không kết nối được CSDL quốc gia về dân cư", "dữ liệu đồng bộ ngoại tuyến")


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return issue_tls_files(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def people(resources: Path) -> list[RegistryRecord]:
    return population(resources)


@pytest.fixture(scope="module")
def booked(resources: Path, people: list[RegistryRecord]) -> list[OnlineApplication]:
    """Online applications of some of the people, as ``kiosk registry generate`` books them."""
    return make_applications(people, date(2026, 11, 27), agency="Công an phường Hoàn Kiếm",
                             procedures=load_lawbook(resources).procedures,
                             rng=random.Random(5), count=6)


@pytest.fixture
def service(tls: TlsFiles, people: list[RegistryRecord], booked: list[OnlineApplication]
            ) -> Iterator[RegistryService]:
    with RegistryService(people, tls=tls, commune_of=commune_of,
                         applications=booked) as running:
        yield running


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def registry(tls: TlsFiles, service: RegistryService, sleeps: Sleeps) -> HttpRegistry:
    return HttpRegistry(client(tls, service, sleeps=sleeps))


# -- the contract ----------------------------------------------------------------------------
def _spec() -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(SPEC.read_text(encoding="utf-8"))
    return spec


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _problems(spec: dict[str, Any], schema: dict[str, Any], value: Any, at: str = "$"
              ) -> list[str]:
    """The subset of JSON Schema the contract uses: type, enum, pattern, format date,
    lengths, required, properties, additionalProperties false, items, oneOf, $ref."""
    schema = _resolve(spec, schema)
    if "oneOf" in schema:
        matching = [s for s in schema["oneOf"] if not _problems(spec, s, value, at)]
        return [] if len(matching) == 1 else [f"{at}: matches {len(matching)} of oneOf"]
    kinds = {"string": str, "boolean": bool, "array": list, "object": dict,
             "null": type(None), "integer": int}
    kind = schema.get("type")
    if kind is not None and not (isinstance(value, kinds[kind])
                                 and not (kind == "integer" and isinstance(value, bool))):
        return [f"{at}: not {kind}"]
    found = [f"{at}: {value!r} not in enum"] if value not in schema.get("enum", [value]) else []
    if isinstance(value, str):
        found += _text_problems(schema, value, at)
    if isinstance(value, dict):
        found += [f"{at}.{name}: missing" for name in schema.get("required", [])
                  if name not in value]
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            found += [f"{at}.{name}: not allowed" for name in value if name not in properties]
        for name, sub in properties.items():
            if name in value:
                found += _problems(spec, sub, value[name], f"{at}.{name}")
    if isinstance(value, list) and "items" in schema:
        for n, item in enumerate(value):
            found += _problems(spec, schema["items"], item, f"{at}[{n}]")
    return found


def _text_problems(schema: dict[str, Any], value: str, at: str) -> list[str]:
    found = []
    if "pattern" in schema and not re.search(schema["pattern"], value):
        found.append(f"{at}: does not match {schema['pattern']}")
    if schema.get("format") == "date":
        date.fromisoformat(value)
    if not schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", 10**9):
        found.append(f"{at}: length")
    return found


def _answer_schema(spec: dict[str, Any], method: str, path: str, status: int
                   ) -> dict[str, Any]:
    response = spec["paths"][path][method]["responses"][str(status)]
    schema: dict[str, Any] = response["content"]["application/json"]["schema"]
    return schema


def test_the_contract_parses_and_lists_every_call_the_client_makes() -> None:
    spec = _spec()
    assert spec["openapi"].startswith("3.1")
    for method, path in CALLS:
        assert method in spec["paths"][path], (method, path)
    assert all(path.startswith("/v1/") for path in spec["paths"])
    refs = re.findall(r'"\$ref": "([^"]+)"', SPEC.read_text(encoding="utf-8"))
    assert refs and all(_resolve(spec, {"$ref": ref}) for ref in refs)
    assert spec["components"]["securitySchemes"]["desk"]["type"] == "mutualTLS"


def test_the_reference_service_answers_as_the_contract_says(
        registry: HttpRegistry, people: list[RegistryRecord],
        booked: list[OnlineApplication]) -> None:
    spec, call = _spec(), registry.client.call
    someone = people[0].citizen
    checks = [
        ("post", SEARCH, call("POST", SEARCH, body={"id_number": someone.id_number})),
        ("post", APPLICATIONS, call("POST", APPLICATIONS, body={"code": booked[0].code})),
        ("post", APPLICATIONS, call("POST", APPLICATIONS, body={"code": "G22.99-261120-000000"})),
        ("post", APPLICATIONS, call("POST", APPLICATIONS, body={"code": 7})),
        ("post", SEARCH, call("POST", SEARCH, body={
            "full_name": someone.full_name, "date_of_birth": someone.date_of_birth.isoformat(),
            "place": "a"})),
        ("post", SEARCH, call("POST", SEARCH, body={"id_number": 12})),
        ("get", COMMUNE_CITIZENS, call("GET", COMMUNE_CITIZENS.format(commune="00070"),
                                       query={"limit": "3"})),
        ("get", COMMUNE_CITIZENS, call("GET", COMMUNE_CITIZENS.format(commune="00070"),
                                       query={"cursor": "nonsense"})),
        ("post", DISCREPANCIES, call("POST", DISCREPANCIES, headers={
            "Idempotency-Key": "k-000000001"}, body={
            "id_number": someone.id_number, "code": "name", "note": "tên trên thẻ cũ khác"})),
        ("post", DISCREPANCIES, call("POST", DISCREPANCIES, headers={
            "Idempotency-Key": "k-000000002"}, body={
            "id_number": "999999999999", "code": "name", "note": ""})),
    ]
    statuses = []
    for method, path, reply in checks:
        statuses.append(reply.status)
        schema = _answer_schema(spec, method, path, reply.status)
        assert _problems(spec, schema, reply.data) == [], (path, reply.status)
    assert statuses == [200, 200, 404, 400, 200, 400, 200, 400, 201, 404]
    page = checks[6][2].data
    assert len(page["items"]) == 3 and page["next_cursor"] and page["generation"]
    guarded = call("POST", SEARCH, body={"id_number": "079185000123"}).data["items"][0]
    assert guarded["representative"]["relationship"] == "guardian"
    assert _problems(spec, _answer_schema(spec, "post", SEARCH, 200), {"items": [guarded]}) == []


# -- answers -------------------------------------------------------------------------------
def test_every_record_comes_back_equal_to_the_one_served(
        registry: HttpRegistry, people: list[RegistryRecord]) -> None:
    assert any(r.lost_card for r in people) and any(r.discrepancies for r in people)
    assert any(r.birth_precision is not BirthPrecision.DAY for r in people)
    for served in people:
        assert registry.record(served.citizen.id_number) == served
    found = registry.find(LookupQuery(id_number=people[1].citizen.id_number))
    assert found == [people[1].citizen] and not found.from_cache


def test_lookups_by_former_number_and_by_name_and_place(
        registry: HttpRegistry, people: list[RegistryRecord]) -> None:
    holder = next(r for r in people if any(c.kind is CardKind.CMND for c in r.cards))
    cmnd = next(c.number for c in holder.cards if c.kind is CardKind.CMND)
    assert holder.citizen in registry.find(LookupQuery(former_id_number=cmnd))
    c = people[2].citizen
    by_name = LookupQuery(full_name=c.full_name.upper(), date_of_birth=c.date_of_birth)
    assert c in registry.find(by_name)
    place = c.place_of_birth_registration.split()[-1]
    assert c in registry.find(LookupQuery(full_name=c.full_name, date_of_birth=c.date_of_birth,
                                          place=place))
    assert registry.find(LookupQuery(full_name=c.full_name, date_of_birth=c.date_of_birth,
                                     place="Nơi không có thật")) == []


def test_nobody_found_is_an_empty_answer_and_citizen_not_found(
        registry: HttpRegistry, service: RegistryService, sleeps: Sleeps) -> None:
    found = registry.find(LookupQuery(id_number="999999999999"))
    assert found == [] and not found.from_cache
    with pytest.raises(CitizenNotFound, match="999999999999"):
        registry.record("999999999999")
    with pytest.raises(CitizenNotFound):
        registry.report_discrepancy("999999999999", Discrepancy("name", "sai tên"))
    assert sleeps == []


def test_a_bad_query_never_reaches_the_service(registry: HttpRegistry,
                                               service: RegistryService) -> None:
    with pytest.raises(RegistryError, match="họ tên và ngày sinh"):
        registry.find(LookupQuery(full_name="Nguyễn Văn A"))
    assert service.seen == []


# -- the bad conditions ----------------------------------------------------------------------
def test_the_service_down_says_offline_after_the_retries(
        registry: HttpRegistry, service: RegistryService, sleeps: Sleeps,
        people: list[RegistryRecord]) -> None:
    service.go_down()
    with pytest.raises(RegistryOffline) as raised:
        registry.find(LookupQuery(id_number=people[0].citizen.id_number))
    assert all(words in raised.value.message for words in OFFLINE_WORDS)
    assert sleeps == [0.1, 0.2]  # two retries, the backoff doubling
    service.come_up()
    assert registry.find(LookupQuery(id_number=people[0].citizen.id_number))


def test_a_slow_service_times_out_within_the_bound(
        tls: TlsFiles, service: RegistryService, people: list[RegistryRecord]) -> None:
    service.slow(5.0)
    slow = HttpRegistry(client(tls, service, read_timeout_s=0.3, retries=1))
    started = time.monotonic()
    with pytest.raises(RegistryOffline, match="Không kết nối được"):
        slow.find(LookupQuery(id_number=people[0].citizen.id_number))
    waited = time.monotonic() - started
    assert 0.55 <= waited <= slow.client.worst_case_s + 1.5
    assert len(service.seen) == 2  # the timeout was tried once more


def test_an_answer_trickling_in_is_cut_by_the_attempt_limit(
        tls: TlsFiles, service: RegistryService, people: list[RegistryRecord]) -> None:
    service.trickle(0.05)  # every read gets a byte well within the read timeout
    trickled = HttpRegistry(client(tls, service, connect_timeout_s=0.3, read_timeout_s=0.3,
                                   retries=0))
    started = time.monotonic()
    with pytest.raises(RegistryOffline):
        trickled.find(LookupQuery(id_number=people[0].citizen.id_number))
    assert time.monotonic() - started <= trickled.client.worst_case_s + 1.5


def test_a_name_lookup_that_hangs_is_bounded_too(
        tls: TlsFiles, service: RegistryService, monkeypatch: pytest.MonkeyPatch) -> None:
    released = threading.Event()

    def hanging_resolver(*_args: object, **_kwargs: object) -> list[Any]:
        released.wait(30)  # a network whose DNS server never answers
        return []

    monkeypatch.setattr(socket, "getaddrinfo", hanging_resolver)
    cut_off = HttpRegistry(RegistryClient("https://csdlqg.invalid", context=tls_context(tls),
                                          connect_timeout_s=0.3, read_timeout_s=0.3,
                                          retries=1, sleep=Sleeps()))
    started = time.monotonic()
    try:
        with pytest.raises(RegistryOffline, match="Không kết nối được"):
            cut_off.find(LookupQuery(id_number="001096012345"))
        assert time.monotonic() - started <= cut_off.client.worst_case_s + 1.5
    finally:
        released.set()


@pytest.mark.parametrize("garbage", list(Garbage))
def test_garbage_is_a_clear_message_never_a_traceback(
        registry: HttpRegistry, service: RegistryService, sleeps: Sleeps, garbage: Garbage,
        people: list[RegistryRecord]) -> None:
    service.answer_garbage(garbage)
    for call in (lambda: registry.find(LookupQuery(id_number=people[0].citizen.id_number)),
                 lambda: registry.commune_page("00070", None, 10),
                 lambda: registry.report_discrepancy(people[0].citizen.id_number,
                                                     Discrepancy("name", "sai tên"))):
        with pytest.raises(ServiceUnavailable) as raised:
            call()
        assert raised.value.failure is Failure.GARBAGE
        assert "trả lời dữ liệu không đọc được" in raised.value.message
    assert sleeps == []  # a 200 with garbage is not a transient failure


@pytest.mark.parametrize("field, value", [
    ("id_number", "12345"), ("sex", "x"), ("date_of_birth", "1996-02-30"),
    ("cards", [{"kind": "cccd", "number": "1", "issued_on": None}]), ("father", "bố"),
    ("full_name", ""), ("synthetic", "no"), ("birth_precision", 3)])
def test_each_field_is_checked(registry: HttpRegistry, service: RegistryService,
                               people: list[RegistryRecord], field: str, value: Any) -> None:
    bent = dict(people[0].to_json(), **{field: value})
    service.put(bent)
    with pytest.raises(ServiceUnavailable) as raised:
        registry.commune_page(commune_of(bent), None, 1000)
    assert raised.value.failure is Failure.GARBAGE
    assert registry.commune_page(commune_of(people[5].to_json()), None, 1) is not None


GUARDIAN = {"full_name": "Trần Văn Hải", "id_number": "079160000111",
            "relationship": "guardian", "proof": "Trích lục đăng ký giám hộ số 12/2024/TLGH"}


@pytest.mark.parametrize("bent", [
    "bố", {**GUARDIAN, "id_number": "1"}, {**GUARDIAN, "id_number": "079185000123"},
    {**GUARDIAN, "relationship": "uncle"}, {**GUARDIAN, "relationship": None},
    {**GUARDIAN, "proof": ""}, {**GUARDIAN, "proof": 12},
    {k: v for k, v in GUARDIAN.items() if k != "full_name"}])
def test_the_representative_is_checked_field_by_field(
        registry: HttpRegistry, service: RegistryService, people: list[RegistryRecord],
        bent: Any) -> None:
    guarded = next(r for r in people if r.representative is not None)
    number = guarded.citizen.id_number
    assert registry.record(number).representative == RepresentativeRecord(
        "Trần Văn Hải", "079160000111", Relationship.GUARDIAN,
        "Trích lục đăng ký giám hộ số 12/2024/TLGH ngày 05/3/2024, UBND phường Bến Thành")
    service.put(dict(guarded.to_json(), representative=bent))  # 079185000123: herself
    with pytest.raises(ServiceUnavailable) as raised:
        registry.record(number)
    assert raised.value.failure is Failure.GARBAGE
    service.put(dict(guarded.to_json(), representative=None))  # null: nobody registered
    assert registry.record(number).representative is None


def test_family_links_come_back_equal_to_the_sql_registrys_record(
        tmp_path: Path, tls: TlsFiles, people: list[RegistryRecord]) -> None:
    """The SQL registry's records served as they are: the client reads back each one equal,
    parents' names and numbers and the registered representative included."""
    local = SqlRegistry.open(f"sqlite:///{tmp_path / 'registry.sqlite3'}", KeyRing.generate())
    local.add(people, population=Population.CACHE)
    with RegistryService(local.everyone(), tls=tls) as served:
        online = HttpRegistry(client(tls, served))
        for stored in local.everyone():
            assert online.record(stored.citizen.id_number) == stored
        guarded = next(r for r in people if r.representative is not None)
        assert online.record(guarded.citizen.id_number).representative \
            == local.record(guarded.citizen.id_number).representative is not None
        assert any(r.father_id_number and r.mother_id_number for r in people)
        online.close()
    local.close()


# -- online applications -------------------------------------------------------------------
def test_an_application_code_finds_the_application_and_its_citizen(
        registry: HttpRegistry, booked: list[OnlineApplication],
        people: list[RegistryRecord]) -> None:
    assert len(booked) == 6 and any(a.delivery.by_post for a in booked)
    for application in booked:
        assert registry.application(application.code) == application
        applicant = next(r for r in people if r.citizen.id_number == application.id_number)
        found = registry.find(LookupQuery.from_text(application.code))
        assert found == [applicant.citizen] and not found.from_cache
    typed = " " + booked[0].code.lower().replace("-", " - ", 1) + " "
    assert registry.application(typed) == booked[0]  # spaces and case as a clerk types them


def test_an_unknown_code_says_what_the_sql_registry_says(
        registry: HttpRegistry, service: RegistryService, tmp_path: Path,
        booked: list[OnlineApplication], sleeps: Sleeps) -> None:
    unknown = "G22.99-261120-000000"
    local = SqlRegistry.open(f"sqlite:///{tmp_path / 'registry.sqlite3'}", KeyRing.generate())
    local.replace_applications(booked[0].booked_on, booked)
    with pytest.raises(ApplicationNotFound) as offline_answer:
        local.application(unknown)
    local.close()
    with pytest.raises(ApplicationNotFound) as online_answer:
        registry.application(unknown)
    assert online_answer.value.message == offline_answer.value.message
    assert unknown in online_answer.value.message
    assert registry.find(LookupQuery(application_code=unknown)) == []
    asked = len(service.seen)
    with pytest.raises(ApplicationNotFound):
        registry.application("G22-not-a-code")  # cannot exist: never asked
    assert len(service.seen) == asked and sleeps == []


@pytest.mark.parametrize("garbage", list(Garbage))
def test_garbage_instead_of_an_application_is_unusable(
        registry: HttpRegistry, service: RegistryService, booked: list[OnlineApplication],
        garbage: Garbage) -> None:
    service.answer_garbage(garbage)
    with pytest.raises(ServiceUnavailable) as raised:
        registry.application(booked[0].code)
    assert raised.value.failure is Failure.GARBAGE


@pytest.mark.parametrize("field, value", [
    ("code", "G22.99-261120-000001"), ("code", "ABC"),
    ("procedure", "refuse"), ("reason", "not_citizen"), ("slot_to", "07:00"),
    ("slot_from", "7h30"), ("filed_on", "2026-12-30"), ("booked_on", None),
    ("agency", ""), ("delivery", {"method": "post", "address": ""}),
    ("delivery", {"method": "drone"}), ("synthetic", "yes")])
def test_each_field_of_an_application_is_checked(
        registry: HttpRegistry, service: RegistryService, booked: list[OnlineApplication],
        field: str, value: Any) -> None:
    """A code or a person other than asked, a refusal filed online, a slot that ends before
    it starts, a filing after the visit, a parcel with no address: all unusable."""
    bent = dict(booked[0].to_json(), **{field: value})
    service.put_application(bent, code=booked[0].code)  # "code": answers with another
    with pytest.raises(ServiceUnavailable) as raised:
        registry.application(booked[0].code)
    assert raised.value.failure is Failure.GARBAGE


def test_an_application_when_the_service_is_down(
        tls: TlsFiles, service: RegistryService, booked: list[OnlineApplication],
        people: list[RegistryRecord], tmp_path: Path) -> None:
    """Not allowed: offline. Allowed: the cache answers what it holds (a synced cache holds
    people, not applications: the clerk is told to look the citizen up by number, which it
    answers)."""
    application = booked[0]
    service.go_down()
    with pytest.raises(RegistryOffline, match="Không kết nối được"):
        HttpRegistry(client(tls, service)).application(application.code)
    cache = SqlRegistry.open(f"sqlite:///{tmp_path / 'cache.sqlite3'}", KeyRing.generate())
    cache.add(people, population=Population.CACHE)
    registry = HttpRegistry(client(tls, service, retries=0), cache=lambda: cache)
    for ask in (lambda: registry.application(application.code),
                lambda: registry.find(LookupQuery(application_code=application.code))):
        with pytest.raises(RegistryOffline, match="Tra cứu theo số định danh") as raised:
            ask()
        assert not isinstance(raised.value, ApplicationNotFound)
    by_number = registry.find(LookupQuery(id_number=application.id_number))
    assert by_number.from_cache and by_number[0].id_number == application.id_number
    cache.replace_applications(application.booked_on, [application])
    assert registry.application(application.code) == application
    found = registry.find(LookupQuery(application_code=application.code))
    assert found.from_cache and found[0].id_number == application.id_number
    registry.close()


def test_the_cli_looks_an_application_code_up_online(
        tmp_path: Path, tls: TlsFiles, service: RegistryService,
        booked: list[OnlineApplication], capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.app import main  # noqa: PLC0415 - the CLI, as an operator runs it

    reader = HttpRegistry(client(tls, service))
    applicant = reader.record(booked[1].id_number)
    reader.close()
    assert main(["--data-dir", str(tmp_path), "--environment", "development",
                 "--set", "registry.backend=http", "--set", f"registry.base_url={service.base_url}",
                 "--set", f"registry.client_certificate={tls.client}",
                 "--set", f"registry.ca_certificates={tls.ca}",
                 "registry", "lookup", booked[1].code, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == applicant.to_json()


# -- kept-alive connections ------------------------------------------------------------------
def test_lookups_share_one_kept_alive_connection(
        registry: HttpRegistry, service: RegistryService, people: list[RegistryRecord]) -> None:
    for record in people[:20]:
        assert registry.record(record.citizen.id_number) == record
    assert service.connections == registry.client.opened == 1
    assert {seen.connection for seen in service.seen} == {1} and len(service.seen) == 20


def test_worker_threads_look_up_at_the_same_time(
        registry: HttpRegistry, service: RegistryService, people: list[RegistryRecord]) -> None:
    """Each request has a connection to itself: answers never cross; the pool keeps a few."""
    wrong: list[str] = []
    start = threading.Barrier(4)

    def worker(offset: int) -> None:
        start.wait()
        for record in people[offset::4][:12]:
            if registry.record(record.citizen.id_number) != record:
                wrong.append(record.citizen.id_number)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert wrong == [] and len(service.seen) == 48
    assert 1 <= service.connections <= 4


def test_a_connection_the_server_closed_is_replaced_unnoticed(
        registry: HttpRegistry, service: RegistryService, sleeps: Sleeps,
        people: list[RegistryRecord], caplog: pytest.LogCaptureFixture) -> None:
    someone = people[0].citizen.id_number
    registry.record(someone)
    service.drop_connections()  # its idle timeout, or a restart
    deadline = time.monotonic() + 5
    while service.connections_open() and time.monotonic() < deadline:
        time.sleep(0.01)
    with caplog.at_level(logging.INFO, "kiosk.registry"):
        assert registry.record(someone) == people[0]
    assert service.connections == 2 and len(service.seen) == 2 and sleeps == []
    assert "sent again" not in caplog.text  # seen closed before use: nothing sent on it


def test_a_connection_idle_too_long_is_not_used(
        tls: TlsFiles, service: RegistryService, people: list[RegistryRecord],
        caplog: pytest.LogCaptureFixture) -> None:
    brief = HttpRegistry(RegistryClient(service.base_url, context=tls_context(tls),
                                        keepalive_idle_s=0.05))
    someone = people[0].citizen.id_number
    brief.record(someone)
    brief.record(someone)
    time.sleep(0.1)
    with caplog.at_level(logging.INFO, "kiosk.registry"):
        brief.record(someone)
    assert [seen.connection for seen in service.seen] == [1, 1, 2]
    assert "sent again" not in caplog.text
    brief.close()


def test_a_request_meeting_the_servers_close_is_sent_again_once(
        registry: HttpRegistry, service: RegistryService, sleeps: Sleeps,
        people: list[RegistryRecord], caplog: pytest.LogCaptureFixture) -> None:
    """The server closes a kept-alive connection just as a request goes out on it: sent
    again on a new connection, no backoff, not counted as a failed attempt."""
    someone = people[0].citizen.id_number
    registry.record(someone)
    service.close_when_reused(1)
    with caplog.at_level(logging.INFO, "kiosk.registry"):
        assert registry.record(someone) == people[0]
    assert [seen.connection for seen in service.seen] == [1, 2] and sleeps == []
    assert "sent again" in caplog.text
    registry.report_discrepancy(someone, Discrepancy("name", "sai dấu"), key="stale-key-1")
    service.close_when_reused(1)  # a POST with its Idempotency-Key is sent again too
    registry.report_discrepancy(someone, Discrepancy("name", "sai dấu"), key="stale-key-1")
    assert len(service.reports()) == 1 and sleeps == []


def test_a_request_that_may_not_be_repeated_is_sent_once_on_its_own_connection(
        registry: HttpRegistry, service: RegistryService, sleeps: Sleeps,
        people: list[RegistryRecord]) -> None:
    someone = {"id_number": people[0].citizen.id_number}
    registry.client.call("POST", SEARCH, body=someone, repeatable=True)  # kept alive
    reply = registry.client.call("POST", SEARCH, body=someone, repeatable=False)
    assert reply.status == 200 and [s.connection for s in service.seen] == [1, 2]
    service.flaky(1)
    with pytest.raises(ServiceUnavailable) as raised:  # a 500: it may have been acted on
        registry.client.call("POST", SEARCH, body=someone, repeatable=False)
    assert raised.value.failure is Failure.SERVER_ERROR
    assert len(service.seen) == 3 and sleeps == []
    service.go_down()
    with pytest.raises(ServiceUnavailable):  # refused before sending: tried again
        registry.client.call("POST", SEARCH, body=someone, repeatable=False)
    assert sleeps == [0.1, 0.2]


def test_a_new_connection_resumes_the_tls_session(
        registry: HttpRegistry, service: RegistryService, people: list[RegistryRecord]) -> None:
    someone = people[0].citizen.id_number
    registry.record(someone)
    registry.close()  # the kept-alive connection goes; the session stays with the client
    registry.record(someone)
    assert service.connections == 2 and service.resumed == 1


def test_a_slow_answer_on_a_kept_alive_connection_is_bounded_too(
        tls: TlsFiles, service: RegistryService, people: list[RegistryRecord]) -> None:
    slow = HttpRegistry(client(tls, service, read_timeout_s=0.3, retries=1))
    someone = people[0].citizen.id_number
    slow.record(someone)
    service.slow(5.0)
    started = time.monotonic()
    with pytest.raises(RegistryOffline, match="Không kết nối được"):
        slow.record(someone)
    assert time.monotonic() - started <= slow.client.worst_case_s + 1.5
    assert len(service.seen) == 3  # the timeout on the kept one is a counted attempt
    slow.close()


def test_a_client_dropped_unclosed_closes_its_connections(
        tls: TlsFiles, service: RegistryService, people: list[RegistryRecord]) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        dropped = HttpRegistry(client(tls, service))
        dropped.record(people[0].citizen.id_number)
        del dropped
        gc.collect()
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []


def test_500s_are_retried_with_backoff_until_good(
        registry: HttpRegistry, service: RegistryService, sleeps: Sleeps,
        people: list[RegistryRecord]) -> None:
    service.flaky(2)
    assert registry.record(people[0].citizen.id_number) == people[0]
    assert len(service.seen) == 3 and sleeps == [0.1, 0.2]
    service.flaky(3)
    with pytest.raises(ServiceUnavailable) as raised:
        registry.record(people[0].citizen.id_number)
    assert raised.value.failure is Failure.SERVER_ERROR and len(service.seen) == 6


def test_4xx_answers_are_never_retried(tls: TlsFiles, service: RegistryService,
                                       sleeps: Sleeps, people: list[RegistryRecord]) -> None:
    wrong_path = HttpRegistry(client(tls, service, sleeps=sleeps, path="/api"))
    with pytest.raises(RegistryError, match=r"registry.base_url") as raised:
        wrong_path.find(LookupQuery(id_number=people[0].citizen.id_number))
    assert not isinstance(raised.value, RegistryOffline)
    registry = HttpRegistry(client(tls, service, sleeps=sleeps))
    someone = people[0].citizen.id_number
    registry.report_discrepancy(someone, Discrepancy("name", "a"), key="same-key-1")
    with pytest.raises(RegistryError, match="409"):
        registry.report_discrepancy(someone, Discrepancy("name", "b"), key="same-key-1")
    assert len(service.seen) == 3 and sleeps == []


def test_a_discrepancy_report_sent_twice_is_one_report(
        registry: HttpRegistry, service: RegistryService, people: list[RegistryRecord]) -> None:
    someone = people[0].citizen.id_number
    service.flaky(1)  # the first attempt fails: the retry carries the same key
    first = registry.report_discrepancy(someone, Discrepancy("name", "sai dấu"),
                                        case_code="HK01-20261125-0001")
    keys = {seen.idempotency_key for seen in service.seen}
    assert len(service.seen) == 2 and len(keys) == 1
    again = registry.report_discrepancy(someone, Discrepancy("name", "sai dấu"),
                                        key=keys.pop(), case_code="HK01-20261125-0001")
    assert again == first and len(service.reports()) == 1


def test_a_client_certificate_of_another_authority_is_refused(
        tls: TlsFiles, service: RegistryService, sleeps: Sleeps, tmp_path: Path,
        people: list[RegistryRecord]) -> None:
    stranger = tmp_path / "stranger.pem"
    stranger.write_bytes(Authority.create("Another CA").issue("desk HK01"))
    refused = HttpRegistry(client(tls, service, sleeps=sleeps, certificate=stranger))
    with pytest.raises(ServiceUnavailable) as raised:
        refused.find(LookupQuery(id_number=people[0].citizen.id_number))
    assert raised.value.failure is Failure.TLS and "chứng thư" in raised.value.message
    # The server thread counts the refusal after the client has seen it: wait a little.
    deadline = time.monotonic() + 5
    while service.refused_handshakes < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert service.refused_handshakes >= 1 and service.seen == []  # nothing was answered
    assert sleeps == []  # the same certificate would be refused again


def test_a_service_the_desk_does_not_trust_is_refused(
        service: RegistryService, tmp_path: Path, people: list[RegistryRecord]) -> None:
    elsewhere = issue_tls_files(tmp_path / "elsewhere")  # trusts another CA
    wary = HttpRegistry(client(elsewhere, service))
    with pytest.raises(ServiceUnavailable) as raised:
        wary.find(LookupQuery(id_number=people[0].citizen.id_number))
    assert raised.value.failure is Failure.TLS and service.seen == []


# -- the offline cache -----------------------------------------------------------------------
@pytest.fixture
def cache(tmp_path: Path, people: list[RegistryRecord]) -> Iterator[SqlRegistry]:
    opened = SqlRegistry.open(f"sqlite:///{tmp_path / 'cache.sqlite3'}", KeyRing.generate())
    opened.add(people[:10], population=Population.CACHE)
    opened.set_meta({"synced_at": "2026-11-24T18:00:00"})
    yield opened
    opened.close()


def test_the_cache_answers_when_allowed_and_says_so(
        tls: TlsFiles, service: RegistryService, cache: SqlRegistry,
        people: list[RegistryRecord]) -> None:
    registry = HttpRegistry(client(tls, service), cache=lambda: cache)
    online = registry.find(LookupQuery(id_number=people[3].citizen.id_number))
    assert not online.from_cache
    service.go_down()
    found = registry.find(LookupQuery(id_number=people[3].citizen.id_number))
    assert found == [people[3].citizen]
    assert found.from_cache and found.cache_synced_at == "2026-11-24T18:00:00"
    c = people[4].citizen
    by_name = registry.find(LookupQuery(full_name=c.full_name, date_of_birth=c.date_of_birth))
    assert c in by_name and by_name.from_cache
    with pytest.raises(RegistryOffline, match="dữ liệu đồng bộ ngoại tuyến của máy không có"):
        registry.find(LookupQuery(id_number=people[20].citizen.id_number))
    service.come_up()
    service.answer_garbage(Garbage.TRUNCATED)  # garbage: the cache too
    assert registry.find(LookupQuery(id_number=people[3].citizen.id_number)).from_cache


def test_the_cache_is_not_used_where_not_allowed(
        tls: TlsFiles, service: RegistryService, people: list[RegistryRecord]) -> None:
    registry = HttpRegistry(client(tls, service))  # no cache given: not allowed
    service.go_down()
    with pytest.raises(RegistryOffline) as raised:
        registry.find(LookupQuery(id_number=people[3].citizen.id_number))
    assert all(words in raised.value.message for words in OFFLINE_WORDS)


def test_a_refusal_is_not_answered_from_the_cache(
        tls: TlsFiles, service: RegistryService, cache: SqlRegistry,
        people: list[RegistryRecord]) -> None:
    # 404: registry.base_url names a path the service lacks (configuration, not network)
    registry = HttpRegistry(client(tls, service, path="/api"), cache=lambda: cache)
    with pytest.raises(RegistryError, match=r"registry.base_url"):
        registry.find(LookupQuery(id_number=people[3].citizen.id_number))


# -- configuration and the composition root --------------------------------------------------
def _http_settings(tmp_path: Path, tls: TlsFiles, service: RegistryService,
                   **more: Any) -> Any:
    return load_settings(tmp_path, overrides={
        "registry.backend": "http", "registry.base_url": service.base_url,
        "registry.client_certificate": str(tls.client),
        "registry.ca_certificates": str(tls.ca), "registry.retries": 0, **more})


def test_the_root_builds_the_client_and_the_cache_only_where_allowed(
        tmp_path: Path, tls: TlsFiles, service: RegistryService, people: list[RegistryRecord],
        resources: Path) -> None:
    keyring = KeyRing.generate()
    synced = SqlRegistry.open(f"sqlite:///{tmp_path / 'registry.sqlite3'}", keyring)
    synced.add(people[:5], population=Population.CACHE)
    synced.close()
    someone = LookupQuery(id_number=people[0].citizen.id_number)
    allowed = build_registry(_http_settings(tmp_path, tls, service,
                                            **{"registry.offline_cache": True}),
                             resources, keyring)
    refused = build_registry(_http_settings(tmp_path, tls, service), resources, keyring)
    assert isinstance(allowed, HttpRegistry) and isinstance(refused, HttpRegistry)
    assert allowed.find(someone) == refused.find(someone) == [people[0].citizen]
    service.go_down()
    assert allowed.find(someone).from_cache
    with pytest.raises(RegistryOffline):
        refused.find(someone)
    allowed.close()


def test_a_trainers_population_is_never_an_offline_answer(
        tmp_path: Path, tls: TlsFiles, service: RegistryService, people: list[RegistryRecord],
        resources: Path) -> None:
    keyring = KeyRing.generate()
    invented = SqlRegistry.open(f"sqlite:///{tmp_path / 'registry.sqlite3'}", keyring)
    invented.add(people[:5], population=Population.SYNTHETIC)
    invented.close()
    registry = build_registry(_http_settings(tmp_path, tls, service,
                                             **{"registry.offline_cache": True}),
                              resources, keyring)
    service.go_down()
    with pytest.raises(RegistryOffline, match="Không kết nối được"):
        registry.find(LookupQuery(id_number=people[0].citizen.id_number))


def test_settings_of_the_http_registry_are_checked(tmp_path: Path, tls: TlsFiles,
                                                   service: RegistryService,
                                                   resources: Path) -> None:
    with pytest.raises(ConfigError, match=r"registry.base_url"):
        load_settings(tmp_path, overrides={"registry.backend": "http"})
    with pytest.raises(ConfigError, match="https://"):
        load_settings(tmp_path, overrides={"registry.base_url": "http://csdlqg"})
    with pytest.raises(ConfigError, match=r"registry.client_certificate"):
        load_settings(tmp_path, overrides={"registry.backend": "http",
                                           "registry.base_url": "https://csdlqg"})
    with pytest.raises(ConfigError, match=r"registry.url is the local database"):
        _http_settings(tmp_path, tls, service, **{"registry.url": "https://csdlqg"})
    with pytest.raises(ConfigError, match="training"):
        _http_settings(tmp_path, tls, service, environment="training")
    with pytest.raises(ConfigError, match=r"registry.retries"):
        _http_settings(tmp_path, tls, service, **{"registry.retries": 9})
    missing = _http_settings(tmp_path, tls, service,
                             **{"registry.client_certificate": str(tmp_path / "none.pem")})
    with pytest.raises(ConfigError, match=r"registry.client_certificate = .*none.pem"):
        build_registry(missing, resources)
    (tmp_path / "kiosk.toml").write_text(
        '[registry]\nbackend = "http"\nbase_url = "https://csdlqg"\nclient_certificate = '
        '"c.pem"\n', encoding="utf-8")
    assert load_settings(tmp_path)["registry.backend"] == "http"
    assert load_settings(tmp_path, simulator=True)["registry.backend"] == "synthetic"


def test_the_worst_wait_of_the_default_settings(tmp_path: Path, tls: TlsFiles,
                                                service: RegistryService,
                                                resources: Path) -> None:
    settings = load_settings(tmp_path, overrides={
        "registry.backend": "http", "registry.base_url": service.base_url,
        "registry.client_certificate": str(tls.client), "registry.ca_certificates": str(tls.ca)})
    registry = build_registry(settings, resources)
    assert isinstance(registry, HttpRegistry)
    # 3 attempts × (2 s connect + 4 s read), one resend on a new connection after a kept-alive
    # one was found closed (within the 2 s connect timeout), 0.25 s + 0.5 s backoff
    assert registry.client.worst_case_s == pytest.approx(20.75)
    registry.close()

