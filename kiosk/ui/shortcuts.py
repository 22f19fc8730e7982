"""The keyboard shortcuts of the window, in one table: what the F1 help lists, the tooltips
say and the shell and window bind.

Chosen so that no text-editing key of a line edit is taken (typing, moving, selecting,
deleting words, undo, copy/paste): Next is Ctrl+Enter because a plain Enter already submits
the field the clerk is typing in; Back is Alt+Left (Ctrl+Backspace deletes a word); the
function keys open the help and the day's queue; Esc stops what runs, as on a device.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QGraphicsDropShadowEffect,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.i18n import t


@dataclass(frozen=True)
class Shortcut:
    keys: tuple[str, ...]  # portable QKeySequence texts; empty when a widget handles the key
    shown: str  # how the key is written for the clerk
    action: str  # what it does


NEXT = Shortcut(("Ctrl+Return", "Ctrl+Enter"), "Ctrl+Enter",
                t("Tiếp tục: nút chính của trang (Tra cứu, Hoàn tất thu nhận…)"))
BACK = Shortcut(("Alt+Left",), t("Alt+mũi tên trái"), t("Quay lại bước trước"))
STOP = Shortcut(("Esc",), "Esc", t("Dừng việc đang chạy (chụp ảnh, quét vân tay, mống mắt)"))
CANCEL_CASE = Shortcut(("Ctrl+Shift+Del",), "Ctrl+Shift+Del",
                       t("Hủy hồ sơ đang làm (có hỏi lại trước khi hủy)"))
LOOKUP = Shortcut(("Ctrl+F",), "Ctrl+F", t("Đến ô tra cứu số định danh (khi chưa mở hồ sơ)"))
QUEUE = Shortcut(("F2",), "F2", t("Mở hàng chờ hôm nay; bấm lại (hoặc Esc) để về hồ sơ"))
RESUME = Shortcut((), "Enter", t("Trong hàng chờ: tiếp tục hồ sơ đã chọn"))
HELP = Shortcut(("F1",), "F1", t("Hiện hoặc ẩn bảng phím tắt này"))
# The capture page with a single-finger reader (kiosk/ui/pages/fingermap.py): the digits are
# the ISO finger positions on the hand map, 0 the tenth; no text field is on that page.
SKIP_FINGER = Shortcut(("F4",), "F4", t("Máy quét một ngón: bỏ qua ngón đang lấy, khai báo lý "
                                       "do không lấy được vân tay"))
CHOOSE_FINGER = Shortcut(tuple("1234567890"), "1–9, 0",
                         t("Máy quét một ngón: chọn ngón để quét (1 ngón cái phải … 0 ngón út "
                           "trái)"))

ALL = (NEXT, BACK, STOP, CANCEL_CASE, LOOKUP, QUEUE, RESUME, HELP, SKIP_FINGER, CHOOSE_FINGER)

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # the main keyboard's and the keypad's


def bind(parent: QWidget, shortcut: Shortcut, slot: Callable[[], object]) -> list[QShortcut]:
    """Bind the shortcut's keys on ``parent``'s window while ``parent`` is shown: a page that
    is hidden (the screen locked, the other tab) takes no keys."""
    bound = []
    for keys in shortcut.keys:
        key = QShortcut(QKeySequence(keys), parent)
        key.setContext(Qt.ShortcutContext.WindowShortcut)
        key.activated.connect(slot)
        bound.append(key)
    return bound


def click_of(button: QAbstractButton) -> Callable[[], None]:
    """The button's own click for its key, while the clerk sees it: a disabled button ignores
    the key as it ignores the mouse, a hidden one (Dừng while nothing runs) is not pressed."""
    def click() -> None:
        if button.isVisible():
            button.click()
    return click


def hint(widget: QWidget, shortcut: Shortcut) -> None:
    """Name the key on the widget's tooltip."""
    widget.setToolTip(t("Phím tắt: {keys}").format(keys=shortcut.shown))


class _OnEnter(QObject):
    """The event filter of :func:`on_enter`."""

    def __init__(self, widget: QWidget, action: Callable[[], object]) -> None:
        super().__init__(widget)
        self._action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in ENTER_KEYS):
            self._action()
            return True
        return False


def on_enter(widget: QWidget, action: Callable[[], object]) -> None:
    """Enter (either key) on ``widget`` runs ``action`` instead of reaching the widget: a
    choice list or a date that submits as a line edit's Enter does. On a page, the Enter its
    fields and checkboxes pass on (they leave it to their parent) arrives there too."""
    widget.installEventFilter(_OnEnter(widget, action))


class ShortcutHelp(QFrame):
    """The F1 overlay: a panel over the window listing every shortcut; F1, Esc or a click
    closes it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutHelp")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(24)
        shadow.setOffset(0, 4)
        self.setGraphicsEffect(shadow)  # lifted above the page it covers
        layout = QVBoxLayout(self)
        title = QLabel(t("Phím tắt"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        for row, shortcut in enumerate(ALL):
            key = QLabel(shortcut.shown)
            key.setObjectName("shortcutKey")
            grid.addWidget(key, row, 0, Qt.AlignmentFlag.AlignTop)
            action = QLabel(shortcut.action)
            action.setWordWrap(True)
            grid.addWidget(action, row, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        closing = QLabel(t("Bấm F1, Esc hoặc nhấp chuột để đóng."))
        closing.setObjectName("shortcutClose")
        layout.addWidget(closing)
        self._return_to: QWidget | None = None  # where the keyboard was before the help
        self.hide()
        parent.installEventFilter(self)

    def toggle(self) -> None:
        if self.isVisible():
            self.close_help()
        else:
            self._return_to = QApplication.focusWidget()
            self._place()
            self.show()
            self.raise_()
            self.setFocus()

    def close_help(self) -> None:
        self.hide()
        back, self._return_to = self._return_to, None
        with contextlib.suppress(RuntimeError):  # that widget may be gone since
            if back is not None and back.isVisible():
                back.setFocus()

    def texts(self) -> list[str]:
        """What the overlay says, in order (for tests and the screen reader)."""
        return [label.text() for label in self.findChildren(QLabel)]

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        width = min(parent.width() - 40, max(560, parent.width() // 2))
        self.setFixedWidth(width)
        self.adjustSize()
        self.move((parent.width() - width) // 2, max(20, (parent.height() - self.height()) // 3))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize \
                and self.isVisible():
            self._place()
        return False

    def event(self, event: QEvent) -> bool:
        # Esc closes the help rather than stopping the work behind it (the window's Esc).
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.close_help()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        event.accept()
        self.close_help()
