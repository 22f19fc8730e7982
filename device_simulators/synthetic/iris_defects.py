"""Eye images with one known defect each, for labelled sets (tests and benchmarks): each
maps to the ISO/IEC 29794-6 check that should flag it."""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.biometrics.iris import find_boundaries

Grey = npt.NDArray[np.uint8]
SKIN = 150  # the generator's skin level under near-infrared


def off_centre(image: Grey) -> Grey:
    shift = np.array([[1, 0, 200], [0, 1, 0]], np.float32)
    return np.asarray(cv2.warpAffine(image, shift, (640, 480), borderValue=SKIN), np.uint8)


def small(image: Grey) -> Grey:
    return np.pad(cv2.resize(image, (320, 240)), ((120, 120), (160, 160)),
                  constant_values=SKIN)


def blurred(image: Grey) -> Grey:
    return np.asarray(cv2.GaussianBlur(image, (0, 0), 4), np.uint8)


def occluded(image: Grey) -> Grey:
    """A drooping upper eyelid over the top half of the iris, the pupil left in view."""
    found = find_boundaries(image)
    if found is None:
        raise ValueError("no eye to occlude")
    px, py, pr = found.pupil
    covered = image.copy()
    covered[: int(py - pr * 0.5)] = SKIN
    yy, xx = np.mgrid[0:image.shape[0], 0:image.shape[1]]
    pupil = np.hypot(xx - px, yy - py) <= pr * 1.05
    covered[pupil] = image[pupil]
    return covered


# defect -> the check that must flag it
DEFECTS: dict[str, tuple[Callable[[Grey], Grey], str]] = {
    "off_centre": (off_centre, "margins"),
    "small": (small, "iris_diameter"),
    "blurred": (blurred, "sharpness"),
    "occluded": (occluded, "usable_iris_area"),
}
