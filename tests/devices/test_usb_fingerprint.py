"""The U.are.U 4500 USB driver, unchanged, over a virtual reader behind a pyusb backend: the
device contract, then what only a USB reader has (protocol, handles, libusb, hot-plug)."""

from __future__ import annotations

import errno
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from typing import Any, ClassVar

import numpy as np
import pytest
import usb.core

from device_simulators.behaviour import Fault, SimulatorControl
from device_simulators.fingerprint import compose_finger_image
from device_simulators.usb.uru4500 import VirtualUSBBackend, encode_image, sensor_view
from kiosk.biometrics.quality import judge_slap
from kiosk.devices.base import (
    CaptureCancelled,
    CorruptPayload,
    DeviceBusy,
    DeviceKind,
    DeviceNotConnected,
    DeviceNotReady,
    DeviceStatus,
    DeviceTimeout,
    DeviceUnsupported,
    Finger,
    FingerCapture,
    NothingDetected,
    Slap,
)
from kiosk.devices.usb.uru4500 import (
    HEIGHT,
    PPI,
    WIDTH,
    UareU4500Finder,
    UareU4500Reader,
    assemble,
    descramble,
    looks_scrambled,
    parse_frame,
    typed_usb_error,
)
from tests.devices.contract import DeviceContract
from tests.devices.test_fingerprint_contract import MATCH_THRESHOLD, minutiae


class TestUareU4500OverVirtualUSB(DeviceContract):
    kind = DeviceKind.FINGERPRINT
    backends: ClassVar[dict[str, Callable[[SimulatorControl], Any]]] = {
        "virtual-usb": lambda control: UareU4500Reader(usb_backend=VirtualUSBBackend(control)),
    }

    def capture(self, device: Any, timeout_s: float, cancel: threading.Event) -> FingerCapture:
        return device.capture_finger(Finger.RIGHT_INDEX, timeout_s=timeout_s, cancel=cancel)


Rig = tuple[UareU4500Reader, VirtualUSBBackend, SimulatorControl]


@pytest.fixture
def usb_rig() -> Iterator[Rig]:
    control = SimulatorControl(latency_s=0.0)
    backend = VirtualUSBBackend(control)
    reader = UareU4500Reader(usb_backend=backend)
    yield reader, backend, control
    reader.close()
    assert (backend.open_handles, backend.claimed_interfaces) == (0, 0)  # nothing leaked


def take(reader: UareU4500Reader, timeout_s: float = 2.0,
            cancel: threading.Event | None = None) -> FingerCapture:
    return reader.capture_finger(Finger.RIGHT_INDEX, timeout_s=timeout_s,
                                 cancel=cancel or threading.Event())


def test_identity_says_model_serial_and_that_the_reader_is_virtual(usb_rig: Rig) -> None:
    reader, _, _ = usb_rig
    info = reader.info()
    assert info.model == "DigitalPersona U.are.U 4500" and info.serial.startswith("{5BA000A0")
    assert info.simulated and info.backend == "usb"
    assert not info.takes_slaps  # a single-finger reader: the desk asks finger by finger


def test_a_capture_is_a_512ppi_sensor_image_judged_acceptable(usb_rig: Rig) -> None:
    reader, _, _ = usb_rig
    result = take(reader)
    assert result.ppi == PPI == 512 and result.finger is Finger.RIGHT_INDEX
    assert result.image.shape == (HEIGHT, WIDTH) and result.image.dtype == np.uint8
    assert judge_slap(result.image, 1).acceptable


def test_same_subject_same_finger_matches_another_subject_does_not(usb_rig: Rig) -> None:
    reader, backend, control = usb_rig

    def template(subject: str, finger: Finger = Finger.RIGHT_INDEX) -> Any:
        control.present(subject)
        backend.present_finger(finger)
        return minutiae(take(reader).image)

    first, again, other = template("A"), template("A"), template("B")
    other_finger = template("A", Finger.LEFT_INDEX)
    scores = (first.compare(again), first.compare(other), first.compare(other_finger))
    assert scores[0] >= MATCH_THRESHOLD > max(scores[1:]), scores


