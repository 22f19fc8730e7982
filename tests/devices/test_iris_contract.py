from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np

from device_simulators.behaviour import Fault, SimulatorControl
from device_simulators.iris import SimulatedIrisScanner
from kiosk.biometrics.quality import judge_iris
from kiosk.devices.base import DeviceKind, Eye, IrisCapture
from tests.devices.contract import DeviceContract
from tests.devices.sbi_rig import sbi_backend

Rig = tuple[Any, SimulatorControl]


class TestIrisScanner(DeviceContract):
    kind = DeviceKind.IRIS
    backends: ClassVar[dict[str, Callable[[SimulatorControl], Any]]] = {
        "simulator": lambda control: SimulatedIrisScanner(control=control),
        "sbi": sbi_backend(DeviceKind.IRIS),
    }

    def capture(self, device: Any, timeout_s: float, cancel: threading.Event) -> IrisCapture:
        return device.capture_irises(timeout_s=timeout_s, cancel=cancel)

    def test_both_eyes_are_grey_images_judged_acceptable(self, rig: Rig) -> None:
        device, _ = rig
        result = self.capture(device, 2.0, threading.Event())
        assert set(result.images) == {Eye.LEFT, Eye.RIGHT}
        for image in result.images.values():
            assert image.dtype == np.uint8 and image.ndim == 2
            assert judge_iris(image).acceptable

    def test_each_eye_has_its_own_pattern(self, rig: Rig) -> None:
        device, control = rig
        control.present("A")
        first = self.capture(device, 2.0, threading.Event()).images
        control.present("B")
        other = self.capture(device, 2.0, threading.Event()).images
        assert not np.array_equal(first[Eye.LEFT], first[Eye.RIGHT])
        assert not np.array_equal(first[Eye.LEFT], other[Eye.LEFT])

    def test_low_quality_fault_is_judged_unacceptable(self, rig: Rig) -> None:
        device, control = rig
        control.inject(Fault.LOW_QUALITY)
        images = self.capture(device, 2.0, threading.Event()).images
        assert not all(judge_iris(image).acceptable for image in images.values())
