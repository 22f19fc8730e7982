"""Face checks on every live frame after ICAO Doc 9303 and ISO/IEC 19794-5: one face, eyes
open, head pose, framing (centring, eye line, head size, inter-eye distance) and the capture
itself (exposure, contrast, sharpness, plain background, no glare). Each check comes back
with a 0-100 score (50 is the pass line), a verdict and, when it fails, what the clerk should
ask of the citizen in Vietnamese. kiosk/biometrics/autocapture.py takes the best frame of a
steady run of passing frames; kiosk/biometrics/portrait.py crops the card portrait from the
eye centres found here.

Method (reference/biometrics.md §3.3, with OpenCV's bundled Haar cascades instead of the
neural detectors, which we cannot ship offline), about 10 ms per 640 x 480 frame on one core:

- the face is found on a 1/4 image (again on the image turned ±15° when a tilted head is
  missed); the eyes are searched only in the upper face, resampled to a fixed face width,
  and each eye centre is refined to the dark iris inside its box;
- roll is the angle of the eye line; yaw and pitch come from where the eyes sit inside the
  head's outline against the plain background (a turned head moves its features across the
  face while its outline hardly moves): yaw from the eye midpoint against the outline's
  centre at eye height, pitch from the eye line's depth below the crown, both scaled by the
  outline's half-width. The gains are calibrated on generated frames of known pose
  (benchmarks/face_checks.py); a real camera and real sitters need their own calibration;
- on a busy background, or with a second person in view, the outline cannot be trusted:
  yaw and pitch are then not measured (the background or single-face check says why);
- exposure, contrast and sharpness are measured on the inner face (eyes to mouth), each
  independent of the overall gain so a dim frame is called dark, not also blurred or flat;
  the background on a band beside and above the head; glare as saturated white blobs
  round the eyes.

Pose limits, centring, eye line and inter-eye distance are the standards' (ISO/IEC 19794-5
§7.2.2: yaw and pitch ±5°, roll ±8°; Doc 9303: eye midpoint 0.45-0.55 of the width, eye line
50-70 % of the height from the bottom, about 90 px between the eyes). The other bars are
ours, set on the labelled set of benchmarks/face_checks.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.biometrics.cascades import EYE, FACE_ALT2, detect

Colour = npt.NDArray[np.uint8]
Grey = npt.NDArray[np.uint8]
Point = tuple[float, float]
Box = tuple[int, int, int, int]  # x, y, width, height

# The standards' limits.
MAX_YAW_DEG = 5.0
MAX_PITCH_DEG = 5.0
MAX_ROLL_DEG = 8.0
MIN_IED_PX = 90.0
CENTRE_X = (0.45, 0.55)  # eye midpoint, fraction of the width
EYE_LINE = (0.50, 0.70)  # eye line, fraction of the height from the bottom
# Our bars, set on the labelled set (MIN_* pass, GOOD_* scores 100).
HEAD_SIZE = (0.25, 0.60)  # face box height / frame height; above 0.6 the chin or crown is cut
EXPOSURE = (65.0, 215.0)  # mean grey of the inner face
MIN_CONTRAST, GOOD_CONTRAST = 0.16, 0.35  # (p95 - p5) / (p95 + p5) of the inner face
MIN_SHARPNESS, GOOD_SHARPNESS = 0.125, 0.16  # fine detail / grey std, inner face at 96 x 96
MAX_BACKGROUND = 0.15  # share of the band beside the head with texture or edges
TEXTURE = 3.0  # grey levels per pixel (1/4 image) that count as texture
MAX_GLARE = 0.012  # largest saturated blob round the eyes, in IED²
SATURATED = 245
MIN_OPENNESS, GOOD_OPENNESS = 0.25, 0.45  # iris darkness against the face's grey spread

# Pose from the outline: offset - YAW_ZERO = YAW_SCALE · sin(yaw), PITCH_ZERO - depth =
# PITCH_SCALE · sin(pitch); fitted on generated frames of known pose (the benchmark prints
# the fit: benchmarks/face_checks.py).
YAW_ZERO, YAW_SCALE = -0.0098, 0.668
PITCH_ZERO, PITCH_SCALE = 1.201, 1.400
EDGE = 0.5  # the outline is where the colour has gone this far from background to head
OUTLINE_NOISE = 10.0  # colour step (max over channels) that is more than sensor noise

DETECT_SCALE = 4  # faces are found on a 1/4 image (160 x 120 for 640 x 480)
MIN_FACE_PX = 24  # the cascade's window on that image: a face of 96 px at full size
EYE_FACE_WIDTH = 100  # the upper face is resampled to this width for the eye search
# Where the eyes sit in a frontal Haar face box (measured on generated frames): the fallback
# when the eye cascade misses them, so framing can still be judged.
BOX_EYES = ((0.28, 0.37), (0.73, 0.37))
RETRY_ROLL_DEG = (15.0, -15.0)  # a tilted head the upright cascade misses

ADVICE = {
    "no_face": "Không thấy khuôn mặt: đề nghị công dân nhìn thẳng vào camera, không che mặt.",
    "faces": "Có nhiều khuôn mặt trong khung hình: chỉ để công dân ngồi trước camera.",
    "eyes": "Không thấy rõ hai mắt: đề nghị công dân mở mắt tự nhiên, bỏ kính râm, vén tóc "
            "khỏi mắt.",
    "yaw-": "Đầu đang quay sang trái: đề nghị công dân nhìn thẳng vào camera.",
    "yaw+": "Đầu đang quay sang phải: đề nghị công dân nhìn thẳng vào camera.",
    "pitch+": "Công dân đang ngẩng đầu: đề nghị cúi đầu xuống một chút.",
    "pitch-": "Công dân đang cúi đầu: đề nghị ngẩng đầu lên, nhìn thẳng vào camera.",
    "roll-": "Đầu đang nghiêng sang trái: đề nghị công dân giữ đầu thẳng, hai mắt ngang nhau.",
    "roll+": "Đầu đang nghiêng sang phải: đề nghị công dân giữ đầu thẳng, hai mắt ngang nhau.",
    "centring-": "Khuôn mặt lệch sang trái khung hình: đề nghị công dân ngồi dịch vào chính "
                 "giữa.",
    "centring+": "Khuôn mặt lệch sang phải khung hình: đề nghị công dân ngồi dịch vào chính "
                 "giữa.",
    "eye_line-": "Khuôn mặt nằm quá thấp trong khung hình: hạ camera xuống hoặc nâng ghế lên.",
    "eye_line+": "Khuôn mặt nằm quá cao trong khung hình: nâng camera lên hoặc hạ ghế xuống.",
    "head_size-": "Khuôn mặt quá nhỏ: đề nghị công dân ngồi gần camera hơn.",
    "head_size+": "Khuôn mặt quá gần: đề nghị công dân lùi ra xa camera một chút.",
    "inter_eye_distance": "Khuôn mặt quá nhỏ (hai mắt cách nhau {ied:.0f} px, cần ≥ "
                          "{least:.0f} px): đề nghị công dân ngồi gần camera hơn.",
    "exposure-": "Ảnh quá tối: bật thêm đèn hoặc chỉnh đèn chiếu vào mặt.",
    "exposure+": "Ảnh quá sáng: giảm đèn hoặc tránh ánh sáng chiếu thẳng vào mặt.",
    "contrast": "Ảnh thiếu tương phản: chỉnh đèn chiếu đều lên mặt, tránh ngược sáng.",
    "sharpness": "Ảnh bị mờ: đề nghị công dân ngồi yên; kiểm tra lấy nét camera rồi chụp lại.",
    "background": "Nền phía sau không trơn: dùng phông nền một màu, dọn đồ vật và người khỏi "
                  "phía sau.",
    "glare": "Có vệt lóa sáng trên mặt hoặc mắt kính: đề nghị bỏ kính hoặc chỉnh đèn cho hết "
             "lóa.",
}


@dataclass(frozen=True)
class FaceCheck:
    name: str
    score: int  # 0-100; 50 is the pass line
    passed: bool
    advice: str  # Vietnamese, for the clerk; empty when passed
    value: float = 0.0  # the raw measure (degrees, pixels, ratio) behind the score


@dataclass(frozen=True)
class Pose:
    """Degrees. yaw > 0: face turned towards image right; pitch > 0: chin raised; roll > 0:
    head tilted clockwise on screen. Yaw and pitch are None when the outline is unusable."""

    yaw: float | None
    pitch: float | None
    roll: float


# Which failed checks the clerk hears about first: who is in front of the camera, then the
# capture itself (a blurred or dark frame hides the eyes), the eyes, the pose, the framing.
FACE_ORDER = ("single_face", "sharpness", "exposure", "eyes_open", "yaw", "pitch", "roll",
              "inter_eye_distance", "head_size", "centring", "eye_line", "contrast", "glare",
              "background")


@dataclass(frozen=True)
class FaceAnalysis:
    checks: tuple[FaceCheck, ...]
    faces: int
    face_box: Box | None  # the largest face, full-size pixels
    eyes: tuple[Point, Point] | None  # image-left eye, image-right eye (pupil centres)
    eyes_found: bool  # False: ``eyes`` are placed from the face box
    pose: Pose | None

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(check.passed for check in self.checks)

    @property
    def score(self) -> int:
        """Weakest link: a frame is as good as its worst check."""
        return min((check.score for check in self.checks), default=0)

    @property
    def failed(self) -> tuple[FaceCheck, ...]:
        return tuple(check for check in self.checks if not check.passed)

    @property
    def to_fix(self) -> tuple[FaceCheck, ...]:
        """The failed checks, what the clerk should fix first at the front."""
        return tuple(sorted(self.failed, key=lambda check: FACE_ORDER.index(check.name)
                            if check.name in FACE_ORDER else len(FACE_ORDER)))

    def check(self, name: str) -> FaceCheck | None:
        return next((check for check in self.checks if check.name == name), None)

    @property
    def inter_eye_distance(self) -> float:
        return 0.0 if self.eyes is None else eye_distance(self.eyes)


# -- scoring ---------------------------------------------------------------------------------
def _graded(name: str, value: float, ideal: float, limit: float, advice: str, *,
            shown: float | None = None) -> FaceCheck:
    """100 at ``ideal``, 50 at ``limit`` (the pass line), 0 as far beyond it; passed on the
    ideal side of the limit. ``shown`` is the raw value to report when ``value`` is derived."""
    closeness = (value - limit) / (ideal - limit)
    score = round(float(np.clip(50 + 50 * closeness, 0, 100)))
    passed = closeness >= 0
    return FaceCheck(name, score, passed, "" if passed else advice,
                     value if shown is None else shown)


def _within(name: str, value: float, span: tuple[float, float], advice_low: str,
            advice_high: str) -> FaceCheck:
    """Two-sided: 100 mid-span, 50 at either end."""
    middle, half = (span[0] + span[1]) / 2, (span[1] - span[0]) / 2
    advice = advice_low if value < middle else advice_high
    return _graded(name, abs(value - middle), 0.0, half, advice, shown=value)


def _signed(name: str, value: float, limit: float) -> FaceCheck:
    """A pose angle: 100 at 0°, 50 at the limit; the advice names the direction."""
    return _graded(name, abs(value), 0.0, limit, ADVICE[f"{name}{'+' if value > 0 else '-'}"],
                   shown=value)


# -- detection -------------------------------------------------------------------------------
def _faces(grey: Grey) -> list[Box]:
    """Faces on a 1/4 image, full-size boxes; a head tilted past the cascade's reach is
    looked for again on the image turned upright."""
    height, width = grey.shape
    small = np.asarray(cv2.resize(grey, (width // DETECT_SCALE, height // DETECT_SCALE),
                                  interpolation=cv2.INTER_AREA), dtype=np.uint8)
    found = _detect_faces(small)
    for angle in RETRY_ROLL_DEG:
        if found:
            break
        centre = (small.shape[1] / 2, small.shape[0] / 2)
        turn = cv2.getRotationMatrix2D(centre, angle, 1.0)
        upright = cv2.warpAffine(small, turn, small.shape[::-1], borderMode=cv2.BORDER_REPLICATE)
        back = np.asarray(cv2.invertAffineTransform(turn), dtype=np.float64)
        found = [_moved(box, back) for box in _detect_faces(np.asarray(upright, np.uint8))]
    return [(x * DETECT_SCALE, y * DETECT_SCALE, w * DETECT_SCALE, h * DETECT_SCALE)
            for x, y, w, h in found]


def _detect_faces(small: Grey) -> list[Box]:
    return detect(FACE_ALT2, small, scale=1.15, neighbours=3,
                  min_size=(MIN_FACE_PX, MIN_FACE_PX))


def _moved(box: Box, matrix: npt.NDArray[np.float64]) -> Box:
    """The box whose centre ``matrix`` moves, same size."""
    x, y, w, h = box
    cx, cy = x + w / 2, y + h / 2
    nx = matrix[0, 0] * cx + matrix[0, 1] * cy + matrix[0, 2]
    ny = matrix[1, 0] * cx + matrix[1, 1] * cy + matrix[1, 2]
    return round(nx - w / 2), round(ny - h / 2), w, h


def _eye_candidates(grey: Grey, box: Box) -> list[tuple[float, float, float]]:
    """Eye boxes in the upper face as (centre x, centre y, size), full-size pixels. The
    region is resampled to a fixed face width so the cascade runs at two or three scales."""
    x, y, w, h = box
    left, top, bottom = max(0, x), max(0, y + h // 8), y + h * 6 // 10
    region = grey[top:bottom, left:x + w]
    if region.shape[0] < 8 or region.shape[1] < 8:
        return []
    factor = EYE_FACE_WIDTH / w
    sized = cv2.resize(region, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    found = detect(EYE, sized, scale=1.15, neighbours=3, min_size=(20, 20), max_size=(36, 36))
    return [(left + (ex + ew / 2) / factor, top + (ey + eh / 2) / factor, ew / factor)
            for ex, ey, ew, eh in found]


def _pair(candidates: list[tuple[float, float, float]], box: Box
          ) -> tuple[tuple[float, float, float], tuple[float, float, float]] | None:
    """One eye on each side of the face, at nearly the same height, a plausible distance
    apart; the most level such pair."""
    x, _y, w, _h = box
    middle = x + w / 2
    best = None
    for left in (c for c in candidates if c[0] < middle):
        for right in (c for c in candidates if c[0] >= middle):
            apart = right[0] - left[0]
            if not 0.25 * w <= apart <= 0.7 * w:
                continue
            cost = abs(right[1] - left[1]) + 0.5 * abs(apart - 0.42 * w)
            if best is None or cost < best[0]:
                best = (cost, left, right)
    return None if best is None else (best[1], best[2])


def _iris_centre(grey: Grey, candidate: tuple[float, float, float]) -> Point:
    """The dark iris inside an eye box: the darkest part of the blurred box (its top, where
    the brow often lies, left out), weighted by how dark."""
    cx, cy, size = candidate
    half = size / 2
    x0, y0 = int(max(0, cx - half * 0.7)), int(max(0, cy - half * 0.5))
    x1, y1 = int(min(grey.shape[1], cx + half * 0.7)), int(min(grey.shape[0], cy + half * 0.7))
    patch = grey[y0:y1, x0:x1].astype(np.float32)
    if patch.shape[0] < 3 or patch.shape[1] < 3:
        return cx, cy
    smooth = cv2.GaussianBlur(patch, (0, 0), max(1.0, size / 14))
    low, middle = float(smooth.min()), float(np.median(smooth))
    ys, xs = np.nonzero(smooth <= low + 0.35 * (middle - low))
    weights = (middle - smooth[ys, xs]).astype(np.float64)
    if weights.sum() <= 0:
        return cx, cy
    return (x0 + float(np.average(xs, weights=weights)),
            y0 + float(np.average(ys, weights=weights)))


def _eyes(grey: Grey, box: Box) -> tuple[tuple[Point, Point], bool]:
    """Pupil centres (image-left first) and whether the cascade found them; when it did
    not, where a frontal face box puts them."""
    pair = _pair(_eye_candidates(grey, box), box)
    if pair is None:
        x, y, w, h = box
        (lx, ly), (rx, ry) = BOX_EYES
        return ((x + lx * w, y + ly * h), (x + rx * w, y + ry * h)), False
    return (_iris_centre(grey, pair[0]), _iris_centre(grey, pair[1])), True


def eye_midpoint(eyes: tuple[Point, Point]) -> Point:
    (lx, ly), (rx, ry) = eyes
    return (lx + rx) / 2, (ly + ry) / 2


def eye_distance(eyes: tuple[Point, Point]) -> float:
    (lx, ly), (rx, ry) = eyes
    return math.hypot(rx - lx, ry - ly)


def eye_roll(eyes: tuple[Point, Point]) -> float:
    """The eye line's angle in degrees; > 0 when the image-right eye is lower (the head
    tilted clockwise on screen)."""
    (lx, ly), (rx, ry) = eyes
    return math.degrees(math.atan2(ry - ly, rx - lx))


# -- background ------------------------------------------------------------------------------
BAND_SCALE = 4  # the band is judged on a 1/4 image


@dataclass(frozen=True)
class _Backdrop:
    """The band beside and above the head: how busy it is and its colour on each side."""

    busy: float | None  # share of textured pixels; None: no band in view
    left: npt.NDArray[np.float32]
    right: npt.NDArray[np.float32]


def _band(shape: tuple[int, int], mid: Point, ied: float, others: list[Box]
          ) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """The band (left part, right part) on the 1/4 image: beside the head down to a little
    below the eyes (the shoulders start lower) and above the crown; other people's heads
    and bodies are left to the single-face check."""
    rows, cols = shape
    yy, xx = np.ogrid[0:rows, 0:cols]
    qx, qy, qi = mid[0] / BAND_SCALE, mid[1] / BAND_SCALE, ied / BAND_SCALE
    above = yy < qy - 2.4 * qi
    beside = yy < qy + 1.0 * qi
    left = ((xx < qx - 2.3 * qi) & beside) | ((xx < qx) & above)
    right = ((xx > qx + 2.3 * qi) & beside) | ((xx >= qx) & above)
    for x, y, w, _h in others:
        q = [v / BAND_SCALE for v in (x, y, w)]
        person = (xx > q[0] - 0.6 * q[2]) & (xx < q[0] + 1.6 * q[2]) & (yy > q[1] - 0.5 * q[2])
        left, right = left & ~person, right & ~person
    return left, right


def _backdrop(image: Colour, mid: Point, ied: float, others: list[Box]) -> _Backdrop:
    small = cv2.resize(image, (image.shape[1] // BAND_SCALE, image.shape[0] // BAND_SCALE),
                       interpolation=cv2.INTER_AREA)
    grey = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY).astype(np.float32)
    left, right = _band(grey.shape, mid, ied, others)
    band = left | right
    if band.sum() < 40:
        empty = np.zeros(3, np.float32)
        return _Backdrop(None, empty, empty)
    gradient = (np.abs(cv2.Sobel(grey, cv2.CV_32F, 1, 0))
                + np.abs(cv2.Sobel(grey, cv2.CV_32F, 0, 1))) / 8
    # A share, not a mean: a sliver of hair at the band's edge stays small, clutter does not.
    busy = float((gradient[band] > TEXTURE).mean())
    colours = small.reshape(-1, 3).astype(np.float32)
    both = np.median(colours[band.ravel()], axis=0)
    sides = [np.median(colours[side.ravel()], axis=0) if side.sum() >= 20 else both
             for side in (left, right)]
    return _Backdrop(busy, sides[0], sides[1])


# -- outline and pose ------------------------------------------------------------------------
def _profile(image: Colour, start: Point, step: Point, across: Point, lines: int
             ) -> npt.NDArray[np.float32]:
    """Colours along a ray from ``start`` to the image border, averaged over ``lines``
    parallel rays ``across`` apart, ordered from the border inwards."""
    height, width = image.shape[:2]
    reach = []
    for position, direction, size in ((start[0], step[0], width), (start[1], step[1], height)):
        if direction > 1e-6:
            reach.append((size - 1 - position) / direction)
        elif direction < -1e-6:
            reach.append(position / -direction)
    count = int(min(reach)) if reach else 0
    if count < 4:
        return np.zeros((0, 3), np.float32)
    t = np.arange(count, dtype=np.float32)[None, :]
    k = (np.arange(lines, dtype=np.float32) - (lines - 1) / 2)[:, None]
    xs = (start[0] + t * step[0] + k * across[0]).astype(np.float32)
    ys = (start[1] + t * step[1] + k * across[1]).astype(np.float32)
    sampled = cv2.remap(image, xs, ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return np.asarray(sampled.astype(np.float32).mean(axis=0)[::-1], dtype=np.float32)


def _edge(profile: npt.NDArray[np.float32], background: npt.NDArray[np.float32],
          window: int) -> float | None:
    """Distance from the border (sub-pixel) to where the profile leaves the background:
    past the noise, the step is followed for ``window`` samples to the head's own colour,
    and the edge is where EDGE of that step is reached, so dim or washed-out frames find
    the same edge. None when the profile starts on the head or never leaves the background.
    """
    if len(profile) < 8:
        return None
    step = np.abs(profile - background).max(axis=1)
    floor = float(np.median(step[:6]))
    rise = np.nonzero(step >= floor + OUTLINE_NOISE)[0]
    if floor > OUTLINE_NOISE or len(rise) == 0 or rise[0] == 0:
        return None
    start = int(rise[0])
    plateau = float(step[start:start + window].max())
    level = floor + EDGE * (plateau - floor)
    over = np.nonzero(step[:start + 1] >= level)[0]
    i = max(1, int(over[0]) if len(over) else start)
    before, after = float(step[i - 1]), float(step[i])
    return i - 1 + float(np.clip((level - before) / max(after - before, 1e-3), 0, 1))


def _outline(image: Colour, eyes: tuple[Point, Point], backdrop: _Backdrop
             ) -> tuple[float, float, float] | None:
    """How far the outline lies from the eye midpoint along the eye line (leftwards,
    rightwards) and, above the head's centre, up to the crown, in pixels; None when any of
    them is unclear. The crown is looked for above the outline's centre, not above the
    eyes, which move along a sloping hairline as the head turns."""
    (lx, ly), (rx, ry) = eyes
    (mx, my), ied = eye_midpoint(eyes), eye_distance(eyes)
    if ied < 1:
        return None
    ux, uy = (rx - lx) / ied, (ry - ly) / ied
    up = (uy, -ux)
    window = max(3, int(ied * 0.15))
    sides = []
    for step, background in (((-ux, -uy), backdrop.left), ((ux, uy), backdrop.right)):
        profile = _profile(image, (mx, my), step, up, 5)
        edge = _edge(profile, background, window)
        if edge is None:
            return None
        sides.append(len(profile) - 1 - edge)  # from the midpoint
    shift = (sides[1] - sides[0]) / 2
    centre = (mx + ux * shift, my + uy * shift)
    profile = _profile(image, centre, up, (ux * ied * 0.1, uy * ied * 0.1), 7)
    edge = _edge(profile, np.asarray((backdrop.left + backdrop.right) / 2, np.float32), window)
    if edge is None:
        return None
    return sides[0], sides[1], len(profile) - 1 - edge


def _measures(image: Colour, eyes: tuple[Point, Point], backdrop: _Backdrop
              ) -> tuple[float, float] | None:
    """The eye midpoint's offset from the outline's centre and the eye line's depth below
    the crown, both in outline half-widths."""
    outline = _outline(image, eyes, backdrop)
    if outline is None:
        return None
    left, right, crown = outline
    half = (left + right) / 2
    if half <= 0:
        return None
    return (left - right) / 2 / half, crown / half


def _pose(image: Colour, eyes: tuple[Point, Point], backdrop: _Backdrop, trusted: bool
          ) -> Pose:
    roll = eye_roll(eyes)
    measures = _measures(image, eyes, backdrop) if trusted else None
    if measures is None:
        return Pose(None, None, roll)
    offset, depth = measures
    # A cylinder turned by θ moves the features by R·sin θ while its outline stays.
    yaw = math.asin(float(np.clip((offset - YAW_ZERO) / YAW_SCALE, -1, 1)))
    # The outline narrows as the head turns (its half-width goes with cos θ); without this
    # a turned head reads as bowed by a few degrees.
    level = depth * math.cos(yaw)
    pitch = math.asin(float(np.clip((PITCH_ZERO - level) / PITCH_SCALE, -1, 1)))
    return Pose(math.degrees(yaw), math.degrees(pitch), roll)


# -- locating the citizen --------------------------------------------------------------------
@dataclass(frozen=True)
class _Located:
    """The largest face of a frame (the citizen's), its eyes and the band round the head."""

    grey: Grey
    faces: list[Box]
    box: Box
    eyes: tuple[Point, Point]
    found: bool  # False: ``eyes`` are placed from the face box
    backdrop: _Backdrop

    @property
    def outline_trusted(self) -> bool:
        """On a busy background the outline is not the head's, nor with someone else beside
        the citizen, whose head may touch theirs: yaw and pitch then go unmeasured."""
        plain = self.backdrop.busy is not None and self.backdrop.busy <= MAX_BACKGROUND
        return plain and len(self.faces) == 1


def _locate(image: Colour) -> _Located | None:
    """None when no face is in view."""
    grey = np.asarray(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), dtype=np.uint8)
    faces = _faces(grey)
    if not faces:
        return None
    box = max(faces, key=_area)
    eyes, found = _eyes(grey, box)
    backdrop = _backdrop(image, eye_midpoint(eyes), eye_distance(eyes),
                         [f for f in faces if f != box])
    return _Located(grey, faces, box, eyes, found, backdrop)


