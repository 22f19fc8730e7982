"""``kiosk devices list`` and ``kiosk devices test KIND --out DIR``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from device_simulators.behaviour import SimulatorControl
from device_simulators.sbi.service import SbiService, standard_devices
from kiosk.app import main
from kiosk.devices.sbi.jws import certificate_pem
from tests.devices.sbi_rig import keys


def test_list_with_simulators(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "--simulator", "devices", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["kind"] for r in rows] == ["face", "fingerprint", "iris", "printer"]
    assert all(r["status"] == "ready" and r["in_use"] for r in rows)
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


def test_list_and_test_through_an_sbi_service(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    authority, device_key = keys()
    trust = tmp_path / "vendors.pem"
    trust.write_bytes(certificate_pem(authority.certificate))
    control = SimulatorControl(latency_s=0.0)
    with SbiService(standard_devices(lambda _kind: control), authority=authority,
                    device_key=device_key) as service:
        sbi = ["--set", "devices.fingerprint=sbi", "--set", "devices.iris=sbi",
               "--set", f"devices.sbi_ports={service.port}",
               "--set", f"devices.sbi_trust={trust}"]
        assert main(["--data-dir", str(tmp_path), "--simulator", "devices", "list", "--json",
                     *sbi]) == 0
        rows = json.loads(capsys.readouterr().out)
        by_kind = {r["kind"]: r for r in rows}
        assert by_kind["fingerprint"]["backend"] == "sbi"
        assert by_kind["fingerprint"]["serial"] == "SIMSBIFP000001"
        assert by_kind["fingerprint"]["status"] == "ready" and by_kind["iris"]["in_use"]
        out = tmp_path / "out"
        assert main(["--data-dir", str(tmp_path), "--simulator", "devices", "test",
                     "fingerprint", "--out", str(out), *sbi]) == 0
        report = json.loads((out / "quality.json").read_text(encoding="utf-8"))
        assert report["backend"] == "sbi" and report["captures"][0]["quality"] > 0


def test_sbi_without_a_trust_file_lists_the_kind_as_absent(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "--simulator", "devices", "list", "--json",
                 "--set", "devices.fingerprint=sbi", "--set", "devices.sbi_ports=1"]) == 0
    rows = json.loads(capsys.readouterr().out)
    fingerprint = next(r for r in rows if r["kind"] == "fingerprint")
    assert fingerprint["status"] == "disconnected" and fingerprint["backend"] == "sbi"


def test_a_virtual_usb_reader_is_listed_and_captures_one_finger(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    usb = ["--set", "devices.fingerprint=virtual-usb"]
    assert main(["--data-dir", str(tmp_path), "--simulator", "devices", "list", "--json",
                 *usb]) == 0
    reader = next(r for r in json.loads(capsys.readouterr().out) if r["kind"] == "fingerprint")
    assert (reader["vendor"], reader["backend"], reader["status"]) == (
        "DigitalPersona (HID Global)", "virtual-usb", "ready")
    out = tmp_path / "out"
    assert main(["--data-dir", str(tmp_path), "--simulator", "devices", "test", "fingerprint",
                 "--out", str(out), *usb]) == 0
    report = json.loads((out / "quality.json").read_text(encoding="utf-8"))
    assert [c["file"] for c in report["captures"]] == ["right_index.png"]
    assert report["captures"][0]["acceptable"]
