"""Lossless storage encoding of captures (the interchange formats: iso19794.py), and the
digest that ties anything derived from a stored PNG to it."""

from __future__ import annotations

import hashlib

import cv2
import numpy as np
import numpy.typing as npt


def encode_png(image: npt.NDArray[np.uint8]) -> bytes:
    ok, encoded = cv2.imencode(".png", image)
    if not ok:
        raise ValueError("could not encode the capture as PNG")
    return encoded.tobytes()


def decode_png(data: bytes) -> npt.NDArray[np.uint8]:
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if image is None:
        raise ValueError("stored capture is not a readable PNG")
    return np.asarray(image, dtype=np.uint8)


def png_digest(data: bytes) -> bytes:
    """SHA-256 of a stored PNG: what a form derived from it (its interchange encoding) is
    checked against before use, so a derived form never outlives its image."""
    return hashlib.sha256(data).digest()
