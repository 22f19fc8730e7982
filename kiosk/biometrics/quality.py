"""On-the-spot quality of a capture: a score, a verdict, and what the clerk should do.

These are first, transparent measures (the ICAO face checks of kiosk/biometrics/face.py;
finger count, ridge clarity; pupil and iris found, visible iris, sharpness). NFIQ 2 and OFIQ
adapters replace or back them up later (reference/biometrics.md); the interface stays.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.biometrics import fingers
from kiosk.biometrics.face import FaceAnalysis, analyse_face
from kiosk.biometrics.iris import (
    MIN_SHARPNESS,
    boundary_checks,
    eye_side,
    find_boundaries,
    find_pupil,
)

Grey = npt.NDArray[np.uint8]
Colour = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class QualityReport:
    score: int  # 0-100
    acceptable: bool
    problems: tuple[str, ...]  # Vietnamese, each naming what to do


def _report(score: float, threshold: int, problems: list[str], blocking: bool = False
            ) -> QualityReport:
    value = round(max(0.0, min(100.0, score)))
    return QualityReport(value, not blocking and value >= threshold, tuple(problems))


def _ramp(value: float, low: float, high: float) -> float:
    """0 at ``low``, 1 at ``high`` and beyond."""
    return float(np.clip((value - low) / (high - low), 0.0, 1.0))


# -- face ------------------------------------------------------------------------------------
# ICAO 9303 rules a capture cannot be accepted without, whatever the score threshold.
FACE_BLOCKING = frozenset({"single_face", "eyes_open", "yaw", "pitch", "roll", "centring",
                           "eye_line", "head_size", "inter_eye_distance"})
MAX_FACE_PROBLEMS = 3


def judge_face(image: Colour, threshold: int = 50) -> QualityReport:
    """The live face checks (kiosk/biometrics/face.py) as a verdict: the weakest check's
    score, and what to do about the most important failures."""
    return face_report(analyse_face(image), threshold)


def face_report(analysis: FaceAnalysis, threshold: int = 50) -> QualityReport:
    """The verdict on a frame already analysed (the portrait crop reuses the analysis)."""
    failed = analysis.to_fix
    problems = list(dict.fromkeys(check.advice for check in failed))[:MAX_FACE_PROBLEMS]
    blocking = any(check.name in FACE_BLOCKING for check in failed)
    return _report(analysis.score, threshold, problems, blocking)


# -- fingerprints ----------------------------------------------------------------------------


def _finger_regions(image: Grey, layout: fingers.SlapLayout | None
                    ) -> tuple[npt.NDArray[np.bool_], list[tuple[int, int, float]]]:
    """Foreground (ridged area) and each finger in it as (centre x, top y, axis tilt in
    degrees), left to right (kiosk/biometrics/fingers.py finds them, unless ``layout``
    has them already)."""
    ground, masks = layout if layout is not None else fingers.slap_layout(image)
    blobs = []
    for mask in masks:
        x, y, w, _h = cv2.boundingRect(mask)
        blobs.append((x + w // 2, y, fingers.finger_axis(mask)[0]))
    return np.asarray(ground, dtype=bool), blobs


def _hand_of(blobs: list[tuple[int, int, float]]) -> str | None:
    """Which hand a four-finger slap shows: the little finger's tip lies lowest, so on a left
    hand the leftmost tip is lower than the rightmost; None when it is not clear."""
    if len(blobs) < 3:
        return None
    drop = blobs[0][1] - blobs[-1][1]  # image y grows downwards
    if abs(drop) < HAND_MARGIN_PX:
        return None
    return "left" if drop > 0 else "right"


HAND_MARGIN_PX = 60
# A hand laid naturally leans its fingers up to about 27° (our slaps: 18° +- 4° for the hand,
# +- 5° per finger); past 35° on average the hand lies crooked across the platen.
MAX_HAND_TILT_DEG = 35.0


def _ridge_clarity(image: Grey, foreground: npt.NDArray[np.bool_]) -> tuple[float, float]:
    """Mean orientation coherence and ridge contrast inside the fingers."""
    coherence = fingers.orientation_coherence(
        np.asarray(cv2.GaussianBlur(image.astype(np.float32), (0, 0), 1.0), dtype=np.float32))
    inside = foreground[::4, ::4]
    if not inside.any():
        return 0.0, 0.0
    contrast = float(image[::4, ::4][inside].std())
    return float(coherence[::4, ::4][inside].mean()), contrast


def judge_slap(image: Grey, expected_fingers: int, threshold: int = 40,
               hand: str | None = None, *, layout: fingers.SlapLayout | None = None
               ) -> QualityReport:
    """``hand`` ("left"/"right") is the hand a four-finger slap should show. ``layout``: the
    image's ``fingers.slap_layout``, when the caller has it already."""
    foreground, blobs = _finger_regions(image, layout)
    fingers = len(blobs)
    if fingers == 0:
        return _report(0, threshold, [
            "Không thấy ngón tay trên mặt kính: đặt ngón tay lên máy quét rồi quét lại."],
            blocking=True)
    coherence, contrast = _ridge_clarity(image, foreground)
    # Weakest link: clear ridges need both a steady flow and enough contrast.
    score = 100 * min(_ramp(coherence, 0.35, 0.6), _ramp(contrast, 15, 45))
    problems: list[str] = []
    blocking = fingers != expected_fingers
    if fingers < expected_fingers:
        problems.append(f"Chỉ thấy {fingers}/{expected_fingers} ngón: đặt đủ các ngón, "
                        "ấn đều lên mặt kính.")
    elif fingers > expected_fingers:
        problems.append(f"Thấy {fingers} vùng vân tay, cần {expected_fingers}: lau mặt kính "
                        "và quét lại.")
    # A single finger on a small reader is clipped by the window: its blob's axis says nothing.
    tilt = float(np.mean([blob[2] for blob in blobs])) if expected_fingers > 1 else 0.0
    if abs(tilt) > MAX_HAND_TILT_DEG:
        blocking = True
        problems.append(f"Bàn tay đặt xoay lệch {abs(tilt):.0f}°: đặt các ngón thẳng theo "
                        "chiều dọc mặt kính rồi quét lại.")
    shown = _hand_of(blobs) if hand and expected_fingers == 4 else None
    if shown and shown != hand:
        blocking = True
        problems.append(f"Đặt nhầm tay: cần bốn ngón tay {'trái' if hand == 'left' else 'phải'}"
                        " — đề nghị công dân đổi tay và quét lại.")
    if contrast < 30:
        problems.append("Vân tay mờ nhạt: đề nghị ấn mạnh hơn; nếu tay khô, làm ẩm nhẹ.")
    elif coherence < 0.45:
        problems.append("Đường vân không rõ: lau mặt kính và ngón tay, quét lại.")
    return _report(score, threshold, problems, blocking)


