"""The real main window, wired by the composition root with simulators."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Context, build_context
from kiosk.config import load_settings
from kiosk.ui.application import prepare_application
from kiosk.ui.main_window import MainWindow
from kiosk.ui.watchdog import UiWatchdog, excused

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
TRAINER = ("giangvien", "dao-tao-2026")  # provisioned on a training installation's first start


def type_text(widget: QWidget, text: str) -> None:
    """Type any text; qtbot.keyClicks aborts the process on non-ASCII such as "ễ"."""
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char,
                           Qt.KeyboardModifier.NoModifier)


def save_screenshot(widget: QWidget, name: str) -> None:
    """Refresh docs/screenshots when KIOSK_SCREENSHOTS=1."""
    if os.environ.get("KIOSK_SCREENSHOTS") == "1":
        with excused():  # the test's own work, not the clerk's wait
            for _ in range(5):  # layout requests travel label -> group box -> page, one per pass
                QApplication.processEvents()
            widget.grab().save(str(SCREENSHOTS / f"{name}.png"))


@pytest.fixture(scope="session", autouse=True)
def imports_done() -> None:
    """Load once, before any window, what the first walk would otherwise load on a background
    thread while the UI-thread watchdog runs (the holidays package, the face cascades: each
    holds the interpreter for over 100 ms when cold). The kiosk does the same at start
    (CounterDesk.warm_up), before the clerk's first action, then freezes the collector."""
    import numpy as np  # noqa: PLC0415

    from kiosk.biometrics.face import analyse_face  # noqa: PLC0415
    from kiosk.paths import resources_dir  # noqa: PLC0415
    from kiosk.printing.fonts import register_fonts  # noqa: PLC0415
    from kiosk.workflow.lawbook import load_lawbook  # noqa: PLC0415

    load_lawbook(resources_dir()).calendar.is_working_day(datetime(2026, 11, 25).date())
    analyse_face(np.zeros((480, 640, 3), dtype=np.uint8))
    register_fonts(resources_dir())
    gc.collect()
    gc.freeze()  # as the kiosk does once warmed up (application.run): full collections stay short


def desk_on(tmp_path: Path) -> Context:
    """A trainer-mode desk on ``tmp_path``'s data directory and keys, at 09:00 on the day."""
    return build_context(load_settings(tmp_path / "data", simulator=True),
                         print_directory=tmp_path / "prints",
                         clock=lambda: datetime(2026, 11, 25, 9, 0), latency_s=0.0)


@pytest.fixture
def context(tmp_path: Path) -> Iterator[Context]:
    built = desk_on(tmp_path)
    yield built
    built.desk.shutdown()


Crash = Callable[[MainWindow], tuple[Context, MainWindow]]


@pytest.fixture
def crash(qtbot: QtBot, context: Context, tmp_path: Path) -> Iterator[Crash]:
    """``crash(window)``: the window dies with its devices, nobody closing the case; a new
    process on the same data starts, its window signed in by the trainer. Returns both."""
    started: list[Context] = []

    def crash_and_restart(first: MainWindow) -> tuple[Context, MainWindow]:
        first.close()
        context.desk.devices.close()
        again = desk_on(tmp_path)
        started.append(again)
        main = open_window(qtbot, again)
        sign_in(qtbot, main, *TRAINER)
        return again, main

    yield crash_and_restart
    for again in started:
        again.desk.shutdown()


def resume_the_listed_case(qtbot: QtBot, main: MainWindow,
                           look: Callable[[QListWidget], None] = lambda _listing: None) -> None:
    """Wait for the one open case on the lookup page, ``look`` at the list, and resume the
    case with Enter, as a clerk does after a crash."""
    listing = main.findChild(QListWidget, "openCases")
    qtbot.waitUntil(lambda: listing.count() == 1, timeout=5000)
    look(listing)
    listing.setFocus()
    listing.setCurrentRow(0)
    qtbot.keyClick(listing, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not main.shell.worker.busy, timeout=15000)


def sign_in(qtbot: QtBot, main: MainWindow, username: str, password: str) -> None:
    """Type the credentials and press Enter, as a clerk does."""
    page = main.sign_in_page
    if not page.username.isReadOnly():
        page.username.clear()
        type_text(page.username, username)
    type_text(page.password, password)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.signed_in, timeout=5000)


def open_window(qtbot: QtBot, context: Context, idle_lock_ms: int = 0) -> MainWindow:
    prepare_application(context.desk.profile.resources_dir)
    main = MainWindow(context.desk, context.accounts, idle_lock_ms=idle_lock_ms,
                      sign_in_hint="giangvien / dao-tao-2026")
    main.resize(1200, 820)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


@pytest.fixture
def window(qtbot: QtBot, context: Context) -> Iterator[MainWindow]:
    main = open_window(qtbot, context)
    sign_in(qtbot, main, *TRAINER)
    yield main
    main.close()
    # The test's window and case are garbage now: collected here, between tests, rather than
    # in a full collection (which holds every thread) during the next test's walk.
    gc.collect()


@pytest.fixture
def ui_watchdog(window: MainWindow) -> Iterator[UiWatchdog]:
    """Fails the test when the UI thread went more than 100 ms without turning its event loop
    (issue 9) while the signed-in window served it; the report names where it was held."""
    watchdog = UiWatchdog(window)
    watchdog.start()
    yield watchdog
    watchdog.stop()
    assert not watchdog.stalls, watchdog.report()


@pytest.fixture(autouse=True)
def watched(request: pytest.FixtureRequest) -> None:
    """Every test on the signed-in window runs under the UI-thread watchdog (issue 9)."""
    if "window" in request.fixturenames:
        request.getfixturevalue("ui_watchdog")


CLERK = ("canbo1", "canbo1-matkhau")
SUPERVISOR = ("truongca", "truongca-matkhau")


def add_clerk_and_supervisor(context: Context, clerk_name: str = "Cán bộ 1",
                             supervisor_name: str = "Trưởng ca") -> None:
    """A clerk (who may not refuse, exempt or cancel alone) and a supervisor to approve."""
    from kiosk.workflow.permissions import Role  # noqa: PLC0415

    accounts = context.accounts
    admin = accounts.sign_in("admin", "dao-tao-2026")
    accounts.add_user(admin, username=CLERK[0], display_name=clerk_name, role=Role.CLERK,
                      password=CLERK[1])
    accounts.add_user(admin, username=SUPERVISOR[0], display_name=supervisor_name,
                      role=Role.SUPERVISOR, password=SUPERVISOR[1])
