"""Real devices join the contract suites when ``KIOSK_TEST_HW`` names them, e.g.::

    KIOSK_TEST_HW="fingerprint=sbi,face=opencv:0" KIOSK_TEST_SBI_TRUST=ca.pem pytest tests/devices
    KIOSK_TEST_HW="fingerprint=kiosk.devices.usb.uru4500:UareU4500Reader" pytest tests/devices

Tests that need a simulator to stage a fault skip on hardware; the rest need a person at the
device (a finger on the platen, a face in front of the camera).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import pytest

from kiosk.devices.base import DeviceKind


class HardwareControl:
    """Stands where a SimulatorControl would: real devices cannot be told to fail on cue."""

    def __getattr__(self, name: str) -> NoReturn:
        pytest.skip(f"needs a simulator to stage this ({name}); this backend cannot stage faults")


def _open(kind: DeviceKind, spec: str) -> Any:
    backend, _, argument = spec.partition(":")
    if backend == "sbi":
        from kiosk.devices.sbi.devices import SbiFinder  # noqa: PLC0415
        from kiosk.devices.sbi.jws import TrustStore  # noqa: PLC0415

        trust = TrustStore.from_pem(Path(os.environ["KIOSK_TEST_SBI_TRUST"]).read_bytes())
        found = SbiFinder(kind, trust)()
        if not found:
            pytest.fail(f"KIOSK_TEST_HW names an SBI {kind} but none answers on 4501-4600")
        return found[0]
    if backend == "opencv":
        from kiosk.devices.webcam import OpenCVFaceCamera  # noqa: PLC0415

        return OpenCVFaceCamera(index=int(argument or 0))
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)()


def hardware_backends(kind: DeviceKind) -> dict[str, Callable[[Any], Any]]:
    named = [item.strip() for item in os.environ.get("KIOSK_TEST_HW", "").split(",") if item]
    backends: dict[str, Callable[[Any], Any]] = {}
    for item in named:
        wanted, _, spec = item.partition("=")
        if wanted == kind.value:
            backends[f"hardware-{spec}"] = lambda _control, spec=spec: _open(kind, spec)
    return backends
