"""User-facing text goes through Qt's translation system; Vietnamese is the source language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def t(text: str) -> str:
    return QCoreApplication.translate("kiosk", text)
