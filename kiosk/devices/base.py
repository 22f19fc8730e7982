"""One small interface per device kind, an immutable DeviceInfo, and typed errors.

Captures are blocking calls made off the UI thread; every one takes a timeout and a
cancel event and ends with an image or a typed :class:`DeviceError`, never a hang.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
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
    NOT_READY = "not_ready"  # present but unusable now: warming up, unregistered, faulted
    DISCONNECTED = "disconnected"

    @property
    def label(self) -> str:
        return {
            DeviceStatus.READY: "sẵn sàng",
            DeviceStatus.BUSY: "đang bận",
            DeviceStatus.NOT_READY: "chưa sẵn sàng",
            DeviceStatus.DISCONNECTED: "chưa kết nối",
        }[self]


@dataclass(frozen=True)
class DeviceInfo:
    """Who the device is; its changing status comes from ``status()`` and manager events."""

    kind: DeviceKind
    backend: str  # the configuration name that chose it, e.g. "simulator", "opencv", "sbi"
    model: str
    serial: str
    simulated: bool
    vendor: str = ""
    # A fingerprint scanner's platen: False for a single-finger reader, which takes one finger
    # at a time and refuses slaps (the desk then asks for the ten fingers one by one).
    takes_slaps: bool = True


# What the clerk does to try a capture again: the capture page has no Retry button, the
# capture or scan button is pressed again. Every message that asks for another try says so.
RETRY = "bấm lại nút chụp/quét"


class DeviceError(Exception):
    """Base of every device failure; ``message`` is Vietnamese and says what to do next."""

    default_message = "Thiết bị gặp lỗi. Thử lại; nếu vẫn lỗi, kiểm tra kết nối thiết bị."

    def __init__(self, message: str | None = None, *, detail: str = "") -> None:
        self.message = message or self.default_message
        self.detail = detail  # technical, for logs: never personal data
        super().__init__(self.message if not detail else f"{self.message} ({detail})")


class DeviceNotConnected(DeviceError):
    default_message = f"Không tìm thấy thiết bị. Kiểm tra cáp và nguồn, rồi {RETRY}."


class DeviceBusy(DeviceError):
    default_message = "Thiết bị đang bận với lần chụp khác. Chờ giây lát rồi thử lại."


class DeviceTimeout(DeviceError):
    default_message = f"Thiết bị không trả kết quả kịp thời gian chờ. {RETRY.capitalize()}."


class CaptureCancelled(DeviceError):
    default_message = "Đã hủy lần chụp."


class DeviceNotReady(DeviceError):
    default_message = ("Thiết bị chưa sẵn sàng. Chờ đèn báo sẵn sàng rồi thử lại; nếu vẫn vậy, "
                       f"rút cáp, cắm lại và {RETRY}.")


class DeviceUnsupported(DeviceError):
    default_message = ("Thiết bị này không chụp được kiểu này (ví dụ máy một ngón không chụp "
                       "được bốn ngón). Chọn thiết bị khác hoặc chụp từng ngón.")


class NothingDetected(DeviceError):
    """The device saw no finger, face or eye (lifted too early, nobody in front)."""

    default_message = ("Thiết bị không thấy ngón tay, khuôn mặt hoặc mắt. Đặt lại đúng vị trí, "
                       f"giữ yên đến khi có tín hiệu, rồi {RETRY}.")


class CorruptPayload(DeviceError):
    default_message = (f"Dữ liệu thiết bị gửi về bị hỏng. {RETRY.capitalize()}; nếu lặp lại, khởi "
                       "động lại dịch vụ thiết bị.")


class UntrustedDevice(DeviceError):
    """A response whose signature, transaction or time cannot be trusted: never used."""

    default_message = ("Chữ ký số của thiết bị không hợp lệ nên không dùng được ảnh này. Báo quản "
                       "trị kiểm tra chứng thư của thiết bị.")


class StaleResponse(UntrustedDevice):
    default_message = ("Thời gian trong dữ liệu thiết bị lệch quá xa đồng hồ máy tính. Báo quản "
                       "trị kiểm tra đồng hồ máy tính và dịch vụ thiết bị, rồi thử lại.")


class Slap(StrEnum):
    """Fingerprint captures of the 4-4-2 sequence."""

    LEFT_FOUR = "left_four"
    RIGHT_FOUR = "right_four"
    THUMBS = "thumbs"

    @property
    def finger_count(self) -> int:
        return 2 if self is Slap.THUMBS else 4

    @property
    def hand(self) -> str | None:
        return {Slap.LEFT_FOUR: "left", Slap.RIGHT_FOUR: "right"}.get(self)

    @property
    def label(self) -> str:
        return {
            Slap.LEFT_FOUR: "Bốn ngón tay trái",
            Slap.RIGHT_FOUR: "Bốn ngón tay phải",
            Slap.THUMBS: "Hai ngón cái",
        }[self]


class Finger(StrEnum):
    """ISO/IEC 19794-4 finger positions 1-10."""

    RIGHT_THUMB = "1"
    RIGHT_INDEX = "2"
    RIGHT_MIDDLE = "3"
    RIGHT_RING = "4"
    RIGHT_LITTLE = "5"
    LEFT_THUMB = "6"
    LEFT_INDEX = "7"
    LEFT_MIDDLE = "8"
    LEFT_RING = "9"
    LEFT_LITTLE = "10"

    @property
    def label(self) -> str:
        names = ("cái", "trỏ", "giữa", "áp út", "út")
        index = (int(self.value) - 1) % 5
        hand = "phải" if int(self.value) <= 5 else "trái"
        return f"Ngón {names[index]} {hand}"


SLAP_FINGERS: dict[Slap, tuple[Finger, ...]] = {  # left to right on the platen
    Slap.LEFT_FOUR: (Finger.LEFT_LITTLE, Finger.LEFT_RING, Finger.LEFT_MIDDLE, Finger.LEFT_INDEX),
    Slap.RIGHT_FOUR: (Finger.RIGHT_INDEX, Finger.RIGHT_MIDDLE, Finger.RIGHT_RING,
                      Finger.RIGHT_LITTLE),
    Slap.THUMBS: (Finger.LEFT_THUMB, Finger.RIGHT_THUMB),
}


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
    quality: float | None = None  # the device's own score (NFIQ 2 scale) when it gives one
    # Each finger cut out, when the scanner segments the slap itself (SBI devices do).
    fingers: dict[Finger, GreyImage] = field(default_factory=dict)


@dataclass(frozen=True)
class FingerCapture:
    finger: Finger
    image: GreyImage
    ppi: int
    device: DeviceInfo
    quality: float | None = None  # the device's own score (NFIQ 2 scale) when it gives one


@dataclass(frozen=True)
class IrisCapture:
    images: dict[Eye, GreyImage]
    device: DeviceInfo


@dataclass(frozen=True)
class PrintJob:
    document_code: str  # e.g. "CC01"
    pdf: bytes
    reference: str = ""  # the case code: names the file or the queue job


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
    def capture_face(
        self, *, timeout_s: float, cancel: threading.Event, requested_quality: int = 0,
    ) -> FaceCapture: ...

    def preview(self, *, timeout_s: float, cancel: threading.Event) -> Iterator[ColourImage]:
        """Live frames until ``cancel`` is set, the timeout passes or the caller stops
        iterating; closing the iterator releases whatever the stream held."""
        ...


@runtime_checkable
class FingerprintScanner(Device, Protocol):
    """A slap scanner takes 4-4-2 slaps and single fingers; a single-finger reader says so
    (``DeviceInfo.takes_slaps`` False) and raises :class:`DeviceUnsupported` for slaps.
    ``missing`` names fingers the citizen cannot give (amputated, bandaged);
    ``requested_quality`` (0-100) lets a device capture automatically once reached, else it
    returns its best frame at the timeout."""

    def capture_slap(
        self, slap: Slap, *, timeout_s: float, cancel: threading.Event,
        missing: frozenset[Finger] = frozenset(), requested_quality: int = 0,
    ) -> SlapCapture: ...

    def capture_finger(
        self, finger: Finger, *, timeout_s: float, cancel: threading.Event,
        requested_quality: int = 0,
    ) -> FingerCapture: ...


@runtime_checkable
class IrisScanner(Device, Protocol):
    def capture_irises(
        self, *, timeout_s: float, cancel: threading.Event,
        missing: frozenset[Eye] = frozenset(), requested_quality: int = 0,
    ) -> IrisCapture: ...


@runtime_checkable
class Printer(Device, Protocol):
    def print_document(self, job: PrintJob) -> PrintResult: ...
