"""Iris image quality after ISO/IEC 29794-6: find the pupil and the limbus, then measure what
the standard names — usable iris area, iris-sclera and iris-pupil contrast, pupil-to-iris
ratio, concentricity, margins, sharpness, grey-scale use and iris diameter — each with a
verdict and, when it fails, what the clerk should ask of the citizen.

Thresholds are ISO/IEC 29794-6's recommended values where it gives them (reference/
biometrics.md §4) and MOSIP's registration floor for the diameter (≥ 210 px, rounded to our
200 px target of the issue).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

Grey = npt.NDArray[np.uint8]

MIN_DIAMETER_PX = 200
MIN_USABLE_AREA = 0.70
MIN_IRIS_SCLERA_CONTRAST = 5.0  # percent
MIN_IRIS_PUPIL_CONTRAST = 30.0  # percent
PUPIL_RATIO = (0.20, 0.70)
MIN_CONCENTRICITY = 90.0  # 100 = the same centre
MIN_MARGIN = {"left": 0.6, "right": 0.6, "up": 0.2, "down": 0.2}  # of the iris radius
MIN_SHARPNESS = 40.0
MIN_GREY_BITS = 6.0  # histogram entropy


@dataclass(frozen=True)
class Boundaries:
    pupil: tuple[float, float, float]  # x, y, radius
    iris: tuple[float, float, float]


@dataclass(frozen=True)
class Check:
    name: str
    value: float
    passed: bool
    advice: str  # Vietnamese, for the clerk, when it fails


def find_pupil(image: Grey) -> tuple[float, float, float] | None:
    """The darkest round blob: under near-infrared the pupil is near black."""
    dark = (cv2.GaussianBlur(image, (5, 5), 0) < 50).astype(np.uint8)
    contours, _ = cv2.findContours(dark, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    best = None
    for contour in contours:
        area = cv2.contourArea(contour)
        (x, y), radius = cv2.minEnclosingCircle(contour)
        if radius >= 12 and area > 0.6 * np.pi * radius**2 and (best is None or area > best[0]):
            best = (area, x, y, radius)
    return None if best is None else (float(best[1]), float(best[2]), float(best[3]))


def find_boundaries(image: Grey, pupil: tuple[float, float, float] | None = None
                    ) -> Boundaries | None:
    """Pupil (``pupil`` when the caller found it already), then the limbus as the strongest
    outward rise in brightness along rays to the left and right (where eyelids rarely
    reach); its centre may differ from the pupil's."""
    pupil = pupil or find_pupil(image)
    if pupil is None:
        return None
    cx, cy, pupil_r = pupil
    smooth = cv2.GaussianBlur(image, (5, 5), 0).astype(np.float32)
    radii = np.arange(int(pupil_r * 1.4), int(min(pupil_r * 5, image.shape[1] / 2)))
    if len(radii) < 6:
        return None
    edges = []
    for side in (0.0, 180.0):
        angles = np.deg2rad(side + np.arange(-30, 31, 5))
        xs = np.clip(cx + np.outer(radii, np.cos(angles)), 0, image.shape[1] - 1).astype(int)
        ys = np.clip(cy + np.outer(radii, np.sin(angles)), 0, image.shape[0] - 1).astype(int)
        profile = smooth[ys, xs].mean(axis=1)
        edges.append(float(radii[int(np.argmax(np.diff(profile)))]))
    right, left = edges  # along +x and -x
    iris_r = (right + left) / 2
    return Boundaries(pupil, (cx + (right - left) / 2, cy, iris_r))


SIDE_MARGIN = 0.06  # of the iris radius: the sclera's drop to the nose must exceed this


def eye_side(image: Grey, found: Boundaries | None = None) -> str | None:
    """Which eye this is ("left"/"right" of the citizen), read off the anatomy: the eye's
    axis slopes down towards the nose (the inner corner sits lower than the outer one), so
    the visible sclera on the nasal side lies lower. On a camera image of the citizen's
    right eye the nose is to the image's right. None when the slope is too slight to tell.
    ``found``: the boundaries, when the caller has them already."""
    found = found or find_boundaries(image)
    if found is None:
        return None
    ix, iy, ir = found.iris
    smooth = cv2.GaussianBlur(image, (0, 0), 2)
    ys, xs = np.nonzero(smooth > SCLERA_LEVEL)
    drops = []
    for side in (-1, 1):
        beyond = side * (xs - ix) > ir * 1.15
        if beyond.sum() < 50:
            return None
        drops.append(float(ys[beyond].mean()) - iy)
    left_drop, right_drop = drops
    if abs(right_drop - left_drop) < SIDE_MARGIN * ir:
        return None
    return "right" if right_drop > left_drop else "left"


