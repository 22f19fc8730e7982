"""A simulated dual-iris scanner (near-infrared, 640 x 480 per eye)."""

from __future__ import annotations

import threading

from device_simulators.behaviour import Fault, SimulatedDevice, SimulatorControl
from device_simulators.synthetic.iris import eye
from kiosk.devices.base import DeviceInfo, DeviceKind, Eye, GreyImage, IrisCapture


class SimulatedIrisScanner(SimulatedDevice):
    def __init__(self, control: SimulatorControl | None = None,
                 backend_name: str = "simulator") -> None:
        super().__init__(DeviceInfo(DeviceKind.IRIS, backend_name, "Máy quét mống mắt mô phỏng",
                                    "SIM-IRIS-0001", simulated=True, vendor="Mô phỏng"),
                         control)

    def capture_irises(self, *, timeout_s: float, cancel: threading.Event,
                       missing: frozenset[Eye] = frozenset(),
                       requested_quality: int = 0) -> IrisCapture:
        fault, number = self._capture(timeout_s, cancel)
        return IrisCapture(compose(self.control.subject, number, fault, missing), self._info)


def compose(subject: str, number: int, fault: Fault | None,
            missing: frozenset[Eye] = frozenset()) -> dict[Eye, GreyImage]:
    """Both eyes but the missing ones. A poor capture spoils the left eye (a blink), the
    right stays usable; closed eyes close both."""
    closed = fault is Fault.EYES_CLOSED
    return {side: eye(subject, side.value, number, fault is Fault.LOW_QUALITY and side is Eye.LEFT,
                      closed)
            for side in Eye if side not in missing}
