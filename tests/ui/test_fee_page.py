"""The fee page with the keyboard: cash, a transfer with its reference, an exemption claimed
with a document (a clerk needs a supervisor's approval), and a fee the law frees."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QLineEdit, QPushButton, QRadioButton
from pytestqt.qtbot import QtBot

from kiosk.app import Context
from kiosk.desk.desk import CounterDesk
from kiosk.ui.intents import Resume
from kiosk.ui.main_window import MainWindow
from kiosk.ui.watchdog import excused
from kiosk.workflow.procedures import Reason
from tests.desk.steps import signed
from tests.ui.conftest import (
    add_clerk_and_supervisor,
    open_window,
    save_screenshot,
    sign_in,
    type_text,
)

LOST_CARD = "092199004455"  # Phạm Ngọc Ánh: cấp lại, 35.000 đồng in 2026


def prepared(desk: CounterDesk, number: str = LOST_CARD, reason: Reason = Reason.LOST) -> str:
    """A case the desk served up to the signed CC01 (a lost card reuses the biometrics)."""
    return signed(desk, number, reason).code


def at_fee(qtbot: QtBot, window: MainWindow, context: Context, number: str = LOST_CARD,
           reason: Reason = Reason.LOST) -> str:
    code = prepared(context.desk, number, reason)
    window.shell.perform(Resume(code))
    qtbot.waitUntil(lambda: window.shell.current_page() is window.shell.fee, timeout=5000)
    return code


def press(qtbot: QtBot, window: MainWindow, widget_name: str, key: Qt.Key) -> None:
    """A key on the named widget (focused first), as the clerk's keyboard sends it."""
    widget = window.findChild(QLineEdit, widget_name) or window.findChild(QCheckBox, widget_name) \
        or window.findChild(QRadioButton, widget_name)
    assert widget is not None and widget.isVisible() and widget.isEnabled(), widget_name
    widget.setFocus()
    qtbot.keyClick(widget, key)
    qtbot.waitUntil(lambda: not window.shell.worker.busy, timeout=15000)


def focused(window: MainWindow) -> str:
    widget = window.focusWidget()
    return widget.objectName() if widget is not None else ""


def receipt_text(window: MainWindow, code: str) -> str:
    folder = Path(window.shell.desk.devices.printer.info().serial)
    out = subprocess.run(["pdftotext", "-layout", str(folder / f"BL-{code}.pdf"), "-"],
                         capture_output=True, check=True)
    return re.sub(r"[ \t]+", " ", out.stdout.decode("utf-8"))


def label(window: MainWindow, name: str) -> str:
    return window.findChild(QLabel, name).text()


def test_cash_with_the_keyboard_only(qtbot: QtBot, window: MainWindow,
                                     context: Context) -> None:
    code = at_fee(qtbot, window, context)
    assert label(window, "feeAmount") == "35.000 đồng"
    assert "Thông tư 73/2024/TT-BTC Điều 4 khoản 1 điểm c" in label(window, "feeBasis")
    cash = window.findChild(QRadioButton, "feeCash")
    assert cash.isChecked() and not window.findChild(QLineEdit, "feeReference").isVisible()
    assert not window.findChild(QPushButton, "next").isEnabled()  # the money is not taken yet
    save_screenshot(window, "wizard-fee-cash")

    window.findChild(QCheckBox, "feeClaim").setFocus()  # Tab from the claim to the money
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert focused(window) == "feeCash"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert focused(window) == "feeCollected"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Space)
    assert window.findChild(QCheckBox, "feeCollected").isChecked()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)  # Enter does what Next does
    qtbot.waitUntil(lambda: window.shell.current_page() is window.shell.slip, timeout=10000)
    text = receipt_text(window, code)
    assert "35.000 đồng" in text and "Hình thức nộp: Tiền mặt" in text
    with excused():  # the test reads the saved case back
        assert context.desk.cases.load(code).payments[0].method == "cash"


def test_a_transfer_with_its_reference(qtbot: QtBot, window: MainWindow,
                                       context: Context) -> None:
    code = at_fee(qtbot, window, context)
    press(qtbot, window, "feeTransfer", Qt.Key.Key_Space)
    reference = window.findChild(QLineEdit, "feeReference")
    assert window.findChild(QRadioButton, "feeTransfer").isChecked() and reference.isVisible()
    collected = window.findChild(QCheckBox, "feeCollected")
    assert "chuyển khoản" in collected.text()
    press(qtbot, window, "feeCollected", Qt.Key.Key_Space)
    assert not window.findChild(QPushButton, "next").isEnabled()  # no reference yet

    type_text(reference, "Chuyển khoản 1")  # words, not the bank's code
    press(qtbot, window, "feeReference", Qt.Key.Key_Return)
    banner = window.findChild(QLabel, "errorBanner")
    assert banner.isVisible() and "Mã giao dịch chỉ gồm chữ cái không dấu" in banner.text()
    assert window.shell.current_page() is window.shell.fee
    assert reference.text() == "Chuyển khoản 1" and collected.isChecked()  # kept to correct
    assert window.findChild(QRadioButton, "feeTransfer").isChecked()
    save_screenshot(window, "wizard-fee-transfer")

    reference.clear()
    qtbot.keyClicks(reference, "FT26329123456789")
    press(qtbot, window, "feeReference", Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.shell.current_page() is window.shell.slip, timeout=10000)
    assert "Chuyển khoản, mã giao dịch FT26329123456789" in receipt_text(window, code)
    with excused():  # the test reads the saved case back
        paid = context.desk.cases.load(code).payments[0]
    assert (paid.method, paid.reference) == ("transfer", "FT26329123456789")


