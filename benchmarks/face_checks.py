"""How well the live face checks do on labelled frames from the generator (ground truth
known): precision and recall of each check against the defect it names, pose error against
the generated pose, eye-centre error, and the time per frame on one core.
``python -m benchmarks.face_checks [--subjects N] [--json FILE] [--values]``."""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from benchmarks.labelled import pin_to_one_core, rates
from device_simulators.synthetic import seed_of
from device_simulators.synthetic.face import FRAME_H, FRAME_W, eye_centres, frame
from kiosk.biometrics.face import FaceAnalysis, analyse_face, pose_measures

Colour = npt.NDArray[np.uint8]
Pose = tuple[float, float, float]
Eyes = tuple[tuple[float, float], tuple[float, float]]

# Each defect and the check that must flag it.
DEFECTS: dict[str, str] = {
    "two_faces": "single_face", "eyes_closed": "eyes_open", "yaw": "yaw", "pitch": "pitch",
    "roll": "roll", "off_centre": "centring", "low_in_frame": "eye_line",
    "too_close": "head_size", "too_far": "inter_eye_distance", "dark": "exposure",
    "washed_out": "contrast", "blurred": "sharpness", "busy_background": "background",
    "glare": "glare",
}
FAULTS = ("two_faces", "eyes_closed", "busy_background")  # drawn by the generator itself


def _warp(image: Colour, matrix: npt.NDArray[np.float64]) -> Colour:
    return np.asarray(cv2.warpAffine(image, matrix, (FRAME_W, FRAME_H),
                                     borderMode=cv2.BORDER_REPLICATE), dtype=np.uint8)


def _zoom(image: Colour, about: tuple[float, float], factor: float) -> Colour:
    matrix = np.array([[factor, 0, about[0] * (1 - factor)],
                       [0, factor, about[1] * (1 - factor)]])
    return _warp(image, matrix)


def _shift(image: Colour, dx: float, dy: float) -> Colour:
    return _warp(image, np.array([[1.0, 0, dx], [0, 1.0, dy]]))


def _glare(image: Colour, eyes: Eyes, side: int) -> Colour:
    """A specular reflection from glasses: a saturated white blob over one eye."""
    (lx, ly), (rx, ry) = eyes
    x, y = eyes[side]
    radius = max(4, round(0.09 * math.hypot(rx - lx, ry - ly)))
    shone = image.copy()
    cv2.circle(shone, (round(x + radius * 0.8), round(y - radius * 0.9)), radius,
               (255, 255, 255), -1, cv2.LINE_AA)
    return shone


