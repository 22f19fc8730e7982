"""The trainer's commands end to end: `kiosk scenarios list`, `kiosk demo --scenario` with
its device faults and careless mistakes, `kiosk training report|summary` with their PDFs; and
training never leaks: everything is marked training, and exporting it is refused, audited."""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.app import main
from kiosk.printing.layout import WATERMARK
from kiosk.storage.audit import AuditLog
from kiosk.storage.crypto import load_or_create
from kiosk.storage.database import open_database


def text_of(pdf: Path) -> str:
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    return re.sub(r"\s+", " ", raw)


@dataclass(frozen=True)
class Played:
    data: Path
    out: Path
    careful: str  # the stdout of a careful trainee's demo
    careless: str


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Played:
    root = tmp_path_factory.mktemp("trainer")
    data, out = root / "data", root / "out"
    outputs = []
    for extra in (["--out", str(out), "--scenario", "damaged-card", "--trainee", "hv.lan"],
                  ["--out", str(root / "careless"), "--scenario", "lost-card", "--trainee",
                   "hv.binh", "--mistake", "wrong_delivery"]):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            assert main(["--data-dir", str(data), "demo", *extra]) == 0
        outputs.append(printed.getvalue())
    return Played(data, out, *outputs)


def test_scenarios_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    by_name = {row["name"]: row for row in rows}
    assert len(rows) >= 15
    assert by_name["damaged-card"]["procedure"] == "cap_lai"
    assert by_name["damaged-card"]["faults"] == [
        {"at": "CC02", "device": "printer", "fault": "out_of_paper", "attempts": [1]}]
    assert main(["scenarios", "list"]) == 0
    assert "missing-finger" in capsys.readouterr().out


def test_the_demo_plays_the_faults_and_judges_the_case(played: Played) -> None:
    assert "HK01-20261125-0001 error DeviceNotReady" in played.careful  # out of paper
    assert played.careful.rstrip().endswith("báo cáo học viên — không có lỗi")
    assert "1 lỗi (delivery)" in played.careless
    summary = json.loads((played.out / "summary.json").read_text(encoding="utf-8"))
    assert summary["training"] is True and summary["scenario"] == "damaged-card"


def test_every_case_of_trainer_mode_is_marked_training_in_the_data(
        played: Played, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(played.data), "cases", "list", "--all", "--json"]) == 0
    cases = json.loads(capsys.readouterr().out)
    assert len(cases) == 2 and all(case["training"] for case in cases)


def test_everything_printed_in_trainer_mode_is_marked(played: Played, tmp_path: Path) -> None:
    forms = sorted(played.out.glob("*.pdf"))
    assert {pdf.name.split("-")[0] for pdf in forms} == {"DC02", "CC01", "BL", "CC02"}
    report = tmp_path / "report.pdf"
    assert main(["--data-dir", str(played.data), "--simulator", "training", "report",
                 "HK01-20261125-0001", "--pdf", str(report)]) == 0
    for pdf in [*forms, report]:
        assert "ĐÀO TẠO" in text_of(pdf), pdf.name
    assert "".join(WATERMARK.split()) in "".join(text_of(report).split())


def test_training_report_and_summary(played: Played, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(played.data), "--simulator", "training", "report",
                 "HK01-20261125-0002", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["trainee"], report["clean"]) == ("hv.binh", False)
    assert [f["topic"] for f in report["findings"] if f["verdict"] == "mistake"] == [
        "delivery"]
    pdf = tmp_path / "class.pdf"
    assert main(["--data-dir", str(played.data), "--simulator", "training", "summary",
                 "--day", "2026-11-25", "--pdf", str(pdf), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.split("\n" + str(pdf))[0])
    assert (summary["cases"], summary["clean"]) == (2, 1)
    assert [t["trainee"] for t in summary["trainees"]] == ["hv.binh", "hv.lan"]
    assert "TỔNG HỢP KẾT QUẢ LỚP ĐÀO TẠO" in text_of(pdf)


def test_exporting_a_training_case_is_refused_and_audited(
        played: Played, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = "HK01-20261125-0001"
    assert main(["--data-dir", str(played.data), "export", code, "--out",
                 str(tmp_path / "p")]) == 1
    assert f"Hồ sơ {code} là hồ sơ đào tạo: không gửi lên hệ thống trung tâm" in (
        capsys.readouterr().err)
    assert not (tmp_path / "p").exists()
    url = f"sqlite:///{played.data / 'kiosk.sqlite3'}"
    rows = AuditLog(open_database(url, load_or_create(played.data)), "HK01").for_case(code)
    refused = [r for r in rows if r["action"] == "export_refused"]
    assert [(r["actor"], r["details"]) for r in refused] == [
        ("desk:HK01", {"reason": "training"})]


def test_a_mistake_the_scenario_cannot_take_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "demo", "--scenario", "ordinary-renewal",
                 "--mistake", "fee_not_exempted", "--out", str(tmp_path / "o")]) == 2
    assert "không cho phép lỗi mẫu fee_not_exempted" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path), "demo", "--mistake", "nap"]) == 2


def test_reports_belong_to_training_installations(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "training", "summary"]) == 2
    assert "training installation" in capsys.readouterr().err
