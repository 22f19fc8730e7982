"""Printer backends: PDF files in a folder, or a CUPS queue through ``lp``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from kiosk.devices.base import (
    DeviceError,
    DeviceInfo,
    DeviceKind,
    DeviceNotConnected,
    DeviceStatus,
    DeviceTimeout,
    PrintJob,
    PrintResult,
)


class FilePrinter:
    """Writes each document as ``<form code>-<case code>.pdf``; reprints get a suffix."""

    def __init__(self, directory: Path, backend_name: str = "file") -> None:
        self._directory = directory
        self._info = DeviceInfo(DeviceKind.PRINTER, backend_name, "Lưu tệp PDF",
                                str(directory), simulated=False)

    def info(self) -> DeviceInfo:
        return self._info

    def status(self) -> DeviceStatus:
        return DeviceStatus.READY

    def close(self) -> None:
        pass

    def print_document(self, job: PrintJob) -> PrintResult:
        try:
            self._directory.mkdir(parents=True, exist_ok=True)
            stem = "-".join(part for part in (job.document_code, job.reference) if part)
            path = self._directory / f"{stem}.pdf"
            copy = 1
            while path.exists():
                copy += 1
                path = self._directory / f"{stem}-{copy}.pdf"
            path.write_bytes(job.pdf)
        except OSError as error:
            raise DeviceError(
                f"Không ghi được tệp PDF vào {self._directory}. Kiểm tra ổ đĩa rồi in lại.",
                detail=type(error).__name__,
            ) from error
        return PrintResult(self._info.model, str(path))


class CupsPrinter:
    """Sends the PDF to a CUPS queue with ``lp``; the job id is the result location."""

    def __init__(self, queue: str = "", timeout_s: float = 30.0, backend_name: str = "cups",
                 copies: int = 1) -> None:
        self._queue = queue
        self._copies = copies
        self._timeout_s = timeout_s
        self._info = DeviceInfo(DeviceKind.PRINTER, backend_name, "CUPS",
                                queue or "(máy in mặc định)", simulated=False)

    def info(self) -> DeviceInfo:
        return self._info

    def status(self) -> DeviceStatus:
        return DeviceStatus.READY if shutil.which("lp") else DeviceStatus.DISCONNECTED

    def close(self) -> None:
        pass

    def print_document(self, job: PrintJob) -> PrintResult:
        lp = shutil.which("lp")
        if lp is None:
            raise DeviceNotConnected("Máy tính chưa cài hệ thống in (CUPS). Báo quản trị viên.")
        command = [lp, "-n", str(self._copies), "-t", f"{job.document_code} {job.reference}"]
        if self._queue:
            command += ["-d", self._queue]
        try:
            done = subprocess.run(command, input=job.pdf, capture_output=True,
                                  timeout=self._timeout_s, check=False)
        except subprocess.TimeoutExpired as error:
            raise DeviceTimeout("Máy in không phản hồi. Kiểm tra máy in rồi in lại.") from error
        if done.returncode != 0:
            raise DeviceError(
                "Máy in từ chối lệnh in. Kiểm tra giấy, mực và trạng thái máy in rồi in lại.",
                detail=done.stderr.decode(errors="replace").strip()[:200],
            )
        return PrintResult(self._queue or "default", done.stdout.decode(errors="replace").strip())
