"""SBI devices as the kiosk's device kinds: discovery by port scan, then one backend object per
discovered device (slap or single-finger scanner, iris camera, face camera)."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import cv2
import numpy as np

from kiosk.devices.base import (
    SLAP_FINGERS,
    ColourImage,
    CorruptPayload,
    DeviceBusy,
    DeviceError,
    DeviceInfo,
    DeviceKind,
    DeviceNotConnected,
    DeviceStatus,
    DeviceTimeout,
    DeviceUnsupported,
    Eye,
    FaceCapture,
    Finger,
    FingerCapture,
    GreyImage,
    IrisCapture,
    Slap,
    SlapCapture,
)
from kiosk.devices.sbi.jws import JwsError, TrustStore, unsigned_payload
from kiosk.devices.sbi.protocol import CapturedItem, raise_for_error, verified_info, verify_capture
from kiosk.devices.sbi.transport import exchange, open_stream, port_open

PORTS = range(4501, 4601)  # SBI binds one of these on 127.0.0.1
SPEC_VERSION = "0.9.5"  # what MOSIP's client and MockMDS speak; SBI 1.0 services accept it
CALL_TIMEOUT_S = 5.0  # discovery and info (MOSIP: 5000 ms)
SLAP_SUB_ID = {Slap.LEFT_FOUR: 1, Slap.RIGHT_FOUR: 2, Slap.THUMBS: 3}
FINGER_NAMES = {
    Finger.LEFT_INDEX: "Left IndexFinger", Finger.LEFT_MIDDLE: "Left MiddleFinger",
    Finger.LEFT_RING: "Left RingFinger", Finger.LEFT_LITTLE: "Left LittleFinger",
    Finger.LEFT_THUMB: "Left Thumb", Finger.RIGHT_INDEX: "Right IndexFinger",
    Finger.RIGHT_MIDDLE: "Right MiddleFinger", Finger.RIGHT_RING: "Right RingFinger",
    Finger.RIGHT_LITTLE: "Right LittleFinger", Finger.RIGHT_THUMB: "Right Thumb",
}
FINGER_OF_NAME = {name: finger for finger, name in FINGER_NAMES.items()}
KIND_OF_TYPE = {"Finger": DeviceKind.FINGERPRINT, "Face": DeviceKind.FACE,
                "Iris": DeviceKind.IRIS}
SBI_STATUS = {"Ready": DeviceStatus.READY, "Busy": DeviceStatus.BUSY,
              "Not Ready": DeviceStatus.NOT_READY, "Not Registered": DeviceStatus.NOT_READY}
PPI = 500  # SBI registration fingerprints are ISO 19794-4 at 500 ppi or more


@dataclass(frozen=True)
class Endpoint:
    """One device a service on ``port`` announced in discovery."""

    port: int
    device_id: str
    bio_type: str  # "Finger", "Face", "Iris"
    device_sub_type: str  # "Slap", "Single", "Double", "Full face", ...
    serial: str
    make: str
    model: str

    @property
    def kind(self) -> DeviceKind:
        return KIND_OF_TYPE[self.bio_type]


def discover(ports: range | list[int] = PORTS, *, timeout_s: float = CALL_TIMEOUT_S,
             workers: int = 16) -> list[Endpoint]:
    """Every device announced on the ports (MOSIP scans the same way, in parallel)."""
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sbi-scan") as pool:
        found = pool.map(lambda port: _discover_port(port, timeout_s), ports)
        return [endpoint for endpoints in found for endpoint in endpoints]


def _discover_port(port: int, timeout_s: float) -> list[Endpoint]:
    if not port_open(port):
        return []
    answer = discovery_answer(port, {"type": "Biometric Device", "specVersion": SPEC_VERSION},
                              timeout_s)
    return [e for e in (_endpoint(port, item) for item in answer) if e is not None]


def discovery_answer(port: int, body: dict[str, Any], timeout_s: float) -> list[Any]:
    """The device list a service announces: 0.9.5's verb first, then SBI 1.0's; [] if it
    answers neither (or is not an SBI service)."""
    for verb in ("MOSIPDISC", "SBIDISC"):
        try:
            answer = exchange(port, verb, "/device", body, timeout_s=timeout_s)
        except DeviceError:
            continue
        if isinstance(answer, list):
            return answer
    return []


def _endpoint(port: int, item: Any) -> Endpoint | None:
    if not isinstance(item, dict) or ("deviceId" not in item and "serialNo" not in item):
        return None
    try:  # discovery's digital id is unsigned: it only names the device until info verifies
        digital = json.loads(unsigned_payload(str(item.get("digitalId", ""))))
    except (ValueError, JwsError):
        return None
    if not isinstance(digital, dict):
        return None
    bio_type = str(digital.get("type") or "")
    if bio_type not in KIND_OF_TYPE:
        return None
    return Endpoint(port, str(item.get("deviceId") or item.get("serialNo")), bio_type,
                    str(digital.get("deviceSubType") or ""),
                    str(item.get("serialNo") or digital.get("serialNo") or item.get("deviceId")),
                    str(digital.get("make") or ""), str(digital.get("model") or ""))


class SbiDevice:
    """What every SBI kind shares: identity from the signed device info, status from
    discovery, one capture at a time, and RCAPTURE with its answer verified."""

    def __init__(self, endpoint: Endpoint, trust: TrustStore, backend_name: str = "sbi") -> None:
        self.endpoint = endpoint
        self._trust = trust
        self._info = DeviceInfo(endpoint.kind, backend_name,
                                endpoint.model or endpoint.device_sub_type, endpoint.serial,
                                simulated=False, vendor=endpoint.make,
                                takes_slaps=endpoint.device_sub_type != "Single")
        self._capturing = threading.Lock()

    def info(self) -> DeviceInfo:
        return self._info

    def status(self) -> DeviceStatus:
        if self._capturing.locked():
            return DeviceStatus.BUSY
        answer = discovery_answer(self.endpoint.port, {"type": self.endpoint.bio_type}, 2.0)
        for item in answer:
            if isinstance(item, dict) and str(item.get("deviceId")) == self.endpoint.device_id:
                code = str((item.get("error") or {}).get("errorCode", "0"))
                if code in ("202", "106"):
                    return DeviceStatus.DISCONNECTED
                return SBI_STATUS.get(str(item.get("deviceStatus")), DeviceStatus.NOT_READY)
        return DeviceStatus.DISCONNECTED

    def verify_identity(self) -> DeviceInfo:
        """Ask the service for its signed device info; raises if it does not verify."""
        body = {"type": self.endpoint.bio_type, "specVersion": SPEC_VERSION}
        try:
            answer = exchange(self.endpoint.port, "MOSIPDINFO", "/info", body,
                              timeout_s=CALL_TIMEOUT_S)
        except DeviceError:
            answer = None
        if not isinstance(answer, list):  # a service that speaks only SBI 1.0's verbs
            answer = exchange(self.endpoint.port, "SBIINFO", "/info", body,
                              timeout_s=CALL_TIMEOUT_S)
        for element in answer if isinstance(answer, list) else []:
            info = verified_info(element, self._trust)
            if str(info.get("deviceId")) == self.endpoint.device_id:
                digital = info["digitalId"]
                return DeviceInfo(self._info.kind, self._info.backend,
                                  str(digital.get("model") or self._info.model),
                                  str(digital.get("serialNo") or self._info.serial),
                                  simulated=False, vendor=str(digital.get("make") or ""),
                                  takes_slaps=self._info.takes_slaps)
        raise DeviceNotConnected(detail="device absent from MOSIPDINFO")

    def close(self) -> None:
        """Each call opens and closes its own connection: nothing is held between calls."""

    def _rcapture(self, bio: dict[str, Any], *, timeout_s: float,
                  cancel: threading.Event) -> list[CapturedItem]:
        if not self._capturing.acquire(blocking=False):
            raise DeviceBusy()
        try:
            transaction = str(uuid.uuid4())
            # The device gets a little less time than we wait, so its own timeout answer
            # (or its best frame) arrives before ours expires.
            device_timeout_ms = max(50, int(timeout_s * 1000) - 50)
            request = {
                "env": "Developer", "purpose": "Registration", "specVersion": SPEC_VERSION,
                "timeout": str(device_timeout_ms), "transactionId": transaction,
                "captureTime": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "bio": [{"type": self.endpoint.bio_type, "deviceId": self.endpoint.device_id,
                         "previousHash": "", **bio}],
                "customOpts": None,
            }
            answer = exchange(self.endpoint.port, "RCAPTURE", "/capture", request,
                              timeout_s=timeout_s, cancel=cancel)
            return verify_capture(answer, trust=self._trust, transaction_id=transaction,
                                  spec_version=SPEC_VERSION, bio_type=self.endpoint.bio_type)
        finally:
            self._capturing.release()

    def _stream(self, sub_id: int, *, timeout_s: float, cancel: threading.Event
                ) -> Iterator[GreyImage | ColourImage]:
        """The device's M-JPEG preview; every frame read waits at most a second."""
        connection, response = open_stream(self.endpoint.port, {
            "deviceId": self.endpoint.device_id, "deviceSubId": str(sub_id),
            "type": self.endpoint.bio_type, "timeout": str(int(timeout_s * 1000))},
            timeout_s=1.0)
        try:
            if "json" in (response.getheader("Content-Type") or ""):
                raise_for_error(_json(response.read(65536)), "STREAM")
                raise DeviceNotConnected(detail="STREAM refused")
            deadline = time.monotonic() + timeout_s
            while not cancel.is_set() and time.monotonic() < deadline:
                yield _next_jpeg(response)
        except TimeoutError as error:
            raise DeviceTimeout(detail="STREAM stalled") from error
        except OSError as error:
            raise DeviceNotConnected(detail="STREAM closed") from error
        finally:
            connection.close()


