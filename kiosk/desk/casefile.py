"""The desk's view of the case being served: where each capture goes, what was kept, which
fingers are declared missing. Everything in it is already saved."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from kiosk.biometrics.quality import QualityReport
from kiosk.devices.base import SLAP_FINGERS, DeviceInfo, Eye, Finger, Slap
from kiosk.workflow.case import CaseFacts, Step
from kiosk.workflow.decide import Decision
from kiosk.workflow.decisions import Decided
from kiosk.workflow.delivery import COUNTER, Delivery
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.people import Citizen


class Position(StrEnum):
    """One stored capture: the face, a slap of the 4-4-2 sequence, or one eye."""

    FACE = "face"
    LEFT_FOUR = "left_four"
    RIGHT_FOUR = "right_four"
    THUMBS = "thumbs"
    IRIS_LEFT = "iris_left"
    IRIS_RIGHT = "iris_right"

    @property
    def label(self) -> str:
        return POSITION_LABELS[self]


POSITION_LABELS = {
    Position.FACE: "Ảnh khuôn mặt",
    Position.LEFT_FOUR: "Bốn ngón tay trái",
    Position.RIGHT_FOUR: "Bốn ngón tay phải",
    Position.THUMBS: "Hai ngón cái",
    Position.IRIS_LEFT: "Mống mắt trái",
    Position.IRIS_RIGHT: "Mống mắt phải",
}
SLAP_POSITIONS = {Slap.LEFT_FOUR: Position.LEFT_FOUR, Slap.RIGHT_FOUR: Position.RIGHT_FOUR,
                  Slap.THUMBS: Position.THUMBS}
EYE_POSITIONS = {Eye.LEFT: Position.IRIS_LEFT, Eye.RIGHT: Position.IRIS_RIGHT}


@dataclass(frozen=True)
class CaptureResult:
    position: Position
    attempt: int
    quality: QualityReport
    device: DeviceInfo
    image: npt.NDArray[np.uint8]


@dataclass
class CaseFile:
    """The desk's view of the case being served; everything in it is already saved."""

    code: str
    step: Step
    citizen: Citizen
    opened_at: datetime
    decision: Decision | None = None
    due: Decided[date] | None = None
    best: dict[Position, CaptureResult] = field(default_factory=dict)
    portrait_jpeg: bytes | None = None
    printed: list[str] = field(default_factory=list)
    representative: str | None = None  # the representative's name, once recorded
    representative_id: str | None = None
    # Fingers the citizen cannot give, with the reason (fingers.MISSING_REASONS).
    missing_fingers: dict[Finger, str] = field(default_factory=dict)
    delivery: Delivery = COUNTER  # as printed on CC01 (the counter until the clerk chooses)

    @property
    def decided(self) -> Decision:
        if self.decision is None:
            raise RuleViolation("case.not_decided", "Chưa xác định thủ tục cho hồ sơ này.")
        return self.decision

    @property
    def fee(self) -> Decided[int] | None:
        return None if self.decision is None else self.decision.fee

    def required_positions(self) -> tuple[Position, ...]:
        if self.decision is None:
            return ()
        plan = self.decision.biometrics
        wanted = {Position.FACE: plan.face, Position.IRIS_LEFT: plan.iris,
                  Position.IRIS_RIGHT: plan.iris, Position.LEFT_FOUR: plan.fingerprints,
                  Position.RIGHT_FOUR: plan.fingerprints, Position.THUMBS: plan.fingerprints}
        return tuple(p for p in Position if wanted[p] and not self._all_fingers_missing(p))

    def _all_fingers_missing(self, position: Position) -> bool:
        slap = next((s for s, p in SLAP_POSITIONS.items() if p is position), None)
        return slap is not None and all(f in self.missing_fingers for f in SLAP_FINGERS[slap])

    def missing_on(self, slap: Slap) -> frozenset[Finger]:
        return frozenset(f for f in SLAP_FINGERS[slap] if f in self.missing_fingers)

    def facts(self) -> CaseFacts:
        """What the transition validators check, read off this case."""
        return CaseFacts(
            representative_required=(self.decision is not None
                                     and self.decision.representative_required),
            representative_recorded=self.representative is not None,
            missing_captures=tuple(p.label for p in self.missing_positions()),
            printed=frozenset(self.printed),
        )

    def missing_positions(self) -> tuple[Position, ...]:
        return tuple(
            p for p in self.required_positions()
            if p not in self.best or not self.best[p].quality.acceptable
        )


EXCEPTION_PREFIX = "finger_"  # the stored position of a finger declared missing
WITHDRAWN = "withdrawn"  # the reason stored when a declaration is taken back


def note_exception(case: CaseFile, finger: Finger, reason: str | None) -> None:
    if reason is None:
        case.missing_fingers.pop(finger, None)
    else:
        case.missing_fingers[finger] = reason
