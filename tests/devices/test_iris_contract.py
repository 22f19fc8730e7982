from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from device_simulators.behaviour import Fault, SimulatorControl
from device_simulators.iris import SimulatedIrisScanner
from kiosk.biometrics.quality import judge_iris
from kiosk.devices.base import DeviceKind, Eye, IrisCapture
from tests.devices import contract

BACKENDS: dict[str, Callable[[SimulatorControl], Any]] = {
    "simulator": lambda control: SimulatedIrisScanner(control=control),
}


def capture(device: Any, timeout_s: float, cancel: threading.Event) -> IrisCapture:
    return device.capture_irises(timeout_s=timeout_s, cancel=cancel)


@pytest.fixture(params=sorted(BACKENDS))
def rig(request: pytest.FixtureRequest) -> tuple[Any, SimulatorControl]:
    control = SimulatorControl(latency_s=0.0)
    return BACKENDS[request.param](control), control


def test_identity(rig) -> None:
    contract.check_identity(rig[0], DeviceKind.IRIS)


def test_both_eyes_are_grey_images_judged_acceptable(rig) -> None:
    device, _ = rig
    result = capture(device, 2.0, threading.Event())
    assert set(result.images) == {Eye.LEFT, Eye.RIGHT}
    for image in result.images.values():
        assert image.dtype == np.uint8 and image.ndim == 2
        assert judge_iris(image).acceptable


def test_each_eye_has_its_own_pattern(rig) -> None:
    device, control = rig
    control.present("A")
    first = capture(device, 2.0, threading.Event()).images
    control.present("B")
    other = capture(device, 2.0, threading.Event()).images
    assert not np.array_equal(first[Eye.LEFT], first[Eye.RIGHT])
    assert not np.array_equal(first[Eye.LEFT], other[Eye.LEFT])


def test_low_quality_fault_is_judged_unacceptable(rig) -> None:
    device, control = rig
    control.inject(Fault.LOW_QUALITY)
    images = capture(device, 2.0, threading.Event()).images
    assert not all(judge_iris(image).acceptable for image in images.values())


def test_cancel(rig) -> None:
    contract.check_cancel(*rig, capture)


def test_timeout(rig) -> None:
    contract.check_timeout(*rig, capture)


def test_unplugged(rig) -> None:
    contract.check_unplugged(*rig, capture)


def test_busy(rig) -> None:
    contract.check_busy(*rig, capture)
