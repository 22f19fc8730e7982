"""How well the ISO/IEC 29794-6 iris checks and the left/right check do on labelled eyes
from the generator, and how long they take on one core.
``python -m benchmarks.iris_checks [--subjects N]``."""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from typing import Any

from benchmarks.labelled import main_on_one_core, rates
from device_simulators.synthetic.iris import eye
from device_simulators.synthetic.iris_defects import DEFECTS
from kiosk.biometrics.iris import eye_side, iris_checks
from kiosk.biometrics.quality import judge_iris

OTHER = {"left": "right", "right": "left"}


def run(subjects: int) -> dict[str, Any]:
    names = [c.name for c in iris_checks(eye("warm", "left", 0, False)) or []]
    # Per check: its verdicts on clean eyes and on the eyes with the defect aimed at it.
    flagged: dict[str, list[bool]] = {name: [] for name in names}
    truth: dict[str, list[bool]] = {name: [] for name in names}
    clean_alarms = dict.fromkeys(names, 0)
    swapped_flagged: list[bool] = []
    swapped_truth: list[bool] = []
    side_right = undecided = 0
    checks_ms: list[float] = []
    judge_ms: list[float] = []
    for subject in range(subjects):
        for side in ("left", "right"):
            clean = eye(f"bench-{subject}", side, subject, False)
            started = time.perf_counter()
            found = eye_side(clean)
            judge_iris(clean, eye=side)
            judge_ms.append((time.perf_counter() - started) * 1000)
            side_right += found == side
            undecided += found is None
            for labelled, is_swapped in ((side, False), (OTHER[side], True)):
                report = judge_iris(clean, eye=labelled)
                swapped_flagged.append(any(p.startswith("Ảnh này là mắt")
                                           for p in report.problems))
                swapped_truth.append(is_swapped)
            for image, expected in [(clean, None)] + [
                    (make(clean), check) for make, check in DEFECTS.values()]:
                started = time.perf_counter()
                checks = iris_checks(image) or []
                checks_ms.append((time.perf_counter() - started) * 1000)
                failed = {c.name for c in checks if not c.passed}
                for name in names:
                    if expected is None:
                        clean_alarms[name] += name in failed
                    if expected in (None, name):
                        flagged[name].append(name in failed)
                        truth[name].append(name == expected)
    return {
        "eyes": 2 * subjects,
        "per check, clean eyes and the defect aimed at it (off-centre -> margins, half size "
        "-> iris_diameter, blurred -> sharpness, upper lid over the iris -> usable_iris_area)": {
            name: rates(flagged[name], truth[name]) for name in names if any(truth[name])},
        "false alarms on clean eyes, per check": clean_alarms,
        "left/right read right": round(side_right / (2 * subjects), 3),
        "left/right undecided": undecided,
        "swapped eye refused": rates(swapped_flagged, swapped_truth),
        "ms per eye, ISO 29794-6 checks (median)": round(statistics.median(checks_ms), 1),
        "ms per eye, judge incl. left/right (median)": round(statistics.median(judge_ms), 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    return main_on_one_core("python -m benchmarks.iris_checks", run, 20, argv)


if __name__ == "__main__":
    raise SystemExit(main())