# -- iris ------------------------------------------------------------------------------------
def judge_iris(image: Grey, threshold: int = 50, eye: str | None = None) -> QualityReport:
    """The ISO/IEC 29794-6 measures (kiosk/biometrics/iris.py) as a verdict: any failed
    measure sends the capture back. The score is the weaker of the visible iris and its
    sharpness. ``eye`` ("left"/"right") is the eye the device says this is; when the
    anatomy says the other, the capture is refused (the scanner's eyes swapped, or the
    citizen turned)."""
    pupil = find_pupil(image)
    if pupil is None:
        return _report(0, threshold, [
            "Không thấy đồng tử: đề nghị công dân mở to mắt và nhìn vào máy quét."],
            blocking=True)
    found = find_boundaries(image, pupil)  # once: the measures and left/right share it
    if found is None:
        return _report(0, threshold, ["Mắt quá gần hoặc lệch: đề nghị nhìn thẳng vào máy."],
                       blocking=True)
    checks = boundary_checks(image, found)
    value = {check.name: check.value for check in checks}
    score = 100 * min(_ramp(value["usable_iris_area"], 45, 85),
                      _ramp(value["sharpness"], MIN_SHARPNESS / 2, 3 * MIN_SHARPNESS))
    failed = [check for check in checks if not check.passed]
    problems = list(dict.fromkeys(check.advice for check in failed))
    shown = eye_side(image, found) if eye else None
    swapped = False
    if eye is not None and shown is not None and shown != eye:
        swapped = True
        problems.insert(0, f"Ảnh này là mắt {EYE_NAMES[shown]}, không phải mắt {EYE_NAMES[eye]}"
                        ": kiểm tra cách đặt máy quét (hai mắt bị đảo) rồi quét lại.")
    return _report(score, threshold, problems, blocking=bool(failed) or swapped)


EYE_NAMES = {"left": "trái", "right": "phải"}
