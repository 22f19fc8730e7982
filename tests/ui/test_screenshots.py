"""Every step of the wizard on screen at 100 %, 125 % and 150 %, checked for what eyes would catch.

One walk drives the real main window (simulated devices, a clerk who needs a supervisor) through
every page and dialog: sign-in, the lookup and its namesakes, a card whose QR code differs, the
procedure proposed, adjusted and refused, the representative, the captures (a finger exception,
a slap kept below the threshold, the last capture reused), CC01, the fee (cash, transfer,
exemption), the slip (counter, post), done, the queue and the locked screen. At each stop the
window is checked at its size and at its minimum size: no text of a label, button, check box,
radio button, combo box, group box or tab cut off or run over; no two widgets of one layout
overlapping or reaching out of their parent; no page needing a horizontal scroll bar; every
button at least 32 px tall for a finger (the measures: screen_checks.py). With
KIOSK_SCREENSHOTS=1 each stop is saved to docs/screenshots/ (README.md there lists them).

125 % and 150 %: Qt scales with QT_SCALE_FACTOR, read once, when QApplication is created, so
test_every_step_at_a_larger_scale runs this module's walk again in a child pytest with
QT_SCALE_FACTOR=1.25 or 1.5 (see docs/screenshots/README.md for why not a separate script).
Screenshots are kept at 100 % and 150 %; the 125 % walk is checked the same way.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QToolButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from device_simulators.behaviour import Fault
from kiosk.app import Context
from kiosk.config import ConfigError, load_settings
from kiosk.desk.casefile import Position
from kiosk.devices.base import Finger
from kiosk.paths import resources_dir
from kiosk.ui import style
from kiosk.ui.application import prepare_application
from kiosk.ui.approval import ApprovalDialog
from kiosk.ui.main_window import MainWindow
from kiosk.workflow.procedures import Reason
from tests.desk.steps import ready_for_capture
from tests.ui.conftest import (
    CLERK,
    SUPERVISOR,
    add_clerk_and_supervisor,
    open_window,
    save_screenshot,
    sign_in,
    type_text,
)
from tests.ui.screen_checks import COLOUR_KEYS, colour_of, contrast, name_of, problems, qss_rules
from tests.ui.test_intake import BINH_QR
from tests.ui.test_wizard import click, tick

ROOT = Path(__file__).resolve().parents[2]
CHILD_RUN = "KIOSK_SCREENSHOTS_CHILD"  # set in a scaled child: it runs the walk only
# The window as the kiosk opens it (application.run), and as it is maximised on the usual
# 1920 x 1080 laptop screen at 125 % (1536 x 864 logical pixels) and at 150 % (1280 x 720),
# less the task bar and the title bar. What scaling takes away is room on the screen.
WINDOW_AT = {100: QSize(1200, 820), 125: QSize(1536, 800), 150: QSize(1280, 660)}
KEPT_SCALES = (100, 150)  # in docs/screenshots; 125 % is checked, not kept
LAST_TRANSFER = "FT26329123456789"


# -- the walk -------------------------------------------------------------------------------

def settle() -> None:
    """Layout requests travel label -> group box -> page -> window, one per pass."""
    for _ in range(5):
        QApplication.processEvents()


def _scroll_to(main: MainWindow | None, widget: QWidget | None) -> None:
    """Scroll the page holding ``widget`` until it shows; without one, the page shown to
    its top."""
    if widget is None:
        if main is not None:
            page = main.shell.stack.currentWidget()
            assert isinstance(page, QScrollArea)
            page.verticalScrollBar().setValue(0)
        return
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    assert parent is not None, name_of(widget)
    parent.ensureWidgetVisible(widget, 0, 24)
    settle()


@dataclass
class Camera:
    """Looks at each stop: checks it and (KIOSK_SCREENSHOTS=1) saves it at this scale."""

    scale: int
    main: MainWindow | None = None
    seen: list[str] = field(default_factory=list)
    found: list[str] = field(default_factory=list)

    @property
    def suffix(self) -> str:
        return "" if self.scale == 100 else f"@{self.scale}"

    def look(self, name: str, widget: QWidget | None = None, *, show: QWidget | None = None
             ) -> None:
        """Check the window (or ``widget``, a dialog) and save it; ``show``: the control the
        step is about, scrolled into view when the page is taller than the window."""
        target = widget if widget is not None else self.main
        assert target is not None
        settle()
        _scroll_to(self.main, show)
        self._check(name, target)
        if target is self.main:  # and at the smallest size the window allows
            assert self.main is not None
            self.main.resize(self.main.minimumSize())
            settle()
            self._check(f"{name} (minimum size)", target)
            self.main.resize(WINDOW_AT[self.scale])
            settle()
            _scroll_to(self.main, show)
        if self.scale in KEPT_SCALES:
            save_screenshot(target, name + self.suffix)
        self.seen.append(name)

    def _check(self, where: str, target: QWidget) -> None:
        self.found.extend(f"{where} at {self.scale} %: {problem}"
                          for problem in problems(target))

    def look_in_theme(self, name: str, theme: str) -> None:
        """The same stop in another theme, at 100 % (restyling the window costs ~0.3 s)."""
        if self.scale != 100:
            return
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        style.apply_theme(app, theme)
        try:
            self.look(f"{name}-{theme.replace('_', '-')}")
        finally:
            style.apply_theme(app, "default")


def screen_scale() -> int:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return round(app.primaryScreen().devicePixelRatio() * 100)


def idle(qtbot: QtBot, main: MainWindow) -> None:
    qtbot.waitUntil(lambda: not main.shell.worker.busy, timeout=15000)


def child(main: MainWindow, kind: type[Any], name: str) -> Any:
    found = main.findChild(kind, name)
    assert found is not None, name
    return found


def enter(qtbot: QtBot, main: MainWindow, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    idle(qtbot, main)


def choose_reason(main: MainWindow, reason: Reason) -> None:
    combo = child(main, QComboBox, "reason")
    combo.setCurrentIndex(combo.findData(reason))


def space(qtbot: QtBot, main: MainWindow, widget: QWidget) -> None:
    """Space on a control, as the clerk ticks or chooses it, once the page takes keys."""
    idle(qtbot, main)
    qtbot.waitUntil(lambda: widget.isVisible() and widget.isEnabled(), timeout=5000)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Space)


def set_ticked(qtbot: QtBot, main: MainWindow, name: str, ticked: bool) -> None:
    box = child(main, QCheckBox, name)
    if box.isChecked() != ticked:
        space(qtbot, main, box)
    assert box.isChecked() is ticked, name


def press(qtbot: QtBot, main: MainWindow, key: Qt.Key) -> None:
    """A key where the keyboard is, shortcuts included (the window active, as at the desk)."""
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=3000)
    qtbot.keyClick(QApplication.focusWidget() or main, key)


def asked_on_screen(qtbot: QtBot, camera: Camera, shots: dict[str, str]
                    ) -> tuple[Callable[..., QMessageBox.StandardButton],
                               Callable[[str], tuple[str, str]]]:
    """The shell's question and approval, shown as the real dialogs, looked at the first
    time an action (keyed in ``shots`` by its title) asks them, and answered yes by the
    supervisor."""
    def question(parent: QWidget, title: str, text: str, *_args: Any, **_kwargs: Any
                 ) -> QMessageBox.StandardButton:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          parent)
        box.show()
        qtbot.waitExposed(box)
        if f"question:{title}" in shots:
            camera.look(shots.pop(f"question:{title}"), box)
        box.close()
        box.deleteLater()
        return QMessageBox.StandardButton.Yes

    def approval(action: str) -> tuple[str, str]:
        dialog = ApprovalDialog(action, camera.main)
        type_text(dialog.username, SUPERVISOR[0])
        dialog.password.setText(SUPERVISOR[1])
        dialog.show()
        qtbot.waitExposed(dialog)
        if f"approval:{action}" in shots:
            camera.look(shots.pop(f"approval:{action}"), dialog)
        dialog.close()
        dialog.deleteLater()
        return SUPERVISOR

    return question, approval


def walk(qtbot: QtBot, context: Context, camera: Camera,
         monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page and dialog of the wizard, in the order a day brings them."""
    desk = context.desk
    add_clerk_and_supervisor(context, "Cán bộ Lê Văn Một", "Phạm Thị Giám Sát")
    lost = ready_for_capture(desk, "092199004455", Reason.LOST)  # waits in the open cases
    main = open_window(qtbot, context)
    camera.main = main
    main.resize(WINDOW_AT[camera.scale])
    camera.look("01-signin")
    sign_in(qtbot, main, *CLERK)
    shell = main.shell
    shots = {"question:Từ chối giải quyết, in thông báo CC03": "08-refusal-question",
             "approval:Từ chối giải quyết, in thông báo CC03": "09-refusal-approval"}
    question, approval = asked_on_screen(qtbot, camera, shots)
    monkeypatch.setattr(QMessageBox, "question", question)
    shell.ask_approval = approval

    # The lookup: the number typed, then namesakes by name and birth date.
    number = child(main, QLineEdit, "lookupNumber")
    qtbot.waitUntil(lambda: child(main, QListWidget, "openCases").count() == 1, timeout=5000)
    type_text(number, "079085001122")
    camera.look("02-lookup")
    camera.look_in_theme("02-lookup", "high_contrast")
    name = child(main, QLineEdit, "lookupName")
    number.clear()
    type_text(name, "Nguyễn Văn An")
    shell.lookup.birth.setDate(QDate(1990, 6, 12))
    enter(qtbot, main, name)
    assert child(main, QTreeWidget, "citizenMatches").topLevelItemCount() == 2
    camera.look("03-lookup-matches")

    # A refusal (CC03): a valid card's holder asks for a first issue.
    name.clear()
    type_text(number, "079085001122")
    enter(qtbot, main, number)
    choose_reason(main, Reason.FIRST_ISSUE)
    assert child(main, QPushButton, "next").text() == "Từ chối, in thông báo CC03"
    camera.look("07-procedure-refusal", show=child(main, QPushButton, "printRequestForm"))
    click(qtbot, main, "next")
    assert shell.case is None and not shots, shots  # asked, approved, the case ended

    # Bình's old card scanned: its name differs from CSDLQG.
    type_text(number, BINH_QR.replace("Nguyễn Văn Bình", "Nguyễn Văn Bính"))
    enter(qtbot, main, number)
    assert shell.current_page() is shell.procedure
    camera.look("04-procedure-card-differs")
    set_ticked(qtbot, main, "adjust_full_name", False)  # the papers agree with CSDLQG
    choose_reason(main, Reason.CCCD_CONVERSION)
    camera.look("05-procedure-proposal", show=child(main, QPushButton, "printRequestForm"))
    set_ticked(qtbot, main, "adjust_full_name", True)
    type_text(child(main, QLineEdit, "adjustmentDocuments"),
              "Giấy khai sinh số 123/1996, cấp ngày 20/3/1996")
    camera.look("06-procedure-adjustment", show=child(main, QPushButton, "printRequestForm"))
    set_ticked(qtbot, main, "adjust_full_name", False)
    click(qtbot, main, "next")
    assert shell.current_page() is shell.capture

    # The captures: the live picture, a finger that cannot be taken, a poor slap kept.
    live = child(main, QLabel, "livePreview")
    qtbot.waitUntil(lambda: not live.pixmap().isNull(), timeout=5000)
    assert not child(main, QLabel, "capturePlan").isVisible()  # everything is taken here
    camera.look("11-capture")
    click(qtbot, main, "declareFingers")
    dialog = shell.capture.fingers_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    choice = dialog.findChild(QComboBox, f"missing_{Finger.LEFT_RING.value}")
    choice.setCurrentIndex(1)  # cụt ngón
    camera.look("12-capture-fingers-dialog", dialog)
    qtbot.keyClick(choice, Qt.Key.Key_Return)
    QApplication.processEvents()  # the recording is asked once the dialog has closed
    idle(qtbot, main)
    assert Finger.LEFT_RING in (shell.case.missing_fingers if shell.case else {})
    camera.look("13-capture-finger-exception", show=child(main, QLabel, "declaredFingers"))
    for _attempt in range(3):
        context.simulator_controls["fingerprint"].inject(Fault.LOW_QUALITY)
        click(qtbot, main, "capture_right_four")
    assert child(main, QPushButton, "acceptLow_right_four").isVisible()
    camera.look("14-capture-low-quality", show=child(main, QPushButton, "acceptLow_right_four"))
    click(qtbot, main, "acceptLow_right_four")
    for position, button in ((Position.FACE, "captureFace"),
                             (Position.LEFT_FOUR, "capture_left_four"),
                             (Position.THUMBS, "capture_thumbs"),
                             (Position.IRIS_LEFT, "captureIrises")):
        assert shell.case is not None
        if position in shell.case.missing_positions():  # the preview may take the face
            click(qtbot, main, button)
    assert shell.case is not None and shell.case.missing_positions() == ()
    camera.look("15-capture-done")
    camera.look_in_theme("15-capture-done", "high_contrast")

    # CC01 by post, previewed, printed, signed.
    click(qtbot, main, "next")
    assert shell.current_page() is shell.receipt
    click(qtbot, main, "previewReceipt")
    preview = shell.preview_dialog
    assert preview is not None
    qtbot.waitUntil(preview.isVisible, timeout=5000)
    page = preview.findChild(QLabel, "previewPage1").pixmap()
    # Rendered for the screen's scaling (sharp at 150 %), shown at 80 dpi's size.
    assert page.devicePixelRatio() == main.devicePixelRatioF()
    assert abs(page.width() / page.devicePixelRatio() - 210 / 25.4 * 80) < 3
    camera.look("17-cc01-preview", preview)
    preview.reject()
    space(qtbot, main, child(main, QRadioButton, "deliveryPost"))
    click(qtbot, main, "useResidence")
    type_text(child(main, QLineEdit, "deliveryPhone"), "0912 345 678")
    camera.look("18-cc01-post")
    click(qtbot, main, "printReceipt")
    tick(qtbot, main, "receiptSigned")
    camera.look("19-cc01-signed")
    click(qtbot, main, "next")

    # The fee: cash, then a transfer; the slip by post; done with the old card.
    assert shell.current_page() is shell.fee
    camera.look("20-fee-cash")
    camera.look_in_theme("20-fee-cash", "high_contrast")
    space(qtbot, main, child(main, QRadioButton, "feeTransfer"))
    type_text(child(main, QLineEdit, "feeReference"), LAST_TRANSFER)
    tick(qtbot, main, "feeCollected")
    camera.look("21-fee-transfer")
    click(qtbot, main, "next")
    assert shell.current_page() is shell.slip
    assert "qua bưu chính, đến Số 12 ngõ 34" in child(main, QLabel, "slipDelivery").text()
    camera.look("24-slip-post")
    click(qtbot, main, "next")
    assert shell.current_page() is shell.done
    camera.look("25-done")
    tick(qtbot, main, "oldCardCollected")
    click(qtbot, main, "next")
    assert shell.case is None

    # A child of 10 with the father the registry names; left at the capture.
    type_text(number, "001216007788")
    enter(qtbot, main, number)
    choose_reason(main, Reason.FIRST_ISSUE)
    click(qtbot, main, "next")
    assert shell.current_page() is shell.representative
    field_ = child(main, QLineEdit, "representativeNumber")
    type_text(field_, "001084004321")
    enter(qtbot, main, field_)
    camera.look("10-representative")
    enter(qtbot, main, child(main, QComboBox, "relationship"))
    assert shell.current_page() is shell.capture

    # The queue; the lost card resumed from it: the last capture reused, an exemption.
    press(qtbot, main, Qt.Key.Key_F2)
    assert main.work.currentWidget() is main.queue
    qtbot.waitUntil(lambda: lost.code in main.queue.working.codes(), timeout=5000)
    camera.look("26-queue")
    listing = main.queue.working.list
    listing.setCurrentRow(main.queue.working.codes().index(lost.code))
    enter(qtbot, main, listing)
    assert shell.case is not None and shell.case.code == lost.code
    assert shell.current_page() is shell.capture and shell.case.required_positions() == ()
    plan = child(main, QLabel, "capturePlan")
    assert plan.isVisible() and plan.text().startswith(
        "Sử dụng dữ liệu sinh trắc học thu nhận gần nhất: không thu nhận tại bàn này")
    assert child(main, QLabel, "thumb_face").text() == "Không cần thu nhận"
    # Nothing offers a capture and the camera rests (it said the face was taken before).
    assert not shell.preview.running
    assert child(main, QLabel, "livePreview").text() == "Không cần thu nhận"
    assert not any(button.isEnabled() for button in (*shell.capture.buttons.values(),
                                                     shell.capture.declare))
    camera.look("16-capture-reuse")
    click(qtbot, main, "next")
    click(qtbot, main, "printReceipt")
    tick(qtbot, main, "receiptSigned")
    click(qtbot, main, "next")
    assert shell.current_page() is shell.fee
    set_ticked(qtbot, main, "feeClaim", True)
    # The page's own buttons: those of an earlier case may wait for their deletion.
    space(qtbot, main, next(button for button in shell.fee.exemption_buttons.buttons()
                            if button.objectName() == "exemption_disabled"))
    type_text(child(main, QLineEdit, "feeEvidence"), "Giấy xác nhận khuyết tật số 0123/GXN")
    assert child(main, QLabel, "feeAmount").text() == "Miễn lệ phí"
    camera.look("22-fee-exemption")
    click(qtbot, main, "next")
    assert shell.current_page() is shell.slip
    assert "tại nơi làm thủ tục" in child(main, QLabel, "slipDelivery").text()
    camera.look("23-slip-counter")

    main.lock()
    camera.look("27-locked")
    main.close()


