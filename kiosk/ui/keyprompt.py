"""The passphrase of a protected key file, asked in a window before anything else opens
(a clerk starts the kiosk from the desktop, with no terminal to type it in)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.i18n import t

ATTEMPTS = 5


class KeyPrompt(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyPrompt")
        self.setWindowTitle(t("Mở khóa dữ liệu"))
        self.message = QLabel(t("Dữ liệu của kiosk được bảo vệ bằng mật khẩu khóa. Nhập mật "
                                "khẩu khóa để mở."))
        self.message.setObjectName("keyPromptMessage")
        self.message.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("keyPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("Mở"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("Thoát"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.message, self.passphrase, buttons):
            layout.addWidget(widget)
        self.resize(460, 160)

    def refused(self, why: str) -> None:
        self.message.setText(why)
        self.passphrase.clear()


def ask_key_passphrase(opens: Callable[[str], str | None],
                       dialog: KeyPrompt | None = None) -> str | None:
    """Ask until ``opens`` (None when the passphrase opens the key, else why not) accepts
    one; None when the clerk gives up or after ATTEMPTS tries."""
    prompt = dialog or KeyPrompt()
    for _ in range(ATTEMPTS):
        if prompt.exec() != QDialog.DialogCode.Accepted:
            return None
        typed = prompt.passphrase.text()
        why = opens(typed)
        if why is None:
            return typed
        prompt.refused(why)
    return None
