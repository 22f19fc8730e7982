"""Faults a trainer queues that spoil the picture rather than the device: the image shows the
problem and the quality judge names it in Vietnamese, on every simulator backend."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from device_simulators.behaviour import Fault, SimulatorControl
from device_simulators.face import SimulatedFaceCamera
from device_simulators.fingerprint import SimulatedFingerprintScanner
from device_simulators.iris import SimulatedIrisScanner
from kiosk.biometrics.quality import QualityReport, judge_face, judge_iris, judge_slap
from kiosk.devices.base import DeviceKind, Slap
from tests.devices.sbi_rig import serve

IN_PROCESS: dict[DeviceKind, Callable[[SimulatorControl], Any]] = {
    DeviceKind.FACE: SimulatedFaceCamera, DeviceKind.FINGERPRINT: SimulatedFingerprintScanner,
    DeviceKind.IRIS: SimulatedIrisScanner,
}


def judged(kind: DeviceKind, device: Any) -> list[QualityReport]:
    cancel = threading.Event()
    if kind is DeviceKind.FACE:
        return [judge_face(device.capture_face(timeout_s=10, cancel=cancel).image)]
    if kind is DeviceKind.IRIS:
        images = device.capture_irises(timeout_s=10, cancel=cancel).images
        return [judge_iris(image) for image in images.values()]
    slap = device.capture_slap(Slap.LEFT_FOUR, timeout_s=10, cancel=cancel)
    return [judge_slap(slap.image, 4, hand="left")]


CASES = [
    (DeviceKind.FACE, Fault.NO_FACE, "Không thấy khuôn mặt"),
    (DeviceKind.FACE, Fault.TWO_FACES, "nhiều khuôn mặt"),
    (DeviceKind.FACE, Fault.EYES_CLOSED, "hai mắt"),
    (DeviceKind.FACE, Fault.LOW_QUALITY, "mờ"),
    (DeviceKind.IRIS, Fault.EYES_CLOSED, "mở to mắt"),
    (DeviceKind.IRIS, Fault.LOW_QUALITY, "mắt"),
    (DeviceKind.FINGERPRINT, Fault.MISSING_FINGER, "3/4 ngón"),
    (DeviceKind.FINGERPRINT, Fault.LOW_QUALITY, "mờ nhạt"),
    (DeviceKind.FINGERPRINT, Fault.WRONG_HAND, "nhầm tay"),
]


@pytest.fixture(params=["simulator", "sbi"])
def backend(request: pytest.FixtureRequest) -> Iterator[Callable[[DeviceKind], tuple[Any,
                                                                                       Any]]]:
    opened: list[Any] = []

    def make(kind: DeviceKind) -> tuple[Any, SimulatorControl]:
        control = SimulatorControl(latency_s=0.0)
        device = (IN_PROCESS[kind](control) if request.param == "simulator"
                  else serve(control, kind))
        opened.append(device)
        return device, control

    yield make
    for device in opened:
        device.close()


@pytest.mark.parametrize(("kind", "fault", "named"), CASES)
def test_content_fault_is_flagged_by_the_judge(backend: Any, kind: DeviceKind, fault: Fault,
                                               named: str) -> None:
    device, control = backend(kind)
    assert all(report.acceptable for report in judged(kind, device))  # clean first
    control.inject(fault)
    reports = judged(kind, device)
    assert not all(report.acceptable for report in reports)
    assert any(named in problem for report in reports for problem in report.problems), reports
