"""NIST's fingerprint tools — NFIQ 2 (quality), mindtct (minutiae), bozorth3 (matching) —
through nbis-py, behind an adapter and a process boundary.

nbis-py is alpha native code (reference/deps.md §4): a crash or a hang in it must cost one
measurement, not the clerk's window. Calls therefore run in a child process with a deadline;
if the child dies or overruns it is replaced and the call raises :class:`ToolFailed`.
Templates cross the boundary as ISO/IEC 19794-2:2005 bytes.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

Grey = npt.NDArray[np.uint8]
PARENT_CHECK_S = 0.5  # how soon an orphaned tools' process notices
CALL_TIMEOUT_S = 10.0  # NFIQ 2 takes ~0.1 s; the first call also loads its model
# bozorth3 scores of the kiosk's templates (0.3 reliability, top 60 minutiae) on slap fingers
# (python -m benchmarks.finger_checks): same finger 93 and up, different fingers at most 26;
# NIST's own guidance calls a score above 40 a likely match. A finger "captured twice" must
# be a confident match, so the bar sits well above every impostor and below every genuine.
SAME_FINGER_SCORE = 60
# mindtct minutiae below this reliability are dropped: bozorth3's time grows with matched
# pairs (a genuine compare took ~150 ms with all minutiae, ~40 ms from 0.3) while genuine and
# impostor scores stay far apart.
MIN_MINUTIA_QUALITY = 0.3
# ... and only the most reliable 60 are kept: a genuine bozorth3 compare of two slap fingers
# took a median of ~50 ms with all of them (P90 ~140 ms), the pair tables growing with the
# square of the count; 60 of 50-75 keeps same-finger and different-finger scores apart
# (docs/biometrics.md) and brings the 1:1 compare under its 50 ms target.
MAX_MINUTIAE = 60
# nbis-py's template layout: a 26-byte header whose last byte counts the minutiae, then 6
# bytes per minutia, the last of them its quality; nothing after.
_HEADER, _MINUTIA, _COUNT_AT, _LENGTH_AT = 26, 6, 25, 8


class ToolFailed(Exception):
    """The NIST tools could not measure this image (crashed, overran, or refused it)."""


@dataclass(frozen=True)
class FingerMeasure:
    nfiq2: int | None  # 0-100; None when NFIQ 2 found nothing to score (no minutiae)
    minutiae: int
    template: bytes  # ISO/IEC 19794-2:2005


# ---- in the child process -------------------------------------------------------------------

_extractors: dict[bool, Any] = {}


def _extractor(nfiq2: bool) -> Any:
    if nfiq2 not in _extractors:
        import nbis  # noqa: PLC0415 - loaded in the child only

        _extractors[nfiq2] = nbis.new_nbis_extractor(nbis.NbisExtractorSettings(
            min_quality=MIN_MINUTIA_QUALITY, get_center=False, check_fingerprint=False,
            compute_nfiq2=nfiq2, ppi=500))
    return _extractors[nfiq2]


def _measure(png: bytes) -> tuple[int | None, int, bytes]:
    import nbis  # noqa: PLC0415

    try:
        minutiae = _extractor(True).extract_minutiae(png)
        score: int | None = int(minutiae.quality().score)
    except nbis.NbisError.Nfiq2ComputeFailed:  # FingerJet found no minutiae
        minutiae, score = _extractor(False).extract_minutiae(png), None
    return score, len(minutiae.get()), most_reliable(bytes(minutiae.to_iso_19794_2_2005()))


def most_reliable(template: bytes, keep: int = MAX_MINUTIAE) -> bytes:
    """The template with only its ``keep`` most reliable minutiae (unchanged when it has no
    more, or is not laid out as nbis-py writes it)."""
    count = template[_COUNT_AT] if len(template) > _COUNT_AT else 0
    if count <= keep or len(template) != _HEADER + _MINUTIA * count:
        return template
    minutiae = [template[_HEADER + _MINUTIA * i:_HEADER + _MINUTIA * (i + 1)]
                for i in range(count)]
    kept = sorted(minutiae, key=lambda m: m[-1], reverse=True)[:keep]
    body = b"".join(kept)
    length = _HEADER + len(body)
    return (template[:_LENGTH_AT] + length.to_bytes(4, "big") + template[_LENGTH_AT + 4:_COUNT_AT]
            + bytes([keep]) + body)


def _compare(first: bytes, second: bytes) -> int:
    return _compare_many([(first, second)])[0]


def _compare_many(pairs: list[tuple[bytes, bytes]]) -> list[int]:
    extractor = _extractor(False)
    loaded: dict[bytes, Any] = {}

    def load(template: bytes) -> Any:
        if template not in loaded:
            loaded[template] = extractor.load_iso_19794_2_2005(template)
        return loaded[template]

    return [int(load(a).compare(load(b))) for a, b in pairs]


def _follow_parent(parent: int) -> None:
    """In the tools' process: end as soon as the kiosk that started it is gone (killed or
    crashed: no polite shutdown reaches it), rather than stay an orphan holding memory."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, name="kiosk-parent-watch", daemon=True).start()


