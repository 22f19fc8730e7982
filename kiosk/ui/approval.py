"""The second person: a supervisor types their own credentials at the clerk's desk."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from kiosk.ui.credentials import credential_fields
from kiosk.ui.i18n import t


class ApprovalDialog(QDialog):
    def __init__(self, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Xác nhận của cán bộ giám sát"))
        form = QFormLayout(self)
        explain = QLabel(t("«{action}» cần cán bộ giám sát xác nhận bằng tài khoản của mình.")
                         .format(action=action))
        explain.setWordWrap(True)
        form.addRow(explain)
        self.username, self.password = credential_fields(form, "approver")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def credentials(self) -> tuple[str, str] | None:
        """Ask; None when the clerk or the supervisor gives up."""
        if self.exec() != QDialog.DialogCode.Accepted or not self.username.text().strip():
            return None
        return self.username.text().strip(), self.password.text()
