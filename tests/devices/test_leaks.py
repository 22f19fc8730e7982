"""A thousand capture cycles, faults and cancels among them, leave no thread, socket or file
handle behind (MOSIP's users report leaks that only show after a day at the counter)."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from device_simulators.behaviour import Fault, SimulatorControl
from device_simulators.fingerprint import SimulatedFingerprintScanner
from device_simulators.usb.uru4500 import VirtualUSBBackend
from kiosk.devices.base import DeviceError, DeviceKind, Finger
from kiosk.devices.usb.uru4500 import UareU4500Reader
from tests.devices.sbi_rig import serve

CYCLES = 1000
FAULTS = [Fault.TIMEOUT, Fault.CORRUPTED_PAYLOAD, Fault.BUSY, Fault.FINGER_LIFTED,
          Fault.BAD_SIGNATURE, Fault.UNPLUGGED_MID_CAPTURE]


def handles() -> dict[str, int]:
    """Threads, sockets and other file descriptors of this process now."""
    targets = []
    for fd in Path("/proc/self/fd").iterdir():
        try:
            targets.append(os.readlink(fd))
        except OSError:
            continue  # closed while we looked (the listing's own descriptor)
    sockets = sum(t.startswith("socket:") for t in targets)
    return {"threads": threading.active_count(), "sockets": sockets,
            "files": len(targets) - sockets}


def not_more(now: dict[str, int], before: dict[str, int]) -> bool:
    """No count grew (one may shrink: another test's leftovers collected meanwhile)."""
    return all(now[key] <= before[key] for key in before)


def cycle(device: Any, control: SimulatorControl, number: int) -> None:
    cancel = threading.Event()
    if number % 10 == 3:
        control.inject(FAULTS[(number // 10) % len(FAULTS)])
    if number % 50 == 7:
        control.set_latency(5.0)
        threading.Timer(0.03, cancel.set).start()  # the clerk cancels
    try:
        device.capture_finger(Finger.RIGHT_INDEX, timeout_s=0.25, cancel=cancel)
    except DeviceError:
        pass
    finally:
        control.set_latency(0.0)
        control.reconnect()


BACKENDS: dict[str, Callable[[SimulatorControl], Any]] = {
    "simulator": SimulatedFingerprintScanner,
    "sbi": lambda control: serve(control, DeviceKind.FINGERPRINT),
    "virtual-usb": lambda control: UareU4500Reader(usb_backend=VirtualUSBBackend(control)),
}


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_a_thousand_captures_leak_nothing(backend: str) -> None:
    control = SimulatorControl(latency_s=0.0)
    device = BACKENDS[backend](control)
    try:
        for number in range(30):  # warm up: caches, thread pools, lazy imports
            cycle(device, control, number)
        gc.collect()  # what earlier tests left for the collector is not ours to count
        before = handles()
        for number in range(CYCLES):
            cycle(device, control, number)
        pause = threading.Event()
        for _ in range(50):  # let finished timer and request threads exit
            gc.collect()
            if not_more(handles(), before):
                break
            pause.wait(0.05)
        assert not_more(handles(), before), (handles(), before)
    finally:
        device.close()
