"""Find the citizen: by ID number or former CMND, or by full name and birth date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from kiosk.desk.casefile import CaseFile
from kiosk.registry.base import LookupQuery, RegistryError
from kiosk.storage.cases import CaseSummary
from kiosk.ui.i18n import t
from kiosk.ui.intents import Intent, Lookup, Resume
from kiosk.ui.pages.base import Page


class LookupPage(Page):
    title = t("Tra cứu công dân")
    next_label = t("Tra cứu")

    def __init__(self, open_cases: Callable[[], list[CaseSummary]]) -> None:
        super().__init__()
        self._open_cases = open_cases
        hint = QLabel(t("Nhập số định danh cá nhân (12 số) hoặc số CMND cũ (9 số). "
                        "Nếu công dân không nhớ số, tra cứu theo họ tên và ngày sinh."))
        hint.setWordWrap(True)
        self.layout_.addWidget(hint)
        form = QFormLayout()
        self.number = QLineEdit()
        self.number.setObjectName("lookupNumber")
        self.number.setPlaceholderText(t("12 chữ số, hoặc 9 chữ số của CMND cũ"))
        self.number.setMaxLength(14)
        form.addRow(t("Số định danh / CMND:"), self.number)
        self.full_name = QLineEdit()
        self.full_name.setObjectName("lookupName")
        self.full_name.setPlaceholderText(t("Họ, chữ đệm và tên khai sinh"))
        form.addRow(t("hoặc Họ và tên:"), self.full_name)
        self.birth = QDateEdit()
        self.birth.setObjectName("lookupBirth")
        self.birth.setDisplayFormat("dd/MM/yyyy")
        self.birth.setCalendarPopup(True)
        self.birth.setDate(QDate(1990, 1, 1))
        form.addRow(t("Ngày sinh:"), self.birth)
        self.layout_.addLayout(form)
        waiting = QGroupBox(t("Hồ sơ đang mở (tiếp tục từ bước đã lưu)"))
        box = QVBoxLayout(waiting)
        self.open_list = QListWidget()
        self.open_list.setObjectName("openCases")
        self.open_list.itemDoubleClicked.connect(lambda _item: self._resume())
        box.addWidget(self.open_list)
        self.resume_button = QPushButton(t("Tiếp tục hồ sơ đã chọn"))
        self.resume_button.setObjectName("resumeCase")
        self.resume_button.clicked.connect(self._resume)
        box.addWidget(self.resume_button)
        self.layout_.addWidget(waiting, 1)
        for field in (self.number, self.full_name):
            field.textChanged.connect(self.changed)
            field.returnPressed.connect(self._submit)

    def _submit(self) -> None:
        intent = self.next_intent()
        if intent is not None:
            self.intent.emit(intent)

    def _resume(self) -> None:
        item = self.open_list.currentItem()
        if item is not None:
            self.intent.emit(Resume(str(item.data(256))))  # Qt.UserRole

    def show_case(self, case: CaseFile | None) -> None:
        if case is None:
            self.number.clear()
            self.full_name.clear()
            self.number.setFocus()
        self.open_list.clear()
        for summary in self._open_cases():
            item = QListWidgetItem(f"{summary.code} — {summary.citizen_name} — {summary.step}")
            item.setData(256, summary.code)
            self.open_list.addItem(item)
        self.resume_button.setEnabled(self.open_list.count() > 0)

    def next_intent(self) -> Intent | None:
        number = self.number.text().strip()
        if number:
            try:
                return Lookup(LookupQuery.from_text(number))
            except RegistryError:
                return None
        name = self.full_name.text().strip()
        if name:
            birth = date(self.birth.date().year(), self.birth.date().month(),
                         self.birth.date().day())
            return Lookup(LookupQuery(full_name=name, date_of_birth=birth))
        return None
