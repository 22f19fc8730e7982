"""A key file wrapped by a passphrase: the disk alone opens nothing; the passphrase does, a
wrong one is refused in Vietnamese, and rotation keeps the protection."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest

from kiosk.app import KEY_PASSPHRASE_ENV, main
from kiosk.storage.crypto import KeyProblem, is_wrapped, key_path, load_or_create, protect

PASSPHRASE = "ngựa ô chạy qua cầu"  # Vietnamese in a passphrase is normalised (NFC)


def test_wrapped_key_opens_only_with_its_passphrase(tmp_path: Path) -> None:
    ring = load_or_create(tmp_path)
    protect(tmp_path, PASSPHRASE)
    text = key_path(tmp_path).read_bytes()
    assert is_wrapped(key_path(tmp_path))
    assert base64.b64encode(ring.data_key) not in text  # the key itself is not on disk
    assert load_or_create(tmp_path, PASSPHRASE) == ring
    with pytest.raises(KeyProblem, match="Mật khẩu khóa không đúng"):
        load_or_create(tmp_path, "sai mật khẩu rồi nhé")
    with pytest.raises(KeyProblem, match="KIOSK_KEY_PASSPHRASE"):
        load_or_create(tmp_path)
    with pytest.raises(KeyProblem, match="ít nhất"):
        protect(tmp_path, "ngắn", PASSPHRASE)


def test_cli_protects_then_needs_the_passphrase_and_rotation_keeps_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo", "--out", str(tmp_path / "demo"),
                 "--date", "2026-11-25"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSPHRASE}\n{PASSPHRASE}\n"))
    assert main(["--data-dir", str(data), "keys", "protect"]) == 0
    assert main(["--data-dir", str(data), "cases", "list", "--all"]) == 1
    assert "Tệp khóa được bảo vệ bằng mật khẩu" in capsys.readouterr().err
    monkeypatch.setenv(KEY_PASSPHRASE_ENV, PASSPHRASE)
    assert main(["--data-dir", str(data), "keys", "rotate"]) == 0
    assert is_wrapped(key_path(data))
    capsys.readouterr()
    assert main(["--data-dir", str(data), "cases", "list", "--all"]) == 0
    assert "Nguyễn Văn Bình" in capsys.readouterr().out


def test_key_commands_ask_the_passphrase_once(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import kiosk.app  # noqa: PLC0415

    data = tmp_path / "data"
    load_or_create(data)
    protect(data, PASSPHRASE)
    asked: list[str] = []

    def ask(_settings: object) -> str:
        asked.append("asked")
        return PASSPHRASE

    monkeypatch.setattr(kiosk.app, "_key_passphrase", ask)
    assert main(["--data-dir", str(data), "keys", "rotate"]) == 0
    assert asked == ["asked"]
    monkeypatch.setattr("sys.stdin", io.StringIO("một mật khẩu mới dài\n" * 2))
    assert main(["--data-dir", str(data), "keys", "protect"]) == 0
    assert asked == ["asked", "asked"]
    assert load_or_create(data, "một mật khẩu mới dài") is not None
