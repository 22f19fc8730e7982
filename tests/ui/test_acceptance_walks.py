"""Issue 9's acceptance walks through the real main window, each from the lookup page (the ID
typed or the card scanned) to the closed case: the reason chosen, the captures taken through
the simulators, CC01 printed and signed, the fee, the CC02 slip and the old card.

Walks covered elsewhere: the renewal (test_wizard.py), the child of 10 with a parent
(test_representative_page.py), the refusal (test_supervised_actions.py).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QListWidget, QPushButton
from pytestqt.qtbot import QtBot

from device_simulators.behaviour import Fault
from kiosk.app import Context
from kiosk.desk.casefile import Position
from kiosk.ui.main_window import MainWindow
from kiosk.ui.watchdog import excused
from kiosk.workflow.case import Step
from kiosk.workflow.procedures import Procedure, Reason
from tests.ui.conftest import (
    TRAINER,
    Crash,
    open_window,
    resume_the_listed_case,
    save_screenshot,
    sign_in,
    type_text,
)
from tests.ui.test_intake import BINH_QR
from tests.ui.test_wizard import click, tick

NOW = datetime(2026, 11, 25, 9, 0)  # the `context` fixture's clock
CAPTURES = {Position.FACE: "captureFace", Position.LEFT_FOUR: "capture_left_four",
            Position.RIGHT_FOUR: "capture_right_four", Position.THUMBS: "capture_thumbs",
            Position.IRIS_LEFT: "captureIrises", Position.IRIS_RIGHT: "captureIrises"}
# Everything a full plan takes with the slap scanner these walks use (the fingers one by one,
# on a single-finger reader: tests/ui/test_capture_single.py).
EVERY_POSITION = frozenset(CAPTURES)


def look_up(qtbot: QtBot, window: MainWindow, typed: str) -> None:
    """Type the number (or let the scanner type the card's QR code) and press Enter."""
    number = window.findChild(QLineEdit, "lookupNumber")
    qtbot.waitUntil(number.hasFocus, timeout=5000)
    type_text(number, typed)
    qtbot.keyClick(number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.shell.worker.busy, timeout=15000)
    assert window.shell.current_page() is window.shell.procedure, \
        window.findChild(QLabel, "errorBanner").text()


def choose(qtbot: QtBot, window: MainWindow, reason: Reason) -> str:
    """Pick the reason; Next confirms it. Returns what the rules said about it."""
    combo = window.findChild(QComboBox, "reason")
    combo.setCurrentIndex(combo.findData(reason))
    outcome = window.findChild(QLabel, "outcome").text()
    click(qtbot, window, "next")
    return outcome


def capture_all(qtbot: QtBot, window: MainWindow) -> None:
    """Take whatever the decision asks for, one button per device, then finish."""
    shell = window.shell
    assert shell.current_page() is shell.capture
    assert shell.case is not None
    for name in dict.fromkeys(CAPTURES[p] for p in shell.case.missing_positions()):
        if shell.case.missing_positions():  # the live preview may have taken the face
            click(qtbot, window, name)
    assert shell.case.missing_positions() == ()


def finish(qtbot: QtBot, window: MainWindow, context: Context, *, fee: str,
           old_card: bool) -> str:
    """From the capture page: finish, CC01 printed and signed, the fee, the slip, the old card
    when the rules keep it, the case closed. Returns the case code."""
    shell = window.shell
    assert shell.case is not None
    code = shell.case.code
    click(qtbot, window, "next")  # Hoàn tất thu nhận
    assert shell.current_page() is shell.receipt
    click(qtbot, window, "printReceipt")
    tick(qtbot, window, "receiptSigned")
    click(qtbot, window, "next")
    assert shell.current_page() is shell.fee
    assert window.findChild(QLabel, "feeAmount").text() == fee
    collected = window.findChild(QCheckBox, "feeCollected")
    if collected.isVisible():
        tick(qtbot, window, "feeCollected")
    click(qtbot, window, "next")
    assert shell.current_page() is shell.slip
    click(qtbot, window, "next")
    assert shell.current_page() is shell.done
    box = window.findChild(QCheckBox, "oldCardCollected")
    assert box.isVisible() is old_card
    if old_card:
        assert not window.findChild(QPushButton, "next").isEnabled()  # the card first
        tick(qtbot, window, "oldCardCollected")
    click(qtbot, window, "next")
    assert shell.case is None and shell.current_page() is shell.lookup
    with excused():  # the test's own reads, on the UI thread: not the window's
        assert context.desk.cases.step_of(code) == "closed"
        folder = Path(context.desk.devices.printer.info().serial)
        assert {p.name for p in folder.glob(f"*{code}.pdf")} == {
            f"CC01-{code}.pdf", f"CC02-{code}.pdf", f"BL-{code}.pdf"}
    return code


def stored_captures(context: Context, code: str) -> dict[str, tuple[int, bool, bytes]]:
    """What the database kept (decoding images: the test's work, excused by the watchdog)."""
    with excused():
        return context.desk.cases.best_captures(code)


def test_first_issue_at_14(qtbot: QtBot, window: MainWindow, context: Context) -> None:
    """Lê Thị Hồng Nhung, born 30/08/2012, no card yet: the first card, free, on her own."""
    look_up(qtbot, window, "038312000789")
    outcome = choose(qtbot, window, Reason.FIRST_ISSUE)
    assert "Tuổi: 14" in outcome and "người đại diện" not in outcome
    shell = window.shell
    assert shell.case is not None and shell.case.decided.procedure is Procedure.CAP
    assert not shell.case.decided.representative_required
    assert len(shell.case.required_positions()) == len(EVERY_POSITION)  # everything is taken
    capture_all(qtbot, window)
    save_screenshot(window, "walk-first-issue-14-capture")
    finish(qtbot, window, context, fee="Miễn lệ phí", old_card=False)


def test_child_under_6_with_the_mother(qtbot: QtBot, window: MainWindow, context: Context) -> None:
    """Nguyễn Bảo An, 4: no biometrics; the mother (named by the registry) represents her."""
    look_up(qtbot, window, "001322009911")
    outcome = choose(qtbot, window, Reason.FIRST_ISSUE)
    assert "Không thu nhận sinh trắc học" in outcome
    shell = window.shell
    assert shell.current_page() is shell.representative
    field = window.findChild(QLineEdit, "representativeNumber")
    type_text(field, "001303004567")  # Nguyễn Thị Ánh Tuyết
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not shell.worker.busy, timeout=15000)
    relationship = window.findChild(QComboBox, "relationship")
    assert relationship.currentData() == "mẹ"
    qtbot.keyClick(relationship, Qt.Key.Key_Return)  # Enter records her
    qtbot.waitUntil(lambda: not shell.worker.busy, timeout=15000)
    assert shell.current_page() is shell.capture
    assert shell.case is not None and shell.case.representative == "Nguyễn Thị Ánh Tuyết"
    assert shell.case.required_positions() == ()
    assert window.findChild(QPushButton, "next").isEnabled()  # nothing to capture
    save_screenshot(window, "walk-child-under-6-capture")
    code = finish(qtbot, window, context, fee="Miễn lệ phí", old_card=False)
    assert stored_captures(context, code) == {}


