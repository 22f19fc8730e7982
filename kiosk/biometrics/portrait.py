"""The card portrait: the face crop at 3:4 for the printed photo box."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.biometrics.cascades import FACE, detect

PORTRAIT_W, PORTRAIT_H = 300, 400


def crop_portrait(image: npt.NDArray[np.uint8]) -> bytes:
    """JPEG of head and shoulders, face centred, 3:4 (ICAO-like framing)."""
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    faces = detect(FACE, grey, min_size=(grey.shape[1] // 10,) * 2)
    if not faces:
        raise ValueError("Không thấy khuôn mặt trong ảnh để cắt ảnh chân dung; chụp lại.")
    x, y, w, h = max(faces, key=lambda box: box[2] * box[3])
    crop_w = int(w * 2.0)
    crop_h = crop_w * 4 // 3
    left = int(x + w / 2 - crop_w / 2)
    top = int(y - h * 0.6)
    pad = max(crop_w, crop_h)
    padded = cv2.copyMakeBorder(image, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
    crop = padded[top + pad:top + pad + crop_h, left + pad:left + pad + crop_w]
    resized = cv2.resize(crop, (PORTRAIT_W, PORTRAIT_H), interpolation=cv2.INTER_AREA)
    ok, encoded = cv2.imencode(".jpg", resized, [cv2.IMWRITE_JPEG_QUALITY, 90])
    if not ok:
        raise ValueError("could not encode the portrait")
    return encoded.tobytes()
