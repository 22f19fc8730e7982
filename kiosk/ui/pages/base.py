"""What every page offers the shell."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.desk.casefile import CaseFile
from kiosk.ui.intents import Intent


class Page(QWidget):
    """A page renders the case and says what Next means.

    Signals:
        changed: the clerk's input changed, so Next may have become (un)available.
        intent: the clerk asked for an action on this page (e.g. a capture).
    """

    changed = Signal()
    intent = Signal(object)

    title = ""
    step_label = ""  # short name in the step list; the title when empty
    next_label = "Tiếp tục"

    def __init__(self) -> None:
        super().__init__()
        self.layout_ = QVBoxLayout(self)
        # No margin above and below: the shell's own margins frame the page already, and
        # the capture page (the tallest one in use) fits 1200 x 820 without scrolling.
        margin = self.layout_.contentsMargins()
        self.layout_.setContentsMargins(margin.left(), 0, margin.right(), 0)
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        self.layout_.addWidget(heading)

    def show_case(self, case: CaseFile | None) -> None:
        """Show the case; called on entry and after every completed action."""

    def next_intent(self) -> Intent | None:
        """The action Next performs, or None while the page is not complete."""
        return None

    def allows_back(self) -> bool:
        return False

    def focus_widget(self) -> QWidget | None:
        """The control the clerk's keyboard goes to when the page is shown and after each
        action on it ends (the pages are disabled while the work runs, which drops the focus):
        the next thing to do there. None: the shell's Next, when it is enabled."""
        return None

    def settle_focus(self, fallback: QWidget | None = None) -> None:
        """Give the keyboard back where it goes on this page (the page was disabled while the
        work ran): its :meth:`focus_widget`, else ``fallback`` (the shell's Next when it is
        enabled: Enter presses it, the default button)."""
        target = self.focus_widget()
        if target is None:
            target = fallback
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        """Enter where the page takes it: what Next does, when the page is complete."""
        intent = self.next_intent()
        if intent is not None:
            self.intent.emit(intent)
