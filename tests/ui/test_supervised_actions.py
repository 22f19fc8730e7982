"""The supervised actions of the wizard, as a clerk without the permission meets them: a
refusal (CC03), fingers that cannot be taken, a capture kept below the quality threshold.
Each asks a supervisor's credentials; declining changes nothing; an approval records both
people."""

from __future__ import annotations

import ast
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from device_simulators.behaviour import Fault
from kiosk.app import Context
from kiosk.desk.casefile import Position
from kiosk.devices.base import Finger
from kiosk.ui.main_window import MainWindow
from kiosk.ui.pages.capture import MissingFingersDialog
from kiosk.workflow.procedures import Reason
from tests.ui.conftest import (
    CLERK,
    SUPERVISOR,
    add_clerk_and_supervisor,
    open_window,
    save_screenshot,
    sign_in,
    type_text,
)
from tests.ui.test_wizard import click, open_case_at_capture

UI = Path(__file__).resolve().parents[2] / "kiosk" / "ui"
# The desk calls a permission guards, and the shell's check that runs right before each.
SUPERVISED = frozenset({"refuse", "declare_missing_finger", "accept_low_quality", "cancel"})
SUPERVISOR_NAME = "Phạm Thị Giám Sát"


@pytest.fixture
def people(context: Context) -> None:
    """A clerk (no supervised permission) and a supervisor, added by the admin."""
    add_clerk_and_supervisor(context, "Cán bộ Lê Văn Một", SUPERVISOR_NAME)


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)


def signed_in(qtbot: QtBot, context: Context, who: tuple[str, str]) -> MainWindow:
    main = open_window(qtbot, context)
    sign_in(qtbot, main, *who)
    return main


def audit(context: Context, action: str, code: str) -> list[tuple[str, str | None, Any]]:
    with context.desk.cases._engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT actor, approver, details FROM audit_log WHERE action = :action "
            "AND case_code = :code ORDER BY id"), {"action": action, "code": code}).all()
    return [(actor, approver, json.loads(details) if isinstance(details, str) else details)
            for actor, approver, details in rows]


def screenshot(main: MainWindow, name: str) -> None:
    """At the window's usual size: a poor capture's advice may have grown it earlier."""
    main.resize(1200, 820)
    save_screenshot(main, name)


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    return re.sub(r"\s+", " ", text)


def choose_refused_reason(qtbot: QtBot, main: MainWindow) -> str:
    """The holder of a valid căn cước card asks for a first issue (resources/scenarios/
    refusal.toml): the rules refuse it."""
    type_text(main.findChild(QLineEdit, "lookupNumber"), "079085001122")
    click(qtbot, main, "next")
    reason = main.findChild(QComboBox, "reason")
    reason.setCurrentIndex(reason.findData(Reason.FIRST_ISSUE))
    assert main.shell.case is not None
    return main.shell.case.code


def test_a_clerk_refuses_with_a_supervisors_approval(qtbot: QtBot, context: Context,
                                                     people: None, answer_yes: None) -> None:
    main = signed_in(qtbot, context, CLERK)
    shell, desk = main.shell, context.desk
    code = choose_refused_reason(qtbot, main)
    next_button = main.findChild(QPushButton, "next")
    assert next_button.text() == "Từ chối, in thông báo CC03" and next_button.isEnabled()
    outcome = main.findChild(QLabel, "outcome").text()
    for expected in ("Từ chối giải quyết (mẫu CC03)", "Đã được cấp thẻ",
                     "chọn cấp đổi hoặc cấp lại", "Luật Căn cước 2023 Điều 23, Điều 24",
                     "Điều 23 khoản 4"):
        assert expected in outcome
    screenshot(main, "wizard-refusal")

    shell.ask_approval = lambda _action: None  # the supervisor does not come: nothing happens
    click(qtbot, main, "next")
    assert shell.case is not None and desk.cases.step_of(code) == "identified"
    assert audit(context, "authorized", code) == []

    asked: list[str] = []
    shell.ask_approval = lambda action: asked.append(action) or SUPERVISOR
    click(qtbot, main, "next")
    assert asked == ["Từ chối giải quyết, in thông báo CC03"]
    assert shell.case is None and shell.current_page() is shell.lookup  # the case ended
    assert desk.cases.step_of(code) == "refused"
    folder = Path(desk.devices.printer.info().serial)
    notice = pdf_text(folder / f"CC03-{code}.pdf")
    assert SUPERVISOR_NAME in notice and "Đã được cấp thẻ" in notice
    assert audit(context, "authorized", code) == [
        ("canbo1", "truongca", {"permission": "refuse_application"})]  # both people
    assert [row[0] for row in audit(context, "refusal", code)] == ["canbo1"]
    main.close()


