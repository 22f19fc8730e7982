"""The desk's view of the case being served: where each capture goes, what was kept, which
fingers are declared missing. Everything in it is already saved but the card scanned at
intake, which is never saved."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from kiosk.biometrics.quality import QualityReport
from kiosk.devices.base import SLAP_FINGERS, DeviceInfo, Eye, Finger, Slap
from kiosk.registry.cardqr import CardQr
from kiosk.workflow.adjustment import Adjustment
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
    # Below the quality threshold but kept all the same: the username of whoever authorized
    # it (ACCEPT_LOW_QUALITY, their own or a supervisor's approval), None otherwise.
    accepted_by: str | None = None

    @property
    def passed(self) -> bool:
        """Good enough for the case: acceptable, or accepted below the threshold."""
        return self.quality.acceptable or self.accepted_by is not None


@dataclass(frozen=True)
class LowQualityPolicy:
    """When a capture below the quality threshold may be accepted (ACCEPT_LOW_QUALITY): at
    these positions only, after this many attempts there (resources/security/permissions.toml)."""

    after_attempts: int
    positions: frozenset[Position]


@dataclass
class CaseFile:
    """The desk's view of the case being served; everything in it is already saved (but
    ``card``, kept in memory only)."""

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
    # What the QR code of the card scanned at intake says. The one field never saved: the
    # procedure page compares it with the registry record; a resumed case has none.
    card: CardQr | None = field(default=None, repr=False)
    # Attempts made at each position so far (the kept one may be an earlier attempt).
    attempts: dict[Position, int] = field(default_factory=dict)
    # The CSDLQG adjustment asked for before the procedure was decided (DC02 item 7): the
    # decision then counts its working days. None: the record agrees with the papers.
    adjustment: Adjustment | None = field(default=None, repr=False)
    # Where the record came from when CSDLQG could not be reached: the offline cache, synced
    # at this ISO time ("" unknown). None: CSDLQG itself (or a resumed case). Memory only.
    cache_synced_at: str | None = field(default=None, repr=False)

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
        skipped = {SLAP_POSITIONS[slap] for slap in Slap if self.all_fingers_missing(slap)}
        return tuple(p for p in Position if wanted[p] and p not in skipped)

    def all_fingers_missing(self, slap: Slap) -> bool:
        """Every finger of ``slap`` is declared missing: the slap is not taken."""
        return all(f in self.missing_fingers for f in SLAP_FINGERS[slap])

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
            if p not in self.best or not self.best[p].passed
        )

    def check_low_quality(self, position: Position, policy: LowQualityPolicy) -> CaptureResult:
        """The kept capture at ``position``, when it may be accepted below the quality
        threshold now: required, tried ``policy.after_attempts`` times, none acceptable."""
        kept = self.best.get(position)
        if position not in policy.positions:
            raise RuleViolation(
                "capture.low_quality_position",
                f"{position.label}: không được chấp nhận ảnh dưới ngưỡng chất lượng; chụp lại "
                "đến khi đạt.")
        if position not in self.required_positions():
            raise RuleViolation("capture.low_quality_not_required",
                                f"{position.label}: hồ sơ này không cần thu nhận.")
        if kept is None:
            raise RuleViolation("capture.low_quality_nothing",
                                f"{position.label}: chưa có lần thu nhận nào để chấp nhận.")
        if kept.passed:
            raise RuleViolation("capture.low_quality_passed",
                                f"{position.label} đã đạt, không cần chấp nhận ngoại lệ.")
        tried = self.attempts.get(position, kept.attempt)
        if tried < policy.after_attempts:
            raise RuleViolation(
                "capture.low_quality_too_soon",
                f"{position.label}: mới thu nhận {tried} lần; thu nhận lại — chỉ chấp nhận "
                f"ảnh dưới ngưỡng chất lượng sau {policy.after_attempts} lần không đạt.")
        return kept

    def may_accept_low_quality(self, position: Position, policy: LowQualityPolicy) -> bool:
        try:
            self.check_low_quality(position, policy)
        except RuleViolation:
            return False
        return True


EXCEPTION_PREFIX = "finger_"  # the stored position of a finger declared missing
WITHDRAWN = "withdrawn"  # the reason stored when a declaration is taken back
# A capture accepted below the quality threshold is a row beside the attempts: its position
# is LOW_QUALITY_PREFIX + the position, its reason "accepted_low_quality:<attempt>:<username>".
LOW_QUALITY_PREFIX = "low_quality_"
ACCEPTED_LOW_QUALITY = "accepted_low_quality"


def note_exception(case: CaseFile, finger: Finger, reason: str | None) -> None:
    if reason is None:
        case.missing_fingers.pop(finger, None)
    else:
        case.missing_fingers[finger] = reason
