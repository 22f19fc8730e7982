"""``kiosk keys rotate`` re-seals everything; the old key no longer opens anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.app import main
from kiosk.storage.cases import CaseRepository
from kiosk.storage.crypto import KeyProblem, KeyRing, key_path, next_key_path
from kiosk.storage.database import open_database


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
