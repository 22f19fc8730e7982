"""How realistic are the synthetic fingerprints? NIST's own measures, through nbis-py.

``python -m benchmarks.fingerprint_realism [--fingers N] [--impressions M] [--json FILE]``

For N fingers (several subjects x finger positions) it makes M good and M poor impressions
and reports NFIQ 2 (median and 10th/90th percentiles), bozorth3 genuine scores (the same
finger, two good impressions) and impostor scores (two fingers), the threshold that separates
them with the false match / false non-match rates there, and the time to synthesise one
fingerprint from nothing (master print + one impression). It does so twice: on the bare
impressions of ``device_simulators.synthetic.fingerprint`` and on the images the simulated
single-finger scanner delivers (the impression turned on a white platen).
docs/fingerprint-realism.md explains the method and the figures.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import nbis
import numpy as np

from device_simulators.behaviour import Fault
from device_simulators.fingerprint import compose_finger_image
from device_simulators.synthetic import seed_of
from device_simulators.synthetic.fingerprint import Finger, Grey, impression, master_print
from kiosk.devices.base import Finger as DeviceFinger

# NFIQ 2 of the five SFinGe images shipped with usnistgov/NFIQ2 (examples/output/*.txt);
# nbis-py 0.1.3 reproduces them exactly, which is what makes its scores comparable.
SFINGE_NFIQ2 = (54, 45, 53, 52, 57)
# The threshold commonly used with bozorth3 (its man page names none; nbis-py's docs call a
# score above 50 a likely match); the threshold chosen from the data is reported next to it.
CONVENTIONAL_THRESHOLD = 40
FINGERS = tuple(Finger)

# (subject, finger, capture number, poor) -> a 500 ppi greyscale image
Source = Callable[[str, Finger, int, bool], Grey]


@dataclass(frozen=True)
class Capture:
    """One image as NIST's tools see it; ``nfiq2`` is None when NFIQ 2 gave up."""

    nfiq2: int | None
    minutiae: Any  # nbis.Minutiae: untyped binding


class Tools:
    """nbis-py extractors with and without NFIQ 2: when NFIQ 2 gives up (FingerJet found no
    minutiae) the whole extraction fails, yet mindtct's minutiae are still wanted."""

    def __init__(self) -> None:
        self.scored, self.plain = (nbis.new_nbis_extractor(nbis.NbisExtractorSettings(
            min_quality=0.0, get_center=False, check_fingerprint=False, compute_nfiq2=nfiq2,
            ppi=500)) for nfiq2 in (True, False))

    def measure(self, image: Grey) -> Capture:
        """mindtct minutiae and the NFIQ 2 score of one 500 ppi greyscale image."""
        ok, png = cv2.imencode(".png", image)
        if not ok:
            raise ValueError("PNG encoding failed")
        try:
            minutiae = self.scored.extract_minutiae(png.tobytes())
        except nbis.NbisError.Nfiq2ComputeFailed:
            return Capture(None, self.plain.extract_minutiae(png.tobytes()))
        return Capture(int(minutiae.quality().score), minutiae)


def finger_ids(count: int) -> list[tuple[str, Finger]]:
    """Four fingers per subject, cycling through all ten positions."""
    return [(f"realism-{i // 4}", FINGERS[(3 * i) % len(FINGERS)]) for i in range(count)]


def bare_impression(subject: str, finger: Finger, number: int, poor: bool) -> Grey:
    """The generator's own output: one 240 x 330 impression of the master print."""
    rng = np.random.default_rng(seed_of("realism", subject, finger.value, number, poor))
    return impression(master_print(subject, finger), rng, poor)


def scanner_image(subject: str, finger: Finger, number: int, poor: bool) -> Grey:
    """What the simulated scanner's capture_finger delivers: the impression turned by up to
    10 degrees on a white 20 x 25 mm platen; ``poor`` is its low-quality fault."""
    return compose_finger_image(subject, DeviceFinger(finger.value), number,
                                Fault.LOW_QUALITY if poor else None)