def test_a_supervisor_signed_in_approves_their_own_refusal(
        qtbot: QtBot, context: Context, people: None, answer_yes: None) -> None:
    main = signed_in(qtbot, context, SUPERVISOR)
    code = choose_refused_reason(qtbot, main)
    main.shell.ask_approval = lambda _action: pytest.fail("no second person needed")
    click(qtbot, main, "next")
    assert context.desk.cases.step_of(code) == "refused"
    folder = Path(context.desk.devices.printer.info().serial)
    assert SUPERVISOR_NAME in pdf_text(folder / f"CC03-{code}.pdf")
    assert audit(context, "authorized", code) == [
        ("truongca", None, {"permission": "refuse_application"})]
    main.close()


def fingers_dialog(qtbot: QtBot, main: MainWindow) -> MissingFingersDialog:
    click(qtbot, main, "declareFingers")
    dialog = main.shell.capture.fingers_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    return dialog


def choose(qtbot: QtBot, dialog: MissingFingersDialog, finger: Finger, steps: int) -> None:
    """Move the finger's choice with the arrow keys, as a clerk does (down: the reasons)."""
    choice = dialog.findChild(QComboBox, f"missing_{finger.value}")
    choice.setFocus()
    for _ in range(abs(steps)):
        qtbot.keyClick(choice, Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up)


def record(qtbot: QtBot, main: MainWindow, dialog: MissingFingersDialog) -> None:
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # Enter records
    assert not dialog.isVisible()
    QApplication.processEvents()  # the page asks for the recording once the dialog has closed
    qtbot.waitUntil(lambda: not main.shell.worker.busy, timeout=15000)


def test_a_clerk_declares_fingers_missing_only_with_a_supervisors_approval(
        qtbot: QtBot, context: Context, people: None) -> None:
    main = signed_in(qtbot, context, CLERK)
    shell, desk = main.shell, context.desk
    open_case_at_capture(qtbot, main)
    assert shell.case is not None
    case, code = shell.case, shell.case.code

    dialog = fingers_dialog(qtbot, main)
    choose(qtbot, dialog, Finger.LEFT_RING, 1)  # cụt ngón
    shell.ask_approval = lambda _action: None  # cancelled: nothing is recorded
    record(qtbot, main, dialog)
    assert case.missing_fingers == {}
    assert not any(c.position.startswith("finger_") for c in desk.cases.load(code).captures)
    assert audit(context, "authorized", code) == []
    assert main.findChild(QLabel, "declaredFingers").text() == ""

    asked: list[str] = []
    shell.ask_approval = lambda action: asked.append(action) or SUPERVISOR
    dialog = fingers_dialog(qtbot, main)
    choose(qtbot, dialog, Finger.LEFT_RING, 1)
    choose(qtbot, dialog, Finger.LEFT_THUMB, 3)  # đang băng bó
    choose(qtbot, dialog, Finger.RIGHT_THUMB, 3)
    record(qtbot, main, dialog)
    assert asked == ["Ghi nhận ngón tay không lấy được vân tay"]
    assert case.missing_fingers == {Finger.LEFT_RING: "amputated",
                                    Finger.LEFT_THUMB: "bandaged",
                                    Finger.RIGHT_THUMB: "bandaged"}
    declared = main.findChild(QLabel, "declaredFingers").text()
    assert "Ngón áp út trái — cụt ngón" in declared and "Ngón cái phải — đang băng bó" in declared
    assert main.findChild(QLabel, "caption_left_four").text() == "Bốn ngón tay trái (quét 3 ngón)"
    assert Position.THUMBS not in case.required_positions()  # both thumbs: no thumb slap
    assert not main.findChild(QPushButton, "capture_thumbs").isEnabled()
    assert "Không cần quét" in main.findChild(QLabel, "thumb_thumbs").text()
    screenshot(main, "wizard-finger-exception")
    assert audit(context, "authorized", code) == [
        ("canbo1", "truongca", {"permission": "mark_biometric_exception"})]
    assert sorted((actor, details["position"], details["reason"]) for actor, _a, details
                  in audit(context, "finger_exception", code)) == [
        ("canbo1", 1, "bandaged"), ("canbo1", 6, "bandaged"), ("canbo1", 9, "amputated")]

    dialog = fingers_dialog(qtbot, main)  # the left thumb can be taken after all: withdrawn
    choose(qtbot, dialog, Finger.LEFT_THUMB, -3)
    record(qtbot, main, dialog)
    assert Finger.LEFT_THUMB not in case.missing_fingers
    assert main.findChild(QPushButton, "capture_thumbs").isEnabled()
    assert desk.resume(code).missing_fingers == {Finger.LEFT_RING: "amputated",
                                                 Finger.RIGHT_THUMB: "bandaged"}
    main.close()


