"""Retries with exponential backoff, shared by every network client of the kiosk (the
export outbox, the CSDLQG registry client): a first try, then pauses of ``first_pause_s``,
2×, 4×… before each further one."""

from __future__ import annotations

from collections.abc import Callable, Iterator


def attempts(count: int, first_pause_s: float, sleep: Callable[[float], None]
             ) -> Iterator[int]:
    """Attempt numbers 0 … count - 1, sleeping the backoff before each but the first."""
    for attempt in range(count):
        if attempt:
            sleep(first_pause_s * 2 ** (attempt - 1))
        yield attempt


def total_pause_s(count: int, first_pause_s: float) -> float:
    """All the pauses ``count`` attempts sleep."""
    return float(sum(first_pause_s * 2 ** n for n in range(count - 1)))
