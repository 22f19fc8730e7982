"""The look: the style sheet (kiosk/ui/style.qss), which colours widgets by their ``state``,
and the themes (``ui.theme``): "default", and "high_contrast", whose colours
(style-high-contrast.qss and the palette below) give text at least 7:1 against its background
(WCAG 2.x level AAA, asserted by tests/ui/test_screenshots.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

HERE = Path(__file__).parent
SHEETS = {"default": ("style.qss",), "high_contrast": ("style.qss", "style-high-contrast.qss")}
THEME = "kioskTheme"  # the application's property: the theme applied
Role, Group = QPalette.ColorRole, QPalette.ColorGroup
# Black on white, the selection white on navy; what is disabled stays readable (7.4:1) and is
# told apart by its dashed border (style-high-contrast.qss), not by faded text.
HIGH_CONTRAST_PALETTE: dict[QPalette.ColorRole, str] = {
    Role.Window: "#ffffff", Role.WindowText: "#000000", Role.Base: "#ffffff",
    Role.AlternateBase: "#eeeeee", Role.Text: "#000000", Role.Button: "#ffffff",
    Role.ButtonText: "#000000", Role.Highlight: "#000080", Role.HighlightedText: "#ffffff",
    Role.ToolTipBase: "#ffffff", Role.ToolTipText: "#000000", Role.PlaceholderText: "#444444",
    Role.Link: "#000080", Role.LinkVisited: "#4b0082", Role.BrightText: "#ffffff",
}
HIGH_CONTRAST_DISABLED: dict[QPalette.ColorRole, str] = {
    Role.WindowText: "#555555", Role.Text: "#555555", Role.ButtonText: "#555555",
}


def set_state(widget: QWidget, state: str) -> None:
    """Set the ``state`` property the style sheet selects on ("ok", "bad", "low", a device's
    status; "" for none) and restyle the widget: Qt does not re-apply a style sheet by itself
    when a property changes."""
    widget.setProperty("state", state)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def style_sheet(theme: str) -> str:
    """The theme's style sheet: the layout and colours of style.qss, then its own colours."""
    return "\n".join((HERE / name).read_text(encoding="utf-8") for name in SHEETS[theme])


def high_contrast_palette() -> QPalette:
    palette = QPalette()
    for role, colour in HIGH_CONTRAST_PALETTE.items():
        palette.setColor(role, QColor(colour))
    for role, colour in HIGH_CONTRAST_DISABLED.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    """Style the whole application in ``theme`` (a key of SHEETS, as config.UI_THEMES); again with
    another theme, the look changes in place (the tests switch)."""
    if app.property(THEME) == theme:
        return
    # An empty palette gives the style's own back (QGuiApplication resets to it).
    app.setPalette(high_contrast_palette() if theme == "high_contrast" else QPalette())
    app.setStyleSheet(style_sheet(theme))
    app.setProperty(THEME, theme)
