"""What a training session adds to a case: its scenario, the device faults it cues, and the
errors the trainee was shown, all written to the audit trail as codes so the trainee report
can be read off the case afterwards (kiosk/desk/trainee_report.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol

from kiosk.desk.casefile import CaseFile, Position
from kiosk.desk.scenario import CAPTURE_CUES, FaultCue
from kiosk.devices.base import DeviceError, Slap
from kiosk.storage.audit import AuditLog
from kiosk.workflow.errors import RuleViolation

# Audit actions of a training session (details: codes only, kiosk/storage/audit.py).
SCENARIO, FAULT, ERROR = "training_scenario", "training_fault", "training_error"
# The simulators' fault that stands for a finger the citizen does not have: once the clerk
# declares a finger of that slap missing, the citizen's hand shows it and the cue stops.
MISSING_FINGER = "missing_finger"
SLAP_OF = {"left_four": Slap.LEFT_FOUR, "right_four": Slap.RIGHT_FOUR, "thumbs": Slap.THUMBS}


class NotSimulated(Exception):
    """A fault is cued for a device that is not simulated at this desk."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Simulators(Protocol):
    """The simulated devices of the desk (device_simulators/controls.py SimulatorHandles)."""

    def kinds(self) -> tuple[str, ...]: ...

    def faults(self, kind: str) -> tuple[tuple[str, str], ...]: ...

    def inject(self, kind: str, fault: str) -> None: ...

    def pending(self, kind: str) -> list[str]: ...

    def connected(self, kind: str) -> bool: ...

    def reconnect(self, kind: str) -> None: ...

    def load_paper(self) -> None: ...

    def has_paper(self) -> bool: ...


class TrainingJournal:
    """Writes a session's own rows to the audit trail, as the desk's current operator."""

    def __init__(self, audit: AuditLog | None, clock: Callable[[], datetime],
                 operator: Callable[[], str]) -> None:
        self._audit, self._clock, self._operator = audit, clock, operator

    def _append(self, action: str, case_code: str, **details: str | int | bool) -> None:
        if self._audit is not None:
            self._audit.append(at=self._clock(), actor=self._operator(), action=action,
                               case_code=case_code, details=details)

    def scenario(self, case_code: str, name: str) -> None:
        self._append(SCENARIO, case_code, scenario=name)

    def fault(self, case_code: str, device: str, fault: str, at: str, attempt: int, *,
              cued: bool) -> None:
        self._append(FAULT, case_code, device=device, fault=fault, at=at, attempt=attempt,
                     cued=cued)

    def error(self, case_code: str, error: Exception, at: str) -> None:
        """An error shown to the trainee: a rule that refused an action (its code) or a
        device failure (its kind); ``at``: the capture position, form or step."""
        if isinstance(error, RuleViolation):
            kind, code = "rule", error.code
        elif isinstance(error, DeviceError):
            kind, code = "device", type(error).__name__
        else:
            kind, code = "other", type(error).__name__
        self._append(ERROR, case_code, kind=kind, code=code, at=at)


def next_attempt(case: CaseFile, at: str) -> int:
    """The attempt a capture at ``at`` would be (``iris``: both eyes, one capture)."""
    if at == "iris":
        done = max(case.attempts.get(Position.IRIS_LEFT, 0),
                   case.attempts.get(Position.IRIS_RIGHT, 0))
    else:
        done = case.attempts.get(Position(at), 0)
    return done + 1


class FaultScript:
    """A scenario's fault cues, injected into the simulators just before the capture or the
    print they are cued for, each once; call :meth:`before_capture` and :meth:`before_print`
    right before the desk captures or prints."""

    def __init__(self, cues: Sequence[FaultCue], simulators: Simulators | None,
                 journal: TrainingJournal) -> None:
        simulated = simulators.kinds() if simulators is not None else ()
        absent = sorted({cue.device for cue in cues} - set(simulated))
        if absent:
            raise NotSimulated(
                f"Kịch bản tạo lỗi cho thiết bị {', '.join(absent)} nhưng thiết bị đó của bàn "
                "này không phải thiết bị mô phỏng: chạy ở chế độ đào tạo (--simulator, "
                "environment = training).")
        self._cues = tuple(cues)
        self._simulators = simulators
        self._journal = journal
        self._done: set[tuple[int, int]] = set()
        self._prints: Counter[tuple[str, str]] = Counter()

    def before_capture(self, case: CaseFile, at: str) -> None:
        """``at``: face, left_four, right_four, thumbs or iris (CAPTURE_CUES)."""
        if at not in CAPTURE_CUES:
            raise ValueError(f"not a capture cue: {at!r}")
        declared = at in SLAP_OF and bool(case.missing_on(SLAP_OF[at]))
        self._fire(case.code, at, next_attempt(case, at),
                   skip=lambda cue: cue.fault == MISSING_FINGER and declared)

    def before_print(self, case: CaseFile, form: str) -> None:
        self._prints[(case.code, form)] += 1
        self._fire(case.code, form, self._prints[(case.code, form)])

    def _fire(self, case_code: str, at: str, attempt: int,
              skip: Callable[[FaultCue], bool] = lambda _cue: False) -> None:
        for index, cue in enumerate(self._cues):
            if cue.at != at or attempt not in cue.attempts or (index, attempt) in self._done:
                continue
            self._done.add((index, attempt))
            if skip(cue) or self._simulators is None:
                continue
            self._simulators.inject(cue.device, cue.fault)
            self._journal.fault(case_code, cue.device, cue.fault, at, attempt, cued=True)
