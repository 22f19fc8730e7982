"""A simulated dual-iris scanner (near-infrared, 640 x 480 per eye)."""

from __future__ import annotations

import threading

from device_simulators.behaviour import SimulatedDevice, SimulatorControl
from device_simulators.synthetic.iris import eye
from kiosk.devices.base import DeviceInfo, DeviceKind, Eye, IrisCapture


class SimulatedIrisScanner(SimulatedDevice):
    def __init__(self, control: SimulatorControl | None = None,
                 backend_name: str = "simulator") -> None:
        super().__init__(DeviceInfo(DeviceKind.IRIS, backend_name, "Máy quét mống mắt mô phỏng",
                                    "SIM-IRIS-0001", simulated=True), control)

    def capture_irises(self, *, timeout_s: float, cancel: threading.Event) -> IrisCapture:
        poor, number = self._capture(timeout_s, cancel)
        subject = self.control.subject
        # A poor capture spoils one eye (the citizen blinked), the other stays usable.
        return IrisCapture({Eye.LEFT: eye(subject, "left", number, poor),
                            Eye.RIGHT: eye(subject, "right", number, False)}, self._info)
