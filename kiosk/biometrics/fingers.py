"""Slap segmentation: a 4-4-2 slap cut into its fingers, each with its ISO/IEC 19794-4 finger
position, its place on the platen and its tilt, and turned upright for per-finger quality.

Positions follow the slap left to right as the platen shows it: a left four-finger slap is
little, ring, middle, index (10, 9, 8, 7); a right one index to little (2, 3, 4, 5); thumbs
are left then right (6, 1). Fingers the citizen cannot give (exceptions) are skipped when
naming, so a three-finger left slap with the ring finger amputated still names the others.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

Grey = npt.NDArray[np.uint8]
Mask = npt.NDArray[np.uint8]  # 0/1
# A slap's ridged foreground and one mask per finger-sized region in it, left to right: found
# once per capture (about 35 ms) and shared by the slap's judge and its segmentation.
SlapLayout = tuple[Mask, list[Mask]]

SLAP_POSITIONS: dict[str, tuple[int, ...]] = {
    "left_four": (10, 9, 8, 7),
    "right_four": (2, 3, 4, 5),
    "thumbs": (6, 1),
}
SLAP_CODES = {"right_four": 13, "left_four": 14, "thumbs": 15}  # ISO 19794-4 multi-finger codes
BLOCK = 16  # px at 500 ppi: about two ridges
SEPARATE = 31  # erosion that parts fingers which nearly touch on the platen
MIN_FINGER_AREA = 0.1 * 240 * 330  # a fingertip at 500 ppi covers about 240 x 330 px
MARGIN = 12


@dataclass(frozen=True)
class FingerSegment:
    position: int  # ISO 19794-4 finger position 1-10; 0 when the slap's count is wrong
    box: tuple[int, int, int, int]  # x, y, width, height on the slap
    tilt_deg: float  # the finger's axis from vertical; positive leans its tip to the left
    image: Grey  # the finger turned upright and cropped, white around it


def foreground(image: Grey) -> npt.NDArray[np.uint8]:
    """Where ridges are: enough local contrast and not bare glass (0/1 mask)."""
    values = image.astype(np.float32)
    mean = cv2.blur(values, (BLOCK, BLOCK))
    deviation = np.sqrt(np.maximum(cv2.blur(values * values, (BLOCK, BLOCK)) - mean * mean, 0))
    ridged = ((deviation > 8) & (mean < 240)).astype(np.uint8)
    closed = cv2.morphologyEx(ridged, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    return np.asarray(cv2.morphologyEx(closed, cv2.MORPH_OPEN, np.ones((15, 15), np.uint8)),
                      dtype=np.uint8)


def slap_layout(image: Grey) -> SlapLayout:
    """The ridged foreground (0/1) and one mask per finger-sized region in it, left to
    right (half resolution inside, for speed)."""
    height, width = image.shape
    small = np.asarray(cv2.resize(image, (width // 2, height // 2),
                                  interpolation=cv2.INTER_AREA), dtype=np.uint8)
    ground = foreground(np.asarray(cv2.resize(small, (width, height)), dtype=np.uint8))
    kernel = np.ones((SEPARATE, SEPARATE), np.uint8)
    cores = cv2.erode(ground, kernel)
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(cores)
    masks = []
    for index in sorted(range(1, count), key=lambda i: centroids[i][0]):
        if stats[index, cv2.CC_STAT_AREA] < MIN_FINGER_AREA:
            continue
        core = (labels == index).astype(np.uint8)
        # Grow the core back to the finger's edge, without spilling into a neighbour.
        grown = np.asarray(cv2.dilate(core, kernel), dtype=np.uint8)
        masks.append(grown & ground)
    return ground, masks


def finger_axis(mask: npt.NDArray[np.uint8]) -> tuple[float, tuple[float, float]]:
    """The finger's axis from vertical (degrees, tip to the left positive) and its centre."""
    moments = cv2.moments(mask, binaryImage=True)
    cx, cy = moments["m10"] / moments["m00"], moments["m01"] / moments["m00"]
    # Major axis angle from the x axis, image y pointing down.
    axis = 0.5 * np.degrees(np.arctan2(2 * moments["mu11"], moments["mu20"] - moments["mu02"]))
    tilt = axis - 90 if axis > 0 else axis + 90
    return float(-tilt), (cx, cy)


