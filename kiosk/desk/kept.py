"""What a case keeps of its captures, replayed from the stored attempts.

Per position the case keeps an acceptable capture over any refused one (a refused capture
can score high: a wrong hand, two faces), then the higher score, and on a tie the later
attempt. Fingers declared missing are capture rows with a reason instead of an image; the
last declaration of a finger stands, and WITHDRAWN takes it back.
"""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.desk.casefile import EXCEPTION_PREFIX, WITHDRAWN
from kiosk.storage.cases import StoredCapture


def replaces(acceptable: bool, score: int, kept: tuple[bool, int] | None) -> bool:
    """Whether a new attempt (``acceptable``, ``score``) replaces the ``kept`` one."""
    if kept is None:
        return True
    return (acceptable, score) >= kept


def kept_attempts(captures: Iterable[StoredCapture]) -> dict[str, StoredCapture]:
    """Per position, the attempt the case keeps (declared exceptions are not attempts)."""
    kept: dict[str, StoredCapture] = {}
    for capture in captures:
        if capture.exception_reason is not None:
            continue
        earlier = kept.get(capture.position)
        if replaces(capture.acceptable, capture.quality,
                    None if earlier is None else (earlier.acceptable, earlier.quality)):
            kept[capture.position] = capture
    return kept


def declared_missing(captures: Iterable[StoredCapture]) -> dict[str, str]:
    """Fingers declared missing: ISO finger position ("1"-"10") -> reason."""
    declared: dict[str, str] = {}
    for capture in captures:
        if capture.exception_reason is None:
            continue
        finger = capture.position.removeprefix(EXCEPTION_PREFIX)
        if capture.exception_reason == WITHDRAWN:
            declared.pop(finger, None)
        else:
            declared[finger] = capture.exception_reason
    return declared
