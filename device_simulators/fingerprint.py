"""Simulated fingerprint scanners (500 ppi): a 4-4-2 slap scanner that also takes single
fingers, and a single-finger reader that refuses slaps, as a U.are.U 4500 does."""

from __future__ import annotations

import threading

import cv2
import numpy as np
import numpy.typing as npt

from device_simulators.behaviour import Fault, SimulatedDevice, SimulatorControl
from device_simulators.synthetic import seed_of
from device_simulators.synthetic.fingerprint import impression, master_print
from device_simulators.synthetic.fingerprint import slap as compose_slap
from kiosk.devices.base import (
    SLAP_FINGERS,
    DeviceInfo,
    DeviceKind,
    DeviceUnsupported,
    Finger,
    FingerCapture,
    GreyImage,
    Slap,
    SlapCapture,
)

PPI = 500
SINGLE_PLATEN = (500, 400)  # height, width in pixels: a 20 x 25 mm single-finger window
_OTHER_HAND = {Slap.LEFT_FOUR: Slap.RIGHT_FOUR, Slap.RIGHT_FOUR: Slap.LEFT_FOUR,
               Slap.THUMBS: Slap.RIGHT_FOUR}


class _FingerReader(SimulatedDevice):
    """What both simulated scanners share: one finger at a time, with its faults."""

    def capture_finger(self, finger: Finger, *, timeout_s: float, cancel: threading.Event,
                       requested_quality: int = 0) -> FingerCapture:
        fault, number = self._capture(timeout_s, cancel)
        image = compose_finger_image(self.control.subject, finger, number, fault)
        return FingerCapture(finger, image, PPI, self._info)


class SimulatedFingerprintScanner(_FingerReader):
    def __init__(self, control: SimulatorControl | None = None,
                 backend_name: str = "simulator") -> None:
        super().__init__(DeviceInfo(DeviceKind.FINGERPRINT, backend_name,
                                    "Máy quét vân tay 4-4-2 mô phỏng", "SIM-FP-0001",
                                    simulated=True, vendor="Mô phỏng"), control)

    def capture_slap(self, slap: Slap, *, timeout_s: float, cancel: threading.Event,
                     missing: frozenset[Finger] = frozenset(),
                     requested_quality: int = 0) -> SlapCapture:
        fault, number = self._capture(timeout_s, cancel)
        image = compose_slap_image(self.control.subject, slap, number, fault, missing)
        return SlapCapture(slap, image, PPI, self._info)


class SimulatedSingleFingerReader(_FingerReader):
    """A single-finger reader (configuration ``devices.fingerprint = "simulator-single"``):
    one finger at a time on a 20 x 25 mm window; slaps are refused as a real one refuses
    them, so the desk asks for the ten fingers one by one."""

    def __init__(self, control: SimulatorControl | None = None,
                 backend_name: str = "simulator-single") -> None:
        super().__init__(DeviceInfo(DeviceKind.FINGERPRINT, backend_name,
                                    "Máy quét vân tay một ngón mô phỏng", "SIM-FP1-0001",
                                    simulated=True, vendor="Mô phỏng", takes_slaps=False),
                         control)

    def capture_slap(self, slap: Slap, *, timeout_s: float, cancel: threading.Event,
                     missing: frozenset[Finger] = frozenset(),
                     requested_quality: int = 0) -> SlapCapture:
        raise DeviceUnsupported(detail=f"single-finger simulator; asked {slap}")


def compose_slap_image(subject: str, slap: Slap, number: int, fault: Fault | None,
                       missing: frozenset[Finger] = frozenset()) -> GreyImage:
    """The slap a capture delivers: the citizen's missing fingers and the queued content fault
    (wrong hand, a finger not placed, a smudged print) shown in the image."""
    return compose_slap_fingers(subject, slap, number, fault, missing)[0]


def compose_slap_fingers(subject: str, slap: Slap, number: int, fault: Fault | None,
                         missing: frozenset[Finger] = frozenset()
                         ) -> tuple[GreyImage, dict[Finger, tuple[GreyImage, tuple[int, int]]]]:
    """The slap image and each finger on it cut out with its top-left corner on the platen,
    as a segmenting scanner delivers them (named as the slap asked: on the wrong hand, the
    fingers carry the requested names)."""
    shown = _OTHER_HAND[slap] if fault is Fault.WRONG_HAND else slap
    image, placed = compose_slap(subject, shown.value, number, fault is Fault.LOW_QUALITY)
    absent = set(missing)
    if fault is Fault.MISSING_FINGER:
        present = [f for f in SLAP_FINGERS[slap] if f not in absent]
        if present:
            absent.add(present[number % len(present)])
    canvas = image.copy()
    requested = dict(zip(SLAP_FINGERS[shown], SLAP_FINGERS[slap], strict=False))
    boxes: dict[Finger, npt.NDArray[np.int32]] = {}
    for finger in placed:
        x, y, w, h = finger.box
        footprint = ((x + w / 2, y + h / 2), (w + 12, h + 12), -finger.rotation_deg)
        corners = cv2.boxPoints(footprint).astype(np.int32)
        named = requested.get(finger.finger)
        if finger.finger in absent or named in absent:
            cv2.fillConvexPoly(canvas, corners, 255)
        elif named is not None:
            boxes[named] = corners
    height, width = canvas.shape
    crops = {}
    for named, corners in boxes.items():
        x0, y0 = np.maximum(corners.min(axis=0), 0)
        x1, y1 = np.minimum(corners.max(axis=0), (width, height))
        crops[named] = (np.ascontiguousarray(canvas[y0:y1, x0:x1]), (int(x0), int(y0)))
    return canvas, crops


def compose_finger_image(subject: str, finger: Finger, number: int,
                         fault: Fault | None) -> GreyImage:
    """One flat finger centred on a single-finger platen, turned a little."""
    rng = np.random.default_rng(seed_of("single", subject, finger.value, number))
    shown = finger
    if fault is Fault.WRONG_HAND:  # the same finger of the other hand
        shown = Finger(str((int(finger.value) + 4) % 10 + 1))
    touch = impression(master_print(subject, shown), rng,
                       fault is Fault.LOW_QUALITY)
    height, width = SINGLE_PLATEN
    canvas = np.full((height, width), 255, np.uint8)
    if fault is Fault.MISSING_FINGER:
        return canvas
    th, tw = touch.shape
    y, x = (height - th) // 2, (width - tw) // 2
    canvas[y:y + th, x:x + tw] = touch
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), rng.uniform(-10, 10), 1.0)
    return np.asarray(cv2.warpAffine(canvas, turn, (width, height), borderValue=255),
                      dtype=np.uint8)
