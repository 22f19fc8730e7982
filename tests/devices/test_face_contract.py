from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from device_simulators.behaviour import Fault, SimulatorControl
from device_simulators.face import SimulatedFaceCamera
from kiosk.biometrics.quality import judge_face
from kiosk.devices.base import DeviceKind, FaceCapture
from tests.devices import contract

BACKENDS: dict[str, Callable[[SimulatorControl], Any]] = {
    "simulator": lambda control: SimulatedFaceCamera(control=control),
}


def capture(device: Any, timeout_s: float, cancel: threading.Event) -> FaceCapture:
    return device.capture_face(timeout_s=timeout_s, cancel=cancel)


@pytest.fixture(params=sorted(BACKENDS))
def rig(request: pytest.FixtureRequest) -> tuple[Any, SimulatorControl]:
    control = SimulatorControl(latency_s=0.0)
    return BACKENDS[request.param](control), control


def test_identity(rig) -> None:
    contract.check_identity(rig[0], DeviceKind.FACE)


def test_capture_is_a_colour_frame_judged_acceptable(rig) -> None:
    device, control = rig
    control.present("001096012345")
    result = capture(device, 2.0, threading.Event())
    assert result.image.dtype == np.uint8 and result.image.ndim == 3
    assert result.image.shape[2] == 3
    assert result.device == device.info()
    assert judge_face(result.image).acceptable


def test_low_quality_fault_is_judged_unacceptable(rig) -> None:
    device, control = rig
    control.inject(Fault.LOW_QUALITY)
    report = judge_face(capture(device, 2.0, threading.Event()).image)
    assert not report.acceptable and report.problems


def test_cancel(rig) -> None:
    contract.check_cancel(*rig, capture)


def test_timeout(rig) -> None:
    contract.check_timeout(*rig, capture)


def test_unplugged(rig) -> None:
    contract.check_unplugged(*rig, capture)


def test_busy(rig) -> None:
    contract.check_busy(*rig, capture)


@pytest.mark.skipif("KIOSK_TEST_CAMERA" not in os.environ,
                    reason="set KIOSK_TEST_CAMERA=<index> to run against a real webcam")
def test_real_webcam_captures_a_frame() -> None:
    from kiosk.devices.webcam import OpenCVFaceCamera  # noqa: PLC0415

    camera = OpenCVFaceCamera(index=int(os.environ["KIOSK_TEST_CAMERA"]))
    try:
        contract.check_identity(camera, DeviceKind.FACE)
        assert capture(camera, 10.0, threading.Event()).image.ndim == 3
    finally:
        camera.close()