def test_a_capture_below_the_threshold_is_accepted_after_three_poor_attempts(
        qtbot: QtBot, context: Context, people: None, answer_yes: None) -> None:
    main = signed_in(qtbot, context, CLERK)
    shell, desk = main.shell, context.desk
    open_case_at_capture(qtbot, main)
    assert shell.case is not None
    code = shell.case.code
    accept = main.findChild(QPushButton, "acceptLow_left_four")
    quality = main.findChild(QLabel, "quality_left_four")
    for _attempt in range(3):
        assert not accept.isVisible()  # not before the third poor attempt
        context.simulator_controls["fingerprint"].inject(Fault.LOW_QUALITY)
        click(qtbot, main, "capture_left_four")
        assert quality.text().startswith("Chưa đạt")
    assert accept.isVisible()
    assert main.findChild(QPushButton, "acceptLow_face").isHidden()  # never for the face
    screenshot(main, "wizard-low-quality")

    shell.ask_approval = lambda _action: None  # declined: still refused
    click(qtbot, main, "acceptLow_left_four")
    assert Position.LEFT_FOUR in shell.case.missing_positions()

    shell.ask_approval = lambda _action: SUPERVISOR
    click(qtbot, main, "acceptLow_left_four")
    assert quality.text().startswith("Chấp nhận (chất lượng thấp)")
    assert not accept.isVisible()
    for name in ("captureFace", "capture_right_four", "capture_thumbs", "captureIrises"):
        click(qtbot, main, name)
    assert shell.case.missing_positions() == ()
    assert audit(context, "authorized", code) == [
        ("canbo1", "truongca", {"permission": "accept_low_quality"})]
    [(actor, approver, details)] = audit(context, "low_quality_accepted", code)
    assert (actor, approver, details["position"]) == ("canbo1", "truongca", "left_four")
    assert desk.resume(code).best[Position.LEFT_FOUR].accepted_by == "truongca"

    click(qtbot, main, "next")
    assert shell.current_page() is shell.receipt
    click(qtbot, main, "printReceipt")
    folder = Path(desk.devices.printer.info().serial)
    assert "Chấp nhận (chất lượng thấp)" in pdf_text(folder / f"CC01-{code}.pdf")
    main.close()


def own_calls(function: ast.AST) -> list[ast.Call]:
    """The calls in ``function``'s own body, not in the functions nested in it."""
    calls, todo = [], list(ast.iter_child_nodes(function))
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        if isinstance(node, ast.Call):
            calls.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return calls


def handed_to_supervised(tree: ast.AST) -> set[ast.AST]:
    """The functions given as ``work=`` to ``_supervised(...)``: a lambda written in the call,
    or a function defined in the calling function and named there."""
    handed: set[ast.AST] = set()
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        local = {node.name: node for node in ast.walk(function)
                 if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
        for call in own_calls(function):
            if not (isinstance(call.func, ast.Attribute) and call.func.attr == "_supervised"):
                continue
            for keyword in call.keywords:
                if keyword.arg != "work":
                    continue
                if isinstance(keyword.value, ast.Lambda):
                    handed.add(keyword.value)
                elif isinstance(keyword.value, ast.Name) and keyword.value.id in local:
                    handed.add(local[keyword.value.id])
    return handed


def supervised_runs_work_after_the_check(tree: ast.AST) -> bool:
    """Whether WizardShell._supervised calls its ``work`` only in functions that first call
    ``approved(...)``, and calls it somewhere."""
    helpers = [node for node in ast.walk(tree)
               if isinstance(node, ast.FunctionDef) and node.name == "_supervised"]
    runs: list[bool] = []
    for helper in helpers:
        for function in ast.walk(helper):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            calls = own_calls(function)
            checked = [c.lineno for c in calls
                       if isinstance(c.func, ast.Name) and c.func.id == "approved"]
            runs += [any(line < c.lineno for line in checked) for c in calls
                     if isinstance(c.func, ast.Name) and c.func.id == "work"]
    return bool(runs) and all(runs)


def test_the_window_reaches_supervised_desk_calls_only_after_the_authorization() -> None:
    """Every call of a supervised desk method in kiosk/ui runs in a function that first calls
    ``approved(...)`` (WizardShell._supervised's check: the approver's password, both people
    in the audit trail), or in the work handed to ``_supervised``, which runs it only after
    that check; no page or other path calls the desk around it."""
    found: list[tuple[str, bool]] = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        handed = handed_to_supervised(tree)
        helper_checks = supervised_runs_work_after_the_check(tree)
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            calls = own_calls(function)
            checked = [c.lineno for c in calls
                       if isinstance(c.func, ast.Name) and c.func.id == "approved"]
            guarded = function in handed and helper_checks
            found += [(f"{path.name}:{c.lineno}: {ast.unparse(c)}",
                       guarded or any(line < c.lineno for line in checked)) for c in calls
                      if isinstance(c.func, ast.Attribute) and c.func.attr in SUPERVISED
                      and "desk" in ast.unparse(c.func.value)]
    assert [where for where, ok in found if not ok] == []
    assert len(found) == len(SUPERVISED)  # one guarded path each
