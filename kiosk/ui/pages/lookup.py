"""Find the citizen: by ID number or former CMND, or by full name and birth date."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QLineEdit

from kiosk.desk.desk import CaseFile
from kiosk.registry.base import LookupQuery, RegistryError
from kiosk.ui.i18n import t
from kiosk.ui.intents import Intent, Lookup
from kiosk.ui.pages.base import Page


class LookupPage(Page):
    title = t("Tra cứu công dân")
    next_label = t("Tra cứu")

    def __init__(self) -> None:
        super().__init__()
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
        self.layout_.addStretch(1)
        for field in (self.number, self.full_name):
            field.textChanged.connect(self.changed)
            field.returnPressed.connect(self._submit)

    def _submit(self) -> None:
        intent = self.next_intent()
        if intent is not None:
            self.intent.emit(intent)

    def show_case(self, case: CaseFile | None) -> None:
        if case is None:
            self.number.clear()
            self.full_name.clear()
            self.number.setFocus()

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
