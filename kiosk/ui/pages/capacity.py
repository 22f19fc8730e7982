"""The procedure page's declaration that the citizen lost civil act capacity, or has difficulty
in cognition or self-control (R-3), with the court decision shown: a tick (Alt+M), then what
the court declared, the decision's number and its date. The rules then require a legal
representative."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.desk.casefile import CaseFile
from kiosk.ui import shortcuts as keys
from kiosk.ui.i18n import t
from kiosk.workflow.capacity import CapacityClaim, CapacityRules, typed_day

SHORTCUT = "Alt+M"  # the underlined letter of the declaration's text (&mất)


class _TickText(QLabel):
    """The rest of the tick's text, wrapped (the whole is long, and the page narrow at
    150 %): a click on it ticks the box, as on the box's own text."""

    def __init__(self, text: str, tick: QCheckBox) -> None:
        super().__init__(text)
        self._tick = tick
        self.setWordWrap(True)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self._tick.isEnabled():
            self._tick.setFocus(Qt.FocusReason.MouseFocusReason)
            self._tick.toggle()
        super().mousePressEvent(event)


class CapacityBox(QFrame):
    """Signals:
        changed: ticked, unticked, or the decision chosen or typed changed.
        entered: Enter in the date, the last field (the page confirms, as Ctrl+Enter)."""

    changed = Signal()
    entered = Signal()

    def __init__(self, rules: CapacityRules, basis: str) -> None:
        super().__init__()
        self.setObjectName("capacityGroup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._filled_for: str | None = None  # the case whose declaration the box shows
        box = QVBoxLayout(self)
        line = QHBoxLayout()
        # The two kinds of person of Bộ luật Dân sự 2015 Điều 22 and 23, in its words: the
        # first on the box (its mnemonic, Alt+M, ticks it), the second wrapped beside it.
        self.tick = QCheckBox(t("Người &mất năng lực hành vi dân sự /"))
        self.tick.setObjectName("lostCapacity")
        self.tick.setToolTip(t("Phím tắt: {keys}. Đánh dấu khi công dân có quyết định của Tòa "
                               "án: người đại diện hợp pháp (người giám hộ) hỗ trợ làm thủ tục "
                               "({basis}).").format(keys=SHORTCUT, basis=basis))
        self.tick.toggled.connect(self._toggled)
        self.text = _TickText(t("có khó khăn trong nhận thức, làm chủ hành vi"), self.tick)
        self.text.setObjectName("lostCapacityText")
        self.text.setToolTip(self.tick.toolTip())
        line.setSpacing(2)
        line.addWidget(self.tick, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(self.text, 1)
        box.addLayout(line)
        self.document = QWidget()
        box.addWidget(self.document)
        self._build_document(rules)
        self.document.setVisible(False)

    def _build_document(self, rules: CapacityRules) -> None:
        grid = QGridLayout(self.document)
        grid.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox()
        self.kind.setObjectName("capacityKind")
        self.kind.addItem(t("— Chọn —"), "")
        for info in rules.kinds:  # labels are data (capacity.toml)
            self.kind.addItem(info.short, info.kind.value)
            self.kind.setItemData(self.kind.count() - 1, f"{info.label} ({info.basis})",
                                  Qt.ItemDataRole.ToolTipRole)
        self.kind.currentIndexChanged.connect(self.changed)
        self.number = QLineEdit()
        self.number.setObjectName("capacityNumber")
        self.number.setMaxLength(rules.max_number)
        self.number.setPlaceholderText(t("Ví dụ: {example}").format(
            example=rules.number_example))
        self.number.textChanged.connect(self.changed)
        self.issued_on = QLineEdit()
        self.issued_on.setObjectName("capacityDate")
        self.issued_on.setMaxLength(10)
        self.issued_on.setPlaceholderText(t("ngày/tháng/năm"))
        self.issued_on.setToolTip(t("Ngày ra quyết định, ví dụ 14/03/2025 hoặc 14032025"))
        self.issued_on.textChanged.connect(self.changed)
        self.issued_on.editingFinished.connect(self._tidy_date)
        grid.addWidget(QLabel(t("Quyết định của Tòa án tuyên bố:")), 0, 0)
        grid.addWidget(self.kind, 0, 1, 1, 3)
        grid.addWidget(QLabel(t("Số quyết định:")), 1, 0)
        grid.addWidget(self.number, 1, 1)
        grid.addWidget(QLabel(t("ngày")), 1, 2)
        grid.addWidget(self.issued_on, 1, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 1)
        # Enter goes on from what the court declared to the number, then the date (as Tab
        # does), and in the date confirms the page.
        keys.on_enter(self.kind, self.number.setFocus)
        self.number.returnPressed.connect(self.issued_on.setFocus)
        self.issued_on.returnPressed.connect(self.entered)

    def fill(self, case: CaseFile) -> None:
        """What the case recorded; the clerk's own input stays while the same case is shown
        again (an error, Back)."""
        if case.code == self._filled_for:
            return
        self._filled_for = case.code
        said = case.capacity
        for widget in (self.tick, self.kind, self.number, self.issued_on):
            widget.blockSignals(True)
        self.tick.setChecked(said is not None)
        self.kind.setCurrentIndex(max(0, self.kind.findData(said.kind.kind.value))
                                  if said else 0)
        self.number.setText(said.number if said else "")
        self.issued_on.setText(f"{said.issued_on:%d/%m/%Y}" if said else "")
        for widget in (self.tick, self.kind, self.number, self.issued_on):
            widget.blockSignals(False)
        self.document.setVisible(said is not None)

    @property
    def declared(self) -> bool:
        return self.tick.isChecked()

    def claim(self) -> CapacityClaim | None:
        """The declaration as ticked and typed (checked by the desk), None when not ticked."""
        if not self.tick.isChecked():
            return None
        return CapacityClaim(str(self.kind.currentData() or ""), self.number.text(),
                             self.issued_on.text())

    def _toggled(self, ticked: bool) -> None:
        self.document.setVisible(ticked)
        if ticked:  # the keyboard goes on to what the court declared
            self.kind.setFocus()
        self.changed.emit()

    def _tidy_date(self) -> None:
        """Eight digits typed read back as dd/mm/yyyy, so the clerk sees the date understood."""
        day = typed_day(self.issued_on.text())
        if day is not None:
            self.issued_on.setText(f"{day:%d/%m/%Y}")
