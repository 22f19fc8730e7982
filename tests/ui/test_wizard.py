"""Walk the skeleton wizard with the mouse and keyboard, from lookup to slip."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QListWidget, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.app import Context
from kiosk.desk.casefile import Position
from kiosk.ui.main_window import MainWindow
from kiosk.ui.watchdog import UiWatchdog
from kiosk.workflow.case import Step
from kiosk.workflow.procedures import Reason
from tests.ui.conftest import save_screenshot, type_text


def click(qtbot: QtBot, window: MainWindow, name: str) -> None:
    button = window.findChild(QPushButton, name)
    assert button is not None, name
    qtbot.waitUntil(button.isEnabled, timeout=5000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.shell.worker.busy, timeout=15000)


def tick(qtbot: QtBot, window: MainWindow, name: str) -> None:
    box = window.findChild(QCheckBox, name)
    assert box is not None and box.isEnabled() and not box.isChecked(), name
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)  # the clerk ticks it with the keyboard
    assert box.isChecked(), name


def open_case_at_capture(qtbot: QtBot, window: MainWindow,
                         number: str = "001096012345") -> None:
    """Look the citizen up and choose the renewal, as a clerk does, up to the capture page."""
    type_text(window.findChild(QLineEdit, "lookupNumber"), number)
    click(qtbot, window, "next")
    reason = window.findChild(QComboBox, "reason")
    reason.setCurrentIndex(reason.findData(Reason.CCCD_CONVERSION))
    click(qtbot, window, "next")
    assert window.shell.current_page() is window.shell.capture


def test_walk_from_lookup_to_slip(qtbot: QtBot, window: MainWindow, context: Context,
                                  ui_watchdog: UiWatchdog) -> None:
    """The whole walk with the UI thread never blocked more than 100 ms (issue 9)."""
    shell = window.shell
    number = window.findChild(QLineEdit, "lookupNumber")
    type_text(number, "001096012345")
    save_screenshot(window, "wizard-1-lookup")
    click(qtbot, window, "next")
    assert shell.case is not None and shell.case.step is Step.IDENTIFIED
    assert shell.current_page() is shell.procedure

    reason = window.findChild(QComboBox, "reason")
    reason.setCurrentIndex(reason.findData(Reason.CCCD_CONVERSION))
    outcome = window.findChild(QLabel, "outcome")
    assert "15.000" in outcome.text()
    save_screenshot(window, "wizard-2-procedure")
    click(qtbot, window, "next")
    assert shell.current_page() is shell.capture

    next_button = window.findChild(QPushButton, "next")
    assert not next_button.isEnabled()  # nothing captured yet
    live = window.findChild(QLabel, "livePreview")
    qtbot.waitUntil(lambda: not live.pixmap().isNull(), timeout=5000)  # the camera's picture
    assert shell.preview.running
    for name in ("captureFace", "capture_left_four", "capture_right_four", "capture_thumbs",
                 "captureIrises"):
        click(qtbot, window, name)
    assert shell.case.missing_positions() == ()
    assert "Đạt" in window.findChild(QLabel, "quality_face").text()
    qtbot.waitUntil(lambda: shell.preview.running, timeout=5000)  # back after each capture
    save_screenshot(window, "wizard-3-capture")
    click(qtbot, window, "next")
    assert shell.current_page() is shell.receipt
    assert not shell.preview.running  # the camera rests off the capture page

    click(qtbot, window, "printReceipt")
    tick(qtbot, window, "receiptSigned")
    click(qtbot, window, "next")
    assert shell.current_page() is shell.fee
    assert window.findChild(QLabel, "feeAmount").text() == "15.000 đồng"
    tick(qtbot, window, "feeCollected")
    click(qtbot, window, "next")
    assert shell.current_page() is shell.slip
    click(qtbot, window, "next")
    assert shell.current_page() is shell.done
    assert "04 tháng 12 năm 2026" in window.findChild(QLabel, "doneSummary").text()
    assert not window.findChild(QPushButton, "cancelCase").isEnabled()  # the slip is out
    save_screenshot(window, "wizard-4-done")
    code = shell.case.code
    tick(qtbot, window, "oldCardCollected")
    click(qtbot, window, "next")
    assert shell.case is None and shell.current_page() is shell.lookup
    assert context.desk.cases.step_of(code) == "closed"
    folder = Path(context.desk.devices.printer.info().serial)
    prints = sorted(p.name for p in folder.glob("*.pdf"))
    assert prints == [f"BL-{code}.pdf", f"CC01-{code}.pdf", f"CC02-{code}.pdf"]
    with ui_watchdog.excused():  # the test reads the PDF; the clerk does not wait on it
        receipt = subprocess.run(["pdftotext", str(folder / f"CC01-{code}.pdf"), "-"],
                                 capture_output=True, check=True).stdout.decode("utf-8")
    assert "Giảng viên đào tạo" in receipt  # the signed-in person is the clerk on the form


def test_lookup_error_is_shown_in_vietnamese(qtbot: QtBot, window: MainWindow) -> None:
    type_text(window.findChild(QLineEdit, "lookupNumber"), "001096099999")
    click(qtbot, window, "next")
    banner = window.findChild(QLabel, "errorBanner")
    assert banner.isVisible() and "Không tìm thấy công dân" in banner.text()
    assert window.shell.case is None


def test_search_by_name_with_diacritics(qtbot: QtBot, window: MainWindow) -> None:
    name = window.findChild(QLineEdit, "lookupName")
    type_text(name, "Nguyễn Văn Bình")
    assert name.text() == "Nguyễn Văn Bình"
    window.shell.lookup.birth.setDate(window.shell.lookup.birth.date().fromString(
        "15/03/1996", "dd/MM/yyyy"))
    click(qtbot, window, "next")
    assert window.shell.case is not None
    assert window.shell.case.citizen.id_number == "001096012345"


def test_open_cases_are_listed_and_resume_where_they_stopped(qtbot: QtBot, context: Context,
                                                            window: MainWindow) -> None:
    desk = context.desk
    from kiosk.registry.base import LookupQuery  # noqa: PLC0415

    case = desk.open_case(desk.find_citizen(LookupQuery.from_text("001096012345")))
    desk.decide(case, Reason.CCCD_CONVERSION)
    desk.check_representative(case)  # as if the window had crashed here
    window.refresh_queue()  # the list a clerk sees at start (read off the UI thread)
    listing = window.findChild(QListWidget, "openCases")
    qtbot.waitUntil(lambda: listing.count() == 1, timeout=5000)
    assert listing.count() == 1 and case.code in listing.item(0).text()
    listing.setCurrentRow(0)
    click(qtbot, window, "resumeCase")
    assert window.shell.case is not None and window.shell.case.code == case.code
    assert window.shell.current_page() is window.shell.capture


def test_the_face_is_taken_by_itself_once_the_citizen_holds_still(
        qtbot: QtBot, window: MainWindow) -> None:
    shell = window.shell
    open_case_at_capture(qtbot, window)
    advice: list[str] = []
    shell.preview.guidance.connect(lambda text, *_: advice.append(text))
    # The simulated citizen sits down looking aside (1.6 s), then holds still: no click.
    qtbot.waitUntil(lambda: shell.case is not None
                    and Position.FACE not in shell.case.missing_positions(), timeout=10000)
    assert any("quay" in text for text in advice)  # the clerk was told to face the camera
    guidance = window.findChild(QLabel, "faceGuidance")
    qtbot.waitUntil(lambda: "Đã có ảnh khuôn mặt" in guidance.text(), timeout=5000)
    save_screenshot(window, "wizard-3b-auto-capture")
