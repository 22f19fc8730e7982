"""Synthetic fingerprints (after the SFinGe method, reference/biometrics.md §2.2).

A master print per (subject, finger): a fingertip mask, an orientation field from a
zero-pole model of cores and deltas, and ridges grown from noise by repeated oriented
Gabor filtering (minutiae appear where ridge fronts meet). Impressions add pressure and contact
area, shift, non-linear skin stretch and sensor noise; slaps place four (or two)
impressions the way a hand lands on a platen. docs/fingerprint-realism.md measures the result
with NIST's NFIQ 2 and bozorth3.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np
import numpy.typing as npt

from device_simulators.synthetic import seed_of
from kiosk.devices.base import SLAP_FINGERS, Finger

Grey = npt.NDArray[np.uint8]
FINGER_W, FINGER_H = 240, 330  # pixels at 500 ppi: about 12 x 17 mm
RIDGE_PERIOD = 9.0  # pixels at 500 ppi
ORIENTATION_BINS = 16


@dataclass(frozen=True)
class PlacedFinger:
    """Ground truth for one finger in a slap: where it is, for segmentation tests."""

    finger: Finger
    box: tuple[int, int, int, int]  # x, y, width, height
    rotation_deg: float


def _smooth_field(rng: np.random.Generator, cells: tuple[int, int],
                  shape: tuple[int, int] = (FINGER_H, FINGER_W)) -> npt.NDArray[np.float32]:
    """Unit-variance noise on a coarse grid (rows, columns), interpolated over the finger:
    something that changes over millimetres, as pressure and skin stretch do."""
    coarse = rng.standard_normal(cells).astype(np.float32)
    return np.asarray(cv2.resize(coarse, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC),
                      dtype=np.float32)


def _mask(rng: np.random.Generator) -> npt.NDArray[np.float32]:
    """A fingertip: rounded top, straighter sides, soft edge."""
    h, w = FINGER_H, FINGER_W
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a = w / 2 * rng.uniform(0.86, 0.96)
    b = h * rng.uniform(0.52, 0.6)
    top = ((xx - w / 2) / a) ** 2 + ((yy - b) / b) ** 2 <= 1.0
    body = (np.abs(xx - w / 2) <= a * 0.98) & (yy >= b)
    mask = (top | body).astype(np.float32)
    return np.asarray(cv2.GaussianBlur(mask, (0, 0), 4), dtype=np.float32)


def _orientation(rng: np.random.Generator) -> npt.NDArray[np.float32]:
    """Zero-pole model: theta = (sum of loop angles - sum of delta angles) / 2, with the
    singular points placed at random and a slow random bend on top. Real fields stray from the
    model; without the bend and the spread, loops of one class look alike to a matcher
    (impostor bozorth3 scores of 40 or more: 4.4 % before, 0.35 % after; see
    docs/fingerprint-realism.md)."""
    h, w = FINGER_H, FINGER_W
    kind = rng.choice(["loop_left", "loop_right", "whorl", "arch"], p=[0.33, 0.33, 0.26, 0.08])
    cx, cy = w * rng.uniform(0.4, 0.6), h * rng.uniform(0.36, 0.52)
    dx, dy = w * rng.uniform(0.2, 0.4), h * rng.uniform(0.2, 0.36)  # core to delta
    loops: list[complex] = []
    deltas: list[complex] = []
    if kind == "loop_left":
        loops, deltas = [complex(cx, cy)], [complex(cx + dx, cy + dy)]
    elif kind == "loop_right":
        loops, deltas = [complex(cx, cy)], [complex(cx - dx, cy + dy)]
    elif kind == "whorl":
        sx, sy = rng.uniform(-14, 14), rng.uniform(6, 16)
        loops = [complex(cx - sx, cy - sy), complex(cx + sx, cy + sy)]
        deltas = [complex(cx - dx * rng.uniform(1, 1.3), cy + dy),
                  complex(cx + dx * rng.uniform(1, 1.3), cy + dy * rng.uniform(0.8, 1.2))]
    else:  # arch: a loop-delta pair below the print bends the ridges into an arch
        loops, deltas = [complex(cx, h * rng.uniform(1.05, 1.2))], [complex(cx, h * 1.3)]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    z = xx + 1j * yy
    theta = np.zeros((h, w))
    for loop in loops:
        theta += np.angle(z - loop)
    for delta in deltas:
        theta -= np.angle(z - delta)
    bend = 0.25 * _smooth_field(rng, (3, 3))  # radians, over a few millimetres
    return (0.5 * theta + bend).astype(np.float32) % np.float32(np.pi)


@lru_cache(maxsize=1)
def _gabor_bank() -> list[npt.NDArray[np.float32]]:
    sigma = 3.2
    size = int(RIDGE_PERIOD * 2) | 1
    kernels = []
    for k in range(ORIENTATION_BINS):
        angle = np.pi * k / ORIENTATION_BINS
        # theta in OpenCV is the normal to the stripes; ridges run along ``angle``.
        kernel = cv2.getGaborKernel((size, size), sigma, angle + np.pi / 2, RIDGE_PERIOD, 1.0, 0)
        kernel -= kernel.mean()
        kernels.append((kernel / np.abs(kernel).sum()).astype(np.float32))
    return kernels


def _grow_ridges(theta: npt.NDArray[np.float32], rng: np.random.Generator,
                 iterations: int = 5) -> npt.NDArray[np.float32]:
    image = rng.standard_normal(theta.shape).astype(np.float32)
    bins = np.round(theta / np.pi * ORIENTATION_BINS).astype(np.int32) % ORIENTATION_BINS
    masks = [(bins == k) for k in range(ORIENTATION_BINS)]
    kernels = _gabor_bank()
    for _ in range(iterations):
        out = np.zeros_like(image)
        for k, kernel in enumerate(kernels):
            if masks[k].any():
                filtered = cv2.filter2D(image, cv2.CV_32F, kernel)
                out[masks[k]] = filtered[masks[k]]
        image = np.tanh(out / (out.std() + 1e-6) * 1.5)
    return image


@lru_cache(maxsize=64)
def master_print(subject: str, finger: Finger) -> Grey:
    """The finger itself: the same (subject, finger) always gives the same ridges."""
    rng = np.random.default_rng(seed_of("finger", subject, finger.value))
    ridges = _grow_ridges(_orientation(rng), rng)
    mask = _mask(rng)
    # Dark ridges on a light background, as a scanner shows them.
    image = 255.0 - mask * (ridges * 0.5 + 0.5) * 200.0
    return np.clip(image, 0, 255).astype(np.uint8)


def _press(master: Grey, rng: np.random.Generator) -> npt.NDArray[np.float32]:
    """Pressure: ridges widen where the finger presses hard and thin where it barely touches;
    a lighter touch leaves more of the fingertip's rim out of contact."""
    image = master.astype(np.float32)
    h, w = image.shape
    # Blend up to halfway towards a 3 x 3 erosion (hard) or dilation (light), varying over the
    # finger around a per-touch level.
    level = np.clip(0.6 * _smooth_field(rng, (3, 2), (h, w)) + rng.uniform(-0.5, 0.5), -1, 1)
    pressure = 0.5 * level
    kernel = np.ones((3, 3), np.uint8)
    hard = np.asarray(cv2.erode(image, kernel), dtype=np.float32)  # dark ridges spread
    light = np.asarray(cv2.dilate(image, kernel), dtype=np.float32)
    image = np.where(pressure > 0, image + (hard - image) * pressure,
                     image - (light - image) * pressure)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a, b = w * rng.uniform(0.48, 0.6), h * rng.uniform(0.48, 0.6)
    ellipse = ((xx - w / 2) / a) ** 2 + ((yy - h * 0.47) / b) ** 2
    contact = np.clip((1 - ellipse) * 4, 0, 1)
    return np.asarray(255 - (255 - image) * contact, dtype=np.float32)


