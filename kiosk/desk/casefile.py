"""The desk's view of the case being served: where each capture goes, what was kept, which
fingers are declared missing. Everything in it is already saved but the card scanned at
intake, which is never saved.

Fingers are taken in one of two forms: the 4-4-2 slaps of a slap scanner, or one finger at a
time on a single-finger reader (FingerForm). Either completes the plan: a finger counts as
taken when its slap or its own single capture passed, so the form only says what is asked
for next, never whether the case is complete."""

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
from kiosk.workflow.capacity import CapacityDeclaration
from kiosk.workflow.case import CaseFacts, Step
from kiosk.workflow.decide import Decision
from kiosk.workflow.decisions import Decided
from kiosk.workflow.delivery import COUNTER, Delivery
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.people import Citizen


class Position(StrEnum):
    """One stored capture: the face, a slap of the 4-4-2 sequence, one eye, or one finger
    taken alone on a single-finger reader (the names of kiosk.devices.base.Finger)."""

    FACE = "face"
    LEFT_FOUR = "left_four"
    RIGHT_FOUR = "right_four"
    THUMBS = "thumbs"
    IRIS_LEFT = "iris_left"
    IRIS_RIGHT = "iris_right"
    RIGHT_THUMB = "right_thumb"
    RIGHT_INDEX = "right_index"
    RIGHT_MIDDLE = "right_middle"
    RIGHT_RING = "right_ring"
    RIGHT_LITTLE = "right_little"
    LEFT_THUMB = "left_thumb"
    LEFT_INDEX = "left_index"
    LEFT_MIDDLE = "left_middle"
    LEFT_RING = "left_ring"
    LEFT_LITTLE = "left_little"

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
    **{Position(finger.name.lower()): finger.label for finger in Finger},
}
SLAP_POSITIONS = {Slap.LEFT_FOUR: Position.LEFT_FOUR, Slap.RIGHT_FOUR: Position.RIGHT_FOUR,
                  Slap.THUMBS: Position.THUMBS}
EYE_POSITIONS = {Eye.LEFT: Position.IRIS_LEFT, Eye.RIGHT: Position.IRIS_RIGHT}
FINGER_POSITIONS = {finger: Position(finger.name.lower()) for finger in Finger}
FINGER_AT = {position: finger for finger, position in FINGER_POSITIONS.items()}
SLAP_AT = {position: slap for slap, position in SLAP_POSITIONS.items()}
SLAP_OF = {finger: slap for slap, fingers in SLAP_FINGERS.items() for finger in fingers}
# The order a single-finger reader asks for the fingers: ISO/IEC 19794-4 (and ANSI/NIST-ITL)
# positions 1-10, right thumb to right little finger, then left thumb to left little finger:
# the ten-print card's order, CC01's finger grid and the records' (docs/decisions/0014).
FINGER_SEQUENCE = tuple(Finger)


class FingerForm(StrEnum):
    """How the fingers are taken: the reader in use decides (DeviceInfo.takes_slaps)."""

    SLAPS = "slaps"  # 4-4-2 on a slap scanner
    SINGLE = "single"  # one finger at a time on a single-finger reader


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
    # The clerk's declaration that the citizen lost capacity or has difficulty in cognition
    # or self-control, with the court decision shown: the decision then requires a
    # legal representative. None: not declared.
    capacity: CapacityDeclaration | None = field(default=None, repr=False)
    # Where the record came from when CSDLQG could not be reached: the offline cache, synced
    # at this ISO time ("" unknown). None: CSDLQG itself (or a resumed case). Memory only.
    cache_synced_at: str | None = field(default=None, repr=False)
    # How the fingers are asked for: the form of the reader in use (CounterDesk.follow_reader).
    # Memory only: either form completes the plan, so nothing saved depends on it.
    finger_form: FingerForm = FingerForm.SLAPS

    @property
    def decided(self) -> Decision:
        if self.decision is None:
            raise RuleViolation("case.not_decided", "Chưa xác định thủ tục cho hồ sơ này.")
        return self.decision

    @property
    def fee(self) -> Decided[int] | None:
        return None if self.decision is None else self.decision.fee

    def required_positions(self, form: FingerForm | None = None) -> tuple[Position, ...]:
        """What the plan asks for, the fingers in ``form`` (None: the case's): the slaps
        not wholly declared missing, or each finger not declared missing, in sequence."""
        if self.decision is None:
            return ()
        plan = self.decision.biometrics
        fingers: tuple[Position, ...] = ()
        if plan.fingerprints and (form or self.finger_form) is FingerForm.SLAPS:
            fingers = tuple(SLAP_POSITIONS[s] for s in Slap if not self.all_fingers_missing(s))
        elif plan.fingerprints:
            fingers = tuple(FINGER_POSITIONS[f] for f in FINGER_SEQUENCE
                            if f not in self.missing_fingers)
        face = (Position.FACE,) if plan.face else ()
        eyes = (Position.IRIS_LEFT, Position.IRIS_RIGHT) if plan.iris else ()
        return (*face, *fingers, *eyes)

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
        return tuple(p for p in self.required_positions() if not self.covered(p))

    def covered(self, position: Position) -> bool:
        """Whether what ``position`` holds is taken, in either form: its own capture passed;
        for one finger, its slap passed; for a slap, each of its fingers not declared
        missing passed alone."""
        if self._passed(position):
            return True
        if position in FINGER_AT:
            return self._passed(SLAP_POSITIONS[SLAP_OF[FINGER_AT[position]]])
        if position in SLAP_AT:
            return all(f in self.missing_fingers or self._passed(FINGER_POSITIONS[f])
                       for f in SLAP_FINGERS[SLAP_AT[position]])
        return False

    def _passed(self, position: Position) -> bool:
        kept = self.best.get(position)
        return kept is not None and kept.passed

    def fingers_to_take(self) -> tuple[Finger, ...]:
        """The fingers still to take, in sequence: wanted by the plan, not declared missing,
        taken in neither form."""
        if self.decision is None or not self.decision.biometrics.fingerprints:
            return ()
        return tuple(f for f in FINGER_SEQUENCE if f not in self.missing_fingers
                     and not self.covered(FINGER_POSITIONS[f]))

    def check_low_quality(self, position: Position, policy: LowQualityPolicy) -> CaptureResult:
        """The kept capture at ``position``, when it may be accepted below the quality
        threshold now: required, tried ``policy.after_attempts`` times, none acceptable."""
        kept = self.best.get(position)
        if position not in policy.positions:
            raise RuleViolation(
                "capture.low_quality_position",
                f"{position.label}: không được chấp nhận ảnh dưới ngưỡng chất lượng; chụp lại "
                "đến khi đạt.")
        form = FingerForm.SINGLE if position in FINGER_AT else FingerForm.SLAPS
        if position not in self.required_positions(form):
            raise RuleViolation("capture.low_quality_not_required",
                                f"{position.label}: hồ sơ này không cần thu nhận.")
        if kept is None:
            raise RuleViolation("capture.low_quality_nothing",
                                f"{position.label}: chưa có lần thu nhận nào để chấp nhận.")
        if self.covered(position):
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
