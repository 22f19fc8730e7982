"""A simulated face camera."""

from __future__ import annotations

import threading

from device_simulators.behaviour import SimulatedDevice, SimulatorControl
from device_simulators.synthetic.face import frame
from kiosk.devices.base import DeviceInfo, DeviceKind, FaceCapture


class SimulatedFaceCamera(SimulatedDevice):
    def __init__(self, control: SimulatorControl | None = None,
                 backend_name: str = "simulator") -> None:
        super().__init__(DeviceInfo(DeviceKind.FACE, backend_name, "Camera mô phỏng",
                                    "SIM-FACE-0001", simulated=True), control)

    def capture_face(self, *, timeout_s: float, cancel: threading.Event) -> FaceCapture:
        poor, number = self._capture(timeout_s, cancel)
        return FaceCapture(frame(self.control.subject, number, poor), self._info)
