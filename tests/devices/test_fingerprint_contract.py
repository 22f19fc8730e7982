from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from device_simulators.behaviour import Fault, SimulatorControl
from device_simulators.fingerprint import SimulatedFingerprintScanner
from kiosk.biometrics.quality import judge_slap
from kiosk.devices.base import DeviceKind, Slap, SlapCapture
from tests.devices import contract

BACKENDS: dict[str, Callable[[SimulatorControl], Any]] = {
    "simulator": lambda control: SimulatedFingerprintScanner(control=control),
}


def capture(device: Any, timeout_s: float, cancel: threading.Event) -> SlapCapture:
    return device.capture_slap(Slap.THUMBS, timeout_s=timeout_s, cancel=cancel)


@pytest.fixture(params=sorted(BACKENDS))
def rig(request: pytest.FixtureRequest) -> tuple[Any, SimulatorControl]:
    control = SimulatorControl(latency_s=0.0)
    return BACKENDS[request.param](control), control


def test_identity(rig) -> None:
    contract.check_identity(rig[0], DeviceKind.FINGERPRINT)


@pytest.mark.parametrize("slap", list(Slap))
def test_every_slap_is_a_500ppi_grey_image_judged_acceptable(rig, slap: Slap) -> None:
    device, _control = rig
    result = device.capture_slap(slap, timeout_s=5.0, cancel=threading.Event())
    assert result.slap is slap and result.ppi == 500
    assert result.image.dtype == np.uint8 and result.image.ndim == 2
    report = judge_slap(result.image, slap.finger_count)
    assert report.acceptable, report


def test_same_subject_same_fingers_different_subject_different(rig) -> None:
    device, control = rig

    def thumbs(subject: str) -> np.ndarray:
        control.present(subject)
        return capture(device, 5.0, threading.Event()).image.astype(np.float32)

    first, again, other = thumbs("A"), thumbs("A"), thumbs("B")
    # Impressions move a little between captures; compare a central patch of the left thumb
    # by normalised cross-correlation over small shifts.
    def best_match(a: np.ndarray, b: np.ndarray) -> float:
        import cv2  # noqa: PLC0415

        patch = a[420:580, 420:540]
        return float(cv2.matchTemplate(b[300:700, 300:660], patch, cv2.TM_CCOEFF_NORMED).max())

    assert best_match(first, again) > best_match(first, other) + 0.15


def test_low_quality_fault_is_judged_unacceptable(rig) -> None:
    device, control = rig
    control.inject(Fault.LOW_QUALITY)
    result = device.capture_slap(Slap.LEFT_FOUR, timeout_s=5.0, cancel=threading.Event())
    report = judge_slap(result.image, 4)
    assert not report.acceptable and report.problems


def test_cancel(rig) -> None:
    contract.check_cancel(*rig, capture)


def test_timeout(rig) -> None:
    contract.check_timeout(*rig, capture)


def test_unplugged(rig) -> None:
    contract.check_unplugged(*rig, capture)


def test_busy(rig) -> None:
    contract.check_busy(*rig, capture)
