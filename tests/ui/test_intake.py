"""Every way the clerk finds the citizen: the card's QR code typed by a 2D scanner, the number,
or the name and birth date with a choice among namesakes, all from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.app import Context
from kiosk.registry.base import LookupQuery
from kiosk.storage.models import AuditRow
from kiosk.ui.main_window import MainWindow
from kiosk.workflow.permissions import Permission
from kiosk.workflow.procedures import Reason
from tests.desk.steps import approved
from tests.ui.conftest import save_screenshot, type_text

# The QR code of Nguyễn Văn Bình's CCCD (resources/training/citizens.toml), issued in 2021: the
# address is the one of that year, before the 2025 reorganisation renamed it.
BINH_QR = ("001096012345|013456789|Nguyễn Văn Bình|15031996|Nam|"
           "Số 12 ngõ 34 phố Hàng Bạc, Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội|10042021")


def field(window: MainWindow, name: str) -> QLineEdit:
    found = window.findChild(QLineEdit, name)
    assert found is not None, name
    return found


def press(qtbot: QtBot, window: MainWindow, widget: QWidget, key: Qt.Key) -> None:
    """A key, then whatever work it started runs to the end."""
    qtbot.keyClick(widget, key)
    qtbot.waitUntil(lambda: not window.shell.worker.busy, timeout=15000)


def focused() -> str:
    widget = QApplication.focusWidget()
    return "" if widget is None else widget.objectName()


def audit_details(context: Context, action: str) -> list[dict[str, object]]:
    audit = context.desk.audit
    assert audit is not None and audit.verify().intact
    with audit._sessions() as session:
        return [row.details for row in session.query(AuditRow).filter_by(action=action)]


def test_the_card_is_scanned_into_the_number_field(qtbot: QtBot, window: MainWindow,
                                                   context: Context) -> None:
    shell = window.shell
    number = field(window, "lookupNumber")
    qtbot.waitUntil(number.hasFocus, timeout=5000)  # ready for the scanner
    type_text(number, BINH_QR)  # the scanner types the whole payload, then Enter
    assert number.text() == BINH_QR  # nothing cut off
    save_screenshot(window, "wizard-intake-scan")
    press(qtbot, window, number, Qt.Key.Key_Return)
    assert shell.case is not None and shell.case.citizen.id_number == "001096012345"
    assert shell.current_page() is shell.procedure
    assert shell.case.card is not None and shell.case.card.full_name == "Nguyễn Văn Bình"
    check = window.findChild(QLabel, "cardCheck")
    assert check is not None
    qtbot.waitUntil(check.isVisible)  # a row added to a shown page shows on the next pass
    assert check.text().startswith("✔") and check.property("state") == "ok"
    assert audit_details(context, "card_compared") == [{"differs": False, "fields": ""}]
    # Only in memory: the case as saved knows nothing of the card.
    assert context.desk.resume(shell.case.code).card is None


def test_a_card_that_differs_from_the_registry_is_a_warning(qtbot: QtBot, window: MainWindow,
                                                            context: Context) -> None:
    shell = window.shell
    number = field(window, "lookupNumber")
    scanned = BINH_QR.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính").replace("15031996",
                                                                             "16031996")
    type_text(number, scanned)
    press(qtbot, window, number, Qt.Key.Key_Enter)  # the keypad's Enter works too
    assert shell.current_page() is shell.procedure
    check = window.findChild(QLabel, "cardCheck")
    assert check is not None and check.property("state") == "bad"
    qtbot.waitUntil(check.isVisible)
    text = check.text()
    assert "“Nguyễn Văn Bính”" in text and "“Nguyễn Văn Bình”" in text
    assert "16/03/1996" in text and "15/03/1996" in text
    assert "giới tính" not in text  # the sex agrees
    assert "điều chỉnh thông tin trong CSDLQG về dân cư trước" in text
    save_screenshot(window, "wizard-intake-card-differs")
    assert audit_details(context, "card_compared") == [
        {"differs": True, "fields": "full_name.date_of_birth"}]
    # The procedure goes on as usual: the warning does not decide for the clerk.
    reason = shell.procedure.reason
    reason.setCurrentIndex(reason.findData(Reason.CCCD_CONVERSION))
    assert shell.procedure.next_intent() is not None


def test_an_unreadable_scan_says_so_and_is_replaced_by_the_next(
        qtbot: QtBot, window: MainWindow) -> None:
    shell = window.shell
    number = field(window, "lookupNumber")
    type_text(number, BINH_QR.replace("Nguyễn Văn Bình", "Nguy?n V?n B?nh"))
    qtbot.keyClick(number, Qt.Key.Key_Return)
    problem = window.findChild(QLabel, "lookupProblem")
    assert problem.isVisible()
    assert problem.text().startswith("Không đọc được mã QR trên thẻ: quét lại hoặc nhập số")
    assert shell.case is None and not shell.worker.busy
    assert number.hasFocus() and number.selectedText() == number.text()  # a rescan replaces it
    save_screenshot(window, "wizard-intake-unreadable")
    type_text(number, BINH_QR)
    assert number.text() == BINH_QR and not problem.isVisible()
    press(qtbot, window, number, Qt.Key.Key_Return)
    assert shell.case is not None and shell.case.citizen.full_name == "Nguyễn Văn Bình"


def test_a_scan_into_the_name_field_is_read_as_a_card(qtbot: QtBot, window: MainWindow) -> None:
    name = field(window, "lookupName")
    name.setFocus()
    type_text(name, BINH_QR)
    press(qtbot, window, name, Qt.Key.Key_Return)
    case = window.shell.case
    assert case is not None and case.citizen.id_number == "001096012345"
    assert case.card is not None


def test_a_card_unknown_to_the_registry(qtbot: QtBot, window: MainWindow) -> None:
    number = field(window, "lookupNumber")
    type_text(number, BINH_QR.replace("001096012345", "001096099999"))
    press(qtbot, window, number, Qt.Key.Key_Return)
    banner = window.findChild(QLabel, "errorBanner")
    assert banner.isVisible() and "đọc từ mã QR trên thẻ" in banner.text()
    assert window.shell.case is None
    assert number.hasFocus() and number.selectedText() == number.text()


def test_namesakes_are_listed_and_chosen_with_the_keyboard(qtbot: QtBot, window: MainWindow,
                                                          context: Context) -> None:
    shell = window.shell
    number = field(window, "lookupNumber")
    qtbot.waitUntil(number.hasFocus, timeout=5000)
    qtbot.keyClick(number, Qt.Key.Key_Tab)
    name = field(window, "lookupName")
    assert name.hasFocus()
    type_text(name, "Nguyễn Văn An")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    birth = window.findChild(QDateEdit, "lookupBirth")
    assert birth.hasFocus()
    qtbot.keyClicks(birth, "12061990")  # day, month, year: each section moves on by itself
    assert birth.date().toString("dd/MM/yyyy") == "12/06/1990"
    press(qtbot, window, birth, Qt.Key.Key_Return)

    assert shell.case is None  # two people: nobody is opened
    matches = window.findChild(QTreeWidget, "citizenMatches")
    assert matches.isVisible() and matches.topLevelItemCount() == 2
    rows = [[matches.topLevelItem(i).text(c) for c in range(4)] for i in range(2)]
    assert [row[2] for row in rows] == ["001090012468", "048090003579"]
    assert {row[1] for row in rows} == {"12/06/1990"}
    assert "Thành phố Đà Nẵng" in rows[1][3]
    assert matches.hasFocus() and matches.currentItem() is matches.topLevelItem(0)
    assert window.findChild(QPushButton, "next").text() == "Mở hồ sơ người đã chọn"
    assert "2 người cùng họ tên và ngày sinh" in window.findChild(QLabel, "matchesNote").text()
    save_screenshot(window, "wizard-intake-matches")
    assert audit_details(context, "lookup")[-1] == {"by": "name_and_birth_date", "found": 2}

    qtbot.keyClick(matches, Qt.Key.Key_Down)
    press(qtbot, window, matches, Qt.Key.Key_Return)
    assert shell.case is not None and shell.case.citizen.id_number == "048090003579"
    assert shell.case.card is None  # typed, not scanned: nothing to compare
    assert window.findChild(QLabel, "cardCheck") is None
    assert shell.current_page() is shell.procedure


def test_the_list_goes_when_the_search_changes(qtbot: QtBot, window: MainWindow) -> None:
    name = field(window, "lookupName")
    type_text(name, "Nguyễn Văn An")
    window.shell.lookup.birth.setDate(window.shell.lookup.birth.date().fromString(
        "12/06/1990", "dd/MM/yyyy"))
    press(qtbot, window, name, Qt.Key.Key_Return)
    matches = window.findChild(QTreeWidget, "citizenMatches")
    assert matches.isVisible()
    type_text(name, "h")  # "Nguyễn Văn Anh": another search
    assert not matches.isVisible()
    assert window.findChild(QPushButton, "next").text() == "Tra cứu"


def test_one_match_opens_directly(qtbot: QtBot, window: MainWindow) -> None:
    name = field(window, "lookupName")
    type_text(name, "Trần Quốc Hưng")
    window.shell.lookup.birth.setDate(window.shell.lookup.birth.date().fromString(
        "02/11/1985", "dd/MM/yyyy"))
    press(qtbot, window, name, Qt.Key.Key_Return)
    assert window.shell.case is not None
    assert window.shell.case.citizen.id_number == "079085001122"


def test_no_match_says_what_to_try_and_keeps_what_was_typed(qtbot: QtBot,
                                                           window: MainWindow) -> None:
    name = field(window, "lookupName")
    type_text(name, "Nguyễn Văn An")
    birth = window.findChild(QDateEdit, "lookupBirth")
    birth.setDate(birth.date().fromString("13/06/1990", "dd/MM/yyyy"))
    birth.setFocus()
    press(qtbot, window, birth, Qt.Key.Key_Return)
    banner = window.findChild(QLabel, "errorBanner")
    assert banner.isVisible()
    assert "Kiểm tra lại họ tên" in banner.text() and "số CMND cũ hay mã QR" in banner.text()
    assert "DC01" in banner.text()
    save_screenshot(window, "wizard-intake-none")
    assert window.shell.case is None
    assert name.text() == "Nguyễn Văn An"  # corrected, not retyped
    assert birth.hasFocus()


def test_a_wrong_number_is_explained_beside_the_field(qtbot: QtBot, window: MainWindow) -> None:
    number = field(window, "lookupNumber")
    type_text(number, "12345")
    qtbot.keyClick(number, Qt.Key.Key_Return)
    problem = window.findChild(QLabel, "lookupProblem")
    assert problem.isVisible() and "12 chữ số" in problem.text()
    assert window.shell.case is None and not window.shell.worker.busy


def test_tab_order_and_enter_on_the_open_cases(qtbot: QtBot, window: MainWindow,
                                               context: Context) -> None:
    desk = context.desk
    case = desk.open_case(desk.find_citizen(LookupQuery.from_text("079085001122")))
    window.shell.show_current()  # the list a clerk sees at start
    window.refresh_queue()  # read off the UI thread
    qtbot.waitUntil(lambda: window.findChild(QListWidget, "openCases").count() == 1,
                    timeout=5000)
    number = field(window, "lookupNumber")
    qtbot.waitUntil(number.hasFocus, timeout=5000)
    order = [focused()]
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(focused())
    assert order == ["lookupNumber", "lookupName", "lookupBirth", "openCases", "resumeCase"]
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
        order.append(focused())
    assert order[5:] == ["openCases", "lookupBirth", "lookupName", "lookupNumber"]
    for letter, name in ((Qt.Key.Key_H, "lookupName"), (Qt.Key.Key_N, "lookupBirth"),
                         (Qt.Key.Key_S, "lookupNumber")):  # the underlined letters
        qtbot.keyClick(QApplication.focusWidget(), letter, Qt.KeyboardModifier.AltModifier)
        assert focused() == name
    listing = window.findChild(QListWidget, "openCases")
    listing.setFocus()
    assert listing.currentRow() == 0 and case.code in listing.item(0).text()
    press(qtbot, window, listing, Qt.Key.Key_Return)
    assert window.shell.case is not None and window.shell.case.code == case.code


def test_the_page_is_clean_for_the_next_citizen(qtbot: QtBot, window: MainWindow,
                                                context: Context) -> None:
    shell = window.shell
    name = field(window, "lookupName")
    type_text(name, "Nguyễn Văn An")
    shell.lookup.birth.setDate(shell.lookup.birth.date().fromString("12/06/1990",
                                                                    "dd/MM/yyyy"))
    press(qtbot, window, name, Qt.Key.Key_Return)
    press(qtbot, window, window.findChild(QTreeWidget, "citizenMatches"), Qt.Key.Key_Return)
    assert shell.case is not None
    # as the clerk's "Hủy hồ sơ" does, without its dialog
    context.desk.cancel(shell.case, approved(context.desk, Permission.CANCEL_CASE))
    shell.case = None
    shell.show_current()
    assert shell.current_page() is shell.lookup
    number = field(window, "lookupNumber")
    assert number.text() == "" and name.text() == ""
    assert shell.lookup.birth.date().toString("dd/MM/yyyy") == "01/01/1990"
    assert not window.findChild(QTreeWidget, "citizenMatches").isVisible()
    assert window.findChild(QPushButton, "next").text() == "Tra cứu"
    qtbot.waitUntil(number.hasFocus, timeout=5000)
