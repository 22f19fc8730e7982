"""CSDLQG unreachable at a mobile team's desk: the lookup is answered from the offline cache
and the clerk is told so on the procedure page, with the time of the last sync; a lookup that
CSDLQG answers shows no such warning."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from device_simulators.registry_service import RegistryService, issue_tls_files
from kiosk.registry.http import HttpRegistry
from kiosk.registry.sql import Population, SqlRegistry
from kiosk.storage.crypto import KeyRing
from kiosk.ui.main_window import MainWindow
from tests.registry.registry_rig import client, commune_of, population
from tests.ui.conftest import save_screenshot, type_text

BINH = "001096012345"


@pytest.fixture
def central(tmp_path: Path, resources: Path) -> Iterator[tuple[RegistryService, HttpRegistry]]:
    """The reference CSDLQG service, and the desk's client of it with an offline cache."""
    tls = issue_tls_files(tmp_path / "tls")
    people = population(resources, count=5)
    cache = SqlRegistry.open(f"sqlite:///{tmp_path / 'cache.sqlite3'}", KeyRing.generate())
    cache.add(people, population=Population.CACHE)
    cache.set_meta({"synced_at": "2026-11-24T18:05:00"})
    with RegistryService(people, tls=tls, commune_of=commune_of) as running:
        yield running, HttpRegistry(client(tls, running, retries=0, connect_timeout_s=0.5),
                                    cache=lambda: cache)
    cache.close()


def look_up(qtbot: QtBot, window: MainWindow, number: str) -> QLabel:
    shell = window.shell
    field = window.findChild(QLineEdit, "lookupNumber")
    field.setFocus()
    type_text(field, number)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.current_page() is shell.procedure, timeout=15000)
    return window.findChild(QLabel, "offlineRecord")


def test_the_clerk_is_told_the_record_comes_from_the_offline_cache(
        qtbot: QtBot, window: MainWindow, central: tuple[RegistryService, HttpRegistry],
        monkeypatch: pytest.MonkeyPatch) -> None:
    service, registry = central
    monkeypatch.setattr(window.shell.desk, "registry", registry)
    service.go_down()
    warning = look_up(qtbot, window, BINH)
    assert warning.isVisible()
    assert "bản sao ngoại tuyến (đồng bộ lần cuối 24/11/2026 18:05)" in warning.text()
    assert window.shell.case is not None and window.shell.case.citizen.id_number == BINH
    save_screenshot(window, "wizard-offline-cache")


def test_no_warning_when_csdlqg_answers(qtbot: QtBot, window: MainWindow,
                                        central: tuple[RegistryService, HttpRegistry],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window.shell.desk, "registry", central[1])
    assert not look_up(qtbot, window, BINH).isVisible()
