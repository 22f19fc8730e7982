"""Shared fixtures: the repository's resources and the law loaded from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.workflow.lawbook import Lawbook, load_lawbook

RESOURCES = Path(__file__).resolve().parents[1] / "resources"


@pytest.fixture(scope="session")
def resources() -> Path:
    return RESOURCES


@pytest.fixture(scope="session")
def lawbook() -> Lawbook:
    return load_lawbook(RESOURCES)