def test_every_step_on_screen(qtbot: QtBot, context: Context,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk at this process's scale (100 %, or 125 % or 150 % in the child runs below)."""
    scale = screen_scale()
    wanted = os.environ.get(CHILD_RUN)
    if wanted is not None:
        assert scale == int(wanted), "QT_SCALE_FACTOR did not scale the screen"
    camera = Camera(scale)
    walk(qtbot, context, camera, monkeypatch)
    assert len(camera.seen) == (30 if scale == 100 else 27), camera.seen
    assert not camera.found, "\n".join(camera.found)


@pytest.mark.parametrize("scale", [125, 150])
def test_every_step_at_a_larger_scale(tmp_path: Path, scale: int) -> None:
    """The same walk in a child process scaled to 125 % or 150 %."""
    if os.environ.get(CHILD_RUN) is not None or screen_scale_of_env() != 100:
        pytest.skip("this process is a scaled run")
    env = {**os.environ, "QT_SCALE_FACTOR": str(scale / 100), CHILD_RUN: str(scale),
           "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp",
         str(tmp_path / "child"), f"{Path(__file__).relative_to(ROOT)}::test_every_step_on_screen"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]


def screen_scale_of_env() -> int:
    return round(float(os.environ.get("QT_SCALE_FACTOR") or 1) * 100)


# -- the checks can fail -------------------------------------------------------------------

@pytest.fixture
def box(qtbot: QtBot) -> QWidget:
    """A window with the kiosk's look (font, style sheet), for the checks' own tests."""
    prepare_application(resources_dir())
    window = QWidget()
    window.setLayout(QVBoxLayout())
    qtbot.addWidget(window)
    return window


def shown(window: QWidget) -> list[str]:
    window.show()
    settle()
    return problems(window)


LONG = "Công dân thuộc đối tượng được miễn lệ phí và xuất trình giấy tờ chứng minh"


def test_what_fits_passes(box: QWidget) -> None:
    layout = box.layout()
    for widget in (QLabel(LONG), QCheckBox(LONG), QRadioButton(LONG), QPushButton("Tra cứu"),
                   QPushButton("Chấp nhận\nchất lượng thấp")):
        layout.addWidget(widget)
    wrapped = QLabel(f"<b>{LONG}</b><br>{LONG} {LONG}")
    wrapped.setWordWrap(True)
    layout.addWidget(wrapped)
    assert shown(box) == []


@pytest.mark.parametrize("make", [
    lambda: QLabel(LONG), lambda: QLabel(f"<b>{LONG}</b>"), lambda: QCheckBox(LONG),
    lambda: QRadioButton(LONG), lambda: QPushButton(LONG)], ids=[
    "label", "rich label", "check box", "radio button", "button"])
def test_text_wider_than_its_widget_is_found(box: QWidget, make: Callable[[], QWidget]) -> None:
    widget = make()
    widget.setFixedWidth(120)
    box.layout().addWidget(widget)
    found = shown(box)
    assert len(found) == 1 and "needs" in found[0], found


def test_wrapped_text_taller_than_its_label_is_found(box: QWidget) -> None:
    label = QLabel(f"{LONG} {LONG} {LONG}")
    label.setWordWrap(True)
    label.setFixedSize(300, 40)
    box.layout().addWidget(label)
    found = shown(box)
    assert len(found) == 1 and "text needs" in found[0], found


def test_a_short_button_and_overlapping_widgets_are_found(box: QWidget) -> None:
    button = QToolButton()  # the style sheet sizes push buttons; a tool button keeps this
    button.setText("F1")
    button.setFixedHeight(24)
    first, second = QLabel("Họ và tên"), QLabel("Ngày sinh")
    box.layout().addWidget(button)
    row = QHBoxLayout()  # a nested layout's widgets are checked too
    box.layout().addLayout(row)
    for widget in (first, second):
        row.addWidget(widget)
    box.show()
    settle()
    second.move(first.pos())  # as a layout squeezed below its minimum leaves them
    found = problems(box)
    assert any("24 px tall" in problem for problem in found), found
    assert any("overlaps" in problem for problem in found), found


# -- the high-contrast theme -------------------------------------------------------------

def test_contrast_helper_matches_wcag() -> None:
    assert contrast(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)


WHITE, BLACK = QColor("#ffffff"), QColor("#000000")
AAA = 7.0  # WCAG 2.x level AAA for text


def test_the_high_contrast_sheet_gives_every_coloured_selector_its_colours() -> None:
    base = qss_rules(style.style_sheet("default"))
    own = qss_rules((Path(style.__file__).parent / "style-high-contrast.qss")
                    .read_text(encoding="utf-8"))
    coloured = {selector for selector, found in base.items() if set(COLOUR_KEYS) & set(found)}
    assert len(coloured) > 20 and coloured - set(own) == set()


def test_high_contrast_text_is_at_least_7_to_1() -> None:
    """Every text colour of the theme against its background (style sheet and palette)."""
    rules = qss_rules(style.style_sheet("high_contrast"))  # style.qss, then its colours
    palette = style.HIGH_CONTRAST_PALETTE
    text, window = QColor(palette[QPalette.ColorRole.Text]), \
        QColor(palette[QPalette.ColorRole.Window])
    ratios = {selector: contrast(colour_of(rules, selector, ("color",), text),
                                 colour_of(rules, selector, COLOUR_KEYS[1:], window))
              for selector, found in rules.items() if set(COLOUR_KEYS) & set(found)}
    role = QPalette.ColorRole
    pairs = ((role.WindowText, role.Window), (role.Text, role.Base),
             (role.Text, role.AlternateBase), (role.ButtonText, role.Button),
             (role.HighlightedText, role.Highlight), (role.ToolTipText, role.ToolTipBase),
             (role.PlaceholderText, role.Base), (role.Link, role.Base),
             (role.LinkVisited, role.Base))
    for front, back in pairs:
        ratios[f"palette {front.name}/{back.name}"] = contrast(QColor(palette[front]),
                                                               QColor(palette[back]))
    for front, colour in style.HIGH_CONTRAST_DISABLED.items():
        ratios[f"palette disabled {front.name}"] = contrast(QColor(colour), WHITE)
    assert len(ratios) > 40
    assert {k: round(v, 2) for k, v in ratios.items() if v < AAA} == {}
    assert min(ratios.values()) >= AAA


def test_the_theme_is_a_setting_applied_in_place(tmp_path: Path, qapp: QApplication) -> None:
    assert load_settings(tmp_path)["ui.theme"] == "default"
    assert load_settings(tmp_path, overrides={"ui.theme": "high_contrast"})["ui.theme"] \
        == "high_contrast"
    with pytest.raises(ConfigError, match=re.escape("ui.theme = 'dark'")):
        load_settings(tmp_path, overrides={"ui.theme": "dark"})
    prepare_application(resources_dir(), theme="high_contrast")
    try:
        assert "#000080" in qapp.styleSheet()
        assert qapp.palette().color(QPalette.ColorRole.Window) == WHITE
        assert qapp.palette().color(QPalette.ColorRole.WindowText) == BLACK
    finally:
        prepare_application(resources_dir())
    assert "#000080" not in qapp.styleSheet()
    assert qapp.palette() == qapp.style().standardPalette()
