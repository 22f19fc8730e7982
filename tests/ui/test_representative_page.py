"""The legal-representative step: a child's first card, the father looked up in CSDLQG."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QLineEdit, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Context
from kiosk.registry.base import LookupQuery
from kiosk.ui.main_window import MainWindow
from kiosk.workflow.case import Step
from kiosk.workflow.procedures import Reason
from tests.ui.conftest import save_screenshot, type_text
from tests.ui.test_wizard import click

CHILD = "001216007788"  # Đỗ Minh Khang, born 2016; the registry names his father
FATHER = "001084004321"  # Đỗ Văn Tuấn, born 1984


def child(window: MainWindow, name: str, kind: type[Any] = QWidget) -> Any:
    found = window.findChild(kind, name)
    assert found is not None, name
    return found


def wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.shell.worker.busy, timeout=15000)


def open_child_case(qtbot: QtBot, window: MainWindow) -> None:
    """Look the child up and choose a first issue, as a clerk does: the decision needs a
    legal representative, so the wizard stops on the representative page."""
    type_text(child(window, "lookupNumber", QLineEdit), CHILD)
    click(qtbot, window, "next")
    reason = child(window, "reason", QComboBox)
    reason.setCurrentIndex(reason.findData(Reason.FIRST_ISSUE))
    click(qtbot, window, "next")
    shell = window.shell
    assert shell.case is not None and shell.case.step is Step.PROCEDURE_DECIDED
    assert shell.current_page() is shell.representative


def look_up(qtbot: QtBot, window: MainWindow, number: str) -> None:
    """Type the number and press Enter, as a clerk does."""
    field = child(window, "representativeNumber", QLineEdit)
    field.clear()
    type_text(field, number)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    wait_idle(qtbot, window)


def banner(window: MainWindow) -> QLabel:
    label: QLabel = child(window, "errorBanner", QLabel)
    return label


def test_the_father_named_by_the_registry_is_recorded(
        qtbot: QtBot, window: MainWindow, context: Context,
        monkeypatch: pytest.MonkeyPatch) -> None:
    shell, desk = window.shell, context.desk
    recorded: list[dict[str, str]] = []
    record = desk.record_representative

    def spy(case: Any, **fields: str) -> Any:
        recorded.append(fields)
        return record(case, **fields)

    monkeypatch.setattr(desk, "record_representative", spy)
    open_child_case(qtbot, window)
    steps = child(window, "stepList", QListWidget)
    assert "Người đại diện" in steps.currentItem().text()
    assert child(window, "registryFather", QLabel).text() == "Đỗ Văn Tuấn"
    assert child(window, "registryMother", QLabel).text() == "Lê Thị Thu Hà"
    assert not child(window, "representativeFound", QGroupBox).isVisible()
    assert not child(window, "next").isEnabled()  # nobody looked up yet

    look_up(qtbot, window, FATHER)
    assert not banner(window).isVisible()
    assert child(window, "representativeName", QLabel).text() == "Đỗ Văn Tuấn"
    assert child(window, "representativeBirth", QLabel).text() == "14/07/1984"
    relationship = child(window, "relationship", QComboBox)
    assert relationship.currentData() == "cha"  # the registry names him as the father
    assert not child(window, "representativeEvidence", QLineEdit).isVisible()
    assert "không cần giấy tờ" in child(window, "representativeProof", QLabel).text()
    assert child(window, "next").text() == "Ghi người đại diện"
    assert window.focusWidget() is relationship  # the keyboard goes on to the choice
    save_screenshot(window, "wizard-representative")

    qtbot.keyClick(relationship, Qt.Key.Key_Return)  # Enter records
    wait_idle(qtbot, window)
    assert not banner(window).isVisible(), banner(window).text()
    assert shell.current_page() is shell.capture
    assert shell.case is not None and shell.case.step is Step.REPRESENTATIVE_CHECKED
    assert shell.case.representative == "Đỗ Văn Tuấn"
    assert recorded == [{"full_name": "Đỗ Văn Tuấn", "id_number": FATHER,
                         "relationship": "cha", "evidence": "CSDLQG"}]
    assert desk.cases.load(shell.case.code).representative_id_number == FATHER

    click(qtbot, window, "back")  # from the capture back to the representative, kept as shown
    assert shell.current_page() is shell.representative
    assert shell.case.step is Step.PROCEDURE_DECIDED
    assert child(window, "representativeName", QLabel).text() == "Đỗ Văn Tuấn"
    click(qtbot, window, "next")
    assert not banner(window).isVisible(), banner(window).text()
    assert shell.current_page() is shell.capture


def test_an_unknown_number_is_reported_and_the_page_stays(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    open_child_case(qtbot, window)
    look_up(qtbot, window, "001084009999")
    assert banner(window).isVisible()
    assert "Không tìm thấy người có số định danh 001084009999" in banner(window).text()
    assert window.shell.current_page() is window.shell.representative
    assert window.shell.case is not None
    assert window.shell.case.step is Step.PROCEDURE_DECIDED
    assert not child(window, "representativeFound", QGroupBox).isVisible()
    assert not child(window, "next").isEnabled()

    look_up(qtbot, window, "0010840")  # not 12 digits
    assert "12 chữ số" in banner(window).text()


def test_a_minor_cannot_represent_the_child(qtbot: QtBot, window: MainWindow) -> None:
    open_child_case(qtbot, window)
    look_up(qtbot, window, "038312000789")  # Lê Thị Hồng Nhung, 14 years old
    assert banner(window).isVisible()
    assert "Lê Thị Hồng Nhung mới 14 tuổi" in banner(window).text()
    assert "18 tuổi" in banner(window).text()
    assert window.shell.current_page() is window.shell.representative
    assert not child(window, "representativeFound", QGroupBox).isVisible()

    look_up(qtbot, window, CHILD)  # the child himself
    assert "chính công dân" in banner(window).text()


def test_a_guardian_types_the_document_shown(qtbot: QtBot, window: MainWindow) -> None:
    open_child_case(qtbot, window)
    look_up(qtbot, window, FATHER)
    relationship = child(window, "relationship", QComboBox)
    relationship.setCurrentIndex(relationship.findData("người giám hộ"))
    evidence = child(window, "representativeEvidence", QLineEdit)
    assert evidence.isVisible() and "Quyết định cử người giám hộ" in evidence.placeholderText()
    qtbot.keyClick(relationship, Qt.Key.Key_Tab)  # Tab reaches the evidence
    assert window.focusWidget() is evidence

    click(qtbot, window, "next")  # nothing typed: the rule says what to do
    assert "Nhập tên và số giấy tờ đã xuất trình" in banner(window).text()
    assert window.shell.current_page() is window.shell.representative

    type_text(evidence, "Quyết định cử người giám hộ số 12/QĐ-UBND")
    qtbot.keyClick(evidence, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert window.shell.current_page() is window.shell.capture


def test_back_returns_to_the_procedure_and_resume_returns_here(
        qtbot: QtBot, window: MainWindow, context: Context) -> None:
    shell = window.shell
    open_child_case(qtbot, window)
    click(qtbot, window, "back")
    assert shell.current_page() is shell.procedure
    assert shell.case is not None and shell.case.step is Step.IDENTIFIED

    desk = context.desk  # a case left at the representative step (as after a crash)
    case = desk.open_case(desk.find_citizen(LookupQuery.from_text(CHILD)))
    desk.decide(case, Reason.FIRST_ISSUE)
    shell.case = None
    shell.show_current()
    window.refresh_queue()  # the open cases, read off the UI thread
    listing = child(window, "openCases", QListWidget)
    qtbot.waitUntil(lambda: any(case.code in listing.item(r).text()
                                for r in range(listing.count())), timeout=5000)
    row = next(r for r in range(listing.count()) if case.code in listing.item(r).text())
    listing.setCurrentRow(row)
    click(qtbot, window, "resumeCase")
    assert shell.case is not None and shell.case.code == case.code
    assert shell.current_page() is shell.representative
