"""Per-finger review of a slap at the counter: each finger segmented, measured with NIST's
tools, judged, and compared with the fingers already captured for the case (a finger given
twice, or a slap placed twice, is caught before the citizen leaves)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from kiosk.biometrics.fingers import FINGER_NAMES, SlapLayout, judge_finger, segment_slap
from kiosk.biometrics.nist_tools import FingerprintTools, ToolFailed, same_fingers
from kiosk.biometrics.quality import QualityReport

log = logging.getLogger(__name__)


@dataclass
class FingerChecks:
    """Owned by the desk; ``close`` ends the NIST tools' process."""

    tools: FingerprintTools
    # Per case code: ISO finger position -> template of the best accepted capture.
    _templates: dict[str, dict[int, bytes]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def review(self, case_code: str, slap: str, image: npt.NDArray[np.uint8],
               slap_report: QualityReport, missing: frozenset[int] = frozenset(), *,
               layout: SlapLayout | None = None) -> QualityReport:
        """The slap's report with every finger's verdict folded in; ``missing`` holds the
        positions declared missing, which the slap does not show. ``layout``: the slap's
        ``slap_layout``, when the caller has it already (the slap judge found it)."""
        segments = [s for s in segment_slap(image, slap, missing, layout=layout)
                    if s.position]
        if not segments:  # the count is wrong: the slap judge has said so already
            return slap_report
        try:
            measures = {s.position: self.tools.measure(s.image) for s in segments}
        except ToolFailed as error:
            log.warning("finger quality unavailable: %s", error)
            return slap_report  # the whole-slap judgement stands; nothing is lost
        problems = list(slap_report.problems)
        acceptable = slap_report.acceptable
        for segment in segments:
            verdict = judge_finger(segment.position, segment.image,
                                   measures[segment.position].nfiq2)
            acceptable = acceptable and verdict.acceptable
            problems += verdict.problems
        with self._lock:
            earlier = {p: t for p, t in self._templates.get(case_code, {}).items()
                       if p not in measures}
        fresh = {p: m.template for p, m in measures.items()}
        try:
            repeated = same_fingers(fresh, self.tools, against=earlier) if earlier else []
        except ToolFailed as error:
            log.warning("same-finger check unavailable: %s", error)
            repeated = []
        for first, second, _score in repeated:
            # Each pair is a finger taken earlier against one of this slap.
            acceptable = False
            problems.append(
                f"Vân {FINGER_NAMES[first]} và {FINGER_NAMES[second]} là cùng một ngón: "
                "đề nghị công dân đặt đúng tay, đúng ngón rồi chụp lại.")
        scores = [m.nfiq2 or 0 for m in measures.values()]
        score = min(slap_report.score, round(sum(scores) / len(scores)))
        if acceptable:
            with self._lock:
                self._templates.setdefault(case_code, {}).update(fresh)
        return QualityReport(score, acceptable, tuple(problems))

    def forget(self, case_code: str) -> None:
        with self._lock:
            self._templates.pop(case_code, None)

    def close(self) -> None:
        self.tools.close()
