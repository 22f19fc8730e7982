"""``kiosk devices list`` and ``kiosk devices test KIND --out DIR``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.app import main


def test_list_with_simulators(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "--simulator", "devices", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["kind"] for r in rows] == ["face", "fingerprint", "iris", "printer"]
    assert all(r["status"] == "ready" for r in rows)
    assert [r["simulated"] for r in rows] == [True, True, True, False]


@pytest.mark.parametrize(("kind", "files"), [("face", ["face.png"]),
                                             ("fingerprint", ["left_four.png"]),
                                             ("iris", ["iris_left.png", "iris_right.png"])])
def test_one_capture_with_its_quality(tmp_path: Path, kind: str, files: list[str]) -> None:
    out = tmp_path / "out"
    assert main(["--data-dir", str(tmp_path), "--simulator", "devices", "test", kind,
                 "--out", str(out)]) == 0
    report = json.loads((out / "quality.json").read_text(encoding="utf-8"))
    assert [c["file"] for c in report["captures"]] == files
    assert all(c["acceptable"] and c["quality"] > 0 for c in report["captures"])
    assert all((out / name).read_bytes().startswith(b"\x89PNG") for name in files)


def test_unknown_kind_exits_2(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--data-dir", str(tmp_path), "devices", "test", "scanner", "--out", "x"])
    assert raised.value.code == 2