def _image_defect(defect: str, image: Colour, eyes: Eyes, sign: int) -> Colour:
    mid = ((eyes[0][0] + eyes[1][0]) / 2, (eyes[0][1] + eyes[1][1]) / 2)
    makers: dict[str, Callable[[], Colour]] = {
        "off_centre": lambda: _shift(image, sign * 0.16 * FRAME_W, 0),
        "low_in_frame": lambda: _shift(image, 0, 0.19 * FRAME_H),
        "too_close": lambda: _zoom(image, mid, 1.5),
        "too_far": lambda: _zoom(image, (FRAME_W / 2, FRAME_H / 2), 0.72),
        "dark": lambda: np.asarray(image * 0.3, dtype=np.uint8),
        "washed_out": lambda: np.asarray(image * 0.35 + 125, dtype=np.uint8),
        "blurred": lambda: np.asarray(cv2.GaussianBlur(image, (0, 0), 3.0), dtype=np.uint8),
        "glare": lambda: _glare(image, eyes, (sign + 1) // 2),
    }
    return makers[defect]()


def labelled_frame(subject: int, defect: str | None) -> tuple[Colour, Pose]:
    """One frame of the labelled set and its true pose (yaw, pitch, roll in degrees)."""
    rng = np.random.default_rng(seed_of("face-checks", subject, defect))
    sign = 1 if subject % 2 else -1
    angles = [float(v) for v in rng.uniform(-2, 2, 3)]  # an ordinary sitter's sway
    turned = {"yaw": (0, 15, 25), "pitch": (1, 12, 20), "roll": (2, 12, 16)}
    if defect in turned:
        axis, low, high = turned[defect]
        angles[axis] = sign * float(rng.uniform(low, high))
    pose = (angles[0], angles[1], angles[2])
    name, number = f"checks-{subject}", 100 + subject
    fault = defect if defect in FAULTS else None
    image = frame(name, number, False, fault, pose=pose)
    if defect is not None and fault is None and defect not in turned:
        image = _image_defect(defect, image, eye_centres(name, number, pose), sign)
    return image, pose


def _calibration(samples: list[tuple[Pose, tuple[float, float] | None]]) -> dict[str, float]:
    """Refit the outline's pose constants (kiosk/biometrics/face.py YAW_*, PITCH_*) on frames
    turned about one axis at a time."""
    yaw = [(p[0], m[0]) for p, m in samples if m and abs(p[1]) < 3]
    pitch = [(p[1], m[1]) for p, m in samples if m and abs(p[0]) < 3]
    fitted: dict[str, float] = {}
    for name, pairs in (("YAW", yaw), ("PITCH", pitch)):
        angles = np.sin(np.radians([a for a, _ in pairs]))
        values = np.array([v for _, v in pairs])
        slope, zero = np.polyfit(angles, values, 1)
        fitted[f"{name}_ZERO"] = round(float(zero), 4)
        fitted[f"{name}_SCALE"] = round(abs(float(slope)), 4)
    return fitted


def run(subjects: int, values: bool = False) -> dict[str, Any]:
    pin_to_one_core()
    analyse_face(labelled_frame(0, None)[0])  # cascades loaded, not timed
    analyses: list[tuple[str | None, FaceAnalysis, Pose]] = []
    timings: list[float] = []
    measures: list[tuple[Pose, tuple[float, float] | None]] = []
    eye_errors: list[float] = []
    for subject in range(subjects):
        for defect in (None, *DEFECTS):
            image, pose = labelled_frame(subject, defect)
            started = time.perf_counter()
            analysis = analyse_face(image)
            timings.append((time.perf_counter() - started) * 1000)
            analyses.append((defect, analysis, pose))
            if defect in (None, "yaw", "pitch", "roll"):
                measures.append((pose, pose_measures(image)))
                truth = eye_centres(f"checks-{subject}", 100 + subject, pose)
                if analysis.eyes is not None:
                    eye_errors += [math.dist(a, t) for a, t in zip(analysis.eyes, truth,
                                                                   strict=True)]
    return {
        "frames": len(analyses),
        "good frames passing every check": _good_passing(analyses),
        "checks (precision, recall)": {
            check: rates([_flags(a, check) for _, a, _ in analyses],
                          [DEFECTS.get(d or "") == check for d, _, _ in analyses])
            for check in dict.fromkeys(DEFECTS.values())},
        "pose error deg (median, max)": _pose_errors(analyses),
        "eye centre error px (median, max)": [round(statistics.median(eye_errors), 2),
                                              round(max(eye_errors), 2)],
        "pose calibration refit": _calibration(measures),
        "ms per analyse_face, one core (median)": round(statistics.median(timings), 2),
        "ms per generated frame (median)": _generation_ms(),
        **({"values": _values(analyses)} if values else {}),
    }


def _flags(analysis: FaceAnalysis, check: str) -> bool:
    found = analysis.check(check)
    return found is not None and not found.passed


def _good_passing(analyses: list[tuple[str | None, FaceAnalysis, Pose]]) -> str:
    good = [a for d, a, _ in analyses if d is None]
    return f"{sum(a.passed for a in good)} of {len(good)}"


def _pose_errors(analyses: list[tuple[str | None, FaceAnalysis, Pose]]
                 ) -> dict[str, list[float]]:
    """On the plain-background frames whose only change is the pose (good and turned)."""
    errors: dict[str, list[float]] = {"yaw": [], "pitch": [], "roll": []}
    for defect, analysis, truth in analyses:
        if defect not in (None, "yaw", "pitch", "roll") or analysis.pose is None:
            continue
        measured = (analysis.pose.yaw, analysis.pose.pitch, analysis.pose.roll)
        for name, value, true in zip(errors, measured, truth, strict=True):
            if value is not None:
                errors[name].append(abs(value - true))
    return {name: [round(statistics.median(e), 2), round(max(e), 2)]
            for name, e in errors.items() if e}


def _generation_ms() -> float:
    frame("warm", 0, False)
    samples = []
    for number in range(30):
        started = time.perf_counter()
        frame("timing", number, False)
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 2)


def _values(analyses: list[tuple[str | None, FaceAnalysis, Pose]]
            ) -> dict[str, dict[str, list[float]]]:
    """Range of each check's raw value per defect: what the bars were set from."""
    table: dict[str, dict[str, list[float]]] = {}
    for defect, analysis, _ in analyses:
        for check in analysis.checks:
            row = table.setdefault(check.name, {}).setdefault(defect or "good", [])
            row.append(check.value)
    return {name: {d: [round(min(v), 3), round(max(v), 3)] for d, v in rows.items()}
            for name, rows in table.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.face_checks")
    parser.add_argument("--subjects", type=int, default=20)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--values", action="store_true",
                        help="also print each check's raw value range per defect")
    args = parser.parse_args(argv)
    results = run(args.subjects, args.values)
    values = results.pop("values", {})
    for key, value in results.items():
        if key.startswith("checks"):
            print(f"{key}:")
            for check, rates in value.items():
                print(f"  {check:20} {json.dumps(rates)}")
        else:
            print(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    for check, rows in values.items():  # one line per check: defect min..max
        print(check, " ".join(f"{d} {low:g}..{high:g}" for d, (low, high) in rows.items()))
    if args.json:
        args.json.write_text(json.dumps({**results, **({"values": values} if values else {})},
                                        ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
