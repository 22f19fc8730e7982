"""Bundled fonts for the forms: Liberation Serif (Times New Roman metrics, Vietnamese glyphs)."""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "KioskSerif"
_FACES = {
    (0, 0): ("KioskSerif", "LiberationSerif-Regular.ttf"),
    (1, 0): ("KioskSerif-Bold", "LiberationSerif-Bold.ttf"),
    (0, 1): ("KioskSerif-Italic", "LiberationSerif-Italic.ttf"),
    (1, 1): ("KioskSerif-BoldItalic", "LiberationSerif-BoldItalic.ttf"),
}
_lock = threading.Lock()


def register_fonts(resources_dir: Path) -> str:
    """Register the family with reportlab once per process; returns the family name."""
    with _lock:
        if FAMILY in pdfmetrics.getRegisteredFontNames():
            return FAMILY
        for (bold, italic), (name, file_name) in _FACES.items():
            path = resources_dir / "fonts" / file_name
            if not path.is_file():
                raise FileNotFoundError(f"bundled font missing: {path}")
            pdfmetrics.registerFont(TTFont(name, str(path)))
            addMapping(FAMILY, bold, italic, name)
        return FAMILY
