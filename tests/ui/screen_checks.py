"""What eyes would catch on a screen, checked by measure: text cut off or run over, widgets
overlapping or reaching out of their parent, a page wider than the window, buttons too small
to touch; and the contrast of colours (WCAG 2.x), with the style sheet rules they come from.
Used by test_screenshots.py, which also shows that each check can fail."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui's Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLayout,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QScrollBar,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QTabBar,
    QToolButton,
    QWidget,
)

MIN_BUTTON_HEIGHT = 32  # logical pixels: a fingertip (touch screens at the counter)
SLACK = 1  # pixels of rounding between the measures and Qt's own layout


def _without_mnemonic(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def name_of(widget: QWidget) -> str:
    text = ""
    for read in ("text", "title"):
        value = getattr(widget, read, None)
        if callable(value):
            text = str(value())
            break
    shown = " ".join(text.split())[:50]
    return f"{type(widget).__name__} {widget.objectName() or '-'} «{shown}»"


def _label_need(label: QLabel, room: QRect) -> tuple[float, float]:
    """The width and height the label's text takes within ``room``'s width (wrapped labels)
    or on its own lines (the others)."""
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text))
    if rich:
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(text)
        if label.wordWrap():
            document.setTextWidth(room.width())
            return document.idealWidth(), document.size().height()
        size = document.size()
        return size.width(), size.height()
    flags = int(label.alignment().value)
    if label.wordWrap():
        flags |= Qt.TextFlag.TextWordWrap.value
    if label.buddy() is not None:
        flags |= Qt.TextFlag.TextShowMnemonic.value
    width = room.width() if label.wordWrap() else 1 << 20
    bound = label.fontMetrics().boundingRect(QRect(0, 0, width, 1 << 20), flags, text)
    return bound.width(), bound.height()


def _label_problem(label: QLabel) -> str | None:
    pixmap = label.pixmap()
    if not label.text() or (pixmap is not None and not pixmap.isNull()):
        return None
    margin = label.margin()
    room = label.contentsRect().adjusted(margin, margin, -margin, -margin)
    width, height = _label_need(label, room)
    if width > room.width() + SLACK or height > room.height() + SLACK:
        return (f"{name_of(label)}: text needs {math.ceil(width)}x{math.ceil(height)}, "
                f"has {room.width()}x{room.height()}")
    return None


CONTENTS = {QPushButton: QStyle.SubElement.SE_PushButtonContents,
            QCheckBox: QStyle.SubElement.SE_CheckBoxContents,
            QRadioButton: QStyle.SubElement.SE_RadioButtonContents}


def _button_problem(button: QAbstractButton) -> str | None:
    kind = next((k for k in CONTENTS if isinstance(button, k)), None)
    if kind is None:  # a tool button: its size hint is its text, icon and menu arrow
        hint = button.sizeHint()
        if button.width() < hint.width() - SLACK or button.height() < hint.height() - SLACK:
            return f"{name_of(button)}: needs {hint.width()}x{hint.height()}, has " \
                   f"{button.width()}x{button.height()}"
        return None
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = button.text()
    option.icon = button.icon()
    option.iconSize = button.iconSize()
    room = button.style().subElementRect(CONTENTS[kind], option, button)
    metrics = button.fontMetrics()
    lines = _without_mnemonic(button.text()).split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines)
    height = metrics.height() + (len(lines) - 1) * metrics.lineSpacing()
    if not button.icon().isNull():
        width += button.iconSize().width() + 4
    if width > room.width() + SLACK or height > room.height() + SLACK:
        return f"{name_of(button)}: text needs {width}x{height}, has " \
               f"{room.width()}x{room.height()}"
    return None


def _combo_problem(combo: QComboBox) -> str | None:
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.currentText = combo.currentText()
    option.editable = combo.isEditable()
    option.frame = combo.hasFrame()
    room = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                        QStyle.SubControl.SC_ComboBoxEditField, combo)
    width = combo.fontMetrics().horizontalAdvance(combo.currentText())
    if width > room.width() + SLACK:
        return f"{name_of(combo)}: text needs {width}, has {room.width()}"
    return None


def _group_problem(box: QGroupBox) -> str | None:
    width = box.fontMetrics().horizontalAdvance(_without_mnemonic(box.title()))
    if width > box.width():
        return f"{name_of(box)}: title needs {width}, has {box.width()}"
    return None


def _tabs_problem(bar: QTabBar) -> str | None:
    for index in range(bar.count()):
        tab = bar.tabRect(index)
        text = bar.tabText(index)
        if tab.right() > bar.width() or bar.fontMetrics().horizontalAdvance(text) > tab.width():
            return f"{name_of(bar)}: tab «{text}» cut off ({tab.width()} px wide)"
    return None


def _laid_out(parent: QWidget, layout: QLayout) -> list[QWidget]:
    """The child widgets ``layout`` places, through its nested layouts. Asked from the
    widgets' side (QLayout.indexOf): walking itemAt() would wrap every QLayoutItem, spacers
    included, and PySide keeps such wrappers after Qt frees the item, then hands them back
    for whatever object is later made at that address (a whole-suite run crashed inside Qt
    after one did)."""
    layouts = [layout, *layout.findChildren(QLayout)]
    children = parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return [child for child in children
            if any(inner.indexOf(child) >= 0 for inner in layouts)]


def _layout_problems(parent: QWidget) -> Iterator[str]:
    """Two widgets of one layout overlapping, or one reaching out of its parent."""
    layout = parent.layout()
    if layout is None or isinstance(parent, QScrollArea):
        return
    shown = [w for w in _laid_out(parent, layout) if w.isVisible() and not w.isWindow()]
    inside = parent.rect()
    for number, widget in enumerate(shown):
        box = widget.geometry()
        if not inside.contains(box):
            yield f"{name_of(widget)} at {box.getRect()} reaches out of {name_of(parent)} " \
                  f"{inside.getRect()}"
        for other in shown[number + 1:]:
            if box.intersects(other.geometry()):
                yield f"{name_of(widget)} {box.getRect()} overlaps {name_of(other)} " \
                      f"{other.geometry().getRect()}"


def _scrolls_sideways(area: QScrollArea) -> bool:
    """Whether the area shows its horizontal scroll bar."""
    bar = area.horizontalScrollBar()
    return isinstance(bar, QScrollBar) and bar.isVisible()


def problems(root: QWidget) -> list[str]:
    """Everything cut off, overlapping or too small to touch in the shown window ``root``."""
    found: list[str] = []
    for widget in (root, *root.findChildren(QWidget)):
        if not widget.isVisible() or widget.window() is not root:
            continue
        found.extend(_layout_problems(widget))
        problem = None
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
        elif isinstance(widget, QAbstractButton):
            problem = _button_problem(widget)
            if isinstance(widget, QPushButton | QToolButton) \
                    and widget.height() < MIN_BUTTON_HEIGHT:
                found.append(f"{name_of(widget)}: {widget.height()} px tall, under "
                             f"{MIN_BUTTON_HEIGHT} px")
        elif isinstance(widget, QComboBox):
            problem = _combo_problem(widget)
        elif isinstance(widget, QGroupBox):
            problem = _group_problem(widget)
        elif isinstance(widget, QTabBar):
            problem = _tabs_problem(widget)
        elif type(widget) is QScrollArea and _scrolls_sideways(widget):
            problem = f"{name_of(widget)}: its page is wider than the window"
        if problem:
            found.append(problem)
    return found


# -- colours -------------------------------------------------------------------------------

def luminance(colour: QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) \
        + 0.0722 * linear(colour.blueF())


def contrast(first: QColor, second: QColor) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


COLOUR_KEYS = ("color", "background", "background-color")


def qss_rules(text: str) -> dict[str, dict[str, str]]:
    """Selector -> declarations, later rules of a selector overriding earlier ones."""
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}",
                                      re.sub(r"/\*.*?\*/", "", text, flags=re.S)):
        declarations = {name.strip(): value.strip() for name, _, value in
                        (part.partition(":") for part in body.split(";")) if value.strip()}
        for selector in selectors.split(","):
            rules.setdefault(" ".join(selector.split()), {}).update(declarations)
    return rules


def colour_of(rules: dict[str, dict[str, str]], selector: str, keys: tuple[str, ...],
              fallback: QColor) -> QColor:
    """The colour ``selector`` paints with: its own, else that of the selector without its
    last pseudo-state or sub-control (":hover", "::item"), else the palette's."""
    while True:
        for key in keys:
            value = rules.get(selector, {}).get(key, "")
            colour = QColor(value.split()[0]) if value else QColor()
            if colour.isValid() and colour.alpha() == 255:
                return colour
        shorter = re.sub(r":{1,2}[!\w-]+$", "", selector)
        if shorter == selector:
            return fallback
        selector = shorter
