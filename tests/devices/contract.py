"""The contract every backend of a device kind must honour, whatever drives it.

Each kind's test module lists its backends (today the simulators; a real device joins when
an environment variable names it) and runs these checks against every one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from device_simulators.behaviour import Fault, SimulatorControl
from kiosk.devices.base import (
    CaptureCancelled,
    DeviceBusy,
    DeviceKind,
    DeviceNotConnected,
    DeviceStatus,
    DeviceTimeout,
)

Capture = Callable[[Any, float, threading.Event], Any]


def check_identity(device: Any, kind: DeviceKind) -> None:
    info = device.info()
    assert info.kind is kind
    assert info.backend and info.model and info.serial
    assert device.status() is DeviceStatus.READY


def check_cancel(device: Any, control: SimulatorControl, capture: Capture) -> None:
    control.set_latency(5.0)
    cancel = threading.Event()
    threading.Timer(0.1, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(CaptureCancelled):
        capture(device, 10.0, cancel)
    assert time.monotonic() - started < 0.35
    assert device.status() is DeviceStatus.READY


def check_timeout(device: Any, control: SimulatorControl, capture: Capture) -> None:
    control.set_latency(5.0)
    started = time.monotonic()
    with pytest.raises(DeviceTimeout) as raised:
        capture(device, 0.15, threading.Event())
    assert time.monotonic() - started < 0.15 + 0.2
    assert raised.value.message  # Vietnamese, for the clerk
    control.set_latency(0.0)
    control.inject(Fault.TIMEOUT)
    with pytest.raises(DeviceTimeout):
        capture(device, 0.1, threading.Event())


def check_unplugged(device: Any, control: SimulatorControl, capture: Capture) -> None:
    control.inject(Fault.DISCONNECTED)
    with pytest.raises(DeviceNotConnected):
        capture(device, 1.0, threading.Event())
    assert device.status() is DeviceStatus.NOT_CONNECTED
    with pytest.raises(DeviceNotConnected):
        capture(device, 1.0, threading.Event())
    control.reconnect()
    assert device.status() is DeviceStatus.READY
    capture(device, 1.0, threading.Event())


def check_busy(device: Any, control: SimulatorControl, capture: Capture) -> None:
    control.set_latency(0.5)
    first = threading.Thread(target=lambda: capture(device, 2.0, threading.Event()))
    first.start()
    deadline = time.monotonic() + 1
    while device.status() is not DeviceStatus.BUSY and time.monotonic() < deadline:
        time.sleep(0.01)
    assert device.status() is DeviceStatus.BUSY
    with pytest.raises(DeviceBusy):
        capture(device, 2.0, threading.Event())
    first.join()
    control.set_latency(0.0)
    control.inject(Fault.BUSY)
    with pytest.raises(DeviceBusy):
        capture(device, 1.0, threading.Event())