def percentiles(values: Sequence[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    p10, p50, p90 = np.percentile(np.asarray(values, dtype=np.float64), [10, 50, 90])
    return {"n": len(values), "min": float(min(values)), "p10": round(float(p10), 1),
            "median": round(float(p50), 1), "p90": round(float(p90), 1),
            "max": float(max(values))}


def nfiq2_summary(captures: Sequence[Capture]) -> dict[str, Any]:
    scores = [c.nfiq2 for c in captures if c.nfiq2 is not None]
    return {**percentiles(scores), "failed": len(captures) - len(scores),
            "minutiae_median": statistics.median(len(c.minutiae.get()) for c in captures)}


def genuine_scores(by_finger: Sequence[Sequence[Capture]]) -> list[int]:
    """Every pair of impressions of the same finger."""
    return [a.minutiae.compare(b.minutiae)
            for captures in by_finger for a, b in itertools.combinations(captures, 2)]


def impostor_scores(by_finger: Sequence[Sequence[Capture]]) -> list[int]:
    """The first impression of every finger against the first of every other."""
    firsts = [captures[0] for captures in by_finger]
    return [a.minutiae.compare(b.minutiae) for a, b in itertools.combinations(firsts, 2)]


def error_rates(genuine: Sequence[int], impostor: Sequence[int], threshold: int
                ) -> dict[str, float]:
    """A comparison matches when its score is at least ``threshold``."""
    fmr = sum(s >= threshold for s in impostor) / max(len(impostor), 1)
    fnmr = sum(s < threshold for s in genuine) / max(len(genuine), 1)
    return {"threshold": threshold, "fmr": round(fmr, 4), "fnmr": round(fnmr, 4)}


def choose_threshold(genuine: Sequence[int], impostor: Sequence[int]) -> int:
    """Fewest errors (FMR + FNMR); among equals the one midway, so that a clean separation
    leaves the same margin on both sides."""
    def errors(threshold: int) -> float:
        rates = error_rates(genuine, impostor, threshold)
        return rates["fmr"] + rates["fnmr"]

    candidates = range(min(impostor) + 1, max(genuine) + 1)
    best = min(errors(t) for t in candidates)
    ties = [t for t in candidates if errors(t) == best]
    return ties[len(ties) // 2]


def collect(tools: Tools, source: Source, fingers: int, count: int
            ) -> tuple[list[list[Capture]], list[list[Capture]]]:
    """Good and poor captures of each finger, ``count`` of each, numbered from 1."""
    good, poor = [], []
    for subject, finger in finger_ids(fingers):
        good.append([tools.measure(source(subject, finger, n, False))
                     for n in range(1, count + 1)])
        poor.append([tools.measure(source(subject, finger, n, True))
                     for n in range(1, count + 1)])
    return good, poor


def evaluate(good: Sequence[Sequence[Capture]], poor: Sequence[Sequence[Capture]],
             threshold: int | None = None) -> dict[str, Any]:
    """NFIQ 2 and bozorth3 figures of one set; ``threshold`` None chooses it from the set."""
    genuine, impostor = genuine_scores(good), impostor_scores(good)
    chosen = choose_threshold(genuine, impostor) if threshold is None else threshold
    # Each poor capture against the first good one of its finger: how often a smudge matches.
    poor_genuine = [g[0].minutiae.compare(p.minutiae)
                    for g, captures in zip(good, poor, strict=True) for p in captures]
    return {
        "nfiq2": {"good": nfiq2_summary([c for f in good for c in f]),
                  "poor": nfiq2_summary([c for f in poor for c in f])},
        "bozorth3": {"genuine": percentiles(genuine), "impostor": percentiles(impostor),
                     "poor_vs_good_same_finger": percentiles(poor_genuine),
                     "chosen": error_rates(genuine, impostor, chosen),
                     "conventional": error_rates(genuine, impostor, CONVENTIONAL_THRESHOLD),
                     "poor_fnmr_at_chosen": error_rates(poor_genuine, [], chosen)["fnmr"]},
    }


def one_fingerprint_ms(repeat: int) -> dict[str, float]:
    """Master print + one impression for a subject never seen before (no lru_cache hit)."""
    master_print("timing-warm-up", Finger.RIGHT_THUMB)  # the Gabor bank is built once
    samples = []
    for n in range(repeat):
        started = time.perf_counter()
        master = master_print(f"timing-{n}", Finger.RIGHT_INDEX)
        impression(master, np.random.default_rng(n), poor=False)
        samples.append((time.perf_counter() - started) * 1000)
    return {"n": repeat, "median": round(statistics.median(samples), 1),
            "min": round(min(samples), 1), "max": round(max(samples), 1)}


def run(fingers: int, count: int, repeat: int = 15) -> dict[str, Any]:
    tools = Tools()
    bare = evaluate(*collect(tools, bare_impression, fingers, count))
    threshold = int(bare["bozorth3"]["chosen"]["threshold"])
    return {
        "config": {"fingers": fingers, "impressions": count},
        "sfinge_nfiq2": list(SFINGE_NFIQ2),
        "impressions": bare,
        # The same threshold on what the scanner delivers, not one chosen for it.
        "scanner": evaluate(*collect(tools, scanner_image, fingers, count), threshold),
        "one_fingerprint_ms": one_fingerprint_ms(repeat),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "system": platform.platform(), "opencv": cv2.__version__,
                    "nbis_py": "0.1.3"},
    }


def _line(name: str, stats: dict[str, Any]) -> str:
    if not stats.get("n"):
        return f"  {name:27} (none)"
    return (f"  {name:27} median {stats['median']:6.1f}  p10 {stats['p10']:6.1f}  "
            f"p90 {stats['p90']:6.1f}  range {stats['min']:.0f}-{stats['max']:.0f}  "
            f"n={stats['n']}")


def _set_summary(title: str, figures: dict[str, Any]) -> list[str]:
    nfiq2, bozorth3 = figures["nfiq2"], figures["bozorth3"]
    chosen, usual = bozorth3["chosen"], bozorth3["conventional"]
    return [
        title,
        _line("NFIQ 2, good", nfiq2["good"]) + f"  failed={nfiq2['good']['failed']}",
        _line("NFIQ 2, poor", nfiq2["poor"]) + f"  failed={nfiq2['poor']['failed']}",
        _line("bozorth3 genuine", bozorth3["genuine"]),
        _line("bozorth3 impostor", bozorth3["impostor"]),
        _line("bozorth3 poor vs good", bozorth3["poor_vs_good_same_finger"]),
        f"  threshold {chosen['threshold']}: FMR {chosen['fmr']:.2%}, FNMR {chosen['fnmr']:.2%}"
        f" (poor impressions FNMR {bozorth3['poor_fnmr_at_chosen']:.0%}); "
        f"at {usual['threshold']}: FMR {usual['fmr']:.2%}, FNMR {usual['fnmr']:.2%}",
    ]


def summary(results: dict[str, Any]) -> str:
    timing = results["one_fingerprint_ms"]
    lines = [
        f"NFIQ 2 of the SFinGe reference images: {', '.join(map(str, SFINGE_NFIQ2))}",
        *_set_summary("bare impressions (240 x 330)", results["impressions"]),
        *_set_summary("as the single-finger scanner delivers them (400 x 500, turned)",
                      results["scanner"]),
        f"one synthetic fingerprint (master + impression, cold), target <= 200 ms: "
        f"median {timing['median']:.1f} ms (min {timing['min']:.1f}, max {timing['max']:.1f}, "
        f"n={timing['n']})",
        json.dumps(results["machine"]),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fingerprint_realism")
    parser.add_argument("--fingers", type=int, default=20)
    parser.add_argument("--impressions", type=int, default=4)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if args.fingers < 2 or args.impressions < 2:
        parser.error("need at least two fingers and two impressions of each")
    results = run(args.fingers, args.impressions)
    print(summary(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
