"""What the desk needs to know about itself and the devices wired to it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import cast

from kiosk.devices.base import (
    Device,
    DeviceKind,
    FaceCamera,
    FingerprintScanner,
    IrisScanner,
    Printer,
)
from kiosk.devices.manager import DeviceManager
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
    head_title: str = "TRƯỞNG CÔNG AN PHƯỜNG"  # signs refusal notices (CC03)


class DeviceSet:
    """The devices the desk uses now: the manager resolves each kind at every use, so a
    re-plugged device or the clerk's choice of another takes effect at the next capture."""

    def __init__(self, manager: DeviceManager, printer: Printer) -> None:
        self.manager = manager
        self.printer = printer

    @property
    def face(self) -> FaceCamera:
        return cast(FaceCamera, self.manager.current(DeviceKind.FACE))

    @property
    def fingerprint(self) -> FingerprintScanner:
        return cast(FingerprintScanner, self.manager.current(DeviceKind.FINGERPRINT))

    @property
    def iris(self) -> IrisScanner:
        return cast(IrisScanner, self.manager.current(DeviceKind.IRIS))

    def all(self) -> tuple[FaceCamera | FingerprintScanner | IrisScanner | Printer, ...]:
        return (self.face, self.fingerprint, self.iris, self.printer)

    def candidates(self) -> list[Device]:
        """Every device found, of every kind, the ones in use included."""
        found: list[Device] = []
        for kind in (DeviceKind.FACE, DeviceKind.FINGERPRINT, DeviceKind.IRIS):
            found += self.manager.devices(kind) or [self.manager.current(kind)]
        return [*found, self.printer]

    def close(self) -> None:
        self.manager.close()
        self.printer.close()
