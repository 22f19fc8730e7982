"""Synthetic camera frames: a public-domain portrait placed with per-subject variation."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from device_simulators.synthetic import seed_of

Colour = npt.NDArray[np.uint8]
FRAME_W, FRAME_H = 640, 480
PORTRAIT = Path(__file__).resolve().parents[2] / "resources" / "simulator" / "portraits" / (
    "eileen-collins.jpg")


@lru_cache(maxsize=1)
def _portrait() -> Colour:
    image = cv2.imread(str(PORTRAIT), cv2.IMREAD_COLOR)
    if image is None:
        raise FileNotFoundError(f"simulator portrait missing: {PORTRAIT}")
    return np.asarray(image, dtype=np.uint8)


def frame(subject: str, capture_number: int, poor: bool) -> Colour:
    """640 x 480 BGR: the subject (background tint, framing) varies, the sitter does not."""
    subject_rng = np.random.default_rng(seed_of("face", subject))
    rng = np.random.default_rng(seed_of("face", subject, capture_number))
    tint = subject_rng.integers(150, 235, 3)
    canvas = np.empty((FRAME_H, FRAME_W, 3), np.uint8)
    canvas[:] = tint.astype(np.uint8)
    scale = rng.uniform(1.05, 1.2)
    portrait = cv2.resize(_portrait(), None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    ph, pw = portrait.shape[:2]
    x = int((FRAME_W - pw) / 2 + rng.uniform(-25, 25))
    y = int(FRAME_H - ph + rng.uniform(0, 30))
    if poor and rng.random() < 0.5:
        x += int(FRAME_W * 0.33)  # the citizen leans out of the frame
    xs, ys, xe, ye = max(0, x), max(0, y), min(FRAME_W, x + pw), min(FRAME_H, y + ph)
    canvas[ys:ye, xs:xe] = portrait[ys - y:ye - y, xs - x:xe - x]
    image = canvas.astype(np.float32) * rng.uniform(0.92, 1.08)
    if poor:
        blurred = cv2.GaussianBlur(image, (0, 0), 6)  # motion blur in a dark room
        image = np.asarray(blurred, dtype=np.float32) * np.float32(0.45)
    image += rng.normal(0, 2.5, image.shape).astype(np.float32)
    return np.asarray(np.clip(image, 0, 255), dtype=np.uint8)
