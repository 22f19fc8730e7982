"""The key passphrase asked in a window: a wrong one is refused with the reason and asked
again; the right one opens; giving up opens nothing."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kiosk.ui.keyprompt import KeyPrompt, ask_key_passphrase


def answer(dialog: KeyPrompt, typed: str | None) -> None:
    """Type into the dialog once its loop runs, then press Mở (or Thoát for None)."""
    def respond() -> None:
        if typed is None:
            dialog.reject()
        else:
            dialog.passphrase.setText(typed)
            dialog.accept()
    QTimer.singleShot(0, respond)


def test_wrong_then_right(qtbot: QtBot) -> None:
    dialog = KeyPrompt()
    qtbot.addWidget(dialog)
    tried: list[str] = []

    def opens(passphrase: str) -> str | None:
        tried.append(passphrase)
        if passphrase != "đúng mật khẩu rồi":
            answer(dialog, "đúng mật khẩu rồi")
            return "Mật khẩu khóa không đúng. Nhập lại."
        return None

    answer(dialog, "sai mật khẩu")
    assert ask_key_passphrase(opens, dialog) == "đúng mật khẩu rồi"
    assert tried == ["sai mật khẩu", "đúng mật khẩu rồi"]
    assert dialog.message.text() == "Mật khẩu khóa không đúng. Nhập lại."


def test_giving_up_opens_nothing(qtbot: QtBot) -> None:
    dialog = KeyPrompt()
    qtbot.addWidget(dialog)
    answer(dialog, None)
    assert ask_key_passphrase(lambda _typed: None, dialog) is None
