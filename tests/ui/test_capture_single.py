"""The capture page with a single-finger reader (the simulated one, chosen by name): the hand
map asks for the ten fingers one by one, the finger asked highlighted and each finger's
quality in colour; the next finger is asked by itself once one is taken; a poor one is asked
again, accepted below the threshold after the retries, or skipped with its reason. Driven
through the real main window with the keyboard, under the UI-thread watchdog."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from device_simulators.behaviour import Fault
from kiosk.app import Context, build_context
from kiosk.config import load_settings
from kiosk.desk.casefile import FINGER_POSITIONS, FINGER_SEQUENCE, FingerForm, Position
from kiosk.devices.base import Finger
from kiosk.ui.main_window import MainWindow
from kiosk.ui.pages.fingermap import next_asked
from kiosk.ui.watchdog import UiWatchdog, excused
from tests.ui.conftest import save_screenshot
from tests.ui.screen_checks import problems
from tests.ui.test_action_count import CTRL, Clerk
from tests.ui.test_wizard import click

RIGHT_HAND, LEFT_HAND = FINGER_SEQUENCE[:5], FINGER_SEQUENCE[5:]


@pytest.fixture
def context(tmp_path: Path) -> Iterator[Context]:
    """Trainer mode with the simulated single-finger reader (devices.fingerprint)."""
    settings = load_settings(tmp_path / "data", simulator=True,
                             overrides={"devices.fingerprint": "simulator-single"})
    built = build_context(settings, print_directory=tmp_path / "prints",
                          clock=lambda: datetime(2026, 11, 25, 9, 0), latency_s=0.0)
    yield built
    built.desk.shutdown()


def laid_out(window: MainWindow) -> list[str]:
    """What the screen checks find once the pending layout passes have run (a label's new
    height travels label -> group box -> page, one pass each, as the clerk's screen does)."""
    for _ in range(5):
        QApplication.processEvents()
    return problems(window)


def tile(window: MainWindow, finger: Finger) -> QPushButton:
    found = window.findChild(QPushButton, f"finger_{finger.value}")
    assert found is not None
    return found


def asked(window: MainWindow) -> Finger | None:
    return window.shell.capture.sequence.asked


def to_capture_by_keyboard(qtbot: QtBot, window: MainWindow) -> Clerk:
    """The renewal of Nguyễn Văn Bình up to the capture page, keys only, and the face taken
    by the live preview (as tests/ui/test_action_count.py does it)."""
    shell = window.shell
    clerk = Clerk(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    qtbot.waitUntil(shell.lookup.number.hasFocus, timeout=5000)
    clerk.type("001096012345")
    clerk.press(Qt.Key.Key_Return)
    clerk.on("reason")
    clerk.press(Qt.Key.Key_Return, CTRL)  # the proposed conversion, confirmed
    assert shell.current_page() is shell.capture
    qtbot.waitUntil(lambda: shell.case is not None
                    and Position.FACE not in shell.case.missing_positions(), timeout=15000)
    qtbot.waitUntil(lambda: not shell.worker.busy, timeout=15000)
    return clerk


def skip_with_keys(qtbot: QtBot, window: MainWindow, clerk: Clerk, downs: int) -> None:
    """F4 on the finger asked, the reason chosen with ↓ in the dialog, Enter records it."""
    sequence = window.shell.capture.sequence
    clerk.press(Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: sequence.skip_dialog is not None
                    and sequence.skip_dialog.isVisible(), timeout=3000)
    dialog = sequence.skip_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reasons, timeout=3000)
    for _ in range(downs):
        qtbot.keyClick(dialog.reasons, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.reasons, Qt.Key.Key_Return)  # the dialog's OK
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    # A window manager gives the keyboard back to the window a dialog closes over; the
    # offscreen platform has none.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    case = window.shell.case
    assert case is not None
    qtbot.waitUntil(lambda: dialog.finger in case.missing_fingers
                    and not window.shell.worker.busy, timeout=15000)


def test_renewal_finger_by_finger_with_the_keyboard(qtbot: QtBot, window: MainWindow,
                                                    context: Context,
                                                    ui_watchdog: UiWatchdog) -> None:
    """Ten fingers asked in order, right thumb first; the right index smudged and taken
    again; the left ring skipped as unable to print; then the irises, CC01, the fee, CC02."""
    shell = window.shell
    clerk = to_capture_by_keyboard(qtbot, window)
    case = shell.case
    assert case is not None and case.finger_form is FingerForm.SINGLE
    assert shell.capture.sequence.isVisible() and not shell.capture.slap_group.isVisible()
    assert asked(window) is Finger.RIGHT_THUMB
    assert tile(window, Finger.RIGHT_THUMB).property("asked") == "true"
    assert tile(window, Finger.RIGHT_INDEX).property("asked") == "false"
    scan = window.findChild(QPushButton, "captureFinger")
    assert scan.text() == "Quét ngón cái phải"

    clerk.on("captureFinger")
    clerk.press(Qt.Key.Key_Space)
    assert tile(window, Finger.RIGHT_THUMB).property("state") == "ok"
    assert asked(window) is Finger.RIGHT_INDEX  # the next one, by itself

    context.simulator_controls["fingerprint"].inject(Fault.LOW_QUALITY)
    clerk.on("captureFinger")
    clerk.press(Qt.Key.Key_Space)
    assert asked(window) is Finger.RIGHT_INDEX  # asked again
    assert tile(window, Finger.RIGHT_INDEX).property("state") == "bad"
    advice = window.findChild(QLabel, "askedFingerQuality")
    assert advice.text().startswith("Chưa đạt") and "ngón trỏ phải" in advice.text()
    assert "lần 2" in window.findChild(QLabel, "askedFinger").text()
    with excused():  # the test's own looking, not the clerk's wait
        save_screenshot(window, "wizard-single-finger-retry")
        assert laid_out(window) == []
    clerk.on("captureFinger")
    clerk.press(Qt.Key.Key_Space)  # the retry
    assert tile(window, Finger.RIGHT_INDEX).property("state") == "ok"

    for finger in (*RIGHT_HAND[2:], *LEFT_HAND[:3]):
        assert asked(window) is finger
        clerk.on("captureFinger")
        clerk.press(Qt.Key.Key_Space)
    assert asked(window) is Finger.LEFT_RING
    skip_with_keys(qtbot, window, clerk, downs=1)  # the second reason: unable to print
    assert case.missing_fingers == {Finger.LEFT_RING: "unable_to_print"}
    assert tile(window, Finger.LEFT_RING).property("state") == "missing"
    assert asked(window) is Finger.LEFT_LITTLE
    with excused():  # the test's own looking, not the clerk's wait
        save_screenshot(window, "wizard-single-finger-sequence")
        assert laid_out(window) == []
        size = window.size()
        window.resize(window.minimumSize())  # 1200 x 640: the page scrolls, nothing clipped
        assert laid_out(window) == []
        window.resize(size)

    clerk.on("captureFinger")
    clerk.press(Qt.Key.Key_Space)
    assert case.fingers_to_take() == () and asked(window) is None
    clerk.on("captureIrises")  # the fingers done, the keyboard moves on
    clerk.press(Qt.Key.Key_Space)
    assert case.missing_positions() == ()
    clerk.on("next")
    clerk.press(Qt.Key.Key_Return)  # Hoàn tất thu nhận
    assert shell.current_page() is shell.receipt
    clerk.on("printReceipt")
    clerk.press(Qt.Key.Key_Space)
    clerk.on("receiptSigned")
    clerk.press(Qt.Key.Key_Space)
    clerk.press(Qt.Key.Key_Return, CTRL)
    clerk.on("feeCollected")
    clerk.press(Qt.Key.Key_Space)
    clerk.press(Qt.Key.Key_Return)
    clerk.on("next")
    clerk.press(Qt.Key.Key_Return)  # CC02
    clerk.on("oldCardCollected")
    clerk.press(Qt.Key.Key_Space)
    clerk.press(Qt.Key.Key_Return, CTRL)
    assert shell.case is None
    with excused():
        stored = context.desk.cases.best_captures(case.code)
        assert context.desk.cases.step_of(case.code) == "closed"
    taken = {FINGER_POSITIONS[f].value for f in FINGER_SEQUENCE if f is not Finger.LEFT_RING}
    assert taken <= set(stored) and FINGER_POSITIONS[Finger.LEFT_RING].value not in stored


def test_the_digits_choose_another_finger_and_the_sequence_goes_on(
        qtbot: QtBot, window: MainWindow) -> None:
    clerk = to_capture_by_keyboard(qtbot, window)
    clerk.press(Qt.Key.Key_7)  # ISO 7: the left index finger
    assert asked(window) is Finger.LEFT_INDEX
    clerk.on("captureFinger")
    clerk.press(Qt.Key.Key_Space)
    assert asked(window) is Finger.LEFT_MIDDLE  # on from there
    clerk.press(Qt.Key.Key_7)  # a finger taken: asked again for a retake
    assert asked(window) is Finger.LEFT_INDEX
    assert window.findChild(QPushButton, "captureFinger").text() == "Quét ngón trỏ trái"
    clerk.press(Qt.Key.Key_Space)
    assert asked(window) is Finger.LEFT_MIDDLE
    assert window.shell.case is not None
    assert window.shell.case.attempts[FINGER_POSITIONS[Finger.LEFT_INDEX]] == 2


def test_a_poor_finger_is_accepted_below_the_threshold_after_three_tries(
        qtbot: QtBot, window: MainWindow, context: Context,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    clerk = to_capture_by_keyboard(qtbot, window)
    accept = window.findChild(QPushButton, "acceptLowFinger")
    for _attempt in range(3):
        assert not accept.isVisible()  # not before the third poor try
        context.simulator_controls["fingerprint"].inject(Fault.LOW_QUALITY)
        clerk.on("captureFinger")
        clerk.press(Qt.Key.Key_Space)
        assert asked(window) is Finger.RIGHT_THUMB
    assert accept.isVisible()
    window.resize(window.minimumSize())  # all four actions in a row, nothing cut off
    assert laid_out(window) == []
    click(qtbot, window, "acceptLowFinger")  # the trainer holds the permission
    assert tile(window, Finger.RIGHT_THUMB).property("state") == "low"
    assert asked(window) is Finger.RIGHT_INDEX
    assert window.shell.case is not None
    kept = window.shell.case.best[FINGER_POSITIONS[Finger.RIGHT_THUMB]]
    assert kept.accepted_by == "giangvien" and not kept.quality.acceptable


def test_the_next_finger_asked_goes_round_the_sequence() -> None:
    later = (Finger.RIGHT_INDEX, Finger.LEFT_THUMB)
    assert next_asked(None, later) is Finger.RIGHT_INDEX
    assert next_asked(Finger.RIGHT_RING, later) is Finger.LEFT_THUMB
    assert next_asked(Finger.LEFT_LITTLE, later) is Finger.RIGHT_INDEX  # round to the first
    assert next_asked(Finger.LEFT_LITTLE, ()) is None