def _area(box: Box) -> int:
    return box[2] * box[3]


def pose_measures(image: Colour) -> tuple[float, float] | None:
    """The raw outline measures behind yaw and pitch (offset and depth, see ``_measures``)
    of the largest face, for calibrating YAW_* and PITCH_* on frames of known pose; None
    where analyse_face would not measure the pose either (no eyes found, a busy background,
    more than one face)."""
    located = _locate(image)
    if located is None or not located.found or not located.outline_trusted:
        return None
    return _measures(image, located.eyes, located.backdrop)


# -- the capture -----------------------------------------------------------------------------
def _inner_face(grey: Grey, eyes: tuple[Point, Point]) -> Grey:
    """Eyes to mouth, cheek to cheek: skin and features, no hair or background."""
    (mx, my), ied = eye_midpoint(eyes), eye_distance(eyes)
    x0, x1 = int(max(0, mx - 0.8 * ied)), int(min(grey.shape[1], mx + 0.8 * ied))
    y0, y1 = int(max(0, my - 0.5 * ied)), int(min(grey.shape[0], my + 1.3 * ied))
    return grey[y0:y1, x0:x1]


def _spread(face: Grey) -> tuple[float, float]:
    """The inner face's grey levels, 5th and 95th percentile."""
    low, high = np.percentile(face[::2, ::2], (5, 95))
    return float(low), float(high)


