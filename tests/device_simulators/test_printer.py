"""The simulated printer of trainer mode: the real file printer behind a control whose faults
stop it as a real printer stops (empty tray until paper is loaded, cable until plugged back);
and the trainer's handle on every simulator."""

from __future__ import annotations

from pathlib import Path

import pytest

from device_simulators.behaviour import Fault, SimulatorControl
from device_simulators.controls import SimulatorHandles, fault_names
from device_simulators.printer import PrinterControl, SimulatedPrinter
from kiosk.devices.base import DeviceNotConnected, DeviceNotReady, DeviceStatus, PrintJob
from kiosk.devices.printers import FilePrinter

JOB = PrintJob("CC02", b"%PDF-1.4 slip", "HK01-20261125-0001")


def printer(tmp_path: Path) -> SimulatedPrinter:
    return SimulatedPrinter(FilePrinter(tmp_path), PrinterControl())


def test_it_prints_through_the_file_printer(tmp_path: Path) -> None:
    device = printer(tmp_path)
    result = device.print_document(JOB)
    assert Path(result.location).read_bytes() == JOB.pdf
    assert device.info().serial == str(tmp_path)  # where the PDFs go, as before
    assert device.status() is DeviceStatus.READY


def test_out_of_paper_until_paper_is_loaded(tmp_path: Path) -> None:
    device = printer(tmp_path)
    device.control.inject(Fault.OUT_OF_PAPER)
    for _ in range(2):  # printing again does not help: the tray stays empty
        with pytest.raises(DeviceNotReady) as raised:
            device.print_document(JOB)
        assert "hết giấy" in raised.value.message and "Nạp giấy" in raised.value.message
    assert device.status() is DeviceStatus.NOT_READY
    assert list(tmp_path.iterdir()) == []
    device.control.load_paper()
    device.print_document(JOB)
    assert len(list(tmp_path.iterdir())) == 1


def test_a_pulled_cable_stops_it_until_plugged_back(tmp_path: Path) -> None:
    device = printer(tmp_path)
    device.control.inject(Fault.DISCONNECTED)
    for _ in range(2):
        with pytest.raises(DeviceNotConnected):
            device.print_document(JOB)
    assert device.status() is DeviceStatus.DISCONNECTED
    device.control.reconnect()
    device.print_document(JOB)


def test_the_handles_inject_by_name_and_refuse_what_a_device_cannot_do() -> None:
    fingerprint, paper = SimulatorControl(), PrinterControl()
    handles = SimulatorHandles({"fingerprint": fingerprint, "printer": paper})
    assert handles.kinds() == ("fingerprint", "printer")
    handles.inject("fingerprint", "missing_finger")
    assert fingerprint.pending_faults() == [Fault.MISSING_FINGER]  # the enum, not a string
    assert handles.pending("fingerprint") == ["missing_finger"]
    with pytest.raises(ValueError, match="không áp dụng cho thiết bị «printer»"):
        handles.inject("printer", "missing_finger")
    with pytest.raises(ValueError, match="không phải thiết bị mô phỏng"):
        handles.inject("iris", "low_quality")
    paper.empty_tray()
    assert not handles.has_paper()
    handles.load_paper()
    assert handles.has_paper()
    assert ("out_of_paper", "Máy in hết giấy") in handles.faults("printer")
    assert fault_names()["printer"] >= {"out_of_paper", "disconnected"}
