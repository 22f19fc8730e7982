from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np
import pytest

from device_simulators.behaviour import Fault, SimulatorControl
from device_simulators.camera import record_virtual_camera
from device_simulators.face import SimulatedFaceCamera
from kiosk.biometrics.quality import judge_face
from kiosk.devices.base import DeviceKind, DeviceStatus, FaceCapture
from kiosk.devices.webcam import OpenCVFaceCamera
from tests.devices.contract import DeviceContract
from tests.devices.sbi_rig import sbi_backend

Rig = tuple[Any, SimulatorControl]


class TestFaceCamera(DeviceContract):
    kind = DeviceKind.FACE
    backends: ClassVar[dict[str, Callable[[SimulatorControl], Any]]] = {
        "simulator": lambda control: SimulatedFaceCamera(control=control),
        "sbi": sbi_backend(DeviceKind.FACE),
        # The real OpenCV driver on a virtual camera source (a recorded video).
        "opencv-virtual": lambda _control: OpenCVFaceCamera(
            str(record_virtual_camera("virtual-sitter"))),
    }
    unstaged = frozenset({"opencv-virtual"})

    def capture(self, device: Any, timeout_s: float, cancel: threading.Event) -> FaceCapture:
        return device.capture_face(timeout_s=timeout_s, cancel=cancel)

    def test_capture_is_a_colour_frame_judged_acceptable(self, rig: Rig) -> None:
        device, control = rig
        control.present("001096012345")
        result = self.capture(device, 2.0, threading.Event())
        assert result.image.dtype == np.uint8 and result.image.ndim == 3
        assert result.image.shape[2] == 3
        assert result.device == device.info()
        assert judge_face(result.image).acceptable

    def test_low_quality_fault_is_judged_unacceptable(self, rig: Rig) -> None:
        device, control = rig
        control.inject(Fault.LOW_QUALITY)
        report = judge_face(self.capture(device, 2.0, threading.Event()).image)
        assert not report.acceptable and report.problems


@pytest.mark.skipif("KIOSK_TEST_CAMERA" not in os.environ,
                    reason="set KIOSK_TEST_CAMERA=<index> to run against a real webcam")
def test_real_webcam_captures_a_frame() -> None:
    from kiosk.devices.webcam import OpenCVFaceCamera  # noqa: PLC0415

    camera = OpenCVFaceCamera(index=int(os.environ["KIOSK_TEST_CAMERA"]))
    try:
        assert camera.status() is DeviceStatus.READY
        frame = camera.capture_face(timeout_s=10.0, cancel=threading.Event()).image
        assert frame.ndim == 3
    finally:
        camera.close()
