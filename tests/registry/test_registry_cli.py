"""``kiosk registry generate|sample|lookup``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.app import main
from kiosk.workflow.idnumber import check_id_number
from kiosk.workflow.lawbook import Lawbook


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_generate_sample_and_lookup(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    lawbook: Lawbook) -> None:
    base = ("--data-dir", str(tmp_path / "data"), "--environment", "training")
    code, out, _ = _run(capsys, *base, "registry", "generate", "--count", "200", "--seed", "5",
                        "--as-of", "2026-11-25")
    assert code == 0 and "citizens added" in out and "in all" in out
    code, out, _ = _run(capsys, *base, "registry", "sample", "--seed", "1", "--json")
    assert code == 0
    person = json.loads(out)
    assert check_id_number(person["id_number"], lawbook.ids) == []
    assert person["synthetic"] is True
    code, out, _ = _run(capsys, *base, "registry", "lookup", person["id_number"], "--json")
    assert code == 0 and json.loads(out) == person
    code, out, _ = _run(capsys, *base, "registry", "lookup", "001096012345")
    assert code == 0 and "Nguyễn Văn Bình" in out and "013456789" in out
    code, out, _ = _run(capsys, *base, "registry", "lookup", "013456789")
    assert code == 0 and "Nguyễn Văn Bình" in out
    code, _, err = _run(capsys, *base, "registry", "lookup", "999999999999")
    assert code == 1 and "Không có số 999999999999" in err
    code, _, err = _run(capsys, *base, "registry", "lookup", "12345")
    assert code == 1 and "12 chữ số" in err


def test_the_same_seed_gives_the_same_registry(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    samples = []
    for name in ("a", "b"):
        base = ("--data-dir", str(tmp_path / name), "--environment", "training")
        assert _run(capsys, *base, "registry", "generate", "--count", "50", "--seed", "9",
                    "--as-of", "2026-11-25")[0] == 0
        samples.append(_run(capsys, *base, "registry", "sample", "--seed", "2", "--json")[1])
    assert samples[0] == samples[1]


def test_sample_of_an_empty_registry_says_what_to_do(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "--data-dir", str(tmp_path), "--environment", "training",
                        "registry", "sample")
    assert code == 1 and "kiosk registry generate" in err


def test_key_rotation_reseals_the_registry(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    base = ("--data-dir", str(tmp_path / "data"), "--environment", "training")
    assert _run(capsys, *base, "registry", "generate", "--count", "100", "--seed", "3",
                "--as-of", "2026-11-25")[0] == 0
    before = _run(capsys, *base, "registry", "sample", "--seed", "4", "--json")[1]
    person = json.loads(before)
    sealed = (tmp_path / "data" / "registry.sqlite3").read_bytes()
    code, out, _ = _run(capsys, *base, "keys", "rotate")
    assert code == 0 and "re-sealed" in out
    assert (tmp_path / "data" / "registry.sqlite3").read_bytes() != sealed
    code, out, _ = _run(capsys, *base, "registry", "lookup", person["id_number"], "--json")
    assert code == 0 and json.loads(out) == person
    if person["former_id_number"]:
        code, out, _ = _run(capsys, *base, "registry", "lookup", person["former_id_number"],
                            "--json")
        assert code == 0 and json.loads(out) == person
    code, out, _ = _run(capsys, *base, "registry", "lookup", "013456789")  # a former CMND
    assert code == 0 and "Nguyễn Văn Bình" in out
    assert _run(capsys, *base, "registry", "sample", "--seed", "4", "--json")[1] == before