def _capture_checks(face: Grey, spread: tuple[float, float]) -> list[FaceCheck]:
    brightness = float(face[::2, ::2].mean())
    low, high = spread
    # Relative spread, so a dim but well-lit face is not called flat.
    contrast = (high - low) / max(high + low, 1.0)
    sized = cv2.resize(face, (96, 96), interpolation=cv2.INTER_AREA).astype(np.float32)
    # Detail a little coarser than a pixel (a difference of Gaussians), so sensor noise in
    # a dim room does not pass for sharpness; against the grey-level spread, so a dark frame
    # is not called blurred.
    detail = cv2.GaussianBlur(sized, (0, 0), 1.0) - cv2.GaussianBlur(sized, (0, 0), 2.0)
    sharpness = float(detail.std()) / max(float(sized.std()), 1.0)
    return [
        _within("exposure", brightness, EXPOSURE, ADVICE["exposure-"], ADVICE["exposure+"]),
        _graded("contrast", contrast, GOOD_CONTRAST, MIN_CONTRAST, ADVICE["contrast"]),
        _graded("sharpness", sharpness, GOOD_SHARPNESS, MIN_SHARPNESS, ADVICE["sharpness"]),
    ]


def _glare(image: Colour, eyes: tuple[Point, Point]) -> float:
    """The largest blob of saturated white round the eyes (brow to nose, where glasses
    reflect; the teeth are left out), in IED²."""
    (mx, my), ied = eye_midpoint(eyes), eye_distance(eyes)
    x0, x1 = int(max(0, mx - 1.2 * ied)), int(min(image.shape[1], mx + 1.2 * ied))
    y0, y1 = int(max(0, my - 0.8 * ied)), int(min(image.shape[0], my + 0.5 * ied))
    region = image[y0:y1, x0:x1]
    if region.size == 0:
        return 0.0
    white = (region.min(axis=2) >= SATURATED).astype(np.uint8)
    if not white.any():
        return 0.0
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(white)
    return float(stats[1:count, cv2.CC_STAT_AREA].max()) / max(ied * ied, 1.0)


