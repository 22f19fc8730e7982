from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, ClassVar

import cv2
import numpy as np
import pytest

from device_simulators.behaviour import Fault, SimulatorControl
from device_simulators.fingerprint import SimulatedFingerprintScanner
from kiosk.biometrics.quality import judge_slap
from kiosk.devices.base import DeviceKind, Slap, SlapCapture
from tests.devices.contract import DeviceContract
from tests.devices.sbi_rig import sbi_backend

Rig = tuple[Any, SimulatorControl]


class TestFingerprintScanner(DeviceContract):
    kind = DeviceKind.FINGERPRINT
    backends: ClassVar[dict[str, Callable[[SimulatorControl], Any]]] = {
        "simulator": lambda control: SimulatedFingerprintScanner(control=control),
        "sbi": sbi_backend(DeviceKind.FINGERPRINT),
    }

    def capture(self, device: Any, timeout_s: float, cancel: threading.Event) -> SlapCapture:
        return device.capture_slap(Slap.THUMBS, timeout_s=timeout_s, cancel=cancel)

    @pytest.mark.parametrize("slap", list(Slap))
    def test_every_slap_is_a_500ppi_grey_image_judged_acceptable(self, rig: Rig,
                                                                  slap: Slap) -> None:
        device, _ = rig
        result = device.capture_slap(slap, timeout_s=5.0, cancel=threading.Event())
        assert result.slap is slap and result.ppi == 500
        assert result.image.dtype == np.uint8 and result.image.ndim == 2
        report = judge_slap(result.image, slap.finger_count)
        assert report.acceptable, report

    def test_same_subject_same_fingers_different_subject_different(self, rig: Rig) -> None:
        device, control = rig

        def thumbs(subject: str) -> np.ndarray:
            control.present(subject)
            return self.capture(device, 5.0, threading.Event()).image.astype(np.float32)

        def best_match(a: np.ndarray, b: np.ndarray) -> float:
            # Impressions move a little between captures: search a central patch of the left
            # thumb over small shifts (normalised cross-correlation).
            patch = a[420:580, 420:540]
            return float(cv2.matchTemplate(b[300:700, 300:660], patch,
                                           cv2.TM_CCOEFF_NORMED).max())

        first, again, other = thumbs("A"), thumbs("A"), thumbs("B")
        assert best_match(first, again) > best_match(first, other) + 0.15

    def test_low_quality_fault_is_judged_unacceptable(self, rig: Rig) -> None:
        device, control = rig
        control.inject(Fault.LOW_QUALITY)
        result = device.capture_slap(Slap.LEFT_FOUR, timeout_s=5.0, cancel=threading.Event())
        report = judge_slap(result.image, 4)
        assert not report.acceptable and report.problems
