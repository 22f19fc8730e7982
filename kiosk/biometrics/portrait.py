"""The card portrait: the ICAO 9303 crop at 3:4 for the printed photo box.

The crop is placed from the eye centres (kiosk/biometrics/face.py): the frame is turned so
the eye line is level, scaled so the eyes lie EYE_DISTANCE apart, the eye midpoint centred
horizontally and the eye line at EYE_LINE_FROM_BOTTOM of the height. Where the crop runs
past the camera frame, the frame's edge is repeated.
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.biometrics.face import FaceAnalysis, analyse_face, eye_distance, eye_midpoint, eye_roll

PORTRAIT_W, PORTRAIT_H = 300, 400
# ICAO 9303 Part 9: chin to crown 70-80 % of the height, the eye line 50-70 % from the
# bottom. Our sitter measures 3.1 inter-eye distances from chin to crown, 1.8 of them above
# the eyes (hair): eyes 87 px apart at 52 % from the bottom keep the crown about 35 px below
# the top with chin to crown near 70 %, and need no more frame below the chin than a
# 640 x 480 camera has. (ISO/IEC 19794-5's token image, eyes a quarter of the width apart,
# makes the face too small for the card.)
EYE_DISTANCE = 0.29 * PORTRAIT_W
EYE_LINE_FROM_BOTTOM = 0.52


def portrait_transform(eyes: tuple[tuple[float, float], tuple[float, float]]
                       ) -> npt.NDArray[np.float64]:
    """The 2 x 3 affine map from the camera frame to the portrait for these eye centres
    (image-left eye first)."""
    distance = eye_distance(eyes)
    if distance < 1:
        raise ValueError("Không xác định được vị trí hai mắt để cắt ảnh chân dung; chụp lại.")
    mid, roll = eye_midpoint(eyes), eye_roll(eyes)
    # Turning by +roll (anticlockwise on screen in OpenCV) levels an eye line that dips
    # to the right by roll degrees.
    matrix = np.asarray(cv2.getRotationMatrix2D(mid, roll, EYE_DISTANCE / distance),
                        dtype=np.float64)
    target = (PORTRAIT_W / 2, PORTRAIT_H * (1 - EYE_LINE_FROM_BOTTOM))
    matrix[:, 2] += np.array(target) - np.array(mid)
    return matrix


def crop_portrait(image: npt.NDArray[np.uint8], *, analysis: FaceAnalysis | None = None
                  ) -> bytes:
    """JPEG of head and shoulders at PORTRAIT_W x PORTRAIT_H, ICAO framing. ``analysis`` of
    this image, when the caller has one, saves finding the face again."""
    found = analysis if analysis is not None else analyse_face(image)
    if found.eyes is None:
        raise ValueError("Không thấy khuôn mặt trong ảnh để cắt ảnh chân dung; chụp lại.")
    portrait = cv2.warpAffine(image, portrait_transform(found.eyes), (PORTRAIT_W, PORTRAIT_H),
                              flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_REPLICATE)
    ok, encoded = cv2.imencode(".jpg", portrait, [cv2.IMWRITE_JPEG_QUALITY, 90])
    if not ok:
        raise ValueError("could not encode the portrait")
    return encoded.tobytes()