def _openness(grey: Grey, eye: Point, ied: float, spread: float) -> float:
    """How much darker the iris is than the lid skin round it, against the face's own
    grey-level spread: an open eye shows a dark iris, a closed one skin and a thin lash
    line."""
    x, y = eye
    half = max(3, int(ied * 0.14))
    patch = grey[max(0, int(y) - half):int(y) + half, max(0, int(x) - half):int(x) + half]
    if patch.size < 9:
        return 0.0
    smooth = cv2.GaussianBlur(patch.astype(np.float32), (0, 0), max(1.0, ied / 60))
    return (float(np.median(smooth)) - float(smooth.min())) / max(spread, 1.0)


# -- the frame -------------------------------------------------------------------------------
def _count_check(faces: int) -> FaceCheck:
    if faces == 1:
        return FaceCheck("single_face", 100, True, "", 1)
    return FaceCheck("single_face", 0, False, ADVICE["no_face" if faces == 0 else "faces"],
                     faces)


def _eyes_check(grey: Grey, eyes: tuple[Point, Point], found: bool,
                spread: tuple[float, float]) -> FaceCheck:
    if not found:
        return FaceCheck("eyes_open", 0, False, ADVICE["eyes"])
    low, high = spread
    openness = min(_openness(grey, eye, eye_distance(eyes), high - low) for eye in eyes)
    return _graded("eyes_open", openness, GOOD_OPENNESS, MIN_OPENNESS, ADVICE["eyes"])


