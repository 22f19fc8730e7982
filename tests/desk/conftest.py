"""A desk wired by the real composition root, with simulators and a temporary data dir."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.app import Context, build_context
from kiosk.config import load_settings

FIXED_NOW = datetime(2026, 11, 25, 9, 0)


@pytest.fixture
def context(tmp_path: Path) -> Iterator[Context]:
    settings = load_settings(tmp_path / "data", simulator=True)
    built = build_context(settings, print_directory=tmp_path / "prints",
                          clock=lambda: FIXED_NOW, latency_s=0.0)
    yield built
    built.desk.shutdown()
