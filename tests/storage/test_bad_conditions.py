"""Disk full, read-only, locked, corrupt: a message that says what to do, the case consistent,
nothing already saved lost."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from kiosk.app import Context, build_context
from kiosk.config import load_settings
from kiosk.desk.casefile import Position
from kiosk.devices.base import Slap
from kiosk.registry.base import LookupQuery
from kiosk.storage import errors
from kiosk.storage.cases import CaseRepository
from kiosk.storage.crypto import KeyRing
from kiosk.storage.database import open_database
from kiosk.storage.errors import CorruptRecord, StorageError
from kiosk.workflow.case import Step
from kiosk.workflow.procedures import Reason

NOW = datetime(2026, 11, 25, 9)


@pytest.fixture
def context(tmp_path: Path) -> Iterator[Context]:
    settings = load_settings(tmp_path / "data", simulator=True)
    built = build_context(settings, print_directory=tmp_path / "prints", clock=lambda: NOW,
                          latency_s=0.0)
    yield built
    built.desk.shutdown()


def started_case(context: Context) -> Any:
    desk = context.desk
    case = desk.open_case(desk.find_citizen(LookupQuery.from_text("001096012345")))
    desk.decide(case, Reason.CCCD_CONVERSION)
    desk.check_representative(case)
    desk.capture_face(case, threading.Event())
    return case


def new_case(repository: CaseRepository) -> str:
    return repository.open_case(
        desk_code="HK01", opened_at=NOW, citizen_id_number="001096012345",
        citizen={"full_name": "B"}, training=True, first_step="identified", event="identify",
        intake_step="intake")


def engine_of(context: Context) -> sa.Engine:
    return context.desk.cases._engine


def test_disk_full_keeps_the_case_and_says_what_to_do(context: Context) -> None:
    case = started_case(context)
    engine = engine_of(context)
    engine.dispose()  # new connections get the cap below

    @event.listens_for(engine, "connect")
    def cap(connection: sqlite3.Connection, _record: Any) -> None:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")  # not one page more

    with pytest.raises(StorageError) as raised:
        context.desk.capture_slap(case, Slap.THUMBS, threading.Event())
    assert raised.value.message == errors.DISK_FULL
    assert Position.THUMBS not in case.best and case.step is Step.REPRESENTATIVE_CHECKED
    event.remove(engine, "connect", cap)
    engine.dispose()
    assert "face" in context.desk.cases.best_captures(case.code)  # what was saved is intact
    # Room again: the same capture now saves, and the case goes on.
    context.desk.capture_slap(case, Slap.THUMBS, threading.Event())
    assert Position.THUMBS in case.best


def test_read_only_database(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    open_database(f"sqlite:///{path}").dispose()
    read_only = sa.create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    with pytest.raises(StorageError) as raised:
        new_case(CaseRepository(read_only, KeyRing.generate()))
    assert raised.value.message == errors.READ_ONLY
    read_only.dispose()


def test_locked_database(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    engine = open_database(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def impatient(connection: sqlite3.Connection, _record: Any) -> None:
        connection.execute("PRAGMA busy_timeout = 50")

    engine.dispose()
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    try:
        with pytest.raises(StorageError) as raised:
            new_case(CaseRepository(engine, KeyRing.generate()))
        assert raised.value.message == errors.LOCKED
    finally:
        holder.rollback()
        holder.close()
        engine.dispose()


def test_corrupt_record_is_reported_and_left_untouched(context: Context) -> None:
    case = started_case(context)
    engine = engine_of(context)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE cases SET decision = :bad WHERE code = :code"),
                           {"bad": '{"procedure": "bogus"}', "code": case.code})
    with pytest.raises(CorruptRecord) as raised:
        context.desk.resume(case.code)
    assert case.code in raised.value.message and "báo quản trị viên" in raised.value.message
    with engine.connect() as connection:
        stored = connection.execute(sa.text("SELECT decision FROM cases WHERE code = :code"),
                                    {"code": case.code}).scalar_one()
    assert "bogus" in str(stored)


def test_a_refused_constraint_is_not_reported_as_a_lost_connection() -> None:
    from sqlalchemy.exc import IntegrityError  # noqa: PLC0415

    from kiosk.storage.errors import CONFLICT, translate  # noqa: PLC0415

    error = translate(IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed")))
    assert error.message == CONFLICT and "Không kết nối" not in error.message
