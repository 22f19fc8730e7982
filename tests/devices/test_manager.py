"""The device manager: lazy backends, defaults, the clerk's choice, plug events, clean stop."""

from __future__ import annotations

import socket
import threading
from typing import Any

import pytest

from device_simulators.behaviour import Fault, SimulatorControl
from device_simulators.fingerprint import SimulatedFingerprintScanner
from device_simulators.sbi.service import SbiService, standard_devices
from kiosk.devices.base import DeviceKind, DeviceNotConnected, DeviceStatus, Slap
from kiosk.devices.manager import AbsentDevice, DeviceEvent, DeviceManager
from kiosk.devices.sbi.devices import SbiFinder
from kiosk.devices.sbi.jws import TrustStore
from tests.devices.sbi_rig import keys

FP = DeviceKind.FINGERPRINT


def scanner(serial: str, control: SimulatorControl | None = None) -> Any:
    device = SimulatedFingerprintScanner(control or SimulatorControl(latency_s=0.0))
    object.__setattr__(device.info(), "serial", serial)  # two distinct simulated units
    return device


def missing_driver() -> list[Any]:
    import vendor_sdk_that_is_not_installed  # type: ignore[import-not-found]  # noqa: F401, PLC0415

    return []


def test_a_missing_driver_breaks_only_its_backend_and_says_so() -> None:
    manager = DeviceManager({FP: {"vendor": missing_driver},
                             DeviceKind.IRIS: {"simulator": lambda: [scanner("A")]}},
                            {FP: "vendor", DeviceKind.IRIS: "simulator"})
    manager.refresh()
    absent = manager.current(FP)
    assert isinstance(absent, AbsentDevice) and absent.status() is DeviceStatus.DISCONNECTED
    with pytest.raises(DeviceNotConnected) as raised:
        absent.capture_slap(Slap.THUMBS, timeout_s=1.0, cancel=threading.Event())
    assert "Chưa tìm thấy máy quét vân tay" in raised.value.message
    assert "vendor_sdk_that_is_not_installed" in manager.problems()[(FP, "vendor")]
    assert manager.current(DeviceKind.IRIS).info().serial == "A"
    manager.close()


def test_default_backend_first_and_the_clerks_choice() -> None:
    first, second = scanner("A"), scanner("B")
    manager = DeviceManager({FP: {"other": lambda: [second], "usual": lambda: [first]}},
                            {FP: "usual"})
    manager.refresh()
    assert manager.current(FP) is first
    assert manager.choose(FP, "other", "B") is second
    assert manager.current(FP) is second
    with pytest.raises(DeviceNotConnected):
        manager.choose(FP, "other", "no-such-serial")
    manager.close()


def test_plug_unplug_and_status_changes_are_events() -> None:
    control = SimulatorControl(latency_s=0.0)
    device = scanner("A", control)
    plugged: list[Any] = []
    manager = DeviceManager({FP: {"simulator": lambda: list(plugged)}}, {FP: "simulator"})
    events: list[DeviceEvent] = []
    manager.subscribe(events.append)
    assert manager.refresh() == []
    plugged.append(device)
    manager.refresh()
    assert [(e.status, e.previous) for e in events] == [(DeviceStatus.READY, None)]
    control.inject(Fault.DISCONNECTED)
    with pytest.raises(DeviceNotConnected):
        device.capture_slap(Slap.THUMBS, timeout_s=1.0, cancel=threading.Event())
    manager.refresh()
    assert events[-1].status is DeviceStatus.DISCONNECTED
    control.reconnect()
    plugged.clear()  # gone from the bus: still known, reported disconnected
    manager.refresh()
    assert events[-1].status is DeviceStatus.DISCONNECTED
    assert manager.current(FP) is device
    plugged.append(device)
    manager.refresh()
    assert events[-1].status is DeviceStatus.READY and events[-1].previous is (
        DeviceStatus.DISCONNECTED)
    manager.close()


def test_the_watcher_reports_within_its_poll_and_stops_cleanly() -> None:
    before = threading.active_count()
    control = SimulatorControl(latency_s=0.0)
    device = scanner("A", control)
    manager = DeviceManager({FP: {"simulator": lambda: [device]}}, {FP: "simulator"},
                            poll_s=0.05)
    seen = threading.Event()
    manager.subscribe(lambda e: seen.set() if e.status is DeviceStatus.DISCONNECTED else None)
    manager.refresh()
    manager.start()
    control.inject(Fault.DISCONNECTED)
    with pytest.raises(DeviceNotConnected):
        device.capture_slap(Slap.THUMBS, timeout_s=1.0, cancel=threading.Event())
    assert seen.wait(2.0)
    manager.close()
    assert threading.active_count() == before


def test_an_sbi_service_appearing_and_going_is_seen() -> None:
    authority, device_key = keys()
    control = SimulatorControl(latency_s=0.0)
    with socket.socket() as probe:  # a free port, nobody listening yet
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    finder = SbiFinder(FP, TrustStore([authority.certificate]), [port])
    manager = DeviceManager({FP: {"sbi": finder}}, {FP: "sbi"})
    events: list[DeviceEvent] = []
    manager.subscribe(events.append)
    manager.refresh()
    assert isinstance(manager.current(FP), AbsentDevice)
    with SbiService(standard_devices(lambda _kind: control), authority=authority,
                    device_key=device_key, port=port):
        manager.refresh()
        assert events[-1].status is DeviceStatus.READY
        assert manager.current(FP).info().serial == "SIMSBIFP000001"
    manager.refresh()
    assert events[-1].status is DeviceStatus.DISCONNECTED
    manager.close()
