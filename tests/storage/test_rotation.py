"""``kiosk keys rotate`` re-seals everything; the old key no longer opens anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import LargeBinary

from kiosk.app import main
from kiosk.storage.cases import SEALED_COLUMNS, CaseRepository
from kiosk.storage.crypto import KeyProblem, KeyRing, key_path, next_key_path
from kiosk.storage.database import open_database
from kiosk.storage.models import Base


def test_rotate_after_a_demo_case(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo", "--out", str(tmp_path / "o"),
                 "--date", "2026-11-25"]) == 0
    assert main(["--data-dir", str(data), "demo", "--scenario", "lost-card", "--out",
                 str(tmp_path / "p"), "--date", "2026-11-25"]) == 0  # a postal address
    old = KeyRing.from_json(key_path(data).read_text())
    assert main(["--data-dir", str(data), "keys", "rotate"]) == 0
    new = KeyRing.from_json(key_path(data).read_text())
    assert new.key_id != old.key_id and not next_key_path(data).exists()
    engine = open_database(f"sqlite:///{data / 'kiosk.sqlite3'}")
    stored = CaseRepository(engine, new).load("HK01-20261125-0001")
    assert stored.citizen["full_name"] == "Nguyễn Văn Bình" and len(stored.captures) >= 6
    delivery = CaseRepository(engine, new).load("HK01-20261125-0002").delivery
    assert delivery is not None and "Mekong" in delivery.address
    with pytest.raises(KeyProblem):
        CaseRepository(engine, old).load("HK01-20261125-0001")
    engine.dispose()


def test_an_interrupted_rotation_still_opens(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo", "--out", str(tmp_path / "o"),
                 "--date", "2026-11-25"]) == 0
    # The next key was written but the database not yet re-sealed (a power cut): the kiosk
    # still opens every row, and a second rotation finishes the job.
    from kiosk.storage.crypto import write_key  # noqa: PLC0415

    write_key(next_key_path(data), KeyRing.generate())
    assert main(["--data-dir", str(data), "cases", "show", "HK01-20261125-0001"]) == 0
    assert main(["--data-dir", str(data), "keys", "rotate"]) == 0
    assert main(["--data-dir", str(data), "cases", "show", "HK01-20261125-0001"]) == 0


def test_every_binary_column_is_sealed_and_rotated() -> None:
    """A new LargeBinary column holds personal data or biometrics: it is sealed, and
    rotation re-seals it, only if SEALED_COLUMNS lists it."""
    binary = {(table.name, column.name) for table in Base.metadata.tables.values()
              for column in table.columns if isinstance(column.type, LargeBinary)}
    assert binary == {(table, column) for table, column, _context in SEALED_COLUMNS}
