"""Printing through Qt: the configured system printer, with copies, and a preview.

Our forms are PDF (kiosk/printing); Qt Essentials cannot draw a PDF, so each page is
rasterised by poppler's ``pdftoppm`` at the printer's resolution and painted onto the
page. QPainter may paint a QPrinter from a worker thread, where the desk prints.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.devices.base import (
    DeviceError,
    DeviceInfo,
    DeviceKind,
    DeviceNotConnected,
    DeviceStatus,
    PrintJob,
    PrintResult,
)

log = logging.getLogger(__name__)

PRINT_DPI = 300  # forms are text and fine lines: 300 dpi is what office lasers print
RASTER_TIMEOUT_S = 30.0
NO_WINDOW = ("Máy in qua Qt chỉ in được khi cửa sổ kiosk đang mở; khi chạy lệnh, đặt "
             "printer.backend = cups hoặc file.")
NO_POPPLER = ("Máy tính thiếu công cụ dựng trang in (poppler-utils, pdftoppm). "
              "Báo quản trị viên cài đặt.")


def pdf_pages(pdf: bytes, dpi: int) -> list[QImage]:
    """Every page of ``pdf`` as an image at ``dpi``."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise DeviceNotConnected(NO_POPPLER)
    with tempfile.TemporaryDirectory(prefix="kiosk-print-") as folder:
        source = Path(folder) / "form.pdf"
        source.write_bytes(pdf)
        try:
            subprocess.run([tool, "-r", str(dpi), "-png", str(source), str(Path(folder) / "p")],
                           capture_output=True, check=True, timeout=RASTER_TIMEOUT_S)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise DeviceError("Không dựng được trang in từ biểu mẫu. In lại; nếu vẫn lỗi, "
                              "báo quản trị viên.", detail=type(error).__name__) from error
        pages = [QImage(str(path)) for path in sorted(Path(folder).glob("p*.png"))]
    if not pages or any(page.isNull() for page in pages):
        raise DeviceError("Biểu mẫu không có trang nào để in. In lại.")
    return pages


def paint_pages(printer: QPrinter, pages: list[QImage]) -> None:
    """Each image fills its page (A4 onto A4), keeping its proportions."""
    painter = QPainter()
    if not painter.begin(printer):
        raise DeviceError("Máy in không nhận lệnh in. Kiểm tra máy in rồi in lại.")
    try:
        for number, page in enumerate(pages):
            if number:
                printer.newPage()
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            size = page.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(area.x(), area.y(), size.width(), size.height()), page)
    finally:
        painter.end()


class QtPrinter:
    """A system printer by name ("" = the default), or a PDF file when ``pdf_file`` is set
    (tests, and a printer-less laptop that must still archive what it would print)."""

    def __init__(self, name: str = "", copies: int = 1, pdf_file: Path | None = None,
                 backend_name: str = "qt") -> None:
        self._name = name
        self._copies = copies
        self._pdf_file = pdf_file
        self._info = DeviceInfo(DeviceKind.PRINTER, backend_name, "Máy in hệ thống (Qt)",
                                name or "(máy in mặc định)", simulated=False)

    def info(self) -> DeviceInfo:
        return self._info

    def status(self) -> DeviceStatus:
        if self._pdf_file is not None:
            return DeviceStatus.READY
        known = QPrinterInfo.printerInfo(self._name) if self._name else (
            QPrinterInfo.defaultPrinter())
        return DeviceStatus.DISCONNECTED if known.isNull() else DeviceStatus.READY

    def close(self) -> None:
        pass

    def printer_for(self, job: PrintJob) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(PRINT_DPI)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setFullPage(True)  # the PDF carries its own margins (NĐ 30/2020)
        printer.setDocName(f"{job.document_code} {job.reference}".strip())
        printer.setCopyCount(self._copies)
        if self._pdf_file is not None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(self._pdf_file))
        elif self._name:
            printer.setPrinterName(self._name)
        return printer

    def print_document(self, job: PrintJob) -> PrintResult:
        if QGuiApplication.instance() is None:  # Qt paints nothing without one (a CLI run)
            raise DeviceNotConnected(NO_WINDOW)
        if self.status() is not DeviceStatus.READY:
            raise DeviceNotConnected(f"Không thấy máy in {self._info.serial}. Kiểm tra máy in "
                                     "đã bật và đã cài trên máy tính, rồi in lại.")
        printer = self.printer_for(job)
        pages = pdf_pages(job.pdf, PRINT_DPI)
        if not printer.supportsMultipleCopies():  # PDF output, some drivers: copies by hand
            pages, copies = pages * printer.copyCount(), printer.copyCount()
            printer.setCopyCount(1)
            log.info("printing %d copies page by page", copies)
        paint_pages(printer, pages)
        where = str(self._pdf_file) if self._pdf_file is not None else printer.printerName()
        return PrintResult(printer.printerName() or "pdf", where)
