"""The main window's day: the clock, today's queue with resume, the keyboard shortcuts and
their help (F1), and the UI-thread watchdog the UI tests use."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Context
from kiosk.desk.casefile import CaseFile
from kiosk.desk.desk import CounterDesk
from kiosk.ui import shortcuts as keys
from kiosk.ui import watchdog as watchdog_module
from kiosk.ui.main_window import MainWindow, clock_text, until_next_minute_ms
from kiosk.ui.watchdog import UiWatchdog, excused
from kiosk.workflow.permissions import Permission
from kiosk.workflow.procedures import Reason
from tests.desk.steps import approved, opened, ready_for_capture
from tests.ui.conftest import save_screenshot, type_text

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key,
          modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    """A key pressed where the keyboard is, as the clerk presses it (shortcuts included)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    target: QWidget = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


def idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.shell.worker.busy, timeout=15000)


def closed_case(desk: CounterDesk, number: str = "092199004455") -> CaseFile:
    """A lost card served from lookup to the old card collected (biometrics reused): the
    test's setup, done on the UI thread, so not counted by the watchdog."""
    with excused():
        case = opened(desk, number)
        desk.decide(case, Reason.LOST)
        desk.check_representative(case)
        desk.finish_biometrics(case)
        desk.print_receipt(case)
        desk.confirm_receipt_signed(case)
        desk.settle_fee(case)
        desk.issue_slip(case)
        return desk.close(case)


def test_the_clock_shows_the_desks_time_in_vietnamese(window: MainWindow) -> None:
    assert window.clock.text() == "Thứ Tư, 25/11/2026 09:00"


def test_clock_text_and_the_turn_of_the_minute(qapp: QApplication) -> None:
    assert clock_text(datetime(2026, 11, 29, 17, 5)) == "Chủ nhật, 29/11/2026 17:05"
    assert clock_text(datetime(2026, 11, 30, 7, 30)) == "Thứ Hai, 30/11/2026 07:30"
    assert until_next_minute_ms(datetime(2026, 11, 25, 9, 0)) == 60_050
    assert until_next_minute_ms(datetime(2026, 11, 25, 9, 0, 30, 500_000)) == 29_550
    assert until_next_minute_ms(datetime(2026, 11, 25, 9, 0, 59, 990_000)) == 1000


