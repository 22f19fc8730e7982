"""The PySide6 window: main window, wizard shell and one thin page per step."""
