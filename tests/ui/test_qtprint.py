"""Printing through Qt (a PDF printer stands in for the counter's laser) and the preview."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import cv2
import numpy as np
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.devices.base import PrintJob
from kiosk.printing import render_appointment_slip
from kiosk.ui.main_window import MainWindow
from kiosk.ui.qtprint import QtPrinter
from tests.printing.test_forms import SLIP
from tests.ui.conftest import save_screenshot
from tests.ui.test_wizard import click, open_case_at_capture

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def pages_and_size(pdf: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    return pages, re.search(r"Page size:\s+(.*)", info).group(1)  # type: ignore[union-attr]


def grey_page(pdf: Path, into: Path) -> np.ndarray:
    """Page 1 at 100 dpi, softened: a raster print and the vector original then agree."""
    subprocess.run(["pdftoppm", "-r", "100", "-gray", "-png", "-singlefile", str(pdf),
                    str(into)], check=True)
    page = np.asarray(cv2.imread(f"{into}.png", cv2.IMREAD_GRAYSCALE), np.float32)
    return np.asarray(cv2.GaussianBlur(page, (0, 0), 2), np.float32)


def test_a_form_prints_as_it_renders_with_its_copies(qapp: object, tmp_path: Path) -> None:
    source = tmp_path / "source.pdf"
    source.write_bytes(render_appointment_slip(SLIP, RESOURCES))
    out = tmp_path / "printed.pdf"
    printer = QtPrinter(copies=2, pdf_file=out)
    result = printer.print_document(PrintJob("CC02", source.read_bytes(), SLIP.case_code))
    assert result.location == str(out)
    pages, size = pages_and_size(out)
    assert pages == 2 and "A4" in size  # two copies of the one-page slip
    original, printed = grey_page(source, tmp_path / "a"), grey_page(out, tmp_path / "b")
    assert float(np.abs(original - printed).mean()) < 3.0  # the same page at 300 dpi
    assert float(np.corrcoef(original.ravel(), printed.ravel())[0, 1]) > 0.98


def test_receipt_preview_shows_the_page_before_printing(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    shell = window.shell
    open_case_at_capture(qtbot, window)
    for name in ("captureFace", "capture_left_four", "capture_right_four", "capture_thumbs",
                 "captureIrises"):
        click(qtbot, window, name)
    click(qtbot, window, "next")
    assert shell.current_page() is shell.receipt
    click(qtbot, window, "previewReceipt")
    qtbot.waitUntil(lambda: shell.preview_dialog is not None
                    and shell.preview_dialog.isVisible(), timeout=5000)
    page = shell.preview_dialog.findChild(QLabel, "previewPage1")
    assert page is not None and not page.pixmap().isNull()
    assert page.pixmap().width() > 600  # A4 at 80 dpi
    save_screenshot(shell.preview_dialog, "cc01-preview")
    shell.preview_dialog.reject()
    assert "CC01" not in shell.case.printed  # a preview prints and saves nothing