def test_the_queue_counts_todays_cases_by_group(qtbot: QtBot, window: MainWindow,
                                               context: Context,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    desk = context.desk
    done = closed_case(desk)
    working = ready_for_capture(desk)
    with monkeypatch.context() as yesterday:  # opened on the day before: one left open
        yesterday.setattr(desk, "clock", lambda: datetime(2026, 11, 24, 16, 40))
        waiting = opened(desk, "079085001122")
        # and one finished then: not today's
        desk.cancel(opened(desk, "038312000789"), approved(desk, Permission.CANCEL_CASE))
    window.refresh_queue()
    qtbot.waitUntil(lambda: window.work.tabText(1)
                    == "Hàng chờ hôm nay: 1 đang làm · 1 chờ · 1 xong", timeout=5000)
    queue = window.queue
    assert queue.working.codes() == [working.code]
    assert queue.waiting.codes() == [waiting.code]
    assert queue.done.codes() == [done.code]
    assert queue.working.title() == "Đang làm (1)"
    assert queue.done.title() == "Đã xong hôm nay (1)"
    item = queue.waiting.list.item(0).text()
    assert "Trần Quốc Hưng" in item and "mở 24/11 16:40" in item
    assert "tiếp theo: thu nhận sinh trắc học" in queue.working.list.item(0).text()
    assert "đã kết thúc" in queue.done.list.item(0).text()
    window.work.setCurrentWidget(queue)
    save_screenshot(window, "main-window-queue")
    queue.done.list.setCurrentRow(0)
    assert not queue.resume_button.isEnabled()  # a finished case is not resumed


def test_the_queue_follows_the_case_the_wizard_opens(qtbot: QtBot,
                                                     window: MainWindow) -> None:
    type_text(window.findChild(QLineEdit, "lookupNumber"), "001096012345")
    window.findChild(QPushButton, "next").click()
    idle(qtbot, window)
    code = window.shell.case.code
    qtbot.waitUntil(lambda: window.queue.working.codes() == [code], timeout=5000)
    assert window.queue.working.list.item(0).text().startswith("► ")  # the one on screen


def test_a_case_is_resumed_from_the_queue_with_the_keyboard(qtbot: QtBot, window: MainWindow,
                                                            context: Context) -> None:
    case = ready_for_capture(context.desk)  # as if the window had crashed at capture
    press(qtbot, window, Qt.Key.Key_F2)
    assert window.work.currentWidget() is window.queue
    listing = window.queue.working.list
    qtbot.waitUntil(lambda: listing.hasFocus() and window.queue.chosen() == case.code,
                    timeout=5000)
    press(qtbot, window, Qt.Key.Key_Return)
    idle(qtbot, window)
    assert window.work.currentWidget() is window.shell
    assert window.shell.case is not None and window.shell.case.code == case.code
    assert window.shell.current_page() is window.shell.capture


def test_esc_and_f2_leave_the_queue(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_F2)
    assert window.work.currentWidget() is window.queue
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.work.currentWidget() is window.shell
    press(qtbot, window, Qt.Key.Key_F2)
    press(qtbot, window, Qt.Key.Key_F2)
    assert window.work.currentWidget() is window.shell


def test_f1_lists_every_shortcut_and_the_buttons_name_theirs(qtbot: QtBot,
                                                             window: MainWindow) -> None:
    number = window.findChild(QLineEdit, "lookupNumber")
    number.setFocus()
    press(qtbot, window, Qt.Key.Key_F1)
    assert window.help.isVisible()
    texts = window.help.texts()
    for shortcut in keys.ALL:
        assert shortcut.shown in texts and shortcut.action in texts
    save_screenshot(window, "main-window-shortcuts")
    press(qtbot, window, Qt.Key.Key_Escape)  # closes the help, stops nothing
    assert not window.help.isVisible()
    assert QApplication.focusWidget() is number  # the keyboard is back where it was
    for name, shortcut in (("next", keys.NEXT), ("back", keys.BACK),
                           ("cancelCase", keys.CANCEL_CASE), ("cancelWork", keys.STOP)):
        assert shortcut.shown in window.findChild(QPushButton, name).toolTip()
    assert "F1" in window.help_button.text()


def test_next_back_and_lookup_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    shell = window.shell
    shell.lookup.birth.setFocus()
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    number = window.findChild(QLineEdit, "lookupNumber")
    assert QApplication.focusWidget() is number
    type_text(number, "001096012345")
    press(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Next
    idle(qtbot, window)
    assert shell.current_page() is shell.procedure
    reason = window.findChild(QComboBox, "reason")
    reason.setCurrentIndex(reason.findData(Reason.CCCD_CONVERSION))
    press(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    idle(qtbot, window)
    assert shell.current_page() is shell.capture
    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # Back
    idle(qtbot, window)
    assert shell.current_page() is shell.procedure
    assert shell.case is not None and shell.case.step.value == "identified"


def test_no_shortcut_takes_a_text_editing_key(qapp: QApplication) -> None:
    editing = [key for key in QKeySequence.StandardKey
               if key.name.startswith(("Move", "Select", "Delete", "Insert"))
               or key.name in {"Undo", "Redo", "Cut", "Copy", "Paste", "Backspace",
                               "Deselect"}]
    taken = {binding.toString() for key in editing for binding in QKeySequence.keyBindings(key)}
    ours = [QKeySequence(text).toString() for shortcut in keys.ALL for text in shortcut.keys]
    assert len(ours) == len(set(ours))  # no key does two things
    assert not set(ours) & taken


def test_a_locked_screen_shows_no_queue(qtbot: QtBot, window: MainWindow) -> None:
    window.work.setCurrentWidget(window.queue)
    window.lock()
    assert not window.queue.isVisible() and not window.shell.isVisible()


def _hold_the_ui_thread() -> None:
    time.sleep(0.15)


def test_the_watchdog_names_what_held_the_ui_thread(qtbot: QtBot, qapp: QApplication) -> None:
    watchdog = UiWatchdog()
    watchdog.start()
    QTimer.singleShot(20, _hold_the_ui_thread)
    qtbot.wait(300)
    with watchdog.excused():  # a block the caller owns is not counted
        time.sleep(0.15)
    qtbot.wait(50)
    watchdog.stop()
    assert len(watchdog.stalls) == 1 and watchdog.longest.ms >= 150
    assert any("_hold_the_ui_thread" in place for place in watchdog.longest.where)
    assert "_hold_the_ui_thread" in watchdog.report()


def test_the_watchdog_does_not_count_time_the_os_gave_no_cpu(
        qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    """A thread runnable but not run (a machine busy with other processes) is not the
    program's block: the run-queue wait the kernel reports is taken off the gap."""
    waited = {"ms": 0.0}
    monkeypatch.setattr(watchdog_module, "run_queue_wait_ms", lambda _thread: waited["ms"])

    def held_while_the_cpu_was_elsewhere() -> None:
        time.sleep(0.25)
        waited["ms"] = 200.0  # 200 ms of it waiting for a CPU
        time.sleep(0.02)  # the monitor reads it before the UI thread turns again

    watchdog = UiWatchdog()
    watchdog.start()
    QTimer.singleShot(20, held_while_the_cpu_was_elsewhere)
    qtbot.wait(350)
    watchdog.stop()
    assert not watchdog.stalls, watchdog.report()
    assert watchdog.longest.no_cpu_ms == pytest.approx(200)
    assert 40 <= watchdog.longest.ms < 100


def test_the_run_queue_wait_is_read_from_the_kernel() -> None:
    thread = threading.get_native_id()
    if not Path(f"/proc/self/task/{thread}/schedstat").exists():
        pytest.skip("no schedstat here")
    first = watchdog_module.run_queue_wait_ms(thread)
    sum(range(200_000))  # some work: the counter can only grow
    assert watchdog_module.run_queue_wait_ms(thread) >= first >= 0
