"""What every simulator shares: who stands at the device, how long a capture takes, and the
faults a trainer (or a test) queues up for the next captures."""

from __future__ import annotations

import threading
import time
from collections import deque
from enum import StrEnum

from kiosk.devices.base import (
    CaptureCancelled,
    CorruptPayload,
    DeviceBusy,
    DeviceInfo,
    DeviceNotConnected,
    DeviceNotReady,
    DeviceStatus,
    DeviceTimeout,
    NothingDetected,
    StaleResponse,
    UntrustedDevice,
)

SLICE_S = 0.02  # cancel and timeout are honoured within this


class Fault(StrEnum):
    """What a trainer can make happen on the next capture, on every simulator backend.

    Device faults end the capture with a typed error; content faults deliver an image that
    shows the problem, for the quality judges to name; transport faults spoil the answer of
    an SBI service (in process they raise the error a driver raises on detecting them).
    """

    DISCONNECTED = "disconnected"  # cable pulled: fails now and until reconnect()
    UNPLUGGED_MID_CAPTURE = "unplugged_mid_capture"  # pulled halfway through the capture
    TIMEOUT = "timeout"  # the device never answers this capture
    BUSY = "busy"  # the device reports it is busy
    NOT_READY = "not_ready"  # the device reports it is not ready
    FINGER_LIFTED = "finger_lifted"  # the finger left the platen before the capture ended
    LOW_QUALITY = "low_quality"  # the capture succeeds but is poor (blur, smudge, eyelid)
    WRONG_HAND = "wrong_hand"  # the other hand on the platen
    MISSING_FINGER = "missing_finger"  # one finger of the slap not placed
    NO_FACE = "no_face"  # nobody in front of the camera
    TWO_FACES = "two_faces"  # somebody else in the frame
    EYES_CLOSED = "eyes_closed"  # the citizen blinked
    CORRUPTED_PAYLOAD = "corrupted_payload"  # the image bytes arrive damaged
    BAD_SIGNATURE = "bad_signature"  # the device's signature does not verify
    STALE_TIMESTAMP = "stale_timestamp"  # the device's clock is far off
    OUT_OF_PAPER = "out_of_paper"  # the printer's tray is empty until paper is loaded

    @property
    def label(self) -> str:
        return FAULT_LABELS[self]


FAULT_LABELS = {
    Fault.DISCONNECTED: "Rút cáp thiết bị",
    Fault.UNPLUGGED_MID_CAPTURE: "Rút cáp giữa lúc chụp",
    Fault.TIMEOUT: "Thiết bị không trả lời",
    Fault.BUSY: "Thiết bị báo bận",
    Fault.NOT_READY: "Thiết bị chưa sẵn sàng",
    Fault.FINGER_LIFTED: "Nhấc ngón tay sớm",
    Fault.LOW_QUALITY: "Ảnh kém chất lượng",
    Fault.WRONG_HAND: "Đặt nhầm tay",
    Fault.MISSING_FINGER: "Thiếu một ngón",
    Fault.NO_FACE: "Không có người trước camera",
    Fault.TWO_FACES: "Hai khuôn mặt trong khung",
    Fault.EYES_CLOSED: "Nhắm mắt",
    Fault.CORRUPTED_PAYLOAD: "Dữ liệu ảnh bị hỏng",
    Fault.BAD_SIGNATURE: "Chữ ký thiết bị sai",
    Fault.STALE_TIMESTAMP: "Đồng hồ thiết bị lệch",
    Fault.OUT_OF_PAPER: "Máy in hết giấy",
}
# Faults that change the delivered image rather than end the capture.
CONTENT_FAULTS = frozenset({Fault.LOW_QUALITY, Fault.WRONG_HAND, Fault.MISSING_FINGER,
                            Fault.NO_FACE, Fault.TWO_FACES, Fault.EYES_CLOSED})
# Faults of the wire between an SBI service and the kiosk.
TRANSPORT_FAULTS = frozenset({Fault.CORRUPTED_PAYLOAD, Fault.BAD_SIGNATURE,
                              Fault.STALE_TIMESTAMP})


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

    def take_fault(self) -> Fault | None:
        """Start a capture: count it and hand over the fault queued for it, if any (for
        simulators that play the fault out themselves, like the virtual USB reader)."""
        with self._lock:
            self._captures += 1
            return self._faults.popleft() if self._faults else None

    def unplug(self) -> None:
        """The device leaves the bus until :meth:`reconnect`."""
        with self._lock:
            self._connected = False

    def next_capture_number(self) -> int:
        with self._lock:
            return self._captures

    def run_capture(self, timeout_s: float, cancel: threading.Event, *,
                    transport_in_process: bool = True) -> Fault | None:
        """Play out one capture's timing and faults.

        Returns the content fault the image must show (or None). Transport faults are raised
        as the driver's error when ``transport_in_process``; an SBI service instead receives
        them back and spoils its answer.
        """
        if not self._connected:
            raise DeviceNotConnected()
        fault = self.take_fault()
        if fault is Fault.DISCONNECTED:
            self._unplug()
        if fault is Fault.BUSY:
            raise DeviceBusy()
        if fault is Fault.NOT_READY:
            raise DeviceNotReady()
        duration = float("inf") if fault is Fault.TIMEOUT else self._latency_s
        if fault in (Fault.UNPLUGGED_MID_CAPTURE, Fault.FINGER_LIFTED):
            duration = min(duration, timeout_s) / 2
        self._wait(min(duration, timeout_s), cancel)
        if fault is Fault.UNPLUGGED_MID_CAPTURE:
            self._unplug()
        if fault is Fault.FINGER_LIFTED:
            raise NothingDetected(detail="simulated: finger lifted")
        if duration > timeout_s:
            raise DeviceTimeout()
        if fault in TRANSPORT_FAULTS and transport_in_process:
            raise {Fault.CORRUPTED_PAYLOAD: CorruptPayload, Fault.BAD_SIGNATURE: UntrustedDevice,
                   Fault.STALE_TIMESTAMP: StaleResponse}[fault](detail=f"simulated: {fault}")
        return fault

    def _unplug(self) -> None:
        self.unplug()
        raise DeviceNotConnected()

    @staticmethod
    def _wait(seconds: float, cancel: threading.Event) -> None:
        deadline = time.monotonic() + seconds
        while True:
            if cancel.is_set():
                raise CaptureCancelled()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            time.sleep(min(SLICE_S, remaining))


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
            return DeviceStatus.DISCONNECTED
        return DeviceStatus.BUSY if self._capturing.locked() else DeviceStatus.READY

    def close(self) -> None:
        """Nothing to release; present for the Device protocol."""

    def _capture(self, timeout_s: float, cancel: threading.Event) -> tuple[Fault | None, int]:
        """Run one capture's timing; returns (content fault to show, capture number)."""
        if not self._capturing.acquire(blocking=False):
            raise DeviceBusy()
        try:
            fault = self.control.run_capture(timeout_s, cancel)
            return fault, self.control.next_capture_number()
        finally:
            self._capturing.release()