def _json(data: bytes) -> Any:
    try:
        return json.loads(data)
    except ValueError as error:
        raise CorruptPayload(detail="STREAM error is not JSON") from error


def _next_jpeg(response: Any) -> ColourImage:
    length = -1
    while True:
        line = response.readline(1024)
        if not line:
            raise DeviceNotConnected(detail="STREAM ended")
        text = line.decode("latin-1").strip()
        if text.lower().startswith("content-length:"):
            length = int(text.split(":", 1)[1])
        elif not text and length >= 0:
            break
    data = response.read(length)
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if image is None:
        raise CorruptPayload(detail="STREAM frame does not decode")
    return np.asarray(image, dtype=np.uint8)


class SbiFingerprintScanner(SbiDevice):
    def capture_slap(self, slap: Slap, *, timeout_s: float, cancel: threading.Event,
                     missing: frozenset[Finger] = frozenset(),
                     requested_quality: int = 0) -> SlapCapture:
        if self.endpoint.device_sub_type == "Single":
            raise DeviceUnsupported()
        expected = [f for f in SLAP_FINGERS[slap] if f not in missing]
        items = self._rcapture({
            "count": str(len(expected)), "bioSubType": [FINGER_NAMES[f] for f in expected],
            "exception": [FINGER_NAMES[f] for f in sorted(missing) if f in SLAP_FINGERS[slap]],
            "requestedScore": str(requested_quality), "deviceSubId": str(SLAP_SUB_ID[slap]),
        }, timeout_s=timeout_s, cancel=cancel)
        named = [item for item in items if item.bio_sub_type in FINGER_OF_NAME]
        if not named:
            raise CorruptPayload(detail="no finger named in the slap answer")
        fingers = {FINGER_OF_NAME[item.bio_sub_type]: item.image for item in named}
        corners = {FINGER_OF_NAME[item.bio_sub_type]: item.corner for item in named
                   if item.corner is not None}
        quality = sum(item.quality for item in items) / len(items)
        image = (place_on_platen(fingers, corners) if len(corners) == len(fingers)
                 else lay_out_slap(slap, fingers))
        return SlapCapture(slap, image, PPI, self._info, quality, fingers=fingers)

    def capture_finger(self, finger: Finger, *, timeout_s: float, cancel: threading.Event,
                       requested_quality: int = 0) -> FingerCapture:
        items = self._rcapture({"count": "1", "bioSubType": [FINGER_NAMES[finger]],
                                "exception": [], "requestedScore": str(requested_quality),
                                "deviceSubId": "0"}, timeout_s=timeout_s, cancel=cancel)
        return FingerCapture(finger, items[0].image, PPI, self._info, items[0].quality)