def test_lost_card_reuses_the_last_biometrics(qtbot: QtBot, window: MainWindow,
                                              context: Context) -> None:
    """Phạm Ngọc Ánh lost her card: cấp lại, the last face, fingers and irises reused."""
    look_up(qtbot, window, "092199004455")
    outcome = choose(qtbot, window, Reason.LOST)
    assert "Sử dụng dữ liệu sinh trắc học thu nhận gần nhất" in outcome
    shell = window.shell
    assert shell.case is not None and shell.case.decided.procedure is Procedure.CAP_LAI
    assert shell.current_page() is shell.capture and shell.case.required_positions() == ()
    code = finish(qtbot, window, context, fee="35.000 đồng", old_card=False)
    assert stored_captures(context, code) == {}  # nothing taken again


def test_regained_nationality_captures_as_a_first_card(qtbot: QtBot, window: MainWindow,
                                                       context: Context) -> None:
    """Hoàng Thị Mai Lan has Vietnamese nationality back: cấp lại with full capture."""
    look_up(qtbot, window, "001190006688")
    outcome = choose(qtbot, window, Reason.REGAINED_NATIONALITY)
    assert "Cấp lại thẻ căn cước" in outcome and "Điều 24 khoản 2 điểm b" in outcome
    shell = window.shell
    assert shell.case is not None and shell.case.decided.reason is Reason.REGAINED_NATIONALITY
    assert len(shell.case.required_positions()) == len(EVERY_POSITION)
    capture_all(qtbot, window)
    code = finish(qtbot, window, context, fee="35.000 đồng", old_card=False)
    assert set(stored_captures(context, code)) == {p.value for p in EVERY_POSITION}


