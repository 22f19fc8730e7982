"""Run every contract test once per backend the suite lists."""

from __future__ import annotations

import pytest


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    backends = getattr(metafunc.cls, "backends", None)
    if backends and "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", sorted(backends))