# ---- the adapter ----------------------------------------------------------------------------


class FingerprintTools:
    """Start once per desk; ``close`` ends the child. ``isolated=False`` runs in process
    (benchmarks of the tools themselves)."""

    def __init__(self, *, isolated: bool = True, timeout_s: float = CALL_TIMEOUT_S) -> None:
        self._isolated = isolated
        self._timeout_s = timeout_s
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn: a fork of a process running Qt and device threads is not safe.
            self._pool = ProcessPoolExecutor(max_workers=1,
                                             mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_follow_parent,
                                             initargs=(os.getpid(),))
        return self._pool

    def _call(self, function: Any, *args: Any) -> Any:
        if not self._isolated:
            return function(*args)
        future: Future[Any] = self._executor().submit(function, *args)
        try:
            return future.result(timeout=self._timeout_s)
        except FutureTimeout as error:
            self._restart()
            raise ToolFailed(f"{function.__name__} overran {self._timeout_s} s") from error
        except BrokenProcessPool as error:
            self._restart()
            raise ToolFailed(f"{function.__name__}: the tools' process died") from error
        except Exception as error:  # the library refused the image
            raise ToolFailed(f"{function.__name__}: {type(error).__name__}") from error

    def _restart(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()  # a hung native call does not answer a polite shutdown
            pool.shutdown(wait=True, cancel_futures=True)

    def measure(self, image: Grey) -> FingerMeasure:
        """NFIQ 2 and minutiae of one 500 ppi finger image."""
        ok, png = cv2.imencode(".png", image)
        if not ok:
            raise ToolFailed("PNG encoding failed")
        score, count, template = self._call(_measure, png.tobytes())
        return FingerMeasure(score, count, template)

    def compare(self, first: bytes, second: bytes) -> int:
        """bozorth3 score of two templates (higher: more alike)."""
        return int(self._call(_compare, first, second))

    def compare_many(self, pairs: list[tuple[bytes, bytes]]) -> list[int]:
        """Several comparisons in one trip to the tools' process."""
        return [int(score) for score in self._call(_compare_many, pairs)] if pairs else []

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def __enter__(self) -> FingerprintTools:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def same_fingers(templates: dict[int, bytes], tools: FingerprintTools,
                 threshold: int = SAME_FINGER_SCORE, *,
                 against: dict[int, bytes] | None = None) -> list[tuple[int, int, int]]:
    """Pairs of positions whose prints are the same finger (a finger given twice, or a slap
    placed twice): (position, position, score). With ``against``, only new fingers against
    those (the earlier ones were checked among themselves already); else every pair."""
    if against is None:
        keys = sorted(templates)
        pairs = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]]
        both = templates
    else:
        pairs = [(old, new) for old in sorted(against) for new in sorted(templates)]
        both = {**against, **templates}
    scores = tools.compare_many([(both[a], both[b]) for a, b in pairs])
    return [(a, b, score) for (a, b), score in zip(pairs, scores, strict=True)
            if score >= threshold]


# bozorth3 on our synthetic prints with every minutia (docs/fingerprint-realism.md, 40
# fingers): the highest of 780 different-finger scores was 62. With the kiosk's templates
# (top 60 minutiae) on slap fingers: different fingers at most 26 of 270, same finger 93 and
# up. 80 sits above every impostor seen in either set (no false match: FMR below ~0.4 % at
# 95 % confidence) and below every genuine pair; real prints need their own calibration.
VERIFY_THRESHOLD = 80


@dataclass(frozen=True)
class Verification:
    score: int
    matched: bool
    threshold: int


def verify(live: Grey, stored_template: bytes, tools: FingerprintTools,
           threshold: int = VERIFY_THRESHOLD) -> Verification:
    """1:1: is the finger on the glass the one whose template is stored (a citizen reporting
    a lost card)?"""
    score = tools.compare(tools.measure(live).template, stored_template)
    return Verification(score, score >= threshold, threshold)