def test_changed_name_seen_on_the_scanned_card(qtbot: QtBot, window: MainWindow,
                                               context: Context) -> None:
    """The card scanned still says the name before its correction; CSDLQG already holds the
    corrected one. The intake warns; the clerk compares with the civil-status decision the
    citizen shows, finds CSDLQG right (nothing to adjust there: the box the card ticked is
    cleared), chooses the change of name (cấp đổi) and the walk goes on with full capture and
    the old card collected. (The other branch, CSDLQG wrong and adjusted first with DC02, is
    the procedure page's own test.)"""
    look_up(qtbot, window, BINH_QR.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính"))
    check = window.findChild(QLabel, "cardCheck")
    assert check is not None and check.property("state") == "bad"
    qtbot.waitUntil(check.isVisible)
    assert "“Nguyễn Văn Bính”" in check.text() and "“Nguyễn Văn Bình”" in check.text()
    assert "điều chỉnh thông tin trong CSDLQG về dân cư trước" in check.text()
    save_screenshot(window, "walk-changed-name-warning")
    ticked = window.findChild(QCheckBox, "adjust_full_name")  # the page that offers it
    if ticked is not None and ticked.isChecked():
        ticked.setFocus()
        qtbot.keyClick(ticked, Qt.Key.Key_Space)  # CSDLQG agrees with the papers
        assert not ticked.isChecked()
    outcome = choose(qtbot, window, Reason.NAME_OR_DOB_CHANGE)
    assert "Cấp đổi thẻ căn cước" in outcome
    assert window.shell.current_page() is window.shell.capture, \
        window.findChild(QLabel, "errorBanner").text()
    capture_all(qtbot, window)
    finish(qtbot, window, context, fee="25.000 đồng", old_card=True)


def test_scanner_unplugged_mid_capture_and_plugged_back(qtbot: QtBot, window: MainWindow,
                                                        context: Context) -> None:
    """The cable comes out halfway through a slap: the clerk reads why in Vietnamese, the
    light turns, the cable goes back, the same slap is taken again and the case finishes with
    what was captured before the fault."""
    shell = window.shell
    look_up(qtbot, window, "001096012345")
    choose(qtbot, window, Reason.CCCD_CONVERSION)
    click(qtbot, window, "captureFace")
    control = context.simulator_controls["fingerprint"]
    control.inject(Fault.UNPLUGGED_MID_CAPTURE)
    click(qtbot, window, "capture_left_four")
    banner = window.findChild(QLabel, "errorBanner")
    assert banner.isVisible() and "Không tìm thấy thiết bị" in banner.text()
    assert "cáp" in banner.text()
    assert shell.case is not None and Position.LEFT_FOUR in shell.case.missing_positions()
    assert Position.FACE not in shell.case.missing_positions()  # kept
    light = window.lights["fingerprint"]
    window._poll_devices()  # the next poll (every 3 s), now
    qtbot.waitUntil(lambda: "chưa kết nối" in light.text(), timeout=5000)
    assert light.property("state") == "disconnected"
    save_screenshot(window, "walk-scanner-unplugged")

    control.reconnect()  # the clerk plugs the cable back
    window._poll_devices()
    qtbot.waitUntil(lambda: "sẵn sàng" in light.text(), timeout=5000)
    click(qtbot, window, "capture_left_four")
    assert not banner.isVisible()
    capture_all(qtbot, window)
    code = finish(qtbot, window, context, fee="15.000 đồng", old_card=True)
    attempts = stored_captures(context, code)
    assert set(attempts) == {p.value for p in EVERY_POSITION}


def test_crash_then_resume_loses_nothing(qtbot: QtBot, context: Context,
                                         crash: Crash) -> None:
    """The window dies halfway through the captures, without closing the case; a new window
    on the same data lists the case, resumes it at the capture page with the face and the
    left slap already there, and finishes it."""
    first = open_window(qtbot, context)
    sign_in(qtbot, first, *TRAINER)
    look_up(qtbot, first, "001096012345")
    choose(qtbot, first, Reason.CCCD_CONVERSION)
    click(qtbot, first, "captureFace")
    click(qtbot, first, "capture_left_four")
    case = first.shell.case
    assert case is not None
    code, kept = case.code, {p: r.quality.score for p, r in case.best.items()}
    assert set(kept) >= {Position.FACE, Position.LEFT_FOUR}
    context2, main = crash(first)  # the window goes, and the devices with it
    try:
        def listed(listing: QListWidget) -> None:
            assert code in listing.item(0).text()
            save_screenshot(main, "walk-crash-open-cases")

        resume_the_listed_case(qtbot, main, listed)
        shell = main.shell
        assert shell.case is not None and shell.case.code == code
        assert shell.case.step is Step.REPRESENTATIVE_CHECKED
        assert shell.current_page() is shell.capture
        assert {p: r.quality.score for p, r in shell.case.best.items()} == kept
        assert "Đạt" in main.findChild(QLabel, "quality_left_four").text()  # on screen again
        capture_all(qtbot, main)
        finish(qtbot, main, context2, fee="15.000 đồng", old_card=True)
        stored = context2.desk.cases.best_captures(code)
        assert set(stored) == {p.value for p in EVERY_POSITION}
    finally:
        main.close()
