"""How well the finger checks do on labelled slaps from the generator (ground truth known):
segmentation (count, positions, tilt), the per-finger judge (good vs smudged, whole vs
partial contact), the crooked-hand check (slaps turned past a natural lean), the
same-finger check (bozorth3), and their timings on one core.
``python -m benchmarks.finger_checks``."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np

from benchmarks.labelled import main_on_one_core, rates
from device_simulators.synthetic.fingerprint import slap
from kiosk.biometrics.fingers import SLAP_POSITIONS, judge_finger, live_metrics, segment_slap
from kiosk.biometrics.nist_tools import SAME_FINGER_SCORE, FingerprintTools
from kiosk.biometrics.quality import judge_slap

SLAPS = ("left_four", "right_four", "thumbs")
HANDS = {"left_four": "left", "right_four": "right"}
TURN_BEYOND_LEAN = {"left_four": -35.0, "right_four": 35.0, "thumbs": 45.0}  # degrees
CROOKED = "Bàn tay đặt xoay lệch"
PARTIAL = "chỉ chạm một phần"


def turned(image: np.ndarray, degrees: float) -> np.ndarray:
    height, width = image.shape
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return np.asarray(cv2.warpAffine(image, turn, (width, height), borderValue=255), np.uint8)


def tip_only(finger: np.ndarray) -> np.ndarray:
    """The finger touching with its top 45 % only."""
    part = finger.copy()
    part[int(part.shape[0] * 0.45):] = 255
    return part


def run(subjects: int) -> dict[str, Any]:  # noqa: PLR0912, PLR0915 - one pass, all tallies
    counts_right = positions_right = total_slaps = complete = 0
    miscounted: list[str] = []
    tilt_errors: list[float] = []
    flagged: list[bool] = []
    poor_truth: list[bool] = []
    segment_ms: list[float] = []
    nfiq_ms: list[float] = []
    compare_ms: list[float] = []
    pairs: list[tuple[bytes, bytes]] = []
    genuine: list[int] = []
    impostor: list[int] = []
    live_ms: list[float] = []
    crooked_flagged: list[bool] = []
    crooked_truth: list[bool] = []
    partial_flagged: list[bool] = []
    partial_truth: list[bool] = []
    with FingerprintTools() as tools:
        tools.measure(slap("warm", "thumbs", 0, False)[0][:, :800])  # model load, not timed
        for subject in range(subjects):
            templates: dict[tuple[int, int], bytes] = {}
            for which in SLAPS:
                for number, poor in ((1, False), (2, False), (3, True)):
                    image, placed = slap(f"checks-{subject}", which, number, poor)
                    if not poor:
                        expected = len(SLAP_POSITIONS[which])
                        for shown, is_crooked in ((image, False),
                                                  (turned(image, TURN_BEYOND_LEAN[which]), True)):
                            report = judge_slap(shown, expected, hand=HANDS.get(which))
                            crooked_flagged.append(any(p.startswith(CROOKED)
                                                       for p in report.problems))
                            crooked_truth.append(is_crooked)
                    started = time.perf_counter()
                    segments = segment_slap(image, which)
                    segment_ms.append((time.perf_counter() - started) * 1000)
                    total_slaps += 1
                    if len(segments) != len(placed):
                        miscounted.append("smudged" if poor else "good")
                        continue
                    counts_right += 1
                    if len(placed) != len(SLAP_POSITIONS[which]):
                        continue  # a finger left off: unnamed without a declared exception
                    complete += 1
                    truth = [int(p.finger.value) for p in placed]
                    positions_right += [s.position for s in segments] == truth
                    for segment, where in zip(segments, placed, strict=True):
                        if not poor:  # a smudge's torn outline has no honest axis
                            tilt_errors.append(abs(segment.tilt_deg - where.rotation_deg))
                        started = time.perf_counter()
                        measure = tools.measure(segment.image)
                        nfiq_ms.append((time.perf_counter() - started) * 1000)
                        verdict = judge_finger(segment.position, segment.image, measure.nfiq2)
                        flagged.append(not verdict.acceptable)
                        poor_truth.append(poor)
                        started = time.perf_counter()
                        live_metrics(segment.image)
                        live_ms.append((time.perf_counter() - started) * 1000)
                        if not poor:
                            partial = judge_finger(segment.position, tip_only(segment.image),
                                                   measure.nfiq2)
                            for judged in (verdict, partial):
                                partial_flagged.append(any(PARTIAL in p
                                                           for p in judged.problems))
                            partial_truth += [False, True]
                        if not poor:
                            templates[(segment.position, number)] = measure.template
            for (position, number), template in templates.items():
                if number != 1:
                    continue
                started = time.perf_counter()
                twin = templates.get((position, 2))
                if twin is not None:
                    genuine.append(tools.compare(template, twin))
                    compare_ms.append((time.perf_counter() - started) * 1000)
                    pairs.append((template, twin))
                for (other, other_number), other_template in templates.items():
                    if other_number == 1 and other > position:
                        impostor.append(tools.compare(template, other_template))
    # The same genuine pairs compared in this process: the matcher alone, no boundary.
    with FingerprintTools(isolated=False) as local:
        local_ms = []
        for first, second in pairs:
            started = time.perf_counter()
            local.compare(first, second)
            local_ms.append((time.perf_counter() - started) * 1000)
    return {
        "slaps": total_slaps,
        "segmentation": {
            "finger count right": round(counts_right / total_slaps, 3),
            "miscounted slaps (good, smudged)": [miscounted.count("good"),
                                                 miscounted.count("smudged")],
            "positions right (complete slaps)": round(positions_right / complete, 3),
            "tilt error median deg (good)": round(statistics.median(tilt_errors), 2),
            "tilt error max deg (good)": round(max(tilt_errors), 2),
        },
        "judge flags smudged fingers": rates(flagged, poor_truth),
        "judge flags partial contact (top 45 % only)": rates(partial_flagged, partial_truth),
        "slap judge flags a crooked hand (35-45° past its lean)": rates(crooked_flagged,
                                                                       crooked_truth),
        "same finger (bozorth3 >= threshold)": {
            "threshold": SAME_FINGER_SCORE,
            "genuine min/median": [min(genuine), statistics.median(genuine)],
            "impostor max/median": [max(impostor), statistics.median(impostor)],
            **rates([s >= SAME_FINGER_SCORE for s in genuine + impostor],
                     [True] * len(genuine) + [False] * len(impostor)),
        },
        "ms per slap segmentation (median)": round(statistics.median(segment_ms), 1),
        "ms per finger, live preview metrics (median)": round(statistics.median(live_ms), 2),
        "ms per finger NFIQ 2 + minutiae, isolated process (median)":
            round(statistics.median(nfiq_ms), 1),
        "ms per 1:1 compare, isolated process (median)": round(statistics.median(compare_ms), 1),
        "ms per 1:1 compare in process, same pairs (median, P90)":
            [round(statistics.median(local_ms), 1),
             round(statistics.quantiles(local_ms, n=10)[-1], 1)],
    }


def main(argv: Sequence[str] | None = None) -> int:
    return main_on_one_core("python -m benchmarks.finger_checks", run, 6, argv)


if __name__ == "__main__":
    sys.exit(main())