def test_images_are_deterministic_per_subject_finger_and_capture_number() -> None:
    def first_image() -> np.ndarray:
        reader = UareU4500Reader(usb_backend=VirtualUSBBackend(SimulatorControl(0.0)))
        return take(reader).image

    assert np.array_equal(first_image(), first_image())


def test_slaps_are_unsupported_on_a_single_finger_reader(usb_rig: Rig) -> None:
    reader, _, _ = usb_rig
    with pytest.raises(DeviceUnsupported) as raised:
        reader.capture_slap(Slap.LEFT_FOUR, timeout_s=1.0, cancel=threading.Event())
    assert "một ngón" in raised.value.message


def test_corrupted_transfers_are_corrupt_payloads_and_the_next_capture_works(usb_rig: Rig) -> None:
    reader, _, control = usb_rig
    for _variant in ("empty after the reader's warning", "cut off halfway"):
        control.inject(Fault.CORRUPTED_PAYLOAD)
        with pytest.raises(CorruptPayload):
            take(reader)
    take(reader)


def test_a_finger_lifted_before_the_image_is_nothing_detected(usb_rig: Rig) -> None:
    reader, _, control = usb_rig
    control.set_latency(0.1)
    control.inject(Fault.FINGER_LIFTED)
    with pytest.raises(NothingDetected) as raised:
        take(reader)
    assert "nhấc lên" in raised.value.message
    assert reader.status() is DeviceStatus.READY


def test_unplugged_mid_capture_then_replugged(usb_rig: Rig) -> None:
    reader, backend, control = usb_rig
    control.set_latency(0.2)
    control.inject(Fault.UNPLUGGED_MID_CAPTURE)
    started = time.monotonic()
    with pytest.raises(DeviceNotConnected) as raised:
        take(reader, timeout_s=5.0)
    assert time.monotonic() - started < 0.5  # noticed when it happens, not at the timeout
    assert "U.are.U 4500" in raised.value.message
    assert reader.status() is DeviceStatus.DISCONNECTED
    assert (backend.open_handles, backend.claimed_interfaces) == (0, 0)
    control.reconnect()
    control.set_latency(0.0)
    assert reader.status() is DeviceStatus.READY
    assert take(reader).image.shape == (HEIGHT, WIDTH)


def test_a_reader_that_never_powers_up_is_not_ready(usb_rig: Rig) -> None:
    reader, _, control = usb_rig
    control.inject(Fault.NOT_READY)
    with pytest.raises(DeviceNotReady):
        take(reader, timeout_s=5.0)
    take(reader)


def test_an_interface_held_by_another_program_is_busy_with_its_own_message(usb_rig: Rig) -> None:
    reader, _, control = usb_rig
    control.inject(Fault.BUSY)
    with pytest.raises(DeviceBusy) as raised:
        take(reader)
    assert "chương trình khác" in raised.value.message


def test_close_during_a_capture_stops_it_and_releases_everything(usb_rig: Rig) -> None:
    reader, backend, control = usb_rig
    control.set_latency(5.0)
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            take(reader, timeout_s=10.0)
        except BaseException as error:  # handed to the test thread
            outcome.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    deadline = time.monotonic() + 1
    while backend.claimed_interfaces == 0 and time.monotonic() < deadline:
        time.sleep(0.005)
    assert backend.claimed_interfaces == 1
    started = time.monotonic()
    reader.close()
    worker.join(1.0)
    assert time.monotonic() - started < 0.2
    assert isinstance(outcome[0], CaptureCancelled)
    assert (backend.open_handles, backend.claimed_interfaces) == (0, 0)