def _pose_checks(pose: Pose | None) -> list[FaceCheck]:
    if pose is None:
        return []
    checks = [] if pose.yaw is None else [_signed("yaw", pose.yaw, MAX_YAW_DEG)]
    if pose.pitch is not None:
        checks.append(_signed("pitch", pose.pitch, MAX_PITCH_DEG))
    return [*checks, _signed("roll", pose.roll, MAX_ROLL_DEG)]


def _framing_checks(shape: tuple[int, int], box: Box, eyes: tuple[Point, Point],
                    pose: Pose | None, found: bool) -> list[FaceCheck]:
    """Where the eyes sit is judged on a head facing the camera: turning moves them, so a
    turned head is first asked to look straight (not to move over), and its framing is
    judged on the frames after. The inter-eye distance is corrected for yaw, as OFIQ does,
    and needs the eyes themselves (the face box places them too roughly for a 90 px bar)."""
    height, width = shape
    (mx, my), ied = eye_midpoint(eyes), eye_distance(eyes)
    yaw, pitch = (None, None) if pose is None else (pose.yaw, pose.pitch)
    checks = []
    if yaw is None or abs(yaw) <= MAX_YAW_DEG:
        checks.append(_within("centring", mx / width, CENTRE_X, ADVICE["centring-"],
                              ADVICE["centring+"]))
    if pitch is None or abs(pitch) <= MAX_PITCH_DEG:
        checks.append(_within("eye_line", 1 - my / height, EYE_LINE, ADVICE["eye_line-"],
                              ADVICE["eye_line+"]))
    checks.append(_within("head_size", box[3] / height, HEAD_SIZE, ADVICE["head_size-"],
                          ADVICE["head_size+"]))
    if found:
        frontal = ied / math.cos(math.radians(yaw or 0.0))
        checks.append(_graded("inter_eye_distance", frontal, 1.25 * MIN_IED_PX, MIN_IED_PX,
                              ADVICE["inter_eye_distance"].format(ied=frontal,
                                                                  least=MIN_IED_PX)))
    return checks


