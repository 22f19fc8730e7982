"""Migrations: up from empty, down to nothing, up from the previous revision keeping data,
and the models equal to what the migrations build — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from kiosk.storage.cases import CaseRepository
from kiosk.storage.crypto import KeyRing
from kiosk.storage.database import HEAD_REVISION, current_revision, downgrade, upgrade
from kiosk.storage.errors import NewerDatabase
from kiosk.storage.models import Base
from tests.storage.conftest import Databases

TABLES_0001 = {"cases", "case_transitions", "captures", "documents", "payments"}
TABLES_0002 = TABLES_0001 | {"representatives", "slips", "print_log", "case_sequences"}
TABLES_0003 = TABLES_0002 | {"users", "audit_log", "audit_head"}
TABLES_0008 = TABLES_0003 | {"training_reports"}


def tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}


def test_up_from_empty_and_down_to_nothing(db: Databases) -> None:
    engine = db.create()
    upgrade(engine, "0003")
    assert current_revision(engine) == "0003" and tables(engine) == TABLES_0003
    downgrade(engine, "0002")
    assert current_revision(engine) == "0002" and tables(engine) == TABLES_0002
    downgrade(engine, "0001")
    assert current_revision(engine) == "0001" and tables(engine) == TABLES_0001
    downgrade(engine, "base")
    assert current_revision(engine) is None and tables(engine) == set()


def test_head_seals_and_refuses_to_go_back_to_clear_data(db: Databases) -> None:
    engine = db.create()
    upgrade(engine)
    assert current_revision(engine) == HEAD_REVISION and tables(engine) == TABLES_0008
    downgrade(engine, "0004")
    assert current_revision(engine) == "0004"
    with pytest.raises(RuntimeError, match="in clear"):
        downgrade(engine, "0003")  # unsealing would write personal data in clear
    assert current_revision(engine) == "0004"


def test_models_match_the_migrations(db: Databases) -> None:
    engine = db.create()
    upgrade(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_upgrade_from_the_previous_revision_keeps_cases(db: Databases) -> None:
    engine = db.create()
    upgrade(engine, "0001")
    with engine.begin() as connection:  # a case written by the 0001 kiosk
        connection.execute(sa.text(
            "INSERT INTO cases (code, desk_code, opened_on, sequence, step, training, opened_at,"
            " updated_at, citizen_id_number, citizen) VALUES ('HK01-20261125-0007', 'HK01',"
            " :day, 7, 'identified', :training, :now, :now, '001096012345',"
            " '{\"full_name\": \"Nguyễn Văn Bình\"}')"),
            {"day": date(2026, 11, 25), "now": datetime(2026, 11, 25, 9), "training": True})
    keyring = KeyRing.generate()
    upgrade(engine, keyring=keyring)  # 0004 seals the clear rows of older versions
    repository = CaseRepository(engine, keyring)
    assert repository.load("HK01-20261125-0007").citizen == {"full_name": "Nguyễn Văn Bình"}
    with engine.connect() as connection:
        sealed = connection.execute(sa.text("SELECT citizen_sealed FROM cases")).scalar_one()
    assert "Nguyễn".encode() not in bytes(sealed)
    assert repository.step_of("HK01-20261125-0007") == "identified"
    # The counters were seeded: the next case of that desk and day continues the sequence.
    code = repository.open_case(desk_code="HK01", opened_at=datetime(2026, 11, 25, 10),
                                citizen_id_number="001096012345", citizen={"full_name": "B"},
                                training=True, first_step="identified", event="identify",
                                intake_step="intake")
    assert code == "HK01-20261125-0008"


def test_a_database_from_a_newer_kiosk_is_refused_untouched(db: Databases) -> None:
    engine = db.create()
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    with pytest.raises(NewerDatabase) as raised:
        db.open()
    assert "phiên bản kiosk mới hơn" in raised.value.message
    assert current_revision(engine) == "0099"  # nothing was written


def test_head_constant_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    from kiosk.storage.database import alembic_config  # noqa: PLC0415

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION
