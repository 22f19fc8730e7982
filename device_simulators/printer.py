"""A simulated printer for trainers: the real file printer behind a control that can pull
its cable or empty its paper tray, like the capture simulators' faults."""

from __future__ import annotations

import threading

from device_simulators.behaviour import Fault, SimulatorControl
from kiosk.devices.base import (
    DeviceBusy,
    DeviceInfo,
    DeviceNotConnected,
    DeviceNotReady,
    DeviceStatus,
    DeviceTimeout,
    Printer,
    PrintJob,
    PrintResult,
)

OUT_OF_PAPER = ("Máy in hết giấy. Nạp giấy vào khay rồi in lại; hồ sơ không mất gì, biểu mẫu "
                "chưa in được in lại từ đầu.")
PRINTER_GONE = "Không tìm thấy máy in. Kiểm tra cáp và nguồn máy in rồi in lại."


class PrinterControl(SimulatorControl):
    """The faults of every simulator, and the paper tray: empty from an OUT_OF_PAPER fault
    until :meth:`load_paper`."""

    def __init__(self, latency_s: float = 0.0) -> None:
        super().__init__(latency_s)
        self._paper = threading.Event()
        self._paper.set()

    @property
    def has_paper(self) -> bool:
        return self._paper.is_set()

    def load_paper(self) -> None:
        self._paper.set()

    def empty_tray(self) -> None:
        self._paper.clear()


class SimulatedPrinter:
    """Prints through ``inner`` (PDFs in a folder) unless the control's fault stops it."""

    def __init__(self, inner: Printer, control: PrinterControl | None = None) -> None:
        self._inner = inner
        self.control = control or PrinterControl()

    def info(self) -> DeviceInfo:
        return self._inner.info()  # where the PDFs go: what trainers and tests look at

    def status(self) -> DeviceStatus:
        if not self.control.connected:
            return DeviceStatus.DISCONNECTED
        return self._inner.status() if self.control.has_paper else DeviceStatus.NOT_READY

    def close(self) -> None:
        self._inner.close()

    def print_document(self, job: PrintJob) -> PrintResult:
        if not self.control.connected:
            raise DeviceNotConnected(PRINTER_GONE)
        fault = self.control.take_fault()
        if fault is Fault.DISCONNECTED:
            self.control.unplug()
            raise DeviceNotConnected(PRINTER_GONE, detail="simulated: disconnected")
        if fault is Fault.OUT_OF_PAPER:
            self.control.empty_tray()
        if fault is Fault.BUSY:
            raise DeviceBusy()
        if fault is Fault.NOT_READY:
            raise DeviceNotReady()
        if fault is Fault.TIMEOUT:
            raise DeviceTimeout("Máy in không phản hồi. Kiểm tra máy in rồi in lại.")
        if not self.control.has_paper:
            raise DeviceNotReady(OUT_OF_PAPER, detail="simulated: out of paper")
        return self._inner.print_document(job)