def place_on_platen(fingers: dict[Finger, GreyImage], corners: dict[Finger, tuple[int, int]]
                    ) -> GreyImage:
    """The slap as it lay, from segments and the positions the device reported: the hand's
    shape (fingertip heights) survives, so the wrong hand can be told."""
    canvas = np.full((1000, 1600), 255, np.uint8)
    for finger, image in fingers.items():
        x, y = corners[finger]
        h, w = min(image.shape[0], 1000 - y), min(image.shape[1], 1600 - x)
        if h > 0 and w > 0:
            region = canvas[y:y + h, x:x + w]
            np.minimum(region, image[:h, :w], out=region)  # ridges are dark: overlaps keep them
    return canvas


def lay_out_slap(slap: Slap, fingers: dict[Finger, GreyImage]) -> GreyImage:
    """A segmenting scanner sends each finger alone; lay them out left to right on a white
    1600 x 1000 platen, in their places, so a slap is a slap whichever device took it."""
    canvas = np.full((1000, 1600), 255, np.uint8)
    places = SLAP_FINGERS[slap]
    step = 1600 // len(places)
    for index, finger in enumerate(places):
        image = fingers.get(finger)
        if image is None:
            continue
        h, w = min(image.shape[0], 1000), min(image.shape[1], step)
        x = index * step + (step - w) // 2
        y = (1000 - h) // 2
        canvas[y:y + h, x:x + w] = image[:h, :w]
    return canvas


