"""The sign-in page: at start, and again to unlock after idle time (the case stays open)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.credentials import credential_fields
from kiosk.ui.i18n import t


class SignInPage(QWidget):
    """Signals:
        submitted: (username, password) the clerk typed.
    """

    submitted = Signal(str, str)

    def __init__(self, hint: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel(t("Đăng nhập"))
        self.title.setObjectName("pageTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        box = QWidget()
        box.setMaximumWidth(460)
        form = QFormLayout(box)
        self.username, self.password = credential_fields(form, "signIn")
        self.button = QPushButton(t("Đăng nhập"))
        self.button.setObjectName("signIn")
        form.addRow("", self.button)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        self.message = QLabel(hint)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.message)
        layout.addStretch(2)
        self.button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.username.returnPressed.connect(self.password.setFocus)

    def _submit(self) -> None:
        if self.username.text().strip() and self.password.text():
            self.button.setEnabled(False)
            self.submitted.emit(self.username.text().strip(), self.password.text())

    def ask(self, *, locked_user: str | None, message: str) -> None:
        """Show the page: a fresh sign-in, or the same user unlocking after idle time."""
        self.title.setText(t("Màn hình đã khóa") if locked_user else t("Đăng nhập"))
        self.username.setText(locked_user or "")
        self.username.setReadOnly(locked_user is not None)
        self.password.clear()
        self.message.setText(message)
        self.button.setEnabled(True)
        (self.password if locked_user else self.username).setFocus()

    def refused(self, message: str) -> None:
        self.message.setText(message)
        self.password.clear()
        self.button.setEnabled(True)
        self.password.setFocus()
