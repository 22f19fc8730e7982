"""The one exception the rules raise: a reason the clerk can read."""

from __future__ import annotations


class RuleViolation(Exception):
    """A rule refused an action.

    ``code`` is stable for tests and logs; ``message`` is Vietnamese text for the clerk
    and says what to do next; ``basis`` names the legal source, when there is one.
    """

    def __init__(self, code: str, message: str, basis: str = "") -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.basis = basis
