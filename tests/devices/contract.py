"""The contract every backend of a device kind must honour, whatever drives it.

A kind's suite subclasses :class:`DeviceContract`, lists its backends (today the simulators; a
real device joins when an environment variable names it) and says how to capture once; every
test here then runs against every backend.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

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
from tests.devices.hardware import HardwareControl, hardware_backends


def settles_ready(device: Any, within_s: float = 0.3) -> bool:
    """A device behind a service learns of the cancel over the wire: allow it a moment."""
    deadline = time.monotonic() + within_s
    while device.status() is not DeviceStatus.READY:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


class DeviceContract:
    kind: ClassVar[DeviceKind]
    backends: ClassVar[dict[str, Callable[[SimulatorControl], Any]]]
    # Backends that cannot stage faults (a recorded camera): those tests skip, as on hardware.
    unstaged: ClassVar[frozenset[str]] = frozenset()

    def capture(self, device: Any, timeout_s: float, cancel: threading.Event) -> Any:
        raise NotImplementedError

    @pytest.fixture
    def rig(self, backend: str) -> Iterator[tuple[Any, SimulatorControl]]:
        """``backend`` runs over every name in ``backends`` plus the real devices that
        ``KIOSK_TEST_HW`` names (tests/devices/conftest.py, tests/devices/hardware.py)."""
        control: Any = SimulatorControl(latency_s=0.0)
        if backend.startswith("hardware-"):
            factory = hardware_backends(self.kind)[backend]
            control = HardwareControl()
        else:
            factory = self.backends[backend]
            if backend in self.unstaged:
                control = HardwareControl()
        device = factory(control)
        yield device, control
        device.close()

    def test_identity(self, rig: tuple[Any, SimulatorControl]) -> None:
        device, _ = rig
        info = device.info()
        assert info.kind is self.kind
        assert info.backend and info.model and info.serial
        assert device.status() is DeviceStatus.READY

    def test_cancel_is_honoured_promptly(self, rig: tuple[Any, SimulatorControl]) -> None:
        device, control = rig
        control.set_latency(5.0)
        cancel = threading.Event()
        threading.Timer(0.1, cancel.set).start()
        started = time.monotonic()
        with pytest.raises(CaptureCancelled):
            self.capture(device, 10.0, cancel)
        assert time.monotonic() - started < 0.35
        assert settles_ready(device)

    def test_timeout_never_hangs(self, rig: tuple[Any, SimulatorControl]) -> None:
        device, control = rig
        control.set_latency(5.0)
        started = time.monotonic()
        with pytest.raises(DeviceTimeout) as raised:
            self.capture(device, 0.15, threading.Event())
        assert time.monotonic() - started < 0.15 + 0.2
        assert raised.value.message  # Vietnamese, for the clerk
        control.set_latency(0.0)
        control.inject(Fault.TIMEOUT)
        with pytest.raises(DeviceTimeout):
            self.capture(device, 0.1, threading.Event())

    def test_unplugged_until_reconnected(self, rig: tuple[Any, SimulatorControl]) -> None:
        device, control = rig
        control.inject(Fault.DISCONNECTED)
        with pytest.raises(DeviceNotConnected):
            self.capture(device, 1.0, threading.Event())
        assert device.status() is DeviceStatus.DISCONNECTED
        with pytest.raises(DeviceNotConnected):
            self.capture(device, 1.0, threading.Event())
        control.reconnect()
        assert device.status() is DeviceStatus.READY
        self.capture(device, 1.0, threading.Event())

    def test_one_capture_at_a_time(self, rig: tuple[Any, SimulatorControl]) -> None:
        device, control = rig
        control.set_latency(0.5)
        first = threading.Thread(target=lambda: self.capture(device, 2.0, threading.Event()))
        first.start()
        deadline = time.monotonic() + 1
        while device.status() is not DeviceStatus.BUSY and time.monotonic() < deadline:
            time.sleep(0.01)
        assert device.status() is DeviceStatus.BUSY
        with pytest.raises(DeviceBusy):
            self.capture(device, 2.0, threading.Event())
        first.join()
        control.set_latency(0.0)
        control.inject(Fault.BUSY)
        with pytest.raises(DeviceBusy):
            self.capture(device, 1.0, threading.Event())
