"""Synthetic camera frames: a public-domain portrait cut out of its studio backdrop and placed,
head and shoulders, on a plain tinted background with per-subject variation.

Ordinary frames meet the ICAO 9303 geometry at 640 x 480 (inter-eye distance about 100-110
px, eyes centred, eye line at about 55 % of the height from the bottom, pose within ±2°), so
the live checks pass them. ``pose=(yaw, pitch, roll)`` turns the head by known angles for
labelled sets: yaw and pitch turn the head as a cylinder, which moves the features across the
face while the outline stays nearly put, as on a real turned head.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from device_simulators.synthetic import seed_of

Colour = npt.NDArray[np.uint8]
Floats = npt.NDArray[np.float32]
FRAME_W, FRAME_H = 640, 480
PORTRAIT = Path(__file__).resolve().parents[2] / "resources" / "simulator" / "portraits" / (
    "eileen-collins.jpg")

# Measured by hand on the portrait (300 x 400): pupil centres (image left, image right) and
# the ellipse round the head (hair included, its top on the crown) that the pose warp turns.
EYES = ((129.4, 100.6), (173.8, 102.5))
HEAD_CENTRE, HEAD_AXES = (154.0, 100.0), (78.0, 84.0)
NATIVE_ROLL = float(np.degrees(np.arctan2(EYES[1][1] - EYES[0][1], EYES[1][0] - EYES[0][0])))

ORDINARY_POSE_DEG = 2.0  # ordinary frames stay within this of frontal
EYE_LINE_Y = 0.46  # of the frame height from the top (54 % from the bottom)
SCALE = (2.15, 2.4)  # portrait to frame: IED 95-107 px
NOISE_SIGMA = 2.5
# The live preview: the sitter holds one pose for SITTING_FRAMES frames (1.6 s at 25 frames a
# second), then shifts a little; in the first sitting they look aside while sitting down.
SITTING_FRAMES = 40
SITTING_DOWN_POSE = (20.0, 0.0, 0.0)  # yaw, pitch, roll
SITTINGS = 50  # distinct sittings before they repeat


@lru_cache(maxsize=1)
def _portrait() -> Colour:
    image = cv2.imread(str(PORTRAIT), cv2.IMREAD_COLOR)
    if image is None:
        raise FileNotFoundError(f"simulator portrait missing: {PORTRAIT}")
    return np.asarray(image, dtype=np.uint8)


def _closed_eyes(portrait: Colour) -> Colour:
    """The sitter blinking: eyelid skin over each eye, and a dark lash line."""
    closed = portrait.copy()
    half_w, half_h = 13, 7
    for x, y in EYES:
        centre = (round(x), round(y))
        # Eyelid skin: the median colour of the band just under the eye, feathered in.
        band = portrait[centre[1] + half_h + 2:centre[1] + half_h + 8,
                        centre[0] - half_w // 2:centre[0] + half_w // 2]
        lid = np.median(band.reshape(-1, 3), axis=0)
        outline = np.zeros(portrait.shape[:2], np.float32)
        cv2.ellipse(outline, centre, (half_w, half_h), 0, 0, 360, 1.0, -1)
        mask = np.asarray(cv2.GaussianBlur(outline, (0, 0), 2), dtype=np.float32)[..., None]
        closed[:] = (closed * (1 - mask) + lid * mask).astype(np.uint8)
        cv2.ellipse(closed, (centre[0], centre[1] + 1), (half_w - 2, 2), 0, 0, 180,
                    (60, 60, 80), 1, cv2.LINE_AA)  # the lash line of a closed lid
    return closed


def _cutout_alpha(portrait: Colour) -> Colour:
    """The sitter's silhouette: the studio backdrop is light and nearly grey, the sitter
    coloured (skin, hair, suit) or dark (collar); holes are filled, specks dropped."""
    hsv = cv2.cvtColor(portrait, cv2.COLOR_BGR2HSV)
    sitter = ((hsv[..., 1] > 45) | (hsv[..., 2] < 120)).astype(np.uint8)
    sitter[:235, :28] = 0  # the flag behind her shoulder belongs to the backdrop
    sitter = np.asarray(cv2.morphologyEx(sitter, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8)),
                        dtype=np.uint8)
    sitter = np.asarray(cv2.morphologyEx(sitter, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)),
                        dtype=np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(sitter)
    largest = 1 + int(np.argmax(stats[1:count, cv2.CC_STAT_AREA]))
    outside = np.pad((labels != largest).astype(np.uint8), 1, constant_values=1)
    flood = np.zeros((outside.shape[0] + 2, outside.shape[1] + 2), np.uint8)
    cv2.floodFill(outside, flood, (0, 0), 2)
    solid = (outside[1:-1, 1:-1] != 2).astype(np.float32)
    return np.asarray(np.clip(cv2.GaussianBlur(solid, (0, 0), 0.8) * 255, 0, 255),
                      dtype=np.uint8)


@lru_cache(maxsize=2)
def _sitter(closed_eyes: bool) -> Colour:
    """BGRA: the portrait (eyes open or closed) with its cut-out as alpha."""
    portrait = _portrait()
    colour = _closed_eyes(portrait) if closed_eyes else portrait
    return np.dstack([colour, _cutout_alpha(portrait)])


def _turn(sitter: Colour, yaw: float, pitch: float) -> Colour:
    """Turn the head ellipse as a cylinder: a point at angle θ round it shows at θ + yaw
    (features move towards image right for yaw > 0) and, per column, the same vertically
    (features move up for pitch > 0, the chin raised). The outline stays nearly put."""
    if yaw == 0 and pitch == 0:
        return sitter
    cx, cy = HEAD_CENTRE
    a, b = HEAD_AXES
    x0, y0 = int(cx - a), int(cy - b)
    ys, xs = np.mgrid[y0:int(cy + b) + 1, x0:int(cx + a) + 1].astype(np.float32)
    u, v = (xs - cx) / a, (ys - cy) / b
    inside = u * u + v * v < 0.999
    src_x = _around(xs - cx, a * np.sqrt(np.clip(1 - v * v, 1e-6, 1)), -np.radians(yaw)) + cx
    u_src = (src_x - cx) / a
    src_y = _around(ys - cy, b * np.sqrt(np.clip(1 - u_src * u_src, 1e-6, 1)),
                    np.radians(pitch)) + cy
    map_x = np.where(inside, src_x, xs).astype(np.float32)
    map_y = np.where(inside, src_y, ys).astype(np.float32)
    turned = sitter.copy()
    turned[y0:y0 + xs.shape[0], x0:x0 + xs.shape[1]] = cv2.remap(
        sitter, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return turned


def _around(offset: Floats, radius: Floats, angle: float) -> Floats:
    """Where on a cylinder of ``radius`` the point seen at ``offset`` from its axis came
    from, when the cylinder turned by ``-angle``; the far side shows the rim."""
    seen = np.arcsin(np.clip(offset / radius, -1, 1))
    return np.asarray(radius * np.sin(np.clip(seen + angle, -np.pi / 2, np.pi / 2)),
                      dtype=np.float32)


def _placement(scale: float, roll: float, eye_mid: tuple[float, float]) -> Floats:
    """Portrait to frame: scaled, rolled about the eye midpoint (the sitter's own tilt taken
    out so roll 0 is a level eye line), the eye midpoint landing on ``eye_mid``."""
    mid = ((EYES[0][0] + EYES[1][0]) / 2, (EYES[0][1] + EYES[1][1]) / 2)
    # getRotationMatrix2D turns anticlockwise on screen for positive angles; roll > 0 is
    # clockwise on screen (the image-right eye lower).
    matrix = cv2.getRotationMatrix2D(mid, NATIVE_ROLL - roll, scale)
    matrix[:, 2] += np.array(eye_mid) - np.array(mid)
    return np.asarray(matrix, dtype=np.float32)


def _composite(canvas: Floats, sitter: Colour, matrix: Floats) -> None:
    placed = cv2.warpAffine(sitter, matrix, (FRAME_W, FRAME_H), flags=cv2.INTER_LINEAR,
                            borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0, 0))
    alpha = placed[..., 3:].astype(np.float32) * np.float32(1 / 255)
    canvas *= 1 - alpha
    canvas += placed[..., :3].astype(np.float32) * alpha


@lru_cache(maxsize=1)
def _grid() -> tuple[Floats, Floats]:
    yy, xx = np.mgrid[0:FRAME_H, 0:FRAME_W].astype(np.float32)
    return xx / FRAME_W - 0.5, yy / FRAME_H - 0.5


def _lighting(image: Floats, rng: np.random.Generator) -> Floats:
    """Light from one side: a gentle gradient across the frame in a random direction."""
    angle = rng.uniform(0, 2 * np.pi)
    strength = rng.uniform(0.0, 0.15)
    xx, yy = _grid()
    ramp = 1 + strength * (xx * np.float32(np.cos(angle)) + yy * np.float32(np.sin(angle)))
    image *= ramp[..., None]
    return image


@lru_cache(maxsize=1)
def _noise_bank() -> Floats:
    """Sensor noise drawn once; each frame takes a window at a random offset (drawing 0.9 M
    normals per frame would take most of the frame budget)."""
    rng = np.random.default_rng(seed_of("face", "noise"))
    return rng.normal(0, NOISE_SIGMA, (FRAME_H + 64, FRAME_W + 64, 3)).astype(np.float32)


@dataclass(frozen=True)
class _Layout:
    """What varies from frame to frame besides lighting and noise."""

    pose: tuple[float, float, float]  # yaw, pitch, roll in degrees
    scale: float
    eye_mid: tuple[float, float]


def _layout(subject: str, capture_number: int, poor: bool,
            pose: tuple[float, float, float] | None
            ) -> tuple[_Layout, npt.NDArray[np.float32], np.random.Generator]:
    """The frame's layout, the subject's background tint and the generator for the rest."""
    subject_rng = np.random.default_rng(seed_of("face", subject))
    rng = np.random.default_rng(seed_of("face", subject, capture_number))
    tint = subject_rng.integers(150, 235, 3).astype(np.float32)
    jitter = rng.uniform(-ORDINARY_POSE_DEG, ORDINARY_POSE_DEG, 3)
    chosen = pose if pose is not None else jitter
    scale = float(rng.uniform(*SCALE))
    eye_x = FRAME_W / 2 + float(rng.uniform(-12, 12))
    eye_y = FRAME_H * EYE_LINE_Y + float(rng.uniform(-4, 4))  # the crown stays in view
    if poor and rng.random() < 0.5:
        eye_x += FRAME_W * 0.33  # the citizen leans out of the frame
    yaw, pitch, roll = (float(v) for v in chosen)
    return _Layout((yaw, pitch, roll), scale, (eye_x, eye_y)), tint, rng


def frame(subject: str, capture_number: int, poor: bool, fault: str | None = None,
          pose: tuple[float, float, float] | None = None) -> Colour:
    """640 x 480 BGR: the subject (background tint), the framing, the pose and the lighting
    vary; the sitter does not.

    ``fault`` is a content fault of the simulator ("no_face", "two_faces", "eyes_closed",
    "busy_background"); ``poor`` makes the frame dark and blurred. ``pose`` is (yaw, pitch,
    roll) in degrees: yaw > 0 turns the face towards image right, pitch > 0 raises the chin,
    roll > 0 tilts the head clockwise on screen; without it the pose is random within ±2°.
    """
    layout, tint, rng = _layout(subject, capture_number, poor, pose)
    yaw, pitch, roll = layout.pose
    canvas = np.empty((FRAME_H, FRAME_W, 3), np.float32)
    canvas[:] = tint
    if fault == "busy_background":
        _clutter(canvas, np.random.default_rng(seed_of("face", "clutter", subject)))
    if fault == "two_faces":
        # Someone behind the citizen, farther away and to one side.
        _composite(canvas, _sitter(False), _placement(OTHER_SCALE, 0.0, OTHER_EYES))
    if fault != "no_face":
        sitter = _turn(_sitter(fault == "eyes_closed"), yaw, pitch)
        _composite(canvas, sitter, _placement(layout.scale, roll, layout.eye_mid))
    image = _lighting(canvas * np.float32(rng.uniform(0.92, 1.08)), rng)
    if poor:
        blurred = cv2.GaussianBlur(image, (0, 0), 6)  # motion blur in a dark room
        image = np.asarray(blurred, dtype=np.float32) * np.float32(0.45)
    dy, dx = (int(v) for v in rng.integers(0, 64, 2))
    image += _noise_bank()[dy:dy + FRAME_H, dx:dx + FRAME_W]
    return np.asarray(np.clip(image, 0, 255), dtype=np.uint8)


OTHER_SCALE, OTHER_EYES = 1.3, (FRAME_W - 78.0, 160.0)  # IED 58 px, clear of the citizen


def preview_frame(subject: str, n: int) -> Colour:
    """Frame ``n`` of a live preview of ``subject`` as a clerk sees them: first turned aside
    while sitting down, then holding each pose for SITTING_FRAMES frames before shifting a
    little, so a steady run of good frames, which auto-capture waits for, happens as it
    would at a counter. Every simulated camera's preview shows this; the frames of a sitting
    are one shared array, not to be written to."""
    return _sitting(subject, n // SITTING_FRAMES)


@lru_cache(maxsize=4)
def _sitting(subject: str, sitting: int) -> Colour:
    """One picture per sitting: the sitter holds still."""
    pose = SITTING_DOWN_POSE if sitting == 0 else None
    return frame(subject, 10_000 + sitting % SITTINGS, False, pose=pose)


def _clutter(canvas: Floats, rng: np.random.Generator) -> None:
    """A busy room behind the citizen: shelves, posters and boxes of every colour."""
    for _ in range(60):
        x, y = (int(v) for v in rng.integers(0, (FRAME_W, FRAME_H)))
        w, h = (int(v) for v in rng.integers(12, 90, 2))
        colour = tuple(float(v) for v in rng.integers(20, 250, 3))
        cv2.rectangle(canvas, (x, y), (x + w, y + h), colour, -1)
    for y in range(0, FRAME_H, 37):  # shelf edges
        cv2.line(canvas, (0, y), (FRAME_W, y), (40.0, 50.0, 60.0), 3)


def eye_centres(subject: str, capture_number: int,
                pose: tuple[float, float, float] | None = None
                ) -> tuple[tuple[float, float], tuple[float, float]]:
    """Where the pupils land in ``frame(subject, capture_number, False, pose=pose)``: the
    ground truth for the eye finder (image-left eye first)."""
    layout, _tint, _rng = _layout(subject, capture_number, False, pose)
    yaw, pitch, roll = layout.pose
    matrix = _placement(layout.scale, roll, layout.eye_mid)
    placed = []
    for x, y in EYES:
        tx, ty = _turned_point(x, y, yaw, pitch)
        placed.append((float(matrix[0, 0] * tx + matrix[0, 1] * ty + matrix[0, 2]),
                       float(matrix[1, 0] * tx + matrix[1, 1] * ty + matrix[1, 2])))
    return placed[0], placed[1]


def _turned_point(x: float, y: float, yaw: float, pitch: float) -> tuple[float, float]:
    """Where ``_turn`` moves a portrait point: the inverse of its maps (pitch runs on the
    source column, yaw on the output row)."""
    cx, cy = HEAD_CENTRE
    a, b = HEAD_AXES
    u = (x - cx) / a
    reach = b * np.sqrt(max(1e-6, 1 - u * u))
    seen = np.arcsin(np.clip((y - cy) / reach, -1, 1)) - np.radians(pitch)
    out_y = cy + reach * np.sin(seen)
    v = (out_y - cy) / b
    reach = a * np.sqrt(max(1e-6, 1 - v * v))
    seen = np.arcsin(np.clip((x - cx) / reach, -1, 1)) + np.radians(yaw)
    return float(cx + reach * np.sin(seen)), float(out_y)
