"""After a whole demo case, nothing personal is readable in the database files."""

from __future__ import annotations

import json
import stat
import unicodedata
from pathlib import Path

from kiosk.app import main
from kiosk.storage.crypto import key_path

NAME = "Nguyễn Văn Bình"
SECRETS = [NAME, NAME.upper(), unicodedata.normalize("NFD", NAME), json.dumps(NAME)[1:-1],
           "001096012345", "013456789", "Hàng Bạc", "1996-03-15", "15/03/1996",
           # The lost-card scenario's postal address and the receiver's phone.
           "Thủy sản Mekong", "Hòa Bình", "0912345678", "0912 345 678"]


def test_database_and_log_files_hold_no_personal_data_in_clear(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo", "--out", str(tmp_path / "out"),
                 "--date", "2026-11-25"]) == 0
    assert main(["--data-dir", str(data), "demo", "--scenario", "lost-card", "--out",
                 str(tmp_path / "post"), "--date", "2026-11-25"]) == 0
    files = [p for p in data.glob("kiosk.sqlite3*") if p.is_file()]
    assert files, "the demo wrote no database"
    logs = list((data / "logs").glob("kiosk.log*"))
    assert logs and "case HK01-20261125-0001" in logs[0].read_text(encoding="utf-8")
    files += logs
    for path in files:
        content = path.read_bytes()
        for secret in SECRETS:
            for encoding in ("utf-8", "utf-16-le"):
                assert secret.encode(encoding) not in content, (path.name, secret)
    key = key_path(data)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600  # readable only by its owner
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    # The case is still whole for the kiosk that holds the key.
    assert main(["--data-dir", str(data), "cases", "show", "HK01-20261125-0001"]) == 0