def _upright(image: Grey, mask: npt.NDArray[np.uint8], tilt: float,
             centre: tuple[float, float]) -> Grey:
    """Turn the finger so its axis is vertical and cut it out, white outside the finger."""
    x, y, w, h = cv2.boundingRect(mask)
    reach = max(w, h) // 2 + MARGIN  # room for the turn, and no more: warping is the cost
    x0, y0 = max(0, x - reach), max(0, y - reach)
    x1, y1 = min(image.shape[1], x + w + reach), min(image.shape[0], y + h + reach)
    image, mask = image[y0:y1, x0:x1], mask[y0:y1, x0:x1]
    centre = (centre[0] - x0, centre[1] - y0)
    only = np.where(mask > 0, image, 255).astype(np.uint8)
    turn = cv2.getRotationMatrix2D(centre, -tilt, 1.0)
    height, width = image.shape
    turned = cv2.warpAffine(only, turn, (width, height), borderValue=255)
    turned_mask = cv2.warpAffine(mask, turn, (width, height), flags=cv2.INTER_NEAREST)
    ys, xs = np.nonzero(turned_mask)
    x0, y0 = max(0, int(xs.min()) - MARGIN), max(0, int(ys.min()) - MARGIN)
    x1, y1 = min(width, int(xs.max()) + MARGIN + 1), min(height, int(ys.max()) + MARGIN + 1)
    return np.ascontiguousarray(turned[y0:y1, x0:x1], dtype=np.uint8)


def segment_slap(image: Grey, slap: str, missing: frozenset[int] = frozenset(), *,
                 layout: SlapLayout | None = None) -> list[FingerSegment]:
    """The fingers of ``slap`` ("left_four", "right_four", "thumbs") found on ``image``;
    ``missing`` holds the ISO positions the citizen cannot give. ``layout``: the image's
    ``slap_layout``, when the caller has it already."""
    _ground, masks = layout if layout is not None else slap_layout(image)
    names = finger_names_of(slap, missing, len(masks))
    segments = []
    for index, mask in enumerate(masks):
        tilt, centre = finger_axis(mask)
        x, y, w, h = cv2.boundingRect(mask)
        segments.append(FingerSegment(names[index] if names else 0, (x, y, w, h), tilt,
                                      _upright(image, mask, tilt, centre)))
    return segments


def finger_names_of(slap: str, missing: frozenset[int], found: int) -> list[int] | None:
    """The ISO positions of the ``found`` finger shapes of ``slap``, in the layout's order,
    the ``missing`` ones left out; None when the slap shows another count of fingers."""
    expected = [p for p in SLAP_POSITIONS[slap] if p not in missing]
    return expected if found == len(expected) else None


FINGER_NAMES = {
    1: "ngón cái phải", 2: "ngón trỏ phải", 3: "ngón giữa phải", 4: "ngón áp út phải",
    5: "ngón út phải", 6: "ngón cái trái", 7: "ngón trỏ trái", 8: "ngón giữa trái",
    9: "ngón áp út trái", 10: "ngón út trái",
}
# Why a finger cannot be captured (recorded instead of its print; ANSI/NIST-ITL 14.018 AMP
# codes in kiosk/biometrics/ansi_nist.py). The labels complete "Ngón ... : ...".
MISSING_REASONS = {
    "amputated": "cụt ngón",
    "unable_to_print": "không lấy được vân tay (sẹo, mòn vân)",
    "bandaged": "đang băng bó",
}
MISSING_SHORT = {  # the same, short enough for a cell of CC01's finger grid
    "amputated": "Cụt ngón", "unable_to_print": "Không lấy được", "bandaged": "Băng bó"}
# NFIQ 2 below this is sent back for another try. Our good synthetic impressions score
# 46-59 (P10-P90) and smudged ones 5-31 (docs/fingerprint-realism.md); NFIQ 2 alone passed
# pure noise at 43 (reference/deps.md), so the ridge checks below must agree as well.
NFIQ2_ACCEPT = 40
FLOW_ACCEPT = 0.45  # mean orientation coherence inside the finger
CONTRAST_ACCEPT = 30.0  # grey-level spread of the ridges


