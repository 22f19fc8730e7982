"""Storage tests run on SQLite always, and on PostgreSQL when scripts/test started one
(KIOSK_TEST_POSTGRES_URL). In CI a missing PostgreSQL fails instead of skipping."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.storage.database import create, open_database

POSTGRES_URL = os.environ.get("KIOSK_TEST_POSTGRES_URL", "")


def _postgres_database() -> Iterator[str]:
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must run the storage tests on PostgreSQL: scripts/test starts one "
                        "(is the postgresql package installed?)")
        pytest.skip("no PostgreSQL (run through scripts/test, which starts one)")
    name = f"kiosk_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


class Databases:
    """Engines on one test database, all disposed before the database is dropped."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engines: list[sa.Engine] = []

    def create(self) -> sa.Engine:
        engine = create(self.url)
        self._engines.append(engine)
        return engine

    def open(self) -> sa.Engine:
        engine = open_database(self.url)
        self._engines.append(engine)
        return engine

    def dispose(self) -> None:
        for engine in self._engines:
            engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Databases]:
    urls = (iter([f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"]) if request.param == "sqlite"
            else _postgres_database())
    databases = Databases(next(urls))
    yield databases
    databases.dispose()
    next(urls, None)  # drops the PostgreSQL database


@pytest.fixture
def postgres_url() -> Iterator[str]:
    yield from _postgres_database()