def analyse_face(image: Colour) -> FaceAnalysis:
    """Every check on one BGR frame; the largest face is the citizen's. When the eyes are
    not found, framing is judged from where the face box puts them and the pose is not
    measured."""
    located = _locate(image)
    if located is None:
        return FaceAnalysis((_count_check(0),), 0, None, None, False, None)
    grey, eyes, found, busy = located.grey, located.eyes, located.found, located.backdrop.busy
    pose = (_pose(image, eyes, located.backdrop, trusted=located.outline_trusted) if found
            else None)
    face = _inner_face(grey, eyes)
    spread = _spread(face) if face.size else (0.0, 0.0)  # the eyes and the capture share it
    checks = [_count_check(len(located.faces)), _eyes_check(grey, eyes, found, spread),
              *_pose_checks(pose), *_framing_checks(grey.shape, located.box, eyes, pose, found)]
    if face.shape[0] >= 8 and face.shape[1] >= 8:
        checks += _capture_checks(face, spread)
    if busy is not None:
        checks.append(_graded("background", busy, 0.0, MAX_BACKGROUND, ADVICE["background"]))
    checks.append(_graded("glare", _glare(image, eyes), 0.0, MAX_GLARE, ADVICE["glare"]))
    return FaceAnalysis(tuple(checks), len(located.faces), located.box, eyes, found, pose)
