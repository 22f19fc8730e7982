"""Auto-capture on a live face preview: fire once the citizen has held still, every check
passing, for a few frames in a row, and keep the best frame of that run
(reference/biometrics.md §3.3, step 8).

Counted in frames, not seconds, and with no thread of its own: the preview loop feeds one
analysis per frame and gets a capture back when the run is complete.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Generic, TypeVar

from kiosk.biometrics.face import FaceAnalysis

Frame = TypeVar("Frame")

FRAMES_NEEDED = 5
STEADY_PX = 4.0  # largest eye movement between two frames of a run (640 x 480 preview)


@dataclass(frozen=True)
class Captured(Generic[Frame]):
    frame: Frame
    analysis: FaceAnalysis


class AutoCapture(Generic[Frame]):
    def __init__(self, frames_needed: int = FRAMES_NEEDED, steady_px: float = STEADY_PX
                 ) -> None:
        if frames_needed < 1:
            raise ValueError("frames_needed must be at least 1")
        self.frames_needed = frames_needed
        self.steady_px = steady_px
        self._run: list[Captured[Frame]] = []

    @property
    def progress(self) -> int:
        """Frames in the current run, for a progress ring on the preview."""
        return len(self._run)

    def feed(self, analysis: FaceAnalysis, frame: Frame) -> Captured[Frame] | None:
        """One preview frame and its analysis; the best frame of the run once it is long
        enough (the run then starts again), otherwise None. A failing frame ends the run; a
        passing frame whose eyes moved starts a new one."""
        if not analysis.passed or analysis.eyes is None:
            self._run.clear()
            return None
        if self._run and not self._steady(self._run[-1].analysis, analysis):
            self._run.clear()
        self._run.append(Captured(frame, analysis))
        if len(self._run) < self.frames_needed:
            return None
        # The earliest of equally good frames (max keeps the first): the citizen had settled
        # by then.
        best = max(self._run, key=lambda taken: taken.analysis.score)
        self._run.clear()
        return best

    def _steady(self, before: FaceAnalysis, now: FaceAnalysis) -> bool:
        """Only passing frames with eyes join a run, so both have them."""
        assert before.eyes is not None and now.eyes is not None
        return all(math.dist(a, b) <= self.steady_px
                   for a, b in zip(before.eyes, now.eyes, strict=True))
