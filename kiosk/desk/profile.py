"""What the desk needs to know about itself and the devices wired to it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.devices.base import FaceCamera, FingerprintScanner, IrisScanner, Printer
from kiosk.printing.forms import Agency


@dataclass(frozen=True)
class DeskProfile:
    desk_code: str
    desk_name: str
    agency: Agency
    return_place: str
    training: bool
    capture_timeout_s: float
    resources_dir: Path


@dataclass(frozen=True)
class DeviceSet:
    face: FaceCamera
    fingerprint: FingerprintScanner
    iris: IrisScanner
    printer: Printer

    def all(self) -> tuple[FaceCamera | FingerprintScanner | IrisScanner | Printer, ...]:
        return (self.face, self.fingerprint, self.iris, self.printer)

    def close(self) -> None:
        for device in self.all():
            device.close()
