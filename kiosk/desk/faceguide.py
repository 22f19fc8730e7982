"""Guidance on the live face preview: each frame judged to ICAO rules, the first thing to
fix told to the clerk, and the capture taken by itself once the citizen has held still with
every check passing (kiosk/biometrics/autocapture.py). Runs on the preview's own thread."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kiosk.biometrics.autocapture import FRAMES_NEEDED, AutoCapture, Captured
from kiosk.biometrics.face import analyse_face

Colour = npt.NDArray[np.uint8]
HOLD_STILL = "Đạt chuẩn: đề nghị công dân giữ yên để tự chụp."


@dataclass(frozen=True)
class Guidance:
    advice: str  # Vietnamese: what to fix first, or to hold still
    score: int  # 0-100, the frame's weakest check
    progress: int  # good steady frames so far
    needed: int  # steady good frames the auto-capture waits for
    # The best frame of a completed run with its analysis: take it as the capture.
    captured: Captured[Colour] | None = None


class FaceGuide:
    """One per preview session; not shared between threads."""

    def __init__(self, frames_needed: int = FRAMES_NEEDED) -> None:
        self._auto: AutoCapture[Colour] = AutoCapture(frames_needed)
        self.frames_needed = frames_needed

    def see(self, image: Colour) -> Guidance:
        analysis = analyse_face(image)
        taken = self._auto.feed(analysis, image)
        failed = analysis.to_fix
        advice = failed[0].advice if failed else HOLD_STILL
        progress = self.frames_needed if taken else self._auto.progress
        return Guidance(advice, analysis.score, progress, self.frames_needed, taken)
