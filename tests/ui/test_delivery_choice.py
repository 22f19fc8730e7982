"""The clerk records delivery by post on the CC01 page: a refused address stays on screen to
be corrected, the printed CC01 states the choice, a later change asks for a reprint."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QRadioButton
from pytestqt.qtbot import QtBot

from kiosk.app import Context
from kiosk.registry.base import LookupQuery
from kiosk.ui.intents import Resume
from kiosk.ui.main_window import MainWindow
from kiosk.ui.watchdog import excused
from kiosk.workflow.delivery import DeliveryMethod
from kiosk.workflow.procedures import Reason
from tests.ui.conftest import save_screenshot, type_text
from tests.ui.test_wizard import click


def at_receipt(qtbot: QtBot, window: MainWindow, context: Context) -> str:
    """A lost card (biometrics reused) served by the desk up to CC01, resumed in the window."""
    desk = context.desk
    case = desk.open_case(desk.find_citizen(LookupQuery.from_text("092199004455")))
    desk.decide(case, Reason.LOST)
    desk.check_representative(case)
    desk.finish_biometrics(case)
    window.shell.perform(Resume(case.code))
    qtbot.waitUntil(lambda: window.shell.current_page() is window.shell.receipt, timeout=5000)
    return case.code


def test_postal_delivery_from_typing_to_the_signed_receipt(
        qtbot: QtBot, window: MainWindow, context: Context, tmp_path: Path) -> None:
    code = at_receipt(qtbot, window, context)
    post = window.findChild(QRadioButton, "deliveryPost")
    address = window.findChild(QLineEdit, "deliveryAddress")
    phone = window.findChild(QLineEdit, "deliveryPhone")
    signed = window.findChild(QCheckBox, "receiptSigned")
    assert not address.isVisible()  # the counter needs no address
    post.setFocus()
    qtbot.keyClick(post, Qt.Key.Key_Space)  # chosen with the keyboard
    assert post.isChecked() and address.isVisible()

    type_text(address, "Phường Ninh Kiều")  # no street, no province
    click(qtbot, window, "printReceipt")
    error = window.findChild(QLabel, "errorBanner")
    assert "chưa đủ" in error.text()
    assert address.text() == "Phường Ninh Kiều"  # kept to be corrected
    assert "CC01" not in window.shell.case.printed

    click(qtbot, window, "useResidence")  # the registry's residence, then the phone
    type_text(phone, "0912 345 678")
    save_screenshot(window, "wizard-receipt-by-post")
    click(qtbot, window, "printReceipt")
    assert not error.isVisible()
    case = window.shell.case
    assert case.delivery.method is DeliveryMethod.POST and case.delivery.phone == "0912345678"
    assert phone.text() == "0912345678"  # the recorded (cleaned) choice is what is shown
    assert signed.isEnabled()
    receipt = subprocess.run(["pdftotext", str(tmp_path / "prints" / f"CC01-{code}.pdf"), "-"],
                             capture_output=True, check=True).stdout.decode("utf-8")
    assert "Nhận qua dịch vụ bưu chính" in receipt and "0912345678" in receipt

    # Changing the choice after printing: the signed paper would say otherwise.
    counter = window.findChild(QRadioButton, "deliveryCounter")
    counter.setChecked(True)
    assert not signed.isEnabled()
    assert "in lại phiếu CC01" in window.findChild(QLabel, "receiptStatus").text()
    post.setChecked(True)  # back to what was printed
    assert signed.isEnabled()
    signed.setChecked(True)
    click(qtbot, window, "next")
    assert window.shell.current_page() is window.shell.fee
    with excused():  # the test reads the saved case back
        assert context.desk.resume(code).delivery == case.delivery


def test_the_counter_stays_the_default(qtbot: QtBot, window: MainWindow,
                                       context: Context) -> None:
    at_receipt(qtbot, window, context)
    assert window.findChild(QRadioButton, "deliveryCounter").isChecked()
    click(qtbot, window, "printReceipt")
    assert window.shell.case.delivery.method is DeliveryMethod.COUNTER
    assert window.findChild(QCheckBox, "receiptSigned").isEnabled()
    assert window.findChild(QPushButton, "printReceipt").isEnabled()
