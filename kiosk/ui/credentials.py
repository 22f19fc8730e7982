"""The username and password fields every sign-in form shares."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit

from kiosk.ui.i18n import t


def credential_fields(form: QFormLayout, name_prefix: str) -> tuple[QLineEdit, QLineEdit]:
    username = QLineEdit()
    username.setObjectName(f"{name_prefix}User")
    password = QLineEdit()
    password.setObjectName(f"{name_prefix}Password")
    password.setEchoMode(QLineEdit.EchoMode.Password)
    form.addRow(t("Tên đăng nhập:"), username)
    form.addRow(t("Mật khẩu:"), password)
    return username, password