def test_many_captures_and_faults_leave_no_handle_open(usb_rig: Rig) -> None:
    reader, backend, control = usb_rig
    faults = [Fault.TIMEOUT, Fault.CORRUPTED_PAYLOAD, Fault.BUSY, Fault.FINGER_LIFTED,
              Fault.UNPLUGGED_MID_CAPTURE, Fault.DISCONNECTED, None]
    for fault in faults:
        if fault is not None:
            control.inject(fault)
        with suppress(DeviceTimeout, CorruptPayload, DeviceBusy, NothingDetected,
                      DeviceNotConnected):
            take(reader, timeout_s=0.1)
        control.reconnect()
        assert (backend.open_handles, backend.claimed_interfaces) == (0, 0), fault


def test_missing_libusb_is_not_connected_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_backend(*_args: Any, **_kwargs: Any) -> Any:
        raise usb.core.NoBackendError("No backend available")

    monkeypatch.setattr(usb.core, "find", no_backend)
    reader = UareU4500Reader()  # constructing never fails: the reader is just absent
    assert reader.info().serial and not reader.info().simulated
    assert reader.status() is DeviceStatus.DISCONNECTED
    with pytest.raises(DeviceNotConnected) as raised:
        take(reader)
    assert "libusb" in raised.value.message and "Báo quản trị" in raised.value.message
    with pytest.raises(DeviceNotConnected):
        UareU4500Finder()()


def test_the_finder_keeps_one_reader_per_serial_and_follows_the_plug() -> None:
    control = SimulatorControl(0.0)
    finder = UareU4500Finder(VirtualUSBBackend(control))
    found = finder()
    assert len(found) == 1 and finder() == found
    control.inject(Fault.DISCONNECTED)
    with pytest.raises(DeviceNotConnected):
        take(found[0])
    assert finder() == []
    control.reconnect()
    assert finder() == found


@pytest.mark.parametrize(("code", "typed"), [
    (errno.ENODEV, DeviceNotConnected), (errno.ENOENT, DeviceNotConnected),
    (errno.EPIPE, DeviceNotConnected), (errno.EBUSY, DeviceBusy),
    (errno.ETIMEDOUT, DeviceTimeout), (errno.EACCES, DeviceNotReady),
    (errno.EOVERFLOW, CorruptPayload), (None, DeviceNotReady),
])
def test_every_usb_error_becomes_a_typed_error_with_a_message(code: int | None,
                                                              typed: type) -> None:
    error = typed_usb_error(usb.core.USBError("boom", None, code), "testing")
    assert type(error) is typed and error.message and "testing" in error.detail


@pytest.mark.parametrize("number", [0, 1, 2, 3])
def test_the_image_format_round_trips(number: int) -> None:
    """Header, block table, scrambling (3 captures in 4; a key change on number 3), inversion
    and turn, decoded by the driver's functions against the virtual reader's encoder."""
    picture = sensor_view(compose_finger_image("A", Finger.RIGHT_INDEX, number, None))
    keys = [(index * 0x9E3779B1 + 12345) & 0xFFFFFFFF for index in range(256)]
    frame = parse_frame(encode_image(picture, number, keys))
    assert looks_scrambled(frame) is (number % 4 != 0)
    if looks_scrambled(frame):
        descramble(frame, lambda key_number: keys[key_number])
    decoded = assemble(frame)
    differ = decoded != picture
    # Lost by the format: the line the reader does not send, one byte per scrambled block.
    assert differ[1:].sum() <= 10 and differ.mean() < 0.01


def test_a_short_or_malformed_header_is_a_corrupt_payload() -> None:
    picture = np.full((HEIGHT, WIDTH), 255, np.uint8)
    good = encode_image(picture, 0, [0] * 256)
    for broken in (b"", good[:40], good[:64 + WIDTH * 10],
                   good[:4] + (HEIGHT).to_bytes(2, "little") + good[6:]):
        with pytest.raises(CorruptPayload):
            parse_frame(broken)
