"""A card whose name differs from CSDLQG starts the adjustment path on the procedure page: the
name is pre-ticked, the clerk types the document shown, the return date is 2 working days
later, DC02 ticks item 7; the clerk can go back and withdraw it."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QLineEdit, QScrollArea
from pytestqt.qtbot import QtBot

from kiosk.app import Context
from kiosk.ui.main_window import MainWindow
from kiosk.ui.watchdog import excused
from kiosk.workflow.procedures import Reason
from tests.ui.conftest import save_screenshot, type_text
from tests.ui.test_intake import BINH_QR, field, press
from tests.ui.test_wizard import click, tick

DOCUMENT = "Giấy khai sinh số 123/1996, cấp ngày 20/3/1996"
ADJUSTMENT_BASIS = "Nghị định 70/2024/NĐ-CP Điều 6 khoản 3"


def box(window: MainWindow, code: str) -> QCheckBox:
    found = window.findChild(QCheckBox, f"adjust_{code}")
    assert found is not None, code
    return found


def scan_card_with_another_name(qtbot: QtBot, window: MainWindow) -> None:
    number = field(window, "lookupNumber")
    qtbot.waitUntil(number.hasFocus, timeout=5000)
    type_text(number, BINH_QR.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính"))
    press(qtbot, window, number, Qt.Key.Key_Return)
    assert window.shell.current_page() is window.shell.procedure


def choose(window: MainWindow, reason: Reason) -> None:
    combo = window.findChild(QComboBox, "reason")
    combo.setCurrentIndex(combo.findData(reason))


def pdf_text(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                   check=True).stdout.decode("utf-8").split())


def test_a_differing_name_is_adjusted_first_and_the_card_comes_later(
        qtbot: QtBot, window: MainWindow, context: Context, tmp_path: Path) -> None:
    shell = window.shell
    scan_card_with_another_name(qtbot, window)
    name = box(window, "full_name")
    assert name.isChecked()  # pre-ticked from the card's QR code
    assert not any(box(window, code).isChecked() for code in ("date_of_birth", "sex"))
    source = window.findChild(QLabel, "adjustmentSource")
    qtbot.waitUntil(source.isVisible)
    choose(window, Reason.CCCD_CONVERSION)
    outcome = window.findChild(QLabel, "outcome")
    assert "08/12/2026" in outcome.text() and ADJUSTMENT_BASIS in outcome.text()
    assert "cộng 2 ngày làm việc" in outcome.text()
    assert "Nhập tên, số và ngày cấp giấy tờ" in outcome.text()  # documents not typed yet

    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_Space)  # without the adjustment: the usual date
    assert "04/12/2026" in outcome.text() and ADJUSTMENT_BASIS not in outcome.text()
    tick(qtbot, window, "adjust_full_name")
    assert "08/12/2026" in outcome.text()

    documents = window.findChild(QLineEdit, "adjustmentDocuments")
    documents.setFocus()
    type_text(documents, DOCUMENT)
    assert "Nhập tên, số và ngày cấp giấy tờ" not in outcome.text()
    scroll = next(area for area in window.findChildren(QScrollArea)
                  if area.widget() is shell.procedure)
    QApplication.processEvents()  # the page laid out, the clerk scrolls down to the outcome
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    save_screenshot(window, "wizard-adjustment")

    click(qtbot, window, "printRequestForm")  # the citizen signs the request first
    case = shell.case
    assert case is not None and case.adjustment is not None
    assert case.adjustment.codes == ("full_name",)
    assert "Đã in phiếu DC02 (1 lần)" in window.findChild(QLabel, "requestFormStatus").text()
    dc02 = pdf_text(tmp_path / "prints" / f"DC02-{case.code}.pdf")
    assert "7. Điều chỉnh thông tin trong Cơ sở dữ liệu quốc gia về dân cư" in dc02
    assert "Thông tin cần điều chỉnh" in dc02 and DOCUMENT in dc02
    assert "Họ, chữ đệm và tên" in dc02 and "Cấp đổi thẻ căn cước" in dc02

    click(qtbot, window, "next")
    assert shell.current_page() is shell.capture
    assert case.decided.due is not None and case.decided.due.value == date(2026, 12, 8)
    with excused():  # the test reads the saved case back
        resumed = context.desk.resume(case.code)
    assert resumed.adjustment == case.adjustment and resumed.decided.due == case.decided.due

    # Back: the ticks are as recorded; withdrawn, the usual date comes back.
    click(qtbot, window, "back")
    assert shell.current_page() is shell.procedure
    assert name.isChecked() and documents.text() == DOCUMENT
    name.setChecked(False)
    click(qtbot, window, "next")
    assert shell.current_page() is shell.capture
    with excused():  # the test reads the saved case back
        assert case.adjustment is None and context.desk.resume(case.code).adjustment is None
    assert case.decided.due is not None and case.decided.due.value == date(2026, 12, 4)


def test_pre_ticked_without_a_document_says_what_to_do(qtbot: QtBot, window: MainWindow,
                                                       context: Context) -> None:
    shell = window.shell
    scan_card_with_another_name(qtbot, window)
    choose(window, Reason.CCCD_CONVERSION)
    click(qtbot, window, "next")  # the card's warning does not block the clerk alone ...
    banner = window.findChild(QLabel, "errorBanner")
    assert banner.isVisible() and "Nhập tên, số và ngày cấp giấy tờ" in banner.text()
    assert shell.current_page() is shell.procedure  # ... but nothing was decided
    assert shell.case is not None and shell.case.decision is None
    assert box(window, "full_name").isChecked()  # the clerk's ticks stay
    with excused():
        assert context.desk.resume(shell.case.code).adjustment is None
    documents = window.findChild(QLineEdit, "adjustmentDocuments")
    documents.setFocus()
    type_text(documents, "GKS")
    click(qtbot, window, "next")
    assert "ít nhất 6 ký tự" in banner.text()
    type_text(documents, " số 12/1996")
    click(qtbot, window, "next")
    assert shell.current_page() is shell.capture and not banner.isVisible()
