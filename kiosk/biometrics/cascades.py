"""OpenCV's bundled Haar cascades, loaded on first use and kept for the process."""

from __future__ import annotations

import threading
from functools import lru_cache

import cv2

_lock = threading.Lock()  # CascadeClassifier is not safe to share between threads


@lru_cache(maxsize=4)
def _cascade(name: str) -> cv2.CascadeClassifier:
    folder = cv2.data.haarcascades  # type: ignore[attr-defined]  # missing from cv2's stubs
    classifier = cv2.CascadeClassifier(folder + name)
    if classifier.empty():
        raise RuntimeError(f"OpenCV Haar cascade {name} is missing (opencv-python-headless<5)")
    return classifier


def detect(name: str, grey: cv2.typing.MatLike, *, scale: float = 1.1, neighbours: int = 5,
           min_size: tuple[int, int] = (40, 40), max_size: tuple[int, int] = (0, 0)
           ) -> list[tuple[int, int, int, int]]:
    with _lock:
        found = _cascade(name).detectMultiScale(grey, scaleFactor=scale, minNeighbors=neighbours,
                                                minSize=min_size, maxSize=max_size)
    return [tuple(int(v) for v in box) for box in found]  # type: ignore[misc]


EYE = "haarcascade_eye.xml"
# Fewer false faces than haarcascade_frontalface_default and about twice as fast on a small
# image; the live face checks (kiosk/biometrics/face.py) run it on every preview frame.
FACE_ALT2 = "haarcascade_frontalface_alt2.xml"
