"""What a case keeps of its captures, replayed from the stored attempts.

Per position the case keeps an acceptable capture over one accepted below the quality
threshold (a supervisor's exception) over any refused one (a refused capture can score high:
a wrong hand, two faces), then the higher score, and on a tie the later attempt. Fingers
declared missing are capture rows with a reason instead of an image; the last declaration of
a finger stands, and WITHDRAWN takes it back. An acceptance below the threshold is such a row
too (LOW_QUALITY_PREFIX), naming the attempt accepted and who authorized it.
"""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.desk.casefile import (
    ACCEPTED_LOW_QUALITY,
    EXCEPTION_PREFIX,
    LOW_QUALITY_PREFIX,
    WITHDRAWN,
)
from kiosk.storage.cases import StoredCapture

Rank = tuple[int, int]  # (acceptable 2 / accepted below the threshold 1 / refused 0, score)


def rank(acceptable: bool, score: int, accepted_low: bool = False) -> Rank:
    return (2 if acceptable else 1 if accepted_low else 0, score)


def outranks(new: Rank, kept: Rank | None) -> bool:
    """Whether an attempt ranked ``new`` replaces the ``kept`` one (a tie: the later wins)."""
    return kept is None or new >= kept


def low_quality_reason(attempt: int, approver: str) -> str:
    """The stored reason of an acceptance below the threshold (see kiosk/desk/casefile.py)."""
    return f"{ACCEPTED_LOW_QUALITY}:{attempt}:{approver}"


def accepted_low_quality(captures: Iterable[StoredCapture]) -> dict[str, tuple[int, str]]:
    """Per position, the attempt accepted below the quality threshold and by whom (the
    username); the last acceptance of a position stands."""
    accepted: dict[str, tuple[int, str]] = {}
    for capture in captures:
        reason = capture.exception_reason
        if reason is None or not capture.position.startswith(LOW_QUALITY_PREFIX):
            continue
        kind, attempt, approver = reason.split(":", 2)
        if kind != ACCEPTED_LOW_QUALITY:
            raise ValueError(f"unknown capture exception {kind!r}")
        accepted[capture.position.removeprefix(LOW_QUALITY_PREFIX)] = (int(attempt), approver)
    return accepted


def kept_attempts(captures: Iterable[StoredCapture]) -> dict[str, StoredCapture]:
    """Per position, the attempt the case keeps (declared exceptions are not attempts)."""
    captures = tuple(captures)
    accepted = accepted_low_quality(captures)

    def ranked(capture: StoredCapture) -> Rank:
        taken = accepted.get(capture.position)
        return rank(capture.acceptable, capture.quality,
                    taken is not None and taken[0] == capture.attempt)

    kept: dict[str, StoredCapture] = {}
    for capture in captures:
        if capture.exception_reason is not None:
            continue
        earlier = kept.get(capture.position)
        if outranks(ranked(capture), None if earlier is None else ranked(earlier)):
            kept[capture.position] = capture
    return kept


def declared_missing(captures: Iterable[StoredCapture]) -> dict[str, str]:
    """Fingers declared missing: ISO finger position ("1"-"10") -> reason."""
    declared: dict[str, str] = {}
    for capture in captures:
        if capture.exception_reason is None or not capture.position.startswith(
                EXCEPTION_PREFIX):
            continue
        finger = capture.position.removeprefix(EXCEPTION_PREFIX)
        if capture.exception_reason == WITHDRAWN:
            declared.pop(finger, None)
        else:
            declared[finger] = capture.exception_reason
    return declared
