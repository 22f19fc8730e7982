"""Which attempt at a position the case keeps: an acceptable capture over any refused one
(a refused capture can score high: a wrong hand, two faces), then the higher score, and on a
tie the later attempt."""

from __future__ import annotations


def replaces(acceptable: bool, score: int, kept: tuple[bool, int] | None) -> bool:
    """Whether a new attempt (``acceptable``, ``score``) replaces the ``kept`` one."""
    if kept is None:
        return True
    return (acceptable, score) >= kept
