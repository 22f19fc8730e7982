"""Synthetic near-infrared eye images: pupil, textured iris, sclera, eyelids, lashes."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from device_simulators.synthetic import seed_of

Grey = npt.NDArray[np.uint8]
W, H = 640, 480


def _iris_texture(rng: np.random.Generator, radius: int) -> npt.NDArray[np.float32]:
    """Radial furrows and crypts: a sum of angular waves whose phase drifts with radius."""
    size = 2 * radius + 1
    yy, xx = np.mgrid[-radius:radius + 1, -radius:radius + 1].astype(np.float32)
    r = np.hypot(xx, yy) / radius
    a = np.arctan2(yy, xx)
    texture = np.zeros((size, size), np.float32)
    for _ in range(14):
        k = rng.integers(12, 70)
        phase, drift = rng.uniform(0, 2 * np.pi), rng.uniform(-3, 3)
        texture += np.cos(k * a + phase + drift * r).astype(np.float32) * rng.uniform(0.3, 1.0)
    crypts = rng.standard_normal((size // 6, size // 6)).astype(np.float32)
    texture += 2.5 * cv2.resize(crypts, (size, size), interpolation=cv2.INTER_CUBIC)
    collarette = np.exp(-((r - 0.55) / 0.05) ** 2) * 1.2
    peak = float(np.abs(texture).max()) + 1e-6
    return np.asarray(texture / peak + collarette, dtype=np.float32)


def eye(subject: str, side: str, capture_number: int, poor: bool, closed: bool = False) -> Grey:
    """One 640 x 480 eye; the iris pattern depends on (subject, side) only."""
    pattern = np.random.default_rng(seed_of("iris", subject, side))
    rng = np.random.default_rng(seed_of("iris", subject, side, capture_number))
    image = np.full((H, W), 150, np.float32)  # skin under NIR is fairly bright
    cx, cy = W / 2 + rng.uniform(-20, 20), H / 2 + rng.uniform(-12, 12)
    iris_r = int(pattern.uniform(105, 120))
    pupil_r = int(iris_r * rng.uniform(0.32, 0.42))  # the pupil breathes between captures
    # The subject's right eye: the nose, and so the inner corner, is on the image's right.
    # The inner corner sits lower than the outer one (canthal tilt), and the caruncle fills it.
    nasal = 1.0 if side == "right" else -1.0
    tilt = nasal * pattern.uniform(5.0, 9.0)  # degrees; the eye's axis slopes down to the nose
    slope = float(np.tan(np.deg2rad(tilt)))
    cv2.ellipse(image, (int(cx), int(cy)), (int(iris_r * 2.3), int(iris_r * 1.25)), tilt, 0,
                360, 205, -1)  # sclera
    corner = (int(cx + nasal * iris_r * 2.05), int(cy + slope * iris_r * 2.05))
    cv2.ellipse(image, corner, (int(iris_r * 0.3), int(iris_r * 0.22)), tilt, 0, 360, 125,
                -1)  # caruncle
    texture = _iris_texture(pattern, iris_r)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    r = np.hypot(xx - cx, yy - cy)
    inside = r <= iris_r
    x0, y0 = round(cx) - iris_r, round(cy) - iris_r
    patch = np.zeros((H, W), np.float32)
    patch[y0:y0 + 2 * iris_r + 1, x0:x0 + 2 * iris_r + 1] = texture
    image[inside] = 95 + 22 * patch[inside]
    image[r <= pupil_r] = 22
    cv2.circle(image, (int(cx + pupil_r * 0.3), int(cy - pupil_r * 0.3)), 6, 250, -1)  # glint
    lid = cy - iris_r * (0.15 if poor else rng.uniform(0.8, 0.95))  # upper eyelid edge
    if closed:
        lid = cy + iris_r * 0.9  # the lid meets the lower one
    upper = yy < lid + 0.0015 * (xx - cx) ** 2 + slope * (xx - cx)
    image[upper] = 150
    lower = yy > cy + iris_r * rng.uniform(0.85, 1.0) - 0.001 * (xx - cx) ** 2 + slope * (xx - cx)
    image[lower] = 150
    for _ in range(40):  # eyelashes grow up and out from the upper lid
        x = rng.uniform(cx - iris_r * 1.8, cx + iris_r * 1.8)
        y = lid + 0.0015 * (x - cx) ** 2 + slope * (x - cx)
        cv2.line(image, (int(x), int(y)), (int(x + rng.uniform(-12, 12)),
                                         int(y - rng.uniform(8, 28))), 40, 1, cv2.LINE_AA)
    image = np.asarray(cv2.GaussianBlur(image, (0, 0), 1.0), dtype=np.float32)
    if poor:
        image = np.asarray(cv2.blur(image, (1, 25)), dtype=np.float32)  # vertical motion blur
    image += rng.normal(0, 3, image.shape).astype(np.float32)
    return np.clip(image, 0, 255).astype(np.uint8)
