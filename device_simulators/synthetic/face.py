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


@lru_cache(maxsize=1)
def _closed_eyes_portrait() -> Colour:
    """The sitter blinking: skin over each eye the cascade finds, and a dark lash line."""
    portrait = _portrait().copy()
    grey = cv2.equalizeHist(cv2.cvtColor(portrait, cv2.COLOR_BGR2GRAY))
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_eye.xml")  # type: ignore[attr-defined]
    h = portrait.shape[0]
    eyes = cascade.detectMultiScale(grey[: h * 2 // 3], 1.1, 5, minSize=(20, 20))
    for x, y, w, ew in eyes:
        # Eyelid skin: the median colour of the band just under the eye, feathered in.
        band = portrait[y + ew: min(h, y + ew + ew // 3), x + w // 4: x + 3 * w // 4]
        lid = np.median(band.reshape(-1, 3), axis=0)
        outline = np.zeros(portrait.shape[:2], np.float32)
        centre = (int(x + w / 2), int(y + ew / 2))
        cv2.ellipse(outline, centre, (int(w * 0.36), int(ew * 0.24)), 0, 0, 360, 1.0, -1)
        mask = np.asarray(cv2.GaussianBlur(outline, (0, 0), 2), dtype=np.float32)[..., None]
        portrait[:] = (portrait * (1 - mask) + lid * mask).astype(np.uint8)
        cv2.ellipse(portrait, (centre[0], centre[1] + 1), (int(w * 0.3), int(ew * 0.06)), 0,
                    0, 180, (60, 60, 80), 1, cv2.LINE_AA)  # the lash line of a closed lid
    return portrait


def _pose(portrait: Colour, rng: np.random.Generator) -> Colour:
    """The sitter a little turned (yaw, as a perspective squeeze of one side) and tilted
    (roll), within what a clerk accepts before asking the citizen to face the camera."""
    h, w = portrait.shape[:2]
    yaw = rng.uniform(-0.035, 0.035)  # fraction of the height one side shrinks by
    roll = rng.uniform(-2.5, 2.5)  # degrees
    near, far = (0.0, yaw * h) if yaw > 0 else (-yaw * h, 0.0)
    corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    turned = np.array([[0, near], [w, far], [w, h - far], [0, h - near]], np.float32)
    warp = cv2.getPerspectiveTransform(corners, turned)
    image = cv2.warpPerspective(portrait, warp, (w, h), borderMode=cv2.BORDER_REPLICATE)
    tilt = cv2.getRotationMatrix2D((w / 2, h / 2), roll, 1.0)
    return np.asarray(cv2.warpAffine(image, tilt, (w, h), borderMode=cv2.BORDER_REPLICATE),
                      dtype=np.uint8)


def _lighting(image: npt.NDArray[np.float32], rng: np.random.Generator
              ) -> npt.NDArray[np.float32]:
    """Light from one side: a gentle gradient across the frame in a random direction."""
    angle = rng.uniform(0, 2 * np.pi)
    strength = rng.uniform(0.0, 0.15)
    yy, xx = np.mgrid[0:FRAME_H, 0:FRAME_W].astype(np.float32)
    ramp = ((xx / FRAME_W - 0.5) * np.cos(angle) + (yy / FRAME_H - 0.5) * np.sin(angle))
    return np.asarray(image * (1 + strength * ramp)[..., None], dtype=np.float32)


def frame(subject: str, capture_number: int, poor: bool, fault: str | None = None) -> Colour:
    """640 x 480 BGR: the subject (background tint, framing), the pose (slight yaw and roll)
    and the lighting vary; the sitter does not.

    ``fault`` is a content fault of the simulator ("no_face", "two_faces", "eyes_closed");
    ``poor`` makes the frame dark and blurred.
    """
    subject_rng = np.random.default_rng(seed_of("face", subject))
    rng = np.random.default_rng(seed_of("face", subject, capture_number))
    tint = subject_rng.integers(150, 235, 3)
    canvas = np.empty((FRAME_H, FRAME_W, 3), np.uint8)
    canvas[:] = tint.astype(np.uint8)
    scale = rng.uniform(1.05, 1.2)
    sitter = _closed_eyes_portrait() if fault == "eyes_closed" else _portrait()
    portrait = _pose(np.asarray(cv2.resize(sitter, None, fx=scale, fy=scale,
                                           interpolation=cv2.INTER_CUBIC), dtype=np.uint8), rng)
    ph, pw = portrait.shape[:2]
    x = int((FRAME_W - pw) / 2 + rng.uniform(-25, 25))
    y = int(FRAME_H - ph + rng.uniform(0, 30))
    if poor and rng.random() < 0.5:
        x += int(FRAME_W * 0.33)  # the citizen leans out of the frame
    if fault == "two_faces":
        # Someone behind the citizen, smaller and to one side; the citizen moves over.
        other = np.asarray(cv2.resize(_portrait(), None, fx=0.7, fy=0.7,
                                      interpolation=cv2.INTER_AREA), dtype=np.uint8)
        _place(canvas, other, FRAME_W - other.shape[1], FRAME_H - other.shape[0])
        x -= int(FRAME_W * 0.22)
    if fault != "no_face":
        _place(canvas, portrait, x, y)
    image = _lighting(canvas.astype(np.float32) * rng.uniform(0.92, 1.08), rng)
    if poor:
        blurred = cv2.GaussianBlur(image, (0, 0), 6)  # motion blur in a dark room
        image = np.asarray(blurred, dtype=np.float32) * np.float32(0.45)
    image += rng.normal(0, 2.5, image.shape).astype(np.float32)
    return np.asarray(np.clip(image, 0, 255), dtype=np.uint8)


def _place(canvas: Colour, picture: Colour, x: int, y: int) -> None:
    ph, pw = picture.shape[:2]
    xs, ys, xe, ye = max(0, x), max(0, y), min(FRAME_W, x + pw), min(FRAME_H, y + ph)
    canvas[ys:ye, xs:xe] = picture[ys - y:ye - y, xs - x:xe - x]
