"""Sign-in at start, the idle lock, and unlocking without losing the case."""

from __future__ import annotations

import time

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.app import Context
from kiosk.registry.base import LookupQuery
from kiosk.workflow.procedures import Reason
from tests.ui.conftest import (
    TRAINER,
    add_clerk_and_supervisor,
    open_window,
    save_screenshot,
    sign_in,
    type_text,
)


def test_wrong_password_is_refused_then_right_one_signs_in(qtbot: QtBot,
                                                          context: Context) -> None:
    main = open_window(qtbot, context)
    assert not main.signed_in
    save_screenshot(main, "signin")
    type_text(main.sign_in_page.username, TRAINER[0])
    type_text(main.sign_in_page.password, "sai-mat-khau")
    qtbot.mouseClick(main.findChild(QPushButton, "signIn"), Qt.MouseButton.LeftButton)
    message = main.findChild(QLabel, "signInMessage")
    qtbot.waitUntil(lambda: "Sai tên đăng nhập" in message.text(), timeout=5000)
    assert not main.signed_in
    sign_in(qtbot, main, *TRAINER)
    assert context.desk.operator == TRAINER[0]
    main.close()


def test_idle_lock_keeps_the_case_and_the_same_person_unlocks(qtbot: QtBot,
                                                             context: Context) -> None:
    main = open_window(qtbot, context, idle_lock_ms=300)
    sign_in(qtbot, main, *TRAINER)
    desk = context.desk
    case = desk.open_case(desk.find_citizen(LookupQuery.from_text("001096012345")))
    desk.decide(case, Reason.CCCD_CONVERSION)
    main.shell.case = case
    main.shell.show_current()
    qtbot.waitUntil(lambda: not main.signed_in, timeout=3000)  # idle: locked
    assert main.sign_in_page.username.isReadOnly()
    assert main.sign_in_page.username.text() == TRAINER[0]
    save_screenshot(main, "locked")
    sign_in(qtbot, main, *TRAINER)
    assert main.shell.case is case and main.shell.current_page() is main.shell.procedure
    main.close()


def test_a_capture_in_progress_holds_the_lock_off(qtbot: QtBot, context: Context) -> None:
    main = open_window(qtbot, context, idle_lock_ms=200)
    sign_in(qtbot, main, *TRAINER)
    main.shell.worker.submit(lambda: time.sleep(0.8), lambda _r: None, lambda _e: None)
    qtbot.wait(500)
    assert main.signed_in  # the worker is busy: no lock mid-capture
    qtbot.waitUntil(lambda: not main.signed_in, timeout=3000)  # once idle afterwards: lock
    main.close()


def test_input_in_any_window_keeps_the_lock_off(qtbot: QtBot, context: Context) -> None:
    """Keys and mouse moves as the platform delivers them (through the window, as QTest's
    QWindow overloads send them), in the main window and in a dialog opened over it."""
    main = open_window(qtbot, context, idle_lock_ms=400)
    sign_in(qtbot, main, *TRAINER)
    window = main.windowHandle()
    for _ in range(6):  # 0.9 s of a clerk typing: over twice the idle time
        QTest.keyClick(window, Qt.Key.Key_Shift)
        qtbot.wait(150)
    assert main.signed_in
    dialog = QDialog(main)
    dialog.show()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is dialog.windowHandle())
    for _ in range(6):
        QTest.mouseMove(dialog.windowHandle(), QPoint(10 + _, 10))
        qtbot.wait(150)
    assert main.signed_in
    dialog.close()
    qtbot.waitUntil(lambda: not main.signed_in, timeout=3000)  # nobody there: locked
    main.close()


def test_a_clerk_cancels_only_with_a_supervisors_password(qtbot: QtBot, context: Context,
                                                         monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    add_clerk_and_supervisor(context)
    main = open_window(qtbot, context)
    sign_in(qtbot, main, "canbo1", "canbo1-matkhau")
    desk = context.desk
    main.shell.case = desk.open_case(desk.find_citizen(LookupQuery.from_text("001096012345")))
    main.shell.show_current()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    button = main.findChild(QPushButton, "cancelCase")
    banner = main.findChild(QLabel, "errorBanner")

    main.shell.ask_approval = lambda _action: ("truongca", "sai")  # wrong password: refused
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not main.shell.worker.busy and banner.isVisible(), timeout=5000)
    assert "Sai tên đăng nhập" in banner.text() and main.shell.case is not None

    main.shell.ask_approval = lambda _action: ("truongca", "truongca-matkhau")
    code = main.shell.case.code
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main.shell.case is None, timeout=5000)
    assert desk.cases.step_of(code) == "cancelled"
    import sqlalchemy as sa  # noqa: PLC0415

    with desk.cases._engine.connect() as connection:
        who = connection.execute(sa.text(
            "SELECT actor, approver FROM audit_log WHERE action = 'authorized' "
            "AND case_code = :code"), {"code": code}).all()
    assert [tuple(row) for row in who] == [("canbo1", "truongca")]  # both people recorded
    assert desk.audit is not None and desk.audit.verify().intact
    main.close()
