"""The SBI client against the SBI device service simulator: every fault ends in a typed error
with a Vietnamese message, answers are trusted only when they verify, admin endpoints work."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from device_simulators.behaviour import Fault, SimulatorControl
from device_simulators.sbi.service import SbiService, standard_devices
from kiosk.devices.base import (
    CorruptPayload,
    DeviceError,
    DeviceNotConnected,
    DeviceNotReady,
    DeviceStatus,
    DeviceUnsupported,
    Finger,
    NothingDetected,
    Slap,
    StaleResponse,
    UntrustedDevice,
)
from kiosk.devices.sbi.devices import SbiFingerprintScanner, connect, discover, lay_out_slap
from kiosk.devices.sbi.jws import TrustStore, issue_authority
from kiosk.devices.sbi.protocol import verify_capture
from kiosk.devices.sbi.transport import exchange
from tests.devices.sbi_rig import keys


@pytest.fixture
def control() -> SimulatorControl:
    return SimulatorControl(latency_s=0.0)


@pytest.fixture
def service(control: SimulatorControl) -> Iterator[SbiService]:
    authority, device_key = keys()
    with SbiService(standard_devices(lambda _kind: control), authority=authority,
                    device_key=device_key) as running:
        yield running


@pytest.fixture
def trust() -> TrustStore:
    return TrustStore([keys()[0].certificate])


@pytest.fixture
def scanner(service: SbiService, trust: TrustStore) -> SbiFingerprintScanner:
    endpoint = next(e for e in discover([service.port]) if e.bio_type == "Finger")
    device = connect(endpoint, trust)
    assert isinstance(device, SbiFingerprintScanner)
    return device


def thumbs(device: SbiFingerprintScanner, timeout_s: float = 5.0) -> Any:
    return device.capture_slap(Slap.THUMBS, timeout_s=timeout_s, cancel=threading.Event())


def admin(service: SbiService, path: str, body: dict[str, Any]) -> Any:
    connection = http.client.HTTPConnection("127.0.0.1", service.port, timeout=5)
    connection.request("POST", path, body=json.dumps(body))
    answer = json.loads(connection.getresponse().read())
    connection.close()
    return answer


def test_discovery_scans_ports_and_finds_every_device(service: SbiService) -> None:
    closed = [service.port + 1, service.port + 2]
    found = discover([*closed, service.port])
    assert {(e.bio_type, e.device_sub_type) for e in found} == {
        ("Finger", "Slap"), ("Iris", "Double"), ("Face", "Full face")}
    assert all(e.port == service.port and e.serial for e in found)


def test_signed_device_info_names_the_device(scanner: SbiFingerprintScanner) -> None:
    info = scanner.verify_identity()
    assert (info.vendor, info.model, info.serial) == ("Kiosk", "SLAP-SIM", "SIMSBIFP000001")


def test_a_service_signed_by_an_untrusted_authority_is_refused(service: SbiService) -> None:
    stranger = TrustStore([issue_authority("Another vendor").certificate])
    device = connect(next(e for e in discover([service.port]) if e.bio_type == "Finger"),
                     stranger)
    with pytest.raises(UntrustedDevice):
        device.verify_identity()
    with pytest.raises(UntrustedDevice):
        thumbs(device)  # type: ignore[arg-type]


@pytest.mark.parametrize(("fault", "error"), [
    (Fault.CORRUPTED_PAYLOAD, CorruptPayload),
    (Fault.BAD_SIGNATURE, UntrustedDevice),
    (Fault.STALE_TIMESTAMP, StaleResponse),
    (Fault.FINGER_LIFTED, NothingDetected),
    (Fault.NOT_READY, DeviceNotReady),
    (Fault.UNPLUGGED_MID_CAPTURE, DeviceNotConnected),
])
def test_every_wire_fault_is_a_typed_error_with_a_vietnamese_message(
        scanner: SbiFingerprintScanner, control: SimulatorControl, fault: Fault,
        error: type[DeviceError]) -> None:
    control.inject(fault)
    with pytest.raises(error) as raised:
        thumbs(scanner)
    assert raised.value.message and any(ch in raised.value.message for ch in "ảạấệịộ")
    control.reconnect()
    assert thumbs(scanner).image.size  # the next capture is clean


def test_slap_fingers_come_segmented_and_laid_out(scanner: SbiFingerprintScanner) -> None:
    capture = scanner.capture_slap(Slap.LEFT_FOUR, timeout_s=5.0, cancel=threading.Event(),
                                   missing=frozenset({Finger.LEFT_RING}))
    assert set(capture.fingers) == {Finger.LEFT_LITTLE, Finger.LEFT_MIDDLE, Finger.LEFT_INDEX}
    assert capture.image.shape == (1000, 1600) and capture.ppi == 500
    assert capture.quality is not None and 0 <= capture.quality <= 100


def test_single_finger_and_single_finger_devices(scanner: SbiFingerprintScanner) -> None:
    capture = scanner.capture_finger(Finger.RIGHT_INDEX, timeout_s=5.0,
                                     cancel=threading.Event())
    assert capture.finger is Finger.RIGHT_INDEX and capture.image.ndim == 2
    single = SbiFingerprintScanner(
        scanner.endpoint.__class__(**{**scanner.endpoint.__dict__, "device_sub_type": "Single"}),
        TrustStore([keys()[0].certificate]))
    with pytest.raises(DeviceUnsupported):
        thumbs(single)


def test_admin_endpoints_change_the_device_live(service: SbiService,
                                                scanner: SbiFingerprintScanner) -> None:
    admin(service, "/admin/score", {"type": "Finger", "qualityScore": "44.44"})
    assert thumbs(scanner).quality == pytest.approx(44.44)
    admin(service, "/admin/status", {"type": "Finger", "deviceStatus": "Busy"})
    assert scanner.status() is DeviceStatus.BUSY
    admin(service, "/admin/status", {"type": "Finger", "deviceStatus": "Not Registered"})
    assert scanner.status() is DeviceStatus.NOT_READY
    with pytest.raises(DeviceNotReady):
        thumbs(scanner)
    admin(service, "/admin/status", {"type": "Finger", "deviceStatus": "Ready"})
    admin(service, "/admin/delay", {"type": "Finger", "delay": "300", "method": ["RCAPTURE"]})
    started = time.monotonic()
    thumbs(scanner)
    assert time.monotonic() - started >= 0.3
    admin(service, "/admin/fault", {"type": "Finger", "fault": "finger_lifted"})
    with pytest.raises(NothingDetected):
        thumbs(scanner)
    answer = admin(service, "/admin/status", {"type": "Finger", "deviceStatus": "Sleeping"})
    assert answer["error"]["errorCode"] == "999"


def test_profile_changes_whose_fingers_the_device_sees(service: SbiService,
                                                       scanner: SbiFingerprintScanner) -> None:
    first = thumbs(scanner).fingers[Finger.LEFT_THUMB]
    admin(service, "/admin/profile", {"type": "Finger", "profileId": "another-citizen"})
    assert service.devices[0].control.subject == "another-citizen"
    assert thumbs(scanner).fingers[Finger.LEFT_THUMB].tobytes() != first.tobytes()


def test_preview_streams_jpeg_frames_and_releases_the_connection(
        service: SbiService, trust: TrustStore) -> None:
    camera: Any = connect(next(e for e in discover([service.port]) if e.bio_type == "Face"),
                          trust)
    stream = camera.preview(timeout_s=5.0, cancel=threading.Event())
    frames = [next(stream) for _ in range(5)]
    stream.close()
    assert all(frame.shape == (480, 640, 3) for frame in frames)


def test_tampered_hash_chain_and_foreign_transaction_are_refused(
        service: SbiService, trust: TrustStore) -> None:
    request = {"specVersion": "0.9.5", "timeout": "5000", "transactionId": "tx-1",
               "bio": [{"type": "Face", "count": "1", "deviceSubId": "0"}]}
    answer = exchange(service.port, "RCAPTURE", "/capture", request, timeout_s=5.0)
    assert verify_capture(answer, trust=trust, transaction_id="tx-1", spec_version="0.9.5",
                          bio_type="Face")
    with pytest.raises(UntrustedDevice):
        verify_capture(answer, trust=trust, transaction_id="tx-2", spec_version="0.9.5",
                       bio_type="Face")
    answer["biometrics"][0]["hash"] = "0" * 64
    with pytest.raises(UntrustedDevice):
        verify_capture(answer, trust=trust, transaction_id="tx-1", spec_version="0.9.5",
                       bio_type="Face")


def test_bad_requests_get_sbi_error_codes(service: SbiService) -> None:
    answer = exchange(service.port, "RCAPTURE", "/capture",
                      {"transactionId": "no spaces allowed", "bio": []}, timeout_s=5.0)
    assert answer["error"]["errorCode"] == "112"


def test_a_stopped_service_reads_as_disconnected(service: SbiService,
                                                 scanner: SbiFingerprintScanner) -> None:
    service.stop()
    assert scanner.status() is DeviceStatus.DISCONNECTED
    with pytest.raises(DeviceNotConnected):
        thumbs(scanner)


def test_command_line_service_listens_and_writes_its_trust(tmp_path: Any) -> None:
    trust_file = tmp_path / "sbi-ca.pem"
    with subprocess.Popen(
            [sys.executable, "-m", "device_simulators", "sbi", "--port", "0", "--latency", "0",
             "--trust-out", str(trust_file)], stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            port = json.loads(process.stdout.readline())["port"]
            device = connect(next(e for e in discover([port]) if e.bio_type == "Iris"),
                             TrustStore.from_pem(trust_file.read_bytes()))
            assert device.verify_identity().serial == "SIMSBIIR000001"
        finally:
            process.terminate()
            assert process.wait(timeout=10) == 0


def test_a_service_speaking_only_sbi_1_0_verbs_is_found_and_trusted(
        service: SbiService, trust: TrustStore) -> None:
    handler = service._server.RequestHandlerClass
    del handler.do_MOSIPDISC, handler.do_MOSIPDINFO  # answers 501 to the 0.9.5 verbs now
    device = connect(next(e for e in discover([service.port]) if e.bio_type == "Finger"), trust)
    assert device.verify_identity().serial == "SIMSBIFP000001"
    assert device.status() is DeviceStatus.READY


def test_segments_without_positions_are_laid_out_in_finger_order() -> None:
    fingers = {finger: np.full((300, 200), 40, np.uint8) for finger in
               (Finger.LEFT_LITTLE, Finger.LEFT_INDEX)}
    platen = lay_out_slap(Slap.LEFT_FOUR, fingers)
    assert platen.shape == (1000, 1600)
    dark_columns = np.flatnonzero((platen < 128).any(axis=0))
    assert dark_columns.min() < 400 and dark_columns.max() >= 1200  # little left, index right
