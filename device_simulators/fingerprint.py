"""A simulated 4-4-2 slap fingerprint scanner (500 ppi)."""

from __future__ import annotations

import threading

from device_simulators.behaviour import SimulatedDevice, SimulatorControl
from device_simulators.synthetic.fingerprint import slap as compose_slap
from kiosk.devices.base import DeviceInfo, DeviceKind, Slap, SlapCapture

PPI = 500


class SimulatedFingerprintScanner(SimulatedDevice):
    def __init__(self, control: SimulatorControl | None = None,
                 backend_name: str = "simulator") -> None:
        super().__init__(DeviceInfo(DeviceKind.FINGERPRINT, backend_name,
                                    "Máy quét vân tay 4-4-2 mô phỏng", "SIM-FP-0001",
                                    simulated=True), control)

    def capture_slap(self, slap: Slap, *, timeout_s: float,
                     cancel: threading.Event) -> SlapCapture:
        poor, number = self._capture(timeout_s, cancel)
        image, _placed = compose_slap(self.control.subject, slap.value, number, poor)
        return SlapCapture(slap, image, PPI, self._info)
