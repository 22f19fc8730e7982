"""What every simulator shares: who stands at the device, how long a capture takes, and the
faults a trainer (or a test) queues up for the next captures."""

from __future__ import annotations

import threading
import time
from collections import deque
from enum import StrEnum

from kiosk.devices.base import (
    CaptureCancelled,
    DeviceBusy,
    DeviceInfo,
    DeviceNotConnected,
    DeviceStatus,
    DeviceTimeout,
)

SLICE_S = 0.02  # cancel and timeout are honoured within this


class Fault(StrEnum):
    DISCONNECTED = "disconnected"  # cable pulled: fails now and until reconnect()
    TIMEOUT = "timeout"  # the device never answers this capture
    BUSY = "busy"  # the device reports it is busy
    LOW_QUALITY = "low_quality"  # the capture succeeds but is poor (blur, smudge, eyelid)


class SimulatorControl:
    """Thread-safe: the trainer's controls run on the UI thread, captures on a worker."""

    def __init__(self, latency_s: float = 0.6) -> None:
        self._lock = threading.Lock()
        self._faults: deque[Fault] = deque()
        self._latency_s = latency_s
        self._subject = "default"
        self._connected = True
        self._captures = 0

    @property
    def latency_s(self) -> float:
        return self._latency_s

    def set_latency(self, seconds: float) -> None:
        with self._lock:
            self._latency_s = max(0.0, seconds)

    def inject(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def pending_faults(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)

    def present(self, subject_key: str) -> None:
        """Whose face, fingers and eyes the devices now see (same key, same biometrics)."""
        with self._lock:
            self._subject = subject_key

    @property
    def subject(self) -> str:
        return self._subject

    @property
    def connected(self) -> bool:
        return self._connected

    def reconnect(self) -> None:
        with self._lock:
            self._connected = True

    def _take_fault(self) -> Fault | None:
        with self._lock:
            self._captures += 1
            return self._faults.popleft() if self._faults else None

    def next_capture_number(self) -> int:
        with self._lock:
            return self._captures

    def run_capture(self, timeout_s: float, cancel: threading.Event) -> bool:
        """Play out one capture's timing and faults; returns True when it must be poor."""
        if not self._connected:
            raise DeviceNotConnected()
        fault = self._take_fault()
        if fault is Fault.DISCONNECTED:
            with self._lock:
                self._connected = False
            raise DeviceNotConnected()
        if fault is Fault.BUSY:
            raise DeviceBusy()
        duration = float("inf") if fault is Fault.TIMEOUT else self._latency_s
        deadline = time.monotonic() + min(duration, timeout_s)
        while True:
            if cancel.is_set():
                raise CaptureCancelled()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            time.sleep(min(SLICE_S, remaining))
        if duration > timeout_s:
            raise DeviceTimeout()
        return fault is Fault.LOW_QUALITY


class SimulatedDevice:
    """info/status/close and the one-capture-at-a-time guard every simulator shares."""

    def __init__(self, info: DeviceInfo, control: SimulatorControl | None) -> None:
        self._info = info
        self.control = control or SimulatorControl()
        self._capturing = threading.Lock()

    def info(self) -> DeviceInfo:
        return self._info

    def status(self) -> DeviceStatus:
        if not self.control.connected:
            return DeviceStatus.NOT_CONNECTED
        return DeviceStatus.BUSY if self._capturing.locked() else DeviceStatus.READY

    def close(self) -> None:
        """Nothing to release; present for the Device protocol."""

    def _capture(self, timeout_s: float, cancel: threading.Event) -> tuple[bool, int]:
        """Run one capture's timing; returns (poor quality?, capture number)."""
        if not self._capturing.acquire(blocking=False):
            raise DeviceBusy()
        try:
            poor = self.control.run_capture(timeout_s, cancel)
            return poor, self.control.next_capture_number()
        finally:
            self._capturing.release()
