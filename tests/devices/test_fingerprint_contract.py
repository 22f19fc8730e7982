from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np
import pytest

from device_simulators.behaviour import Fault, SimulatorControl
from device_simulators.fingerprint import SimulatedFingerprintScanner, SimulatedSingleFingerReader
from kiosk.biometrics.encoding import encode_png
from kiosk.biometrics.quality import judge_slap
from kiosk.devices.base import (
    DeviceKind,
    DeviceUnsupported,
    Finger,
    FingerCapture,
    Slap,
    SlapCapture,
)
from tests.devices.contract import DeviceContract
from tests.devices.sbi_rig import sbi_backend, serve_single_finger

Rig = tuple[Any, SimulatorControl]
MATCH_THRESHOLD = 144


def minutiae(image: np.ndarray) -> Any:
    """NIST mindtct minutiae (nbis-py, from the dev extra), for bozorth3 comparisons."""
    import nbis  # type: ignore[import-untyped]  # noqa: PLC0415

    extractor = nbis.new_nbis_extractor(nbis.NbisExtractorSettings(
        min_quality=0.0, get_center=False, check_fingerprint=False, compute_nfiq2=False,
        ppi=500))
    return extractor.extract_minutiae(encode_png(image))


def takes_slaps(device: Any) -> bool:
    return bool(device.info().takes_slaps)


class TestFingerprintScanner(DeviceContract):
    """Slap scanners and single-finger readers alike: each says which it is (DeviceInfo.
    takes_slaps), and the slap checks run on those that take slaps."""

    kind = DeviceKind.FINGERPRINT
    backends: ClassVar[dict[str, Callable[[SimulatorControl], Any]]] = {
        "simulator": lambda control: SimulatedFingerprintScanner(control=control),
        "simulator-single": lambda control: SimulatedSingleFingerReader(control=control),
        "sbi": sbi_backend(DeviceKind.FINGERPRINT),
        "sbi-single": serve_single_finger,
    }

    def capture(self, device: Any, timeout_s: float,
                cancel: threading.Event) -> SlapCapture | FingerCapture:
        if not takes_slaps(device):
            return device.capture_finger(Finger.RIGHT_INDEX, timeout_s=timeout_s, cancel=cancel)
        return device.capture_slap(Slap.THUMBS, timeout_s=timeout_s, cancel=cancel)

    @pytest.mark.parametrize("finger", [Finger.RIGHT_THUMB, Finger.LEFT_LITTLE])
    def test_a_single_finger_is_a_500ppi_grey_image_of_one_finger(self, rig: Rig,
                                                                 finger: Finger) -> None:
        device, _ = rig
        result = device.capture_finger(finger, timeout_s=5.0, cancel=threading.Event())
        assert result.finger is finger and result.ppi == 500
        assert result.image.dtype == np.uint8 and result.image.ndim == 2
        report = judge_slap(result.image, 1)
        assert report.acceptable, report

    def test_a_single_finger_reader_says_so_and_refuses_slaps(self, rig: Rig) -> None:
        device, control = rig
        if takes_slaps(device):
            assert isinstance(self.capture(device, 5.0, threading.Event()), SlapCapture)
            return
        with pytest.raises(DeviceUnsupported) as raised:
            device.capture_slap(Slap.LEFT_FOUR, timeout_s=5.0, cancel=threading.Event())
        assert "từng ngón" in raised.value.message  # what the clerk does instead
        if isinstance(control, SimulatorControl):  # real readers cannot count their captures
            assert control.next_capture_number() == 0  # refused before any capture began

    @pytest.mark.parametrize("slap", list(Slap))
    def test_every_slap_is_a_500ppi_grey_image_judged_acceptable(self, rig: Rig,
                                                                  slap: Slap) -> None:
        device, _ = rig
        if not takes_slaps(device):
            pytest.skip("a single-finger reader takes no slaps")
        result = device.capture_slap(slap, timeout_s=5.0, cancel=threading.Event())
        assert result.slap is slap and result.ppi == 500
        assert result.image.dtype == np.uint8 and result.image.ndim == 2
        report = judge_slap(result.image, slap.finger_count)
        assert report.acceptable, report

    def test_same_subject_same_fingers_different_subject_different(self, rig: Rig) -> None:
        device, control = rig

        def left_thumb(subject: str) -> Any:
            control.present(subject)
            image = self.capture(device, 5.0, threading.Event()).image
            if not takes_slaps(device):
                return minutiae(image)  # the one finger on the glass
            return minutiae(image[:, : image.shape[1] // 2])  # the left thumb's half

        first, again, other = left_thumb("A"), left_thumb("A"), left_thumb("B")
        # bozorth3 (NIST): genuine pairs of our synthetic prints score 246-634, impostors
        # 4-41 (docs/fingerprint-realism.md); 144 separates them there.
        scores = (first.compare(again), first.compare(other))
        assert scores[0] >= MATCH_THRESHOLD > scores[1], scores

    def test_low_quality_fault_is_judged_unacceptable(self, rig: Rig) -> None:
        device, control = rig
        control.inject(Fault.LOW_QUALITY)
        if not takes_slaps(device):
            single = device.capture_finger(Finger.LEFT_INDEX, timeout_s=5.0,
                                           cancel=threading.Event())
            report = judge_slap(single.image, 1)
            assert not report.acceptable and report.problems
            return
        result = device.capture_slap(Slap.LEFT_FOUR, timeout_s=5.0, cancel=threading.Event())
        report = judge_slap(result.image, 4)
        assert not report.acceptable and report.problems
