"""``kiosk users …`` and ``kiosk audit verify`` from the command line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli_stdin import run


def test_first_admin_then_accounts_then_a_broken_trail(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    d = ["--data-dir", str(tmp_path)]
    assert run([*d, "users", "add", "admin", "--role", "admin", "--name", "Quản trị"],
               "quan-tri-1234\n", monkeypatch) == 0
    assert run([*d, "users", "add", "canbo1", "--role", "clerk", "--name", "Trần Văn Cán",
                "--admin", "admin"], "quan-tri-1234\ncanbo-matkhau\n", monkeypatch) == 0
    assert run([*d, "users", "add", "x", "--role", "clerk", "--name", "x", "--admin", "admin"],
               "sai\n12345678\n", monkeypatch) == 1
    assert "Sai tên đăng nhập" in capsys.readouterr().err
    assert run([*d, "users", "disable", "canbo1", "--admin", "admin"], "quan-tri-1234\n",
               monkeypatch) == 0
    assert run([*d, "users", "list", "--json"], "", monkeypatch) == 0
    listing = capsys.readouterr().out
    assert '"canbo1"' in listing and '"disabled": true' in listing
    assert run([*d, "audit", "verify"], "", monkeypatch) == 0
    with sqlite3.connect(tmp_path / "kiosk.sqlite3") as connection:
        connection.execute("DELETE FROM audit_log WHERE id = 2")
    assert run([*d, "audit", "verify"], "", monkeypatch) == 1
    assert "broken at row 3" in capsys.readouterr().err


def test_missing_password_lines_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(["--data-dir", str(tmp_path), "users", "add", "admin", "--role", "admin",
                "--name", "Quản trị"], "", monkeypatch) == 2