def _land(image: npt.NDArray[np.float32], rng: np.random.Generator) -> npt.NDArray[np.float32]:
    """Where the finger lands in its frame, the skin stretched the more the farther it is from
    the centre of contact (after the distortion model of Cappelli, Maio and Maltoni). Turning
    is left to whoever places the frame (slap(), the single-finger scanner), so their recorded
    angle stays the finger's true one."""
    h, w = image.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    tx, ty = rng.uniform(-5, 5, 2)
    cx, cy = w / 2 + rng.uniform(-15, 15), h * 0.45 + rng.uniform(-20, 20)
    reach = np.hypot((xx - cx) / (w / 2), (yy - cy) / (h / 2))
    stretch = 2.0 * np.clip((reach - 0.25) / 0.6, 0, 1) ** 1.5  # pixels, none where pressed
    map_x = xx - tx + stretch * _smooth_field(rng, (4, 3), (h, w))
    map_y = yy - ty + stretch * _smooth_field(rng, (4, 3), (h, w))
    landed = cv2.remap(image, map_x.astype(np.float32), map_y.astype(np.float32),
                       cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255)
    return np.asarray(landed, dtype=np.float32)


def _smudge(image: npt.NDArray[np.float32], rng: np.random.Generator
            ) -> npt.NDArray[np.float32]:
    """A poor touch: smeared, washed out (a dry finger pressed lightly), patches lifted off
    the platen, dry skin breaking the ridges, and the sensor's noise through the faint ridges."""
    image = np.asarray(cv2.GaussianBlur(image, (0, 0), 1.8), dtype=np.float32)
    image = 255 - (255 - image) * 0.45
    lifted = np.clip(3 * (_smooth_field(rng, (5, 4), image.shape) - 0.3), 0, 1)
    image += (255 - image) * lifted
    # Dry-skin flecks a few pixels across: unlike pixel noise they survive the resampling of a
    # turned capture, which otherwise lifts a smudge's NFIQ 2 back to a good print's.
    flecks = cv2.GaussianBlur(rng.standard_normal(image.shape).astype(np.float32), (0, 0), 1.5)
    image += (255 - image) * np.clip((flecks / (flecks.std() + 1e-6) - 1.5) * 2, 0, 1)
    return image + rng.normal(0, 8, image.shape).astype(np.float32)