class SbiIrisScanner(SbiDevice):
    def capture_irises(self, *, timeout_s: float, cancel: threading.Event,
                       missing: frozenset[Eye] = frozenset(),
                       requested_quality: int = 0) -> IrisCapture:
        wanted = [eye for eye in Eye if eye not in missing]
        items = self._rcapture({
            "count": str(len(wanted)), "bioSubType": [eye.value.title() for eye in wanted],
            "exception": [eye.value.title() for eye in sorted(missing)],
            "requestedScore": str(requested_quality), "deviceSubId": "3",
        }, timeout_s=timeout_s, cancel=cancel)
        images = {Eye(item.bio_sub_type.lower()): item.image for item in items
                  if item.bio_sub_type.lower() in ("left", "right")}
        return IrisCapture(images, self._info)


class SbiFaceCamera(SbiDevice):
    def capture_face(self, *, timeout_s: float, cancel: threading.Event,
                     requested_quality: int = 0) -> FaceCapture:
        items = self._rcapture({"count": "1", "bioSubType": None, "exception": [],
                                "requestedScore": str(requested_quality), "deviceSubId": "0"},
                               timeout_s=timeout_s, cancel=cancel)
        image = items[0].image
        if image.ndim == 2:
            image = np.asarray(cv2.cvtColor(image, cv2.COLOR_GRAY2BGR), dtype=np.uint8)
        return FaceCapture(image, self._info)

    def preview(self, *, timeout_s: float, cancel: threading.Event) -> Iterator[ColourImage]:
        for image in self._stream(0, timeout_s=timeout_s, cancel=cancel):
            yield np.asarray(image, dtype=np.uint8)


SBI_CLASSES: dict[DeviceKind, type[SbiDevice]] = {
    DeviceKind.FINGERPRINT: SbiFingerprintScanner, DeviceKind.IRIS: SbiIrisScanner,
    DeviceKind.FACE: SbiFaceCamera,
}


def connect(endpoint: Endpoint, trust: TrustStore, backend_name: str = "sbi") -> SbiDevice:
    return SBI_CLASSES[endpoint.kind](endpoint, trust, backend_name)


class SbiFinder:
    """The device manager's finder for one kind: scans the SBI ports and keeps one backend
    object per device serial, following a service that comes back on another port."""

    def __init__(self, kind: DeviceKind, trust: TrustStore, ports: range | list[int] = PORTS,
                 backend_name: str = "sbi") -> None:
        self._kind = kind
        self._trust = trust
        self._ports = ports
        self._backend_name = backend_name
        self._known: dict[str, SbiDevice] = {}

    def __call__(self) -> list[SbiDevice]:
        found = []
        for endpoint in discover(self._ports):
            if endpoint.kind is not self._kind:
                continue
            device = self._known.get(endpoint.serial)
            if device is None:
                device = connect(endpoint, self._trust, self._backend_name)
                self._known[endpoint.serial] = device
            else:
                device.endpoint = endpoint
            found.append(device)
        return found


def parse_ports(text: str | int) -> range:
    """``"4501-4600"`` or ``4501``."""
    first, _, last = str(text).partition("-")
    return range(int(first), int(last or first) + 1)
