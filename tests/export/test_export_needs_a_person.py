"""A packet copied out to a folder or a drive leaves with a person who holds EXPORT (a
supervisor or an admin), named with --user and checked by password; a clerk is refused and
nothing is written. Queued packets the kiosk sends to the centre itself need nobody."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.export.keys import new_centre_key_pair
from tests.cli_stdin import run

CODE = "HK01-20261125-0001"


@pytest.fixture
def common(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    data = tmp_path / "data"
    base = ["--data-dir", str(data), "--environment", "development"]
    assert run([*base, "demo", "--out", str(tmp_path / "demo"), "--date", "2026-11-25"], "",
               monkeypatch) == 0
    new_centre_key_pair(tmp_path / "centre.key", tmp_path / "centre.pub")
    assert run([*base, "users", "add", "admin", "--role", "admin", "--name", "Quản trị"],
               "quan-tri-1234\n", monkeypatch) == 0
    for name, role in (("giamsat", "supervisor"), ("canbo", "clerk")):
        assert run([*base, "users", "add", name, "--role", role, "--name", name, "--admin",
                    "admin"], f"quan-tri-1234\n{name}-1234\n", monkeypatch) == 0
    return [*base, "--set", f"export.centre_public_key={tmp_path / 'centre.pub'}"]


def audited(data: Path, action: str) -> list[tuple[str, str]]:
    with sqlite3.connect(data / "kiosk.sqlite3") as connection:
        return connection.execute("SELECT actor, details FROM audit_log WHERE action = ? "
                                  "ORDER BY id", (action,)).fetchall()


def test_a_supervisor_copies_a_packet_out_a_clerk_may_not(
        tmp_path: Path, common: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "usb"
    assert run(["export", CODE, "--out", str(out), *common], "", monkeypatch) == 2
    assert "--user" in capsys.readouterr().err
    assert run(["export", CODE, "--out", str(out), "--user", "canbo", *common],
               "canbo-1234\n", monkeypatch) == 1
    assert "không được phép «Xuất dữ liệu" in capsys.readouterr().err
    assert not out.exists()
    assert run(["export", CODE, "--out", str(out), "--user", "giamsat", *common],
               "giamsat-1234\n", monkeypatch) == 0
    assert (out / f"{CODE}.kpk").is_file()
    assert audited(tmp_path / "data", "authorized")[-1] == ("giamsat",
                                                            '{"permission": "export"}')


def test_a_drive_for_the_outbox_needs_a_person_the_queue_does_not(
        tmp_path: Path, common: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(["export", CODE, "--queue", *common], "", monkeypatch) == 0
    drive = tmp_path / "drive"
    assert run(["outbox", "send", "--folder", str(drive), "--user", "canbo", *common],
               "canbo-1234\n", monkeypatch) == 1
    assert not drive.exists()
    assert run(["outbox", "send", "--folder", str(drive), "--user", "admin", *common],
               "quan-tri-1234\n", monkeypatch) == 0
    assert (drive / f"{CODE}.kpk").is_file()


def test_a_real_cases_biometrics_leave_with_a_supervisor(
        tmp_path: Path, common: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`kiosk biometrics nist|iso` writes the images in the clear: for a real (non-training)
    case that is taking biometrics out, as --out is for a packet."""
    out = tmp_path / "records"
    assert run(["biometrics", "iso", CODE, "--out", str(out), *common], "", monkeypatch) == 2
    assert "--user" in capsys.readouterr().err
    assert run(["biometrics", "nist", CODE, "--out", str(out / "case.an2"), "--no-nfiq",
                "--user", "canbo", *common], "canbo-1234\n", monkeypatch) == 1
    assert not out.exists()
    assert run(["biometrics", "iso", CODE, "--out", str(out), "--user", "giamsat", *common],
               "giamsat-1234\n", monkeypatch) == 0
    assert (out / "face.iso19794-5").is_file()
    assert audited(tmp_path / "data", "authorized")[-1] == ("giamsat",
                                                            '{"permission": "export"}')