def impression(master: Grey, rng: np.random.Generator, poor: bool) -> Grey:
    """One touch of the finger: pressure and contact, placement and skin stretch, sensor noise;
    ``poor`` smudges and washes it out (NFIQ 2 figures: docs/fingerprint-realism.md)."""
    image = _land(_press(master, rng), rng)
    if poor:
        image = _smudge(image, rng)
    image += rng.normal(0, 6, image.shape).astype(np.float32)
    return np.clip(image, 0, 255).astype(np.uint8)


def _paste(canvas: npt.NDArray[np.float32], finger: Grey, centre: tuple[float, float],
           angle: float) -> tuple[int, int, int, int]:
    h, w = finger.shape
    big = max(h, w) + 40
    pad = np.full((big, big), 255, np.uint8)
    pad[(big - h) // 2:(big - h) // 2 + h, (big - w) // 2:(big - w) // 2 + w] = finger
    rotation = cv2.getRotationMatrix2D((big / 2, big / 2), angle, 1.0)
    rotated = cv2.warpAffine(pad, rotation, (big, big), borderValue=255)
    x0, y0 = int(centre[0] - big / 2), int(centre[1] - big / 2)
    ch, cw = canvas.shape
    xs, ys = max(0, x0), max(0, y0)
    xe, ye = min(cw, x0 + big), min(ch, y0 + big)
    region = rotated[ys - y0:ye - y0, xs - x0:xe - x0].astype(np.float32)
    canvas[ys:ye, xs:xe] = np.minimum(canvas[ys:ye, xs:xe], region)
    return (int(centre[0] - w / 2), int(centre[1] - h / 2), w, h)


HANDS = {slap.value: fingers for slap, fingers in SLAP_FINGERS.items()}  # left to right
# Fingertips of a four-finger slap, left to right, as a fraction of the canvas (little finger
# lowest, middle finger highest).
_FOUR_HEIGHTS = {"left_four": (0.62, 0.44, 0.36, 0.45), "right_four": (0.45, 0.36, 0.44, 0.62)}


def slap(subject: str, which: str, capture_number: int, poor: bool) -> tuple[Grey,
                                                                             list[PlacedFinger]]:
    """A four-finger (1600 x 1000) or two-thumb (1600 x 1000) slap at 500 ppi."""
    rng = np.random.default_rng(seed_of("slap", subject, which, capture_number))
    fingers = HANDS[which]
    canvas = np.full((1000, 1600), 255.0, np.float32)
    tilt = {"left_four": -18.0, "right_four": 18.0, "thumbs": 0.0}[which] + rng.uniform(-4, 4)
    missing = rng.integers(len(fingers)) if poor and rng.random() < 0.5 else -1
    placed = []
    for index, finger in enumerate(fingers):
        if index == missing:
            continue
        if which == "thumbs":
            x = 1600 * (0.3 + 0.4 * index) + rng.uniform(-30, 30)
            y = 1000 * 0.5 + rng.uniform(-40, 40)
            angle = (-1 if index == 0 else 1) * rng.uniform(8, 20)
        else:
            x = 1600 * (0.16 + 0.226 * index) + rng.uniform(-15, 15)
            y = 1000 * _FOUR_HEIGHTS[which][index] + rng.uniform(-25, 25)
            angle = tilt + rng.uniform(-5, 5)
        touch = impression(master_print(subject, finger), rng, poor)
        box = _paste(canvas, touch, (x, y), angle)
        placed.append(PlacedFinger(finger, box, angle))
    return np.clip(canvas, 0, 255).astype(np.uint8), placed
