"""A simulated face camera: captures and a live preview of the subject in front of it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

from device_simulators.behaviour import Fault, SimulatedDevice, SimulatorControl
from device_simulators.synthetic.face import frame, preview_frame
from kiosk.devices.base import (
    ColourImage,
    DeviceInfo,
    DeviceKind,
    DeviceNotConnected,
    FaceCapture,
)

PREVIEW_FPS = 25.0


class SimulatedFaceCamera(SimulatedDevice):
    def __init__(self, control: SimulatorControl | None = None,
                 backend_name: str = "simulator") -> None:
        super().__init__(DeviceInfo(DeviceKind.FACE, backend_name, "Camera mô phỏng",
                                    "SIM-FACE-0001", simulated=True, vendor="Mô phỏng"),
                         control)

    def capture_face(self, *, timeout_s: float, cancel: threading.Event,
                     requested_quality: int = 0) -> FaceCapture:
        fault, number = self._capture(timeout_s, cancel)
        return FaceCapture(compose(self.control.subject, number, fault), self._info)

    def preview(self, *, timeout_s: float, cancel: threading.Event) -> Iterator[ColourImage]:
        """The sitter as a clerk sees them (synthetic.face.preview_frame)."""
        deadline = time.monotonic() + timeout_s
        number = 0
        while not cancel.is_set() and time.monotonic() < deadline:
            if not self.control.connected:
                raise DeviceNotConnected()
            started = time.monotonic()
            shown = preview_frame(self.control.subject, number)
            number += 1
            yield shown
            time.sleep(max(0.0, 1 / PREVIEW_FPS - (time.monotonic() - started)))


def compose(subject: str, number: int, fault: Fault | None) -> ColourImage:
    """The frame a capture delivers, showing the content fault queued for it."""
    shown = fault.value if fault in (Fault.NO_FACE, Fault.TWO_FACES, Fault.EYES_CLOSED) else None
    return frame(subject, number, fault is Fault.LOW_QUALITY, shown)
