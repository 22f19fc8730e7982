"""An SBI device service on loopback with the kiosk's SBI client connected to one of its
devices: the contract suites run the real client against it."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from device_simulators.behaviour import SimulatorControl
from device_simulators.sbi.service import SbiDevice as ServiceDevice
from device_simulators.sbi.service import SbiService, standard_devices
from kiosk.devices.base import DeviceKind
from kiosk.devices.sbi.devices import SbiDevice, connect, discover
from kiosk.devices.sbi.jws import SigningKey, TrustStore, issue_authority, issue_device_key


@lru_cache(maxsize=1)
def keys() -> tuple[SigningKey, SigningKey]:
    """One authority and device key per test run: RSA key generation is the slow part."""
    authority = issue_authority("Test SBI CA")
    return authority, issue_device_key(authority, "Test SBI device")


class ServedDevice:
    """The client device, owning the service it talks to (stopped on close)."""

    def __init__(self, device: SbiDevice, service: SbiService) -> None:
        self.device = device
        self.service = service

    def __getattr__(self, name: str) -> Any:
        return getattr(self.device, name)

    def close(self) -> None:
        self.device.close()
        self.service.stop()


def serve(control: SimulatorControl, kind: DeviceKind) -> ServedDevice:
    authority, device_key = keys()
    service = SbiService(standard_devices(lambda _kind: control), authority=authority,
                         device_key=device_key).start()
    endpoint = next(e for e in discover([service.port]) if e.kind is kind)
    return ServedDevice(connect(endpoint, TrustStore([authority.certificate])), service)


def sbi_backend(kind: DeviceKind) -> Callable[[SimulatorControl], Any]:
    return lambda control: serve(control, kind)


def serve_single_finger(control: SimulatorControl) -> ServedDevice:
    """A service announcing a single-finger reader (deviceSubType "Single") instead."""
    authority, device_key = keys()
    reader = ServiceDevice("Finger", "Single", [0], "SIMSBIFP100001", "SINGLE-SIM", control)
    service = SbiService([reader], authority=authority, device_key=device_key).start()
    endpoint = next(e for e in discover([service.port]) if e.kind is DeviceKind.FINGERPRINT)
    return ServedDevice(connect(endpoint, TrustStore([authority.certificate])), service)
