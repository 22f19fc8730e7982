"""Per-finger review at the counter: each finger of a slap segmented (or the one finger of a
single-finger reader cut out), measured with NIST's tools, judged, and compared with the
fingers already captured for the case (a finger given twice, or a slap placed twice, is caught
before the citizen leaves)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from kiosk.biometrics.fingers import (
    FINGER_NAMES,
    MARGIN,
    FingerVerdict,
    SlapLayout,
    judge_finger,
    segment_slap,
)
from kiosk.biometrics.nist_tools import FingerMeasure, FingerprintTools, ToolFailed, same_fingers
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
        verdicts = [judge_finger(s.position, s.image, measures[s.position].nfiq2)
                    for s in segments]
        return self._folded(case_code, slap_report.problems, slap_report, verdicts, measures)

    def review_finger(self, case_code: str, position: int, image: npt.NDArray[np.uint8],
                      finger_report: QualityReport, layout: SlapLayout) -> QualityReport:
        """One finger taken alone (ISO ``position``): ``finger_report`` is the whole image's
        judgement (one finger there, its ridges clear) and ``layout`` its ``slap_layout``.
        The finger, cut out, is judged as a finger of a slap is (NFIQ 2 and the ridge
        checks, advice first), and must not match one the case holds at another position."""
        _ground, masks = layout
        if len(masks) != 1:  # no finger, or more than one: the whole-image judge said so
            return finger_report
        alone = _cut_out(image, masks[0])
        try:
            measure = self.tools.measure(alone)
        except ToolFailed as error:
            log.warning("finger quality unavailable: %s", error)
            return finger_report  # the whole-image judgement stands; nothing is lost
        verdict = judge_finger(position, alone, measure.nfiq2)
        # The finger's own advice first: it names the finger, the whole image's does not.
        return self._folded(case_code, (), finger_report, [verdict], {position: measure})

    def _folded(self, case_code: str, first: tuple[str, ...], report: QualityReport,
                verdicts: list[FingerVerdict], measures: dict[int, FingerMeasure]
                ) -> QualityReport:
        """``report`` with each finger's verdict and the same-finger check folded in
        (``first``: the advice that comes before the fingers'); the score is the fingers'
        mean NFIQ 2 at most. The accepted fingers' templates are kept for the case."""
        problems = [*first, *(p for v in verdicts for p in v.problems)]
        problems += [p for p in report.problems if p not in first]
        acceptable = report.acceptable and all(v.acceptable for v in verdicts)
        with self._lock:
            earlier = {p: t for p, t in self._templates.get(case_code, {}).items()
                       if p not in measures}
        fresh = {p: m.template for p, m in measures.items()}
        try:
            repeated = same_fingers(fresh, self.tools, against=earlier) if earlier else []
        except ToolFailed as error:
            log.warning("same-finger check unavailable: %s", error)
            repeated = []
        for earlier_position, new_position, _score in repeated:
            # Each pair is a finger taken earlier against one taken now.
            acceptable = False
            problems.append(
                f"Vân {FINGER_NAMES[earlier_position]} và {FINGER_NAMES[new_position]} là cùng "
                "một ngón: đề nghị công dân đặt đúng tay, đúng ngón rồi chụp lại.")
        scores = [m.nfiq2 or 0 for m in measures.values()]
        score = min(report.score, round(sum(scores) / len(scores)))
        if acceptable:
            with self._lock:
                self._templates.setdefault(case_code, {}).update(fresh)
        return QualityReport(score, acceptable, tuple(problems))

    def forget(self, case_code: str) -> None:
        with self._lock:
            self._templates.pop(case_code, None)

    def close(self) -> None:
        self.tools.close()


def _cut_out(image: npt.NDArray[np.uint8], mask: npt.NDArray[np.uint8]
             ) -> npt.NDArray[np.uint8]:
    """The finger's ridged region with a margin, cropped from the image: the reader's bare
    glass around it is left out, while a faint print keeps its whole contact area (whitening
    what lies outside the ridge mask shrank smudged fingers below the contact bar, so they
    were told to touch the glass fully instead of to press)."""
    rows, columns = np.nonzero(mask)
    top, left = max(0, int(rows.min()) - MARGIN), max(0, int(columns.min()) - MARGIN)
    bottom, right = int(rows.max()) + MARGIN + 1, int(columns.max()) + MARGIN + 1
    return np.ascontiguousarray(image[top:bottom, left:right])
