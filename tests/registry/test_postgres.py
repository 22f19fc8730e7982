"""The SQL registry on PostgreSQL (``registry.url = postgresql+psycopg://…``): a bulk load
(binary COPY, indexes after), lookups by ID, CMND, name and application code, records as
generated, applications, re-sealing.

The server: KIOSK_TEST_POSTGRES_URL when scripts/test started one, else a throw-away cluster
that scripts/postgres starts here (server binaries from /usr/lib/postgresql/*/bin or the
PATH). Without them the tests are skipped, and fail in CI (which installs them)."""

from __future__ import annotations

import os
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.registry.applications import book_day
from kiosk.registry.base import LookupQuery
from kiosk.registry.loading import Generation, load_synthetic
from kiosk.registry.population import PopulationData, PopulationGenerator
from kiosk.registry.records import RegistryRecord
from kiosk.registry.sql import PEOPLE_INDEXES, Population, SqlRegistry
from kiosk.registry.synthetic import SyntheticRegistry
from kiosk.storage.crypto import KeyRing
from kiosk.workflow.lawbook import Lawbook

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "postgres"
AS_OF = date(2026, 11, 25)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A PostgreSQL server's URL (its ``postgres`` database)."""
    given = os.environ.get("KIOSK_TEST_POSTGRES_URL", "")
    if given:
        yield given
        return
    where = tempfile.mkdtemp(prefix="kiosk-pg.")  # under /tmp: the server's user reaches it
    started = subprocess.run([str(SCRIPT), "start", where], capture_output=True, text=True,
                             timeout=120, check=False)
    url = started.stdout.strip()
    if started.returncode != 0:
        subprocess.run([str(SCRIPT), "stop", where], timeout=60, check=False)
        pytest.fail(f"scripts/postgres could not start a cluster: {started.stderr.strip()}")
    if not url:
        os.rmdir(where)
        reason = ("no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin "
                  "or on the PATH: install the postgresql package (scripts/install --test)")
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the registry tests on PostgreSQL: {reason}")
        pytest.skip(reason)
    try:
        yield url
    finally:
        subprocess.run([str(SCRIPT), "stop", where], timeout=60, check=False)


@pytest.fixture
def url(server: str) -> Iterator[str]:
    """A database of its own on the server, dropped afterwards."""
    name = f"kiosk_registry_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def keyring() -> KeyRing:
    return KeyRing.generate()


def _training(resources: Path) -> list[RegistryRecord]:
    return [RegistryRecord.of(c) for c in SyntheticRegistry.from_file(
        resources / "training" / "citizens.toml").everyone()]


def test_a_bulk_load_and_its_lookups(url: str, keyring: KeyRing, resources: Path) -> None:
    training = _training(resources)
    registry = SqlRegistry.open(url, keyring)
    job = Generation(resources, 8, AS_OF, 6000, tuple(r.citizen.id_number for r in training))
    assert load_synthetic(registry, job, before=training, processes=1) == 6000 + len(training)
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        inspector = sa.inspect(connection)
        names = {index["name"] for table in ("registry_citizens", "registry_former_ids")
                 for index in inspector.get_indexes(table)}
        assert connection.exec_driver_sql("SHOW synchronous_commit").scalar_one() == "on"
    engine.dispose()
    assert names >= {index.name for index in PEOPLE_INDEXES}
    generated = list(PopulationGenerator(PopulationData.load(resources), seed=8, as_of=AS_OF,
                                         taken=job.taken).generate(6000))
    assert list(registry.everyone()) == [*training, *generated]
    by_id = registry.find(LookupQuery.from_text("001096012345"))
    assert [c.full_name for c in by_id] == ["Nguyễn Văn Bình"]
    assert registry.find(LookupQuery.from_text("013456789")) == by_id
    assert registry.find(LookupQuery(full_name="Nguyen Van Binh",
                                     date_of_birth=date(1996, 3, 15))) == by_id
    someone = next(r for r in generated if r.citizen.former_id_number)
    assert registry.record(someone.citizen.id_number) == someone
    assert registry.records(LookupQuery(
        former_id_number=someone.citizen.former_id_number)) == [someone]
    assert registry.records(LookupQuery(full_name=someone.citizen.full_name,
                                        date_of_birth=someone.citizen.date_of_birth)) == [
        someone]
    registry.close()


def test_round_trip_applications_and_reseal(url: str, keyring: KeyRing, resources: Path,
                                            lawbook: Lawbook) -> None:
    """The ordinary path (a sync's pages, a training file): add, not a bulk load."""
    registry = SqlRegistry.open(url, keyring)
    people = list(PopulationGenerator(PopulationData.load(resources), seed=9,
                                      as_of=AS_OF).generate(800))
    assert registry.add(people, population=Population.SYNTHETIC, batch=300) == 800
    assert registry.count() == 800 and registry.simulated
    made = book_day(registry, date(2026, 11, 27), agency="A", procedures=lawbook.procedures,
                    seed=2, count=10)
    assert len(made) == 10
    assert registry.find(LookupQuery.from_text(made[3].code))[0].id_number == made[3].id_number
    new = KeyRing.generate()
    both = KeyRing(keyring.key_id, keyring.data_key, keyring.index_key,
                   ((new.key_id, new.data_key),))
    assert registry.reseal(both, new) == 800
    registry.close()
    reopened = SqlRegistry.open(url, new)
    assert reopened.record(people[500].citizen.id_number) == people[500]
    assert reopened.application(made[0].code) == made[0]
    reopened.close()