def orientation_coherence(values: npt.NDArray[np.float32], block: int = BLOCK
                          ) -> npt.NDArray[np.float32]:
    """Per pixel, 0-1: how consistently the grey-level gradients of the surrounding block
    point one way (ridges that flow score near 1, noise and smudges low)."""
    gx = cv2.Sobel(values, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(values, cv2.CV_32F, 0, 1, ksize=3)
    gxx = cv2.blur(gx * gx, (block, block))
    gyy = cv2.blur(gy * gy, (block, block))
    gxy = cv2.blur(gx * gy, (block, block))
    return np.asarray(np.sqrt((gxx - gyy) ** 2 + 4 * gxy**2) / (gxx + gyy + 1e-6),
                      dtype=np.float32)


def ridge_flow(image: Grey) -> tuple[float, float]:
    """Orientation coherence (0-1: ridges that flow) and ridge contrast inside the finger."""
    inside = image < 250
    if not inside.any():
        return 0.0, 0.0
    coherence = orientation_coherence(
        np.asarray(cv2.GaussianBlur(image.astype(np.float32), (0, 0), 1.0), dtype=np.float32))
    core = cv2.erode(inside.astype(np.uint8), np.ones((BLOCK, BLOCK), np.uint8)) > 0
    if not core.any():
        return 0.0, 0.0
    return float(coherence[core].mean()), float(image[core].std())


# A whole fingertip at 500 ppi covers 54,000-64,000 px on our prints (about 240 x 330 px);
# under 35,000 the finger touched the glass only in part (its tip, or one side).
MIN_CONTACT_AREA = 35_000


@dataclass(frozen=True)
class FingerVerdict:
    position: int
    nfiq2: int | None
    flow: float
    contrast: float
    area: int  # px of the finger in contact with the glass
    acceptable: bool
    problems: tuple[str, ...]  # Vietnamese, naming the finger and what to do


def judge_finger(position: int, image: Grey, nfiq2: int | None) -> FingerVerdict:
    """One finger: NIST's NFIQ 2 and our own ridge checks must both pass."""
    name = FINGER_NAMES.get(position, "ngón tay")
    flow, contrast = ridge_flow(image)
    area = int((image < 250).sum())
    problems = []
    if area < MIN_CONTACT_AREA:
        problems.append(f"{name.capitalize()} chỉ chạm một phần mặt kính: đặt cả đầu {name} "
                        "lên kính, ấn đều.")
    elif contrast < CONTRAST_ACCEPT:
        problems.append(f"Vân {name} mờ nhạt: đề nghị ấn mạnh {name}.")
    elif flow < FLOW_ACCEPT:
        problems.append(f"Vân {name} bị nhòe: lau mặt kính và {name}, đặt lại.")
    if (nfiq2 is None or nfiq2 < NFIQ2_ACCEPT) and not problems:
        problems.append(f"Vân {name} chưa đạt chuẩn NFIQ 2: đặt lại {name}, ấn đều tay.")
    return FingerVerdict(position, nfiq2, flow, contrast, area, not problems, tuple(problems))


@dataclass(frozen=True)
class LiveMetrics:
    """Cheap enough for every preview frame of one finger (about a millisecond each)."""

    area: float  # fraction of the window covered by ridged skin
    contrast: float  # grey-level spread of the ridges
    flow: float  # orientation certainty, 0-1
    clarity: float  # 0-100: the weakest of the three against its bar

    @property
    def ready(self) -> bool:
        return self.clarity >= LIVE_READY


LIVE_READY = 60.0
LIVE_AREA = 0.25  # a fingertip covers about a quarter of a single-finger window at least


def live_metrics(image: Grey) -> LiveMetrics:
    """Foreground area, contrast, orientation certainty and ridge clarity at quarter scale."""
    small = np.asarray(cv2.resize(image, (image.shape[1] // 2, image.shape[0] // 2),
                                  interpolation=cv2.INTER_AREA), dtype=np.uint8)
    values = small.astype(np.float32)
    mean = cv2.blur(values, (BLOCK // 2, BLOCK // 2))
    spread = np.sqrt(np.maximum(cv2.blur(values * values, (BLOCK // 2, BLOCK // 2))
                                - mean * mean, 0))
    skin = (spread > 8) & (mean < 240)
    area = float(skin.mean())
    if not skin.any():
        return LiveMetrics(0.0, 0.0, 0.0, 0.0)
    coherence = orientation_coherence(values, BLOCK // 2)
    flow = float(coherence[skin].mean())
    contrast = float(small[skin].std())
    clarity = 100 * min(1.0, area / LIVE_AREA, contrast / CONTRAST_ACCEPT, flow / FLOW_ACCEPT)
    return LiveMetrics(area, contrast, flow, clarity)