def test_a_clerk_exempts_with_a_supervisors_approval(qtbot: QtBot, context: Context) -> None:
    add_clerk_and_supervisor(context)
    window = open_window(qtbot, context)
    sign_in(qtbot, window, "canbo1", "canbo1-matkhau")  # a clerk may not exempt alone
    code = at_fee(qtbot, window, context)
    shell = window.shell
    assert window.findChild(QGroupBox, "feeClaimBox").isVisible()
    assert window.findChild(QRadioButton, "exemption_disabled") is not None
    assert not window.findChild(QRadioButton, "exemption_disabled").isVisible()
    # The registry records her as Kinh: the ethnic-minority exemption is not offered.
    assert window.findChild(QRadioButton, "exemption_ethnic_minority_hardship_commune") is None

    press(qtbot, window, "feeClaim", Qt.Key.Key_Space)
    assert not window.findChild(QGroupBox, "feeMethodBox").isVisible()  # no money taken
    press(qtbot, window, "exemption_disabled", Qt.Key.Key_Space)
    assert "Giấy xác nhận khuyết tật" in label(window, "feeClaimDetail")
    assert "Thông tư 73/2024/TT-BTC Điều 5 khoản 1" in label(window, "feeClaimDetail")
    evidence = window.findChild(QLineEdit, "feeEvidence")
    assert evidence.isVisible()
    type_text(evidence, "Giấy xác nhận khuyết tật")
    assert "Nhập cả số của giấy tờ" in label(window, "feeClaimStatus")  # the rules, live
    assert label(window, "feeAmount") == "35.000 đồng"
    assert not window.findChild(QPushButton, "next").isEnabled()
    type_text(evidence, " số 0123/GXN-UBND")
    assert label(window, "feeAmount") == "Miễn lệ phí"
    assert "Miễn lệ phí: Người khuyết tật" in label(window, "feeBasis")
    assert "✔" in label(window, "feeClaimStatus")
    save_screenshot(window, "wizard-fee-exemption")

    asked: list[str] = []
    shell.ask_approval = asked.append  # the clerk gives up: no credentials
    press(qtbot, window, "feeEvidence", Qt.Key.Key_Return)
    assert asked == ["Miễn lệ phí theo giấy tờ"] and shell.current_page() is shell.fee
    shell.ask_approval = lambda _action: ("truongca", "sai")  # a wrong password: refused
    press(qtbot, window, "feeEvidence", Qt.Key.Key_Return)
    banner = window.findChild(QLabel, "errorBanner")
    assert "Sai tên đăng nhập" in banner.text() and shell.current_page() is shell.fee
    assert evidence.text() == "Giấy xác nhận khuyết tật số 0123/GXN-UBND"  # kept on screen
    folder = Path(context.desk.devices.printer.info().serial)
    assert not (folder / f"BL-{code}.pdf").exists()

    shell.ask_approval = lambda _action: ("truongca", "truongca-matkhau")
    press(qtbot, window, "feeEvidence", Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.current_page() is shell.slip, timeout=10000)
    text = receipt_text(window, code)
    for expected in ("Số tiền: Miễn lệ phí", "Lý do miễn: Người khuyết tật",
                     "Giấy tờ chứng minh: Giấy xác nhận khuyết tật số 0123/GXN-UBND"):
        assert expected in text, expected
    with excused():  # the test reads the saved case back
        paid = context.desk.cases.load(code).payments[0]
    assert (paid.amount, paid.exemption, paid.method) == (0, "disabled", None)
    with context.desk.cases._engine.connect() as connection:
        who = connection.execute(sa.text(
            "SELECT actor, approver, details FROM audit_log WHERE action = 'authorized' "
            "AND case_code = :code"), {"code": code}).all()
    assert [(a, b, json.loads(d)) for a, b, d in who] == [
        ("canbo1", "truongca", {"permission": "exempt_fee"})]
    window.close()


def test_a_fee_the_law_frees_asks_for_nothing(qtbot: QtBot, window: MainWindow,
                                              context: Context) -> None:
    code = at_fee(qtbot, window, context, "001322009911", Reason.FIRST_ISSUE)  # a child of 4
    assert label(window, "feeAmount") == "Miễn lệ phí"
    assert "Luật Căn cước 2023 Điều 38 khoản 2" in label(window, "feeBasis")
    for name in ("feeClaimBox", "feeMethodBox"):
        assert not window.findChild(QGroupBox, name).isVisible(), name
    assert not window.findChild(QCheckBox, "feeCollected").isVisible()
    window.findChild(QPushButton, "next").setFocus()
    qtbot.keyClick(window.shell.fee, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.shell.current_page() is window.shell.slip, timeout=10000)
    with excused():  # the test reads the saved case back
        paid = context.desk.cases.load(code).payments[0]
    assert (paid.amount, paid.method, paid.exemption) == (0, None, None)
