"""A look at a form before it goes to the printer: its pages as the printer will get them."""

from __future__ import annotations

from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.ui.i18n import t

PREVIEW_DPI = 80  # an A4 page about 660 px wide: readable on a counter screen


class PrintPreview(QDialog):
    def __init__(self, title: str, pages: list[QImage], parent: QWidget | None = None, *,
                 pixel_ratio: float = 1.0) -> None:
        """``pages`` are rasterised off the UI thread (qtprint.pdf_pages at PREVIEW_DPI ×
        ``pixel_ratio``, the screen's scaling), so each shows at PREVIEW_DPI's size, sharp."""
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setWindowTitle(title)
        sheet = QWidget()
        column = QVBoxLayout(sheet)
        for number, page in enumerate(pages, start=1):
            label = QLabel()
            label.setObjectName(f"previewPage{number}")
            pixmap = QPixmap.fromImage(page)
            pixmap.setDevicePixelRatio(pixel_ratio)
            label.setPixmap(pixmap)
            column.addWidget(label)
        scroll = QScrollArea()
        scroll.setWidget(sheet)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(t("Đóng"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.resize(720, 900)
