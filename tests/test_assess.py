"""``kiosk assess``: one JSON request in, one JSON decision out, bad input exits 2."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app import main

REQUEST = {"on": "2026-11-25", "birth_date": "1996-03-15", "sex": "male",
           "request": "renew", "reason": "cccd_conversion",
           "card": {"kind": "cccd", "issued": "2021-04-10", "expires": "2036-03-15"}}


def run(request: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> tuple[int, dict]:
    text = request if isinstance(request, str) else json.dumps(request)
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    code = main(["--data-dir", str(tmp_path), "assess"])
    return code, json.loads(capsys.readouterr().out)


def test_decision_on_stdin(monkeypatch, capsys, tmp_path: Path) -> None:
    code, decision = run(REQUEST, monkeypatch, capsys, tmp_path)
    assert code == 0
    assert decision["procedure"] == "cap_doi" and decision["reason"] == "cccd_conversion"
    assert decision["fee_vnd"] == 15_000 and "Thông tư 64/2025/TT-BTC" in decision["fee_basis"]
    assert decision["biometrics"] == {"face": True, "fingerprints": True, "iris": True,
                                      "reuse_last": False}
    assert decision["due_date"] == "2026-12-04" and decision["card_expiry"] == "2036-03-15"
    assert decision["forms"] == ["CC01", "CC02"]
    assert not decision["representative_required"] and decision["collect_old_card"]
    assert decision["applicant_present_required"]
    assert any("Điều 46" in basis for basis in decision["legal_basis"])


def test_decision_from_a_file(tmp_path: Path, capsys) -> None:
    source = tmp_path / "request.json"
    source.write_text(json.dumps(REQUEST), encoding="utf-8")
    assert main(["--data-dir", str(tmp_path), "assess", "--file", str(source)]) == 0
    assert json.loads(capsys.readouterr().out)["fee_vnd"] == 15_000


@pytest.mark.parametrize(
    ("request_", "field"),
    [("{not json", "request"), ([1, 2], "request"), ({**REQUEST, "reason": "stolen"}, "reason"),
     ({**REQUEST, "on": "2026-13-01"}, "on"), ({**REQUEST, "card": {"kind": 3}}, "card.kind")],
)
def test_bad_input_exits_2_naming_the_field(request_, field, monkeypatch, capsys,
                                            tmp_path: Path) -> None:
    code, error = run(request_, monkeypatch, capsys, tmp_path)
    assert code == 2
    assert error["field"] == field and error["error"]


def test_missing_file_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["--data-dir", str(tmp_path), "assess", "--file", str(tmp_path / "no")]) == 2
    assert json.loads(capsys.readouterr().out)["field"] == "file"


def test_the_command_reads_an_alternative_law_directory(resources: Path, tmp_path: Path) -> None:
    edited = tmp_path / "resources"
    shutil.copytree(resources, edited)
    fees = edited / "law" / "fees.toml"
    fees.write_text(fees.read_text(encoding="utf-8").replace("amount = 30000", "amount = 36000"),
                    encoding="utf-8")
    env = {**os.environ, "KIOSK_RESOURCES_DIR": str(edited)}
    done = subprocess.run([str(Path(sys.executable).parent / "kiosk"), "--data-dir",
                           str(tmp_path / "d"), "assess"], input=json.dumps(REQUEST).encode(),
                          capture_output=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["fee_vnd"] == 18_000  # 50 % of the edited 36 000
