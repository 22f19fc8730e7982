"""Run every contract test once per backend the suite lists."""

from __future__ import annotations

import pytest

from tests.devices.hardware import hardware_backends


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    backends = getattr(metafunc.cls, "backends", None)
    if backends and "backend" in metafunc.fixturenames:
        real = hardware_backends(metafunc.cls.kind)  # type: ignore[union-attr]
        metafunc.parametrize("backend", [*sorted(backends), *sorted(real)])
