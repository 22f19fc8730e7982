import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app import main


def pdf_text(path: Path) -> str:
    try:
        done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                              check=True)
    except FileNotFoundError:
        pytest.fail("pdftotext is missing: install poppler-utils (scripts/install --test)")
    return re.sub(r"\s+", " ", done.stdout.decode("utf-8"))


def test_demo_writes_summary_and_forms(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = main(["--data-dir", str(tmp_path / "data"), "demo", "--out", str(out),
                 "--date", "2026-11-25"])
    assert code == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "closed"
    assert summary["citizen"] == {"full_name": "Nguyễn Văn Bình", "id_number": "001096012345"}
    assert summary["procedure"]["code"] == "cap_doi"
    assert summary["fee"]["amount"] == 15_000
    assert summary["due_date"] == "2026-12-04"
    assert summary["code"].startswith("HK01-20261125-")
    for form, title in (("CC01", "PHIẾU THU NHẬN THÔNG TIN CĂN CƯỚC"),
                        ("CC02", "GIẤY HẸN TRẢ KẾT QUẢ")):
        (pdf,) = out.glob(f"{form}*.pdf")
        text = pdf_text(pdf)
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert title in text
        assert "Nguyễn Văn Bình" in text


def test_demo_refusal_ends_in_cc03(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["--data-dir", str(tmp_path / "data"), "demo", "--scenario", "refusal",
                 "--out", str(out), "--date", "2026-11-25"]) == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "refused" and list(summary["documents"]) == ["CC03"]
    text = pdf_text(next(out.glob("CC03*.pdf")))
    assert "Về việc từ chối giải quyết thủ tục về căn cước" in text
    assert "Trần Quốc Hưng" in text


def test_unknown_scenario_exits_2_naming_it(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--data-dir", str(tmp_path), "demo", "--scenario", "nope", "--out",
                 str(tmp_path / "o")])
    assert code == 2
    assert "'nope'" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--bogus"], ["demo", "--step-delay", "-1"], ["frobnicate"]])
def test_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == 2
    assert capsys.readouterr().err


def test_bad_setting_exits_2_naming_it(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "--set", "desk.code=!!", "config", "show"]) == 2
    assert "desk.code" in capsys.readouterr().err


def test_config_show_lists_every_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "--simulator", "config", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["environment"] == "training"
    assert shown["data_dir"] == str(tmp_path)
    assert shown["devices.fingerprint"] == "simulator"


def test_console_script_runs(tmp_path: Path) -> None:
    done = subprocess.run([str(Path(sys.executable).parent / "kiosk"),
                           "--data-dir", str(tmp_path), "config", "show"],
                          capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert b"desk.code" in done.stdout
