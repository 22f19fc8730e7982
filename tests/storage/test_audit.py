"""The audit chain: intact when untouched; editing, deleting or reordering rows directly in SQL
is reported, naming the first broken row."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from kiosk.storage.audit import AuditLog, safe_details
from tests.storage.conftest import Databases

START = datetime(2026, 11, 25, 8, 0)


def filled(db: Databases, rows: int = 6) -> tuple[AuditLog, sa.Engine]:
    engine = db.open()
    audit = AuditLog(engine, "HK01")
    for n in range(rows):
        audit.append(at=START + timedelta(minutes=n), actor="canbo1", action="capture",
                     case_code="HK01-20261125-0001", details={"position": "face", "attempt": n})
    return audit, engine


def sql(engine: sa.Engine, statement: str, **values: object) -> None:
    with engine.begin() as connection:
        connection.execute(sa.text(statement), values)


def test_untouched_chain_is_intact(db: Databases) -> None:
    audit, _ = filled(db)
    result = audit.verify()
    assert result.intact and result.rows == 6


def test_edited_row_is_named(db: Databases) -> None:
    audit, engine = filled(db)
    sql(engine, "UPDATE audit_log SET actor = 'ke_gian' WHERE id = 3")
    result = audit.verify()
    assert (result.intact, result.first_broken) == (False, 3)


def test_edited_details_are_named(db: Databases) -> None:
    audit, engine = filled(db)
    sql(engine, "UPDATE audit_log SET details = :d WHERE id = 4", d='{"position": "thumbs"}')
    assert audit.verify().first_broken == 4


def test_deleted_row_is_named(db: Databases) -> None:
    audit, engine = filled(db)
    sql(engine, "DELETE FROM audit_log WHERE id = 2")
    result = audit.verify()
    assert (result.intact, result.first_broken) == (False, 3)


def test_deleted_last_rows_are_noticed(db: Databases) -> None:
    audit, engine = filled(db)
    sql(engine, "DELETE FROM audit_log WHERE id >= 5")
    result = audit.verify()
    assert not result.intact and result.first_broken == 6


def test_reordered_rows_are_named(db: Databases) -> None:
    audit, engine = filled(db)
    # Swap rows 2 and 3 (their ids), as an editor hiding the order of events would.
    sql(engine, "UPDATE audit_log SET id = 1000 WHERE id = 2")
    sql(engine, "UPDATE audit_log SET id = 2 WHERE id = 3")
    sql(engine, "UPDATE audit_log SET id = 3 WHERE id = 1000")
    result = audit.verify()
    assert (result.intact, result.first_broken) == (False, 2)


def test_personal_data_cannot_enter_the_details() -> None:
    assert safe_details({"reason": "cccd_conversion", "fee": 15000}) == {
        "reason": "cccd_conversion", "fee": 15000}
    for bad in ("Nguyễn Văn Bình", "Số 12 ngõ 34 phố Hàng Bạc"):
        with pytest.raises(ValueError):
            safe_details({"name": bad})
