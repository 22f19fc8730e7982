"""The admin's settings page: every setting of the installation with its meaning, edited in
place and saved one by one through the desk's SettingsEditor on a worker (the file and the
audit trail are written off the UI thread). A value the setting's rule refuses is named with
the reason, and the file stays as it was. Changes apply at the next start."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import ConfigError
from kiosk.desk.settings_editor import SettingRow, setting_message
from kiosk.ui.i18n import t
from kiosk.ui.setting_meanings import meaning as meaning_of
from kiosk.ui.style import set_state
from kiosk.ui.worker import Worker
from kiosk.workflow.errors import RuleViolation

KEY, VALUE, MEANING = range(3)


class SettingsPage(QWidget):
    def __init__(self, rows: Callable[[], list[SettingRow]],
                 change: Callable[[str, str], Path]) -> None:
        """``rows``: the settings as the file says; ``change(key, text)``: save one (raises
        ConfigError or RuleViolation saying why)."""
        super().__init__()
        self.setObjectName("settingsPage")
        self._rows, self._change = rows, change
        self._shown: dict[str, str] = {}
        self.worker = Worker(self)
        layout = QVBoxLayout(self)
        hint = QLabel(t("Cấu hình của máy (tệp kiosk.toml). Sửa giá trị trong cột «Giá trị» "
                        "rồi bấm «Lưu thay đổi»; mỗi thay đổi được kiểm tra, ghi nhật ký và có "
                        "hiệu lực khi khởi động lại. Các mục tô xám được chọn khi cài đặt."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("settingsTable")
        self.table.setHorizontalHeaderLabels([t("Mục cấu hình"), t("Giá trị"), t("Ý nghĩa")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(KEY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MEANING, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(VALUE, 260)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("settingsStatus")
        self.status.setWordWrap(True)
        actions.addWidget(self.status, 1)
        self.reload_button = QPushButton(t("Đọc lại"))
        self.reload_button.clicked.connect(self.reload)
        self.save_button = QPushButton(t("Lưu thay đổi"))
        self.save_button.setObjectName("saveSettings")
        self.save_button.clicked.connect(self.save)
        actions.addWidget(self.reload_button)
        actions.addWidget(self.save_button)
        layout.addLayout(actions)

    def reload(self) -> None:
        self._busy(True)
        self.worker.submit(self._rows, self._show, self._failed)

    def _show(self, rows: list[SettingRow]) -> None:
        self._busy(False)
        self.table.setRowCount(len(rows))
        self._shown = {}
        for number, row in enumerate(rows):
            key = QTableWidgetItem(row.key)
            key.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            value = QTableWidgetItem(row.value)
            if row.fixed:
                value.setFlags(Qt.ItemFlag.ItemIsSelectable)  # shown, greyed, not editable
                value.setToolTip(t("Chọn khi cài đặt; không sửa tại đây."))
            meaning = QTableWidgetItem(meaning_of(row.key, row.description))
            meaning.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for column, item in ((KEY, key), (VALUE, value), (MEANING, meaning)):
                self.table.setItem(number, column, item)
            self._shown[row.key] = row.value
        self.table.resizeRowsToContents()

    def changed(self) -> list[tuple[str, str]]:
        """(key, text) of the values edited since the last read."""
        edits = []
        for number in range(self.table.rowCount()):
            key, value = self.table.item(number, KEY), self.table.item(number, VALUE)
            if key and value and value.text() != self._shown.get(key.text()):
                edits.append((key.text(), value.text().strip()))
        return edits

    def save(self) -> None:
        edits = self.changed()
        if not edits:
            self._say(t("Chưa có giá trị nào được sửa."), "")
            return
        change = self._change

        def save_all() -> list[str]:
            saved = []
            for key, text in edits:  # stops at the first refusal: the rest stay unsaved
                change(key, text)
                saved.append(key)
            return saved

        self._busy(True)
        self.worker.submit(save_all, self._saved, self._failed)

    def _saved(self, keys: list[str]) -> None:
        self._say(t("Đã lưu: {keys}. Khởi động lại chương trình để áp dụng.").format(
            keys=", ".join(keys)), "ok")
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, ConfigError | RuleViolation):
            self._say(setting_message(error), "bad")
            return
        self._say(t("Không lưu được cấu hình ({kind}). Thử lại; nếu vẫn lỗi, báo quản trị "
                    "hệ thống.").format(kind=type(error).__name__), "bad")

    def _say(self, text: str, state: str) -> None:
        self.status.setText(text)
        set_state(self.status, state)

    def _busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.reload_button.setEnabled(not busy)
