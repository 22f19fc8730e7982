"""``kiosk config set``: an admin changes one setting; the file keeps everything else (its
comments too), a wrong value or another role changes nothing, and the change is audited."""

from __future__ import annotations

import sqlite3
import tomllib
from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_settings
from kiosk.config_file import set_setting
from tests.cli_stdin import run

WRITTEN = """# Bàn tiếp nhận của Công an phường Hoàn Kiếm
environment = "development"

[desk]
code = "HK02"  # the second desk
name = "Bàn tiếp nhận số 02"

[printer]
backend = "file"
"""


@pytest.fixture
def installation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    (tmp_path / "kiosk.toml").write_text(WRITTEN, encoding="utf-8")
    d = ["--data-dir", str(tmp_path)]
    assert run([*d, "users", "add", "admin", "--role", "admin", "--name", "Quản trị"],
               "quan-tri-1234\n", monkeypatch) == 0
    assert run([*d, "users", "add", "canbo", "--role", "clerk", "--name", "Cán bộ",
                "--admin", "admin"], "quan-tri-1234\ncanbo-1234\n", monkeypatch) == 0
    return d


def audit_actions(data: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(data / "kiosk.sqlite3") as connection:
        return connection.execute("SELECT actor, action, details FROM audit_log "
                                  "ORDER BY id").fetchall()


def test_an_admin_changes_one_setting_and_the_rest_stays(
        tmp_path: Path, installation: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert run([*installation, "config", "set", "desk.name", "Bàn tiếp nhận lưu động",
                "--admin", "admin"], "quan-tri-1234\n", monkeypatch) == 0
    assert run([*installation, "config", "set", "security.idle_lock_minutes", "10",
                "--admin", "admin"], "quan-tri-1234\n", monkeypatch) == 0
    text = (tmp_path / "kiosk.toml").read_text(encoding="utf-8")
    assert "# Bàn tiếp nhận của Công an phường Hoàn Kiếm" in text
    assert 'code = "HK02"  # the second desk' in text
    assert 'name = "Bàn tiếp nhận lưu động"' in text
    settings = load_settings(tmp_path)
    assert settings["desk.name"] == "Bàn tiếp nhận lưu động"
    assert settings["security.idle_lock_minutes"] == 10
    assert settings["desk.code"] == "HK02" and settings["printer.backend"] == "file"
    changes = [(actor, details) for actor, action, details in audit_actions(tmp_path)
               if action == "setting_changed"]
    assert changes == [("admin", '{"key": "desk.name"}'),
                       ("admin", '{"key": "security.idle_lock_minutes"}')]
    assert run([*installation, "audit", "verify"], "", monkeypatch) == 0


def test_a_clerk_may_not_and_nothing_changes(
        tmp_path: Path, installation: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*installation, "config", "set", "printer.backend", "cups", "--admin", "canbo"],
               "canbo-1234\n", monkeypatch) == 1
    assert "không được phép «Thay đổi cấu hình»" in capsys.readouterr().err
    assert (tmp_path / "kiosk.toml").read_text(encoding="utf-8") == WRITTEN
    assert "setting_changed" not in [action for _a, action, _d in audit_actions(tmp_path)]


@pytest.mark.parametrize("change", [
    ("printer.backend", "fax", "printer.backend"),
    ("no.such", "1", "unknown setting"),
    ("environment", "training", "chosen when the installation is made"),
    ("database.url", "sqlite:///x", "chosen when the installation is made"),
])
def test_a_wrong_change_is_refused_and_the_file_kept(
        tmp_path: Path, installation: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], change: tuple[str, str, str]) -> None:
    key, value, says = change
    assert run([*installation, "config", "set", key, value, "--admin", "admin"],
               "quan-tri-1234\n", monkeypatch) == 2
    assert says in capsys.readouterr().err
    assert (tmp_path / "kiosk.toml").read_text(encoding="utf-8") == WRITTEN


def test_a_new_key_goes_into_its_table_or_a_new_one(tmp_path: Path) -> None:
    (tmp_path / "kiosk.toml").write_text(WRITTEN, encoding="utf-8")
    settings = load_settings(tmp_path)
    set_setting(settings, "desk.clerk_name", "Nguyễn Thị \"Hoa\"")
    set_setting(settings, "calendar.counted_weekdays", ["mon", "tue", "wed", "thu", "fri"])
    set_setting(settings, "ui.language", "en")
    data = tomllib.loads((tmp_path / "kiosk.toml").read_text(encoding="utf-8"))
    assert data["desk"] == {"code": "HK02", "name": "Bàn tiếp nhận số 02",
                            "clerk_name": 'Nguyễn Thị "Hoa"'}
    assert data["calendar"]["counted_weekdays"] == ["mon", "tue", "wed", "thu", "fri"]
    assert data["ui"] == {"language": "en"} and data["printer"] == {"backend": "file"}


def test_no_file_yet_is_created(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    path = set_setting(settings, "desk.code", "HK07")
    assert path == tmp_path / "kiosk.toml"
    assert load_settings(tmp_path)["desk.code"] == "HK07"
    with pytest.raises(ConfigError):
        set_setting(load_settings(tmp_path), "desk.code", "")
    assert load_settings(tmp_path)["desk.code"] == "HK07"
