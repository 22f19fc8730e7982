"""One small interface per device kind, an immutable DeviceInfo, and typed errors.

Captures are blocking calls made off the UI thread; every one takes a timeout and a
cancel event and ends with an image or a typed :class:`DeviceError`, never a hang.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

GreyImage = npt.NDArray[np.uint8]  # H x W
ColourImage = npt.NDArray[np.uint8]  # H x W x 3, BGR (OpenCV order)


class DeviceKind(StrEnum):
    FACE = "face"
    FINGERPRINT = "fingerprint"
    IRIS = "iris"
    PRINTER = "printer"

    @property
    def label(self) -> str:
        return {
            DeviceKind.FACE: "Camera chụp ảnh",
            DeviceKind.FINGERPRINT: "Máy quét vân tay",
            DeviceKind.IRIS: "Máy quét mống mắt",
            DeviceKind.PRINTER: "Máy in",
        }[self]


class DeviceStatus(StrEnum):
    READY = "ready"
    BUSY = "busy"
    NOT_CONNECTED = "not_connected"
    ERROR = "error"


@dataclass(frozen=True)
class DeviceInfo:
    kind: DeviceKind
    backend: str  # the configuration name that chose it, e.g. "simulator", "opencv"
    model: str
    serial: str
    simulated: bool


class DeviceError(Exception):
    """Base of every device failure; ``message`` is Vietnamese and says what to do next."""

    default_message = "Thiết bị gặp lỗi. Thử lại; nếu vẫn lỗi, kiểm tra kết nối thiết bị."

    def __init__(self, message: str | None = None, *, detail: str = "") -> None:
        self.message = message or self.default_message
        self.detail = detail  # technical, for logs: never personal data
        super().__init__(self.message if not detail else f"{self.message} ({detail})")


class DeviceNotConnected(DeviceError):
    default_message = "Không tìm thấy thiết bị. Kiểm tra cáp và nguồn, rồi bấm Thử lại."


class DeviceBusy(DeviceError):
    default_message = "Thiết bị đang bận với lần chụp khác. Chờ giây lát rồi thử lại."


class DeviceTimeout(DeviceError):
    default_message = "Thiết bị không trả kết quả kịp thời gian chờ. Bấm Thử lại."


class CaptureCancelled(DeviceError):
    default_message = "Đã hủy lần chụp."


class Slap(StrEnum):
    """Fingerprint captures of the 4-4-2 sequence."""

    LEFT_FOUR = "left_four"
    RIGHT_FOUR = "right_four"
    THUMBS = "thumbs"

    @property
    def finger_count(self) -> int:
        return 2 if self is Slap.THUMBS else 4

    @property
    def label(self) -> str:
        return {
            Slap.LEFT_FOUR: "Bốn ngón tay trái",
            Slap.RIGHT_FOUR: "Bốn ngón tay phải",
            Slap.THUMBS: "Hai ngón cái",
        }[self]


class Eye(StrEnum):
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class FaceCapture:
    image: ColourImage
    device: DeviceInfo


@dataclass(frozen=True)
class SlapCapture:
    slap: Slap
    image: GreyImage
    ppi: int
    device: DeviceInfo


@dataclass(frozen=True)
class IrisCapture:
    images: dict[Eye, GreyImage]
    device: DeviceInfo


@dataclass(frozen=True)
class PrintJob:
    document_code: str  # e.g. "CC01"
    pdf: bytes
    reference: str = ""  # the case code: names the file or the queue job
    copies: int = 1


@dataclass(frozen=True)
class PrintResult:
    printer: str
    location: str  # where the document went: a file path or a queue job id


@runtime_checkable
class Device(Protocol):
    def info(self) -> DeviceInfo: ...

    def status(self) -> DeviceStatus: ...

    def close(self) -> None: ...


@runtime_checkable
class FaceCamera(Device, Protocol):
    def capture_face(self, *, timeout_s: float, cancel: threading.Event) -> FaceCapture: ...


@runtime_checkable
class FingerprintScanner(Device, Protocol):
    def capture_slap(
        self, slap: Slap, *, timeout_s: float, cancel: threading.Event
    ) -> SlapCapture: ...


@runtime_checkable
class IrisScanner(Device, Protocol):
    def capture_irises(self, *, timeout_s: float, cancel: threading.Event) -> IrisCapture: ...


@runtime_checkable
class Printer(Device, Protocol):
    def print_document(self, job: PrintJob) -> PrintResult: ...
