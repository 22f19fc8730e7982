"""What the benchmarks share: precision and recall of a check, a summary of timings, and a
main that runs one on one core (the issue's time targets are per core) and prints or saves
JSON."""

from __future__ import annotations

import argparse
import json
import os
import statistics
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import cv2


def rates(flagged: Sequence[bool], truth: Sequence[bool]) -> dict[str, float]:
    hits = sum(f and t for f, t in zip(flagged, truth, strict=True))
    return {"precision": round(hits / max(1, sum(flagged)), 3),
            "recall": round(hits / max(1, sum(truth)), 3), "n": len(truth)}


def summary(samples: Sequence[float], *, percentiles: Sequence[int] = (), digits: int = 1
            ) -> dict[str, float]:
    """Timings as the benchmarks report them: the median, each of ``percentiles`` as
    ``pNN`` (statistics.quantiles, at least two samples), the largest and how many."""
    result = {"median": round(statistics.median(samples), digits)}
    if percentiles:
        cuts = statistics.quantiles(samples, n=100)
        result |= {f"p{p}": round(cuts[p - 1], digits) for p in percentiles}
    return {**result, "max": round(max(samples), digits), "n": len(samples)}


def pin_to_one_core() -> None:
    """The issue's time targets are per core; a child process (the NIST tools) inherits it."""
    if hasattr(os, "sched_setaffinity"):  # Linux; elsewhere the figures are all-core
        os.sched_setaffinity(0, {0})
    cv2.setNumThreads(1)


def main_on_one_core(prog: str, run: Callable[[int], dict[str, Any]], size: int,
                     argv: Sequence[str] | None, option: str = "subjects") -> int:
    """Parse ``--OPTION N`` (the set's size) and ``--json FILE``, run on one core, print."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument(f"--{option}", type=int, default=size)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    pin_to_one_core()
    results = run(getattr(args, option))
    text = json.dumps(results, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0
