"""An adult under guardianship (R-3) through the real main window with the keyboard: the clerk
declares the court decision on the procedure page (Alt+M), the rules then ask for the legal
representative, the guardian is looked up and recorded with the decision shown, and a crash
right after the decision resumes with all of it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Context
from kiosk.ui.main_window import MainWindow
from kiosk.ui.watchdog import excused
from kiosk.workflow.case import Step
from kiosk.workflow.procedures import Reason
from tests.ui.conftest import (
    TRAINER,
    Crash,
    open_window,
    resume_the_listed_case,
    save_screenshot,
    sign_in,
    type_text,
)
from tests.ui.screen_checks import problems
from tests.ui.test_acceptance_walks import capture_all, finish, look_up

ADULT = "001095007531"  # Trần Văn Lợi, 30, no card yet: a first issue
GUARDIAN = "001170004826"  # Trần Thị Hoa, his sister, appointed by the court
NUMBER = "27/2025/QĐST-DS"
APPOINTED = f"Quyết định số {NUMBER} ngày 14/03/2025 của Tòa án nhân dân khu vực 1"
DECLARATION = ("Người mất năng lực hành vi dân sự / có khó khăn trong nhận thức, làm chủ hành "
               "vi")


def child(window: MainWindow, name: str, kind: type[Any] = QWidget) -> Any:
    found = window.findChild(kind, name)
    assert found is not None, name
    return found


def idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.shell.worker.busy, timeout=15000)


def key(qtbot: QtBot, window: MainWindow, which: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """One key where the clerk's keyboard is now (no clicks, nothing set by the test)."""
    focused = window.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, which, modifier)


def declare(qtbot: QtBot, window: MainWindow) -> None:
    """On the procedure page: Alt+M ticks the declaration and the keyboard goes on to the
    decision's kind, its number and its date."""
    tick = child(window, "lostCapacity", QCheckBox)
    text = child(window, "lostCapacityText", QLabel)
    assert f"{tick.text()} {text.text()}".replace("&", "") == DECLARATION
    assert "Alt+M" in tick.toolTip()
    assert not child(window, "capacityKind", QComboBox).isVisible()
    key(qtbot, window, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(tick.isChecked, timeout=2000)  # a mnemonic clicks after a short flash
    kind = child(window, "capacityKind", QComboBox)
    assert kind.isVisible() and window.focusWidget() is kind
    outcome = child(window, "outcome", QLabel)
    assert "Chọn giấy tờ chứng minh" in outcome.text().replace("chọn", "Chọn")
    for _ in range(2):  # ↓ ↓: the decision declaring a difficulty in cognition
        key(qtbot, window, Qt.Key.Key_Down)
    assert kind.currentData() == "cognitive_difficulty"
    key(qtbot, window, Qt.Key.Key_Return)  # Enter goes on to the number
    assert window.focusWidget() is child(window, "capacityNumber", QLineEdit)
    type_text(window.focusWidget(), NUMBER)
    key(qtbot, window, Qt.Key.Key_Return)  # then to the date
    assert window.focusWidget() is child(window, "capacityDate", QLineEdit)
    type_text(window.focusWidget(), "14032025")
    # Nothing cut off or overlapping with the box open, once its layout has settled (the
    # box grows over a few layout passes).
    with excused():  # the check's own work
        qtbot.waitUntil(lambda: problems(window) == [], timeout=3000)


def test_an_adult_with_a_guardian_by_keyboard(qtbot: QtBot, window: MainWindow,
                                              context: Context) -> None:
    shell = window.shell
    look_up(qtbot, window, ADULT)
    assert child(window, "reason", QComboBox).currentData() == Reason.FIRST_ISSUE  # proposed
    outcome = child(window, "outcome", QLabel)
    assert "người đại diện" not in outcome.text()  # an adult files alone, unless declared
    declare(qtbot, window)
    text = outcome.text()
    assert "người đại diện hợp pháp hỗ trợ làm thủ tục" in text
    assert "Luật Căn cước 2023 Điều 23 khoản 3; Bộ luật Dân sự 2015 Điều 22, 23" in text
    assert "⚠" not in text  # the declaration is complete
    save_screenshot(window, "wizard-procedure-guardian")

    key(qtbot, window, Qt.Key.Key_Return)  # Enter in the date confirms the procedure
    idle(qtbot, window)
    assert not child(window, "errorBanner", QLabel).isVisible()
    assert shell.case is not None and shell.case.step is Step.PROCEDURE_DECIDED
    assert shell.case.decided.representative_required
    assert shell.current_page() is shell.representative
    assert "Người đại diện" in child(window, "stepList", QListWidget).currentItem().text()
    note = child(window, "capacityNote", QLabel)
    assert note.isVisible() and f"số {NUMBER} ngày 14/03/2025" in note.text()
    relationship = child(window, "relationship", QComboBox)
    assert [relationship.itemText(i) for i in range(1, relationship.count())] == [
        "Người giám hộ"]  # an adult's representative is the guardian, not a parent as such

    assert window.focusWidget() is child(window, "representativeNumber", QLineEdit)
    type_text(window.focusWidget(), GUARDIAN)
    key(qtbot, window, Qt.Key.Key_Return)  # looks her up
    idle(qtbot, window)
    assert child(window, "representativeName", QLabel).text() == "Trần Thị Hoa"
    assert relationship.currentData() == "người giám hộ"  # the only one there is
    evidence = child(window, "representativeEvidence", QLineEdit)
    assert window.focusWidget() is evidence  # a guardian shows the court's decision
    type_text(evidence, APPOINTED)
    save_screenshot(window, "wizard-representative-guardian")
    key(qtbot, window, Qt.Key.Key_Return)  # records her
    idle(qtbot, window)
    assert not child(window, "errorBanner", QLabel).isVisible()
    assert shell.current_page() is shell.capture
    assert shell.case.representative == "Trần Thị Hoa"
    capture_all(qtbot, window)
    code = finish(qtbot, window, context, fee="Miễn lệ phí", old_card=False)
    with excused():  # the test's own reads
        stored = context.desk.cases.load(code)
    assert stored.capacity is not None and stored.capacity.number == NUMBER
    assert stored.representative == "Trần Thị Hoa"


def test_a_crash_after_the_decision_resumes_with_the_declaration(
        qtbot: QtBot, context: Context, crash: Crash) -> None:
    first = open_window(qtbot, context)
    sign_in(qtbot, first, *TRAINER)
    look_up(qtbot, first, ADULT)
    declare(qtbot, first)
    key(qtbot, first, Qt.Key.Key_Return)
    idle(qtbot, first)
    case = first.shell.case
    assert case is not None and case.step is Step.PROCEDURE_DECIDED
    code = case.code
    _context2, main = crash(first)  # nobody closes the case
    try:
        resume_the_listed_case(qtbot, main)
        shell = main.shell
        assert shell.case is not None and shell.case.code == code
        assert shell.case.decided.representative_required
        assert shell.current_page() is shell.representative  # where it stood
        assert f"số {NUMBER}" in child(main, "capacityNote", QLabel).text()

        key(qtbot, main, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # Back
        idle(qtbot, main)
        assert shell.current_page() is shell.procedure
        assert child(main, "lostCapacity", QCheckBox).isChecked()  # as declared
        assert child(main, "capacityKind", QComboBox).currentData() == "cognitive_difficulty"
        assert child(main, "capacityNumber", QLineEdit).text() == NUMBER
        assert child(main, "capacityDate", QLineEdit).text() == "14/03/2025"
        assert "Điều 23 khoản 3" in child(main, "outcome", QLabel).text()
    finally:
        main.close()
