"""Device benchmarks: the SBI round trip beyond the device's own time, preview frame rates,
and the synthesis of one fingerprint."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np


def _sbi_rig() -> tuple[Any, Any]:
    from device_simulators.behaviour import SimulatorControl  # noqa: PLC0415
    from device_simulators.sbi.service import SbiService, standard_devices  # noqa: PLC0415
    from kiosk.devices.sbi.devices import connect, discover  # noqa: PLC0415
    from kiosk.devices.sbi.jws import TrustStore  # noqa: PLC0415

    service = SbiService(standard_devices(lambda _kind: SimulatorControl(latency_s=0.0))).start()
    trust = TrustStore([service.authority.certificate])
    devices = {e.bio_type: connect(e, trust) for e in discover([service.port])}
    return service, devices


def sbi_four_fingers_overhead() -> Callable[[], float]:
    """A 4-finger RCAPTURE on loopback minus the time the service spent being the device
    (synthesis, quality, ISO/JPEG 2000 encoding, signing): HTTP, JSON, base64, signature and
    trust checks, JPEG 2000 decoding and slap layout on the kiosk's side."""
    from kiosk.devices.base import Slap  # noqa: PLC0415

    service, devices = _sbi_rig()
    scanner = devices["Finger"]
    scanner.capture_slap(Slap.LEFT_FOUR, timeout_s=10, cancel=threading.Event())  # warm

    def run() -> float:
        samples = []
        for _ in range(5):
            started = time.perf_counter()
            scanner.capture_slap(Slap.LEFT_FOUR, timeout_s=10, cancel=threading.Event())
            samples.append(time.perf_counter() - started - service.last_device_time_s)
        return float(np.median(samples)) * 1000

    return run


def _fps(frames: Any, count: int = 60) -> float:
    started = time.perf_counter()
    for _ in itertools.islice(frames, count):
        pass
    rate = count / (time.perf_counter() - started)
    frames.close()
    return rate


def sbi_preview_fps() -> Callable[[], float]:
    """Frames per second the kiosk decodes from an SBI face camera's M-JPEG STREAM."""
    _service, devices = _sbi_rig()
    camera = devices["Face"]

    def run() -> float:
        return _fps(camera.preview(timeout_s=30, cancel=threading.Event()))

    return run


def simulator_preview_fps() -> Callable[[], float]:
    """Frames per second of the in-process simulated face camera's preview."""
    from device_simulators.face import SimulatedFaceCamera  # noqa: PLC0415

    camera = SimulatedFaceCamera()

    def run() -> float:
        return _fps(camera.preview(timeout_s=30, cancel=threading.Event()))

    return run


def synthetic_fingerprint() -> Callable[[], float]:
    """One new finger: master print (orientation field, Gabor ridge growth) and one
    impression; a new subject each time, so no cache helps."""
    from device_simulators.synthetic.fingerprint import (  # noqa: PLC0415
        Finger,
        impression,
        master_print,
    )

    counter = itertools.count()
    grow = master_print.__wrapped__  # bypass the LRU cache of masters

    def run() -> float:
        started = time.perf_counter()
        master = grow(f"bench-{next(counter)}", Finger.RIGHT_INDEX)
        impression(master, np.random.default_rng(1), poor=False)
        return (time.perf_counter() - started) * 1000

    return run
