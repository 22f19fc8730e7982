"""Helpers for the style sheet (kiosk/ui/style.qss), which colours widgets by their ``state``."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def set_state(widget: QWidget, state: str) -> None:
    """Set the ``state`` property the style sheet selects on ("ok", "bad", "low", a device's
    status; "" for none) and restyle the widget: Qt does not re-apply a style sheet by itself
    when a property changes."""
    widget.setProperty("state", state)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
