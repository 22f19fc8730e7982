"""Run a kiosk command with its passwords on stdin, as scripts and tests give them."""

from __future__ import annotations

import io
import sys

import pytest

from kiosk.app import main


def run(argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(argv)