SCLERA_LEVEL = 185  # near-infrared grey level above which we take a pixel for sclera


def _entropy(values: npt.NDArray[np.uint8]) -> float:
    counts = np.bincount(values.ravel(), minlength=256).astype(np.float64)
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log2(p)).sum())


def iris_checks(image: Grey, found: Boundaries | None = None) -> list[Check] | None:
    """Every ISO/IEC 29794-6 measure we take, or None when no eye is found. ``found``: the
    boundaries, when the caller has them already."""
    found = found or find_boundaries(image)
    return None if found is None else boundary_checks(image, found)


def boundary_checks(image: Grey, found: Boundaries) -> list[Check]:
    """Every ISO/IEC 29794-6 measure we take, on an eye whose boundaries are found."""
    (px, py, pr), (ix, iy, ir) = found.pupil, found.iris
    height, width = image.shape
    yy, xx = np.mgrid[0:height, 0:width]
    from_iris = np.hypot(xx - ix, yy - iy)
    from_pupil = np.hypot(xx - px, yy - py)
    annulus = (from_pupil > pr * 1.1) & (from_iris < ir * 0.95)
    pupil_level = float(np.median(image[from_pupil < pr * 0.8]))
    # Occluded: eyelid skin and specular spots are brighter than iris tissue, lashes darker;
    # tissue lies within a third of the iris-pupil step of the iris's median level.
    iris_level = float(np.median(image[annulus])) if annulus.any() else 0.0
    band = max(10.0, (iris_level - pupil_level) / 3)
    clear = annulus & (np.abs(image.astype(np.float32) - iris_level) < band)
    usable = float(clear.sum() / max(1, annulus.sum()))
    sclera_ring = (from_iris > ir * 1.1) & (from_iris < ir * 1.3) & (np.abs(yy - iy) < ir * 0.3)
    sclera_level = float(np.median(image[sclera_ring])) if sclera_ring.any() else iris_level
    iris_sclera = 100 * (sclera_level - iris_level) / max(1.0, sclera_level + iris_level)
    iris_pupil = 100 * (iris_level - pupil_level) / max(1.0, iris_level + pupil_level)
    ratio = pr / ir
    concentricity = 100 * max(0.0, 1 - float(np.hypot(px - ix, py - iy)) / ir)
    margins = {"left": (ix - ir) / ir, "right": (width - ix - ir) / ir,
               "up": (iy - ir) / ir, "down": (height - iy - ir) / ir}
    lap = cv2.Laplacian(image.astype(np.float32), cv2.CV_32F)
    sharpness = float(lap[clear].var()) if clear.any() else 0.0
    grey_bits = _entropy(image[annulus | (from_iris < ir * 1.3)])
    checks = [
        Check("iris_diameter", 2 * ir, 2 * ir >= MIN_DIAMETER_PX,
              "Mống mắt quá nhỏ: đề nghị đưa mắt lại gần máy quét."),
        Check("usable_iris_area", 100 * usable, usable >= MIN_USABLE_AREA,
              "Mí mắt hoặc lông mi che mống mắt: đề nghị công dân mở to mắt, không chớp."),
        Check("iris_sclera_contrast", iris_sclera, iris_sclera >= MIN_IRIS_SCLERA_CONTRAST,
              "Viền mống mắt không rõ: chỉnh đèn hoặc lau kính máy quét."),
        Check("iris_pupil_contrast", iris_pupil, iris_pupil >= MIN_IRIS_PUPIL_CONTRAST,
              "Đồng tử không rõ: tránh ánh sáng chiếu thẳng vào mắt, quét lại."),
        Check("pupil_iris_ratio", 100 * ratio, PUPIL_RATIO[0] <= ratio <= PUPIL_RATIO[1],
              "Đồng tử giãn hoặc co quá mức: chờ mắt quen ánh sáng rồi quét lại."),
        Check("concentricity", concentricity, concentricity >= MIN_CONCENTRICITY,
              "Mắt không nhìn thẳng: đề nghị công dân nhìn thẳng vào máy quét."),
        Check("margins", 100 * min(m / MIN_MARGIN[k] for k, m in margins.items()),
              all(m >= MIN_MARGIN[k] for k, m in margins.items()),
              "Mắt lệch khỏi giữa khung: đề nghị đặt mắt chính giữa máy quét."),
        Check("sharpness", sharpness, sharpness >= MIN_SHARPNESS,
              "Ảnh mống mắt bị mờ: đề nghị giữ yên đầu, quét lại."),
        Check("grey_scale_use", grey_bits, grey_bits >= MIN_GREY_BITS,
              "Ảnh quá tối hoặc quá sáng: chỉnh đèn của máy quét."),
    ]
    return checks
