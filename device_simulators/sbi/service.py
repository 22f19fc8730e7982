"""An SBI device service: the custom HTTP verbs of MOSIP SBI 0.9.5 and 1.0 on 127.0.0.1,
signed answers, and MockMDS-style admin endpoints a trainer or a test drives live.

Verbs: ``MOSIPDISC``/``SBIDISC /device``, ``MOSIPDINFO``/``SBIINFO /info``,
``RCAPTURE /capture``, ``STREAM /stream``. Admin (plain POST): ``/admin/status``,
``/admin/score``, ``/admin/delay``, ``/admin/profile`` as in MockMDS, plus ``/admin/fault``
(queue a simulator fault) and ``/admin/reconnect``. Each answer is one connection
(``Connection: close``), so no socket outlives its request.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import select
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from device_simulators.behaviour import Fault, SimulatorControl
from device_simulators.face import compose as compose_face
from device_simulators.fingerprint import compose_finger_image, compose_slap_fingers
from device_simulators.iris import compose as compose_irises
from device_simulators.sbi.records import record
from device_simulators.synthetic.face import preview_frame
from kiosk.biometrics.quality import judge_face, judge_iris, judge_slap
from kiosk.devices.base import (
    CaptureCancelled,
    DeviceBusy,
    DeviceError,
    DeviceNotConnected,
    DeviceNotReady,
    DeviceTimeout,
    Eye,
    Finger,
    NothingDetected,
    Slap,
)
from kiosk.devices.sbi.devices import FINGER_NAMES as SUBTYPE_OF_FINGER
from kiosk.devices.sbi.devices import FINGER_OF_NAME as FINGER_OF_SUBTYPE
from kiosk.devices.sbi.jws import SigningKey, b64url_encode, issue_authority, issue_device_key

SPEC_VERSIONS = ["0.9.5", "1.0.0"]
SLAP_OF_SUB_ID = {1: Slap.LEFT_FOUR, 2: Slap.RIGHT_FOUR, 3: Slap.THUMBS}
TRANSACTION_ID = re.compile(r"^[A-Za-z0-9-]{4,50}$")
STREAM_FPS = 25.0
STALE_BY = timedelta(minutes=10)

# Error codes of SBI 0.9.5 (and MockMDS's own for capture state).
ERRORS = {
    NothingDetected: ("101", "Unable to detect a biometric object"),
    DeviceNotConnected: ("202", "No Device Connected."),
    DeviceNotReady: ("110", "Device is not ready"),
    DeviceBusy: ("111", "Device is Busy"),
    DeviceTimeout: ("701", "Capture timed out"),
    CaptureCancelled: ("702", "Capture stopped: the client went away"),
}


@dataclass(frozen=True)
class Item:
    sub_type: str
    image: npt.NDArray[np.uint8]
    position: int  # ISO finger position or eye
    score: float
    corner: tuple[int, int] | None = None  # top-left on the platen, for a slap's finger


class RequestRefused(Exception):
    def __init__(self, code: str, info: str) -> None:
        super().__init__(info)
        self.code, self.info = code, info


@dataclass
class SbiDevice:
    """One device the service exposes (MockMDS keeps one per biometric type)."""

    bio_type: str  # "Finger", "Face", "Iris"
    device_sub_type: str  # "Slap", "Single", "Double", "Full face"
    sub_ids: list[int]
    serial: str
    model: str
    control: SimulatorControl = field(default_factory=SimulatorControl)
    status_override: str | None = None  # set by /admin/status
    score_override: float | None = None  # set by /admin/score
    delays_ms: dict[str, int] = field(default_factory=dict)  # verb -> extra latency
    capturing: threading.Lock = field(default_factory=threading.Lock)

    @property
    def device_id(self) -> str:
        return self.serial

    def status(self) -> str:
        if self.status_override:
            return self.status_override
        if not self.control.connected:
            return "Not Ready"
        return "Busy" if self.capturing.locked() else "Ready"


def standard_devices(control: Callable[[str], SimulatorControl] | None = None
                     ) -> list[SbiDevice]:
    """A slap scanner, a dual iris camera and a face camera, as MockMDS emulates them."""
    make = control or (lambda _kind: SimulatorControl(latency_s=0.6))
    return [
        SbiDevice("Finger", "Slap", [1, 2, 3], "SIMSBIFP000001", "SLAP-SIM", make("fingerprint")),
        SbiDevice("Iris", "Double", [3], "SIMSBIIR000001", "IRIS-SIM", make("iris")),
        SbiDevice("Face", "Full face", [0], "SIMSBIFA000001", "FACE-SIM", make("face")),
    ]


class SbiService:
    """Start with :meth:`start`; stop with :meth:`stop` (joins its thread, closes its socket)."""

    def __init__(self, devices: list[SbiDevice], *, port: int = 0,
                 authority: SigningKey | None = None, device_key: SigningKey | None = None
                 ) -> None:
        self.devices = devices
        self.authority = authority or issue_authority("Kiosk SBI simulator CA")
        self.device_key = device_key or issue_device_key(self.authority,
                                                         "Kiosk SBI simulator device")
        self.last_device_time_s = 0.0  # time the last RCAPTURE spent in the "device"
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> SbiService:
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={
            "poll_interval": 0.05}, name=f"sbi-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> SbiService:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def device(self, bio_type: str) -> SbiDevice:
        for device in self.devices:
            if device.bio_type.lower() == bio_type.lower():
                return device
        raise RequestRefused("106", f"Device not found: {bio_type}")

    def matching(self, bio_type: str) -> list[SbiDevice]:
        if bio_type in ("", "Biometric Device"):
            return self.devices
        return [d for d in self.devices if d.bio_type.lower() == bio_type.lower()]

    # ---- answers -------------------------------------------------------------------------

    def digital_id(self, device: SbiDevice) -> dict[str, Any]:
        return {"serialNo": device.serial, "make": "Kiosk", "model": device.model,
                "type": device.bio_type, "deviceSubType": device.device_sub_type,
                "deviceProvider": "Kiosk simulator", "deviceProviderId": "KIOSK.SIM",
                "dateTime": _timestamp(datetime.now(UTC))}

    def discovery(self, device: SbiDevice) -> dict[str, Any]:
        status = device.status()
        error = ({"errorCode": "202", "errorInfo": "No Device Connected."}
                 if not device.control.connected else {"errorCode": "0", "errorInfo": "Success"})
        return {"deviceId": device.device_id, "serialNo": device.serial, "deviceStatus": status,
                "certification": "L0", "serviceVersion": "1.0",
                "deviceSubId": [str(i) for i in device.sub_ids],
                "callbackId": f"http://127.0.0.1:{self.port}/",
                "digitalId": b64url_encode(json.dumps(self.digital_id(device)).encode()),
                "deviceCode": device.serial, "specVersion": SPEC_VERSIONS,
                "purpose": "Registration", "error": error}

    def info(self, device: SbiDevice) -> dict[str, Any]:
        payload = self.discovery(device)
        payload.pop("error")
        payload.update(firmware="SIM-1.0", env="Developer",
                       digitalId=self.device_key.sign(self.digital_id(device)))
        return {"deviceInfo": self.device_key.sign(payload),
                "error": {"errorCode": "0", "errorInfo": "Success"}}

    def rcapture(self, request: dict[str, Any], cancel: threading.Event) -> dict[str, Any]:
        transaction = str(request.get("transactionId", ""))
        if not TRANSACTION_ID.match(transaction):
            raise RequestRefused("112", "Invalid Transaction ID")
        spec = str(request.get("specVersion", "0.9.5"))
        bios = request.get("bio")
        if not isinstance(bios, list) or len(bios) != 1 or not isinstance(bios[0], dict):
            raise RequestRefused("109", "One bio element is expected")
        bio = bios[0]
        device = self.device(str(bio.get("type", "")))
        timeout_s = float(request.get("timeout", 10000)) / 1000
        if device.status_override in ("Not Ready", "Not Registered"):
            raise RequestRefused("110", "Device is not ready")
        if not device.capturing.acquire(blocking=False):
            raise RequestRefused("703", "Capture already in progress")
        try:
            _sleep(device.delays_ms.get("RCAPTURE", 0) / 1000, cancel)
            fault = device.control.run_capture(timeout_s, cancel, transport_in_process=False)
            items = self._images(device, bio, fault)
        finally:
            device.capturing.release()
        return {"biometrics": self._signed(device, items, transaction, spec, fault=fault,
                                           requested=str(bio.get("requestedScore", "0")))}

    def _images(self, device: SbiDevice, bio: dict[str, Any], fault: Fault | None
                ) -> list[Item]:
        """What each item captured is: its bioSubType, image, ISO position, quality score and,
        for a slap's fingers, where the finger lay on the platen."""
        number = device.control.next_capture_number()
        subject = device.control.subject
        exceptions = {str(e) for e in bio.get("exception") or []}
        if device.bio_type == "Face":
            image = compose_face(subject, number, fault)
            return [Item("", image, 0, judge_face(image).score)]
        if device.bio_type == "Iris":
            eyes = compose_irises(subject, number, fault,
                                  frozenset(eye for eye in Eye if eye.value.title() in exceptions))
            return [Item(eye.value.title(), image, 1 if eye is Eye.RIGHT else 2,
                         judge_iris(image).score) for eye, image in sorted(eyes.items())]
        sub_types = [str(s) for s in bio.get("bioSubType") or []]
        if device.device_sub_type == "Single" or (len(sub_types) == 1 and
                                                  sub_types[0] in FINGER_OF_SUBTYPE):
            finger = FINGER_OF_SUBTYPE.get(sub_types[0] if sub_types else "", Finger.RIGHT_INDEX)
            image = compose_finger_image(subject, finger, number, fault)
            return [Item(SUBTYPE_OF_FINGER[finger], image, int(finger.value),
                         judge_slap(image, 1).score)]
        slap = SLAP_OF_SUB_ID.get(int(bio.get("deviceSubId", 0) or 0))
        if slap is None:
            raise RequestRefused("109", "deviceSubId must be 1, 2 or 3 for a slap")
        missing = frozenset(FINGER_OF_SUBTYPE[e] for e in exceptions if e in FINGER_OF_SUBTYPE)
        _slap, fingers = compose_slap_fingers(subject, slap, number, fault, missing)
        return [Item(SUBTYPE_OF_FINGER[finger], image, int(finger.value),
                     judge_slap(image, 1).score, corner)
                for finger, (image, corner) in fingers.items()]

    def _signed(self, device: SbiDevice, items: list[Item], transaction: str, spec: str, *,
                fault: Fault | None, requested: str) -> list[dict[str, Any]]:
        now = datetime.now(UTC) - (STALE_BY if fault is Fault.STALE_TIMESTAMP else timedelta())
        previous = hashlib.sha256(b"").hexdigest().upper()
        answers = []
        for item in items:
            sub_type, image, position, score = item.sub_type, item.image, item.position, item.score
            quality = device.score_override if device.score_override is not None else score
            iso = record(device.bio_type, image, position=position, quality=round(quality))
            if fault is Fault.CORRUPTED_PAYLOAD:
                middle = len(iso) // 2
                iso = iso[:middle] + bytes(b ^ 0x5A for b in iso[middle:middle + 64])
            previous = hashlib.sha256(
                (previous + hashlib.sha256(iso).hexdigest().upper()).encode()).hexdigest().upper()
            payload = {"digitalId": self.device_key.sign(self.digital_id(device)),
                       "deviceCode": device.serial, "deviceServiceVersion": "1.0",
                       "bioType": device.bio_type, "bioSubType": sub_type,
                       "purpose": "Registration", "env": "Developer",
                       "bioValue": b64url_encode(iso), "transactionId": transaction,
                       "timestamp": _timestamp(now), "requestedScore": requested,
                       "qualityScore": f"{quality:.2f}"}
            data = self.device_key.sign(payload)
            if fault is Fault.BAD_SIGNATURE:
                head, body, signature = data.split(".")
                data = f"{head}.{body}.{signature[::-1]}"
            answer: dict[str, Any] = {"specVersion": spec, "data": data, "hash": previous,
                                      "error": {"errorCode": "0", "errorInfo": "Success"}}
            if item.corner is not None:  # SBI 1.0 additionalInfo: where the finger lay
                answer["additionalInfo"] = {"platenX": str(item.corner[0]),
                                            "platenY": str(item.corner[1])}
            answers.append(answer)
        return answers

    def stream_frames(self, device: SbiDevice, sub_id: int) -> Callable[[int], bytes]:
        """The JPEG of preview frame ``n`` (the device's view while nobody captures)."""
        subject = device.control.subject

        def jpeg(n: int) -> bytes:
            if device.bio_type == "Face":
                image: npt.NDArray[np.uint8] = preview_frame(subject, n)
            elif device.bio_type == "Iris":
                image = compose_irises(subject, 10_000 + n % 50, None)[Eye.LEFT]
            else:
                slap = SLAP_OF_SUB_ID.get(sub_id, Slap.LEFT_FOUR)
                image = np.asarray(cv2.resize(
                    compose_slap_fingers(subject, slap, 10_000 + n % 8, None)[0], (640, 400),
                    interpolation=cv2.INTER_AREA), dtype=np.uint8)
            return bytes(cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 80])[1])

        return jpeg

    # ---- admin (MockMDS) -----------------------------------------------------------------

    def admin(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        targets = self.matching(str(body.get("type", "Biometric Device")))
        for device in targets:
            if path == "/admin/status":
                status = str(body.get("deviceStatus", "Ready"))
                if status not in ("Ready", "Busy", "Not Ready", "Not Registered"):
                    raise RequestRefused("999", f"unknown deviceStatus {status!r}")
                device.status_override = None if status == "Ready" else status
            elif path == "/admin/score":
                score = body.get("qualityScore")
                device.score_override = (None if body.get("fromIso") or score in (None, "")
                                         else float(score))
            elif path == "/admin/delay":
                for verb in body.get("method") or ["RCAPTURE"]:
                    device.delays_ms[str(verb)] = int(body.get("delay", 0))
            elif path == "/admin/profile":
                device.control.present(str(body.get("profileId", "Default")))
            elif path == "/admin/fault":
                device.control.inject(Fault(str(body.get("fault"))))
            elif path == "/admin/reconnect":
                device.control.reconnect()
            else:
                raise RequestRefused("999", f"unknown admin endpoint {path}")
        return {"errorCode": "0", "errorInfo": "Success", "devices": len(targets)}


def _timestamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _sleep(seconds: float, cancel: threading.Event) -> None:
    if seconds > 0 and cancel.wait(seconds):
        raise CaptureCancelled()


def _error(code: str, info: str) -> dict[str, Any]:
    return {"error": {"errorCode": code, "errorInfo": info}}


def _handler_for(service: SbiService) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # one answer per connection ("Connection: Closed")
        server_version = "KioskSbiSimulator/1.0"

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: a device service must not log biometric traffic."""

        def _body(self) -> dict[str, Any]:
            length = int(self.headers.get("Content-Length") or 0)
            if not length:
                return {}
            try:
                body = json.loads(self.rfile.read(length))
            except ValueError:
                raise RequestRefused("999", "request body is not JSON") from None
            return body if isinstance(body, dict) else {}

        def _send(self, answer: Any, status: int = 200) -> None:
            data = json.dumps(answer, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("Location", f"http://127.0.0.1:{service.port}")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            with contextlib.suppress(OSError):  # the client went away: nobody to tell
                self.wfile.write(data)

        def _delay(self, verb: str, devices: list[SbiDevice]) -> None:
            longest = max((d.delays_ms.get(verb, 0) for d in devices), default=0)
            time.sleep(longest / 1000)

        def _discover(self) -> None:
            try:
                body = self._body()
                devices = service.matching(str(body.get("type", "Biometric Device")))
                self._delay(self.command, devices)
                self._send([service.discovery(d) for d in devices])
            except RequestRefused as refused:
                self._send([_error(refused.code, refused.info)])

        def _info(self) -> None:
            try:
                body = self._body()
                devices = service.matching(str(body.get("type", "Biometric Device")))
                self._delay(self.command, devices)
                self._send([service.info(d) for d in devices])
            except RequestRefused as refused:
                self._send([_error(refused.code, refused.info)])

        do_MOSIPDISC = do_SBIDISC = _discover  # noqa: N815
        do_MOSIPDINFO = do_SBIINFO = _info  # noqa: N815

        def do_RCAPTURE(self) -> None:
            cancel = threading.Event()
            watcher = threading.Thread(target=_watch_hangup, args=(self.connection, cancel),
                                       daemon=True)
            watcher.start()
            try:
                started = time.perf_counter()
                answer = service.rcapture(self._body(), cancel)
                service.last_device_time_s = time.perf_counter() - started
                self._send(answer)
            except RequestRefused as refused:
                self._send(_error(refused.code, refused.info))
            except DeviceError as error:
                code, info = ERRORS.get(type(error), ("999", "Unknown error"))
                self._send(_error(code, info))
            finally:
                cancel.set()
                watcher.join()

        def do_STREAM(self) -> None:
            try:
                body = self._body()
                device = service.device(str(body.get("type") or _type_of(service, body)))
            except RequestRefused as refused:
                self._send(_error(refused.code, refused.info))
                return
            if not device.control.connected:
                self._send(_error("202", "No Device Connected."))
                return
            timeout_s = float(body.get("timeout", 300_000)) / 1000
            jpeg = service.stream_frames(device, int(body.get("deviceSubId", 1) or 1))
            self.send_response(200)
            self.send_header("Content-Type", "multipart/x-mixed-replace; boundary=--BoundaryString")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            deadline = time.monotonic() + timeout_s
            n = 0
            try:
                while time.monotonic() < deadline and device.control.connected:
                    started = time.monotonic()
                    if not device.capturing.locked():  # no frames while RCAPTURE runs
                        data = jpeg(n)
                        n += 1
                        self.wfile.write(b"--BoundaryString\r\nContent-Type: image/jpeg\r\n"
                                         + f"Content-Length: {len(data)}\r\n\r\n".encode()
                                         + data + b"\r\n")
                        self.wfile.flush()
                    time.sleep(max(0.0, 1 / STREAM_FPS - (time.monotonic() - started)))
            except OSError:
                return  # the client stopped watching

        def do_POST(self) -> None:
            try:
                self._send(service.admin(self.path, self._body()))
            except (RequestRefused, ValueError) as refused:
                code = getattr(refused, "code", "999")
                self._send(_error(code, str(refused)), status=400)

        def do_OPTIONS(self) -> None:
            self.send_response(200)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "OPTIONS, RCAPTURE, CAPTURE, "
                             "MOSIPDINFO, MOSIPDISC, SBIINFO, SBIDISC, STREAM, GET, POST")
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


def _type_of(service: SbiService, body: dict[str, Any]) -> str:
    wanted = str(body.get("deviceId", ""))
    for device in service.devices:
        if device.device_id == wanted:
            return device.bio_type
    raise RequestRefused("106", "Device not found")


def _watch_hangup(connection: socket.socket, done: threading.Event) -> None:
    """Set ``done`` when the client closes its end: a device stops capturing for nobody."""
    while not done.is_set():
        try:
            readable, _, _ = select.select([connection], [], [], 0.05)
            if readable and not connection.recv(1, socket.MSG_PEEK):
                done.set()
        except OSError:
            done.set()


def transaction_id() -> str:
    return str(uuid.uuid4())
