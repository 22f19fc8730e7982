"""One SBI call: a custom HTTP verb with a JSON body to 127.0.0.1, bounded by a deadline and a
cancel event. The request runs on a short-lived thread; when the clerk cancels or the time is
up, the socket is shut so that thread ends at once — no call outlives its timeout and none
leaves a thread or a socket behind."""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
import time
from typing import Any

from kiosk.devices.base import (
    RETRY,
    CaptureCancelled,
    CorruptPayload,
    DeviceError,
    DeviceNotConnected,
    DeviceTimeout,
)

HOST = "127.0.0.1"  # the SBI binds here, never "localhost" (SBI 0.9.5, device discovery)
MAX_ANSWER_BYTES = 64 * 1024 * 1024  # ten fingers of lossless JPEG 2000 fit many times over
SLICE_S = 0.02
APP_NAME = "kiosk-can-cuoc"


def exchange(port: int, verb: str, path: str, body: dict[str, Any] | None, *,
             timeout_s: float, cancel: threading.Event | None = None) -> Any:
    """Send ``verb path`` with ``body`` and return the decoded JSON answer."""
    status, data = _call(port, verb, path, body, timeout_s=timeout_s,
                         cancel=cancel or threading.Event())
    try:
        return json.loads(data)
    except ValueError as error:
        raise CorruptPayload(detail=f"{verb} answer is not JSON (HTTP {status})") from error


def open_stream(port: int, body: dict[str, Any], *, timeout_s: float
                ) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
    """Start a ``STREAM``; the caller reads the multipart answer and closes the connection."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout_s)
    try:
        connection.request("STREAM", "/stream", body=json.dumps(body).encode(),
                           headers=_headers(port))
        return connection, connection.getresponse()
    except BaseException as error:
        connection.close()
        raise _device_error(error, "STREAM") from error


def _headers(port: int) -> dict[str, str]:
    return {"Content-Type": "application/json", "EXT": APP_NAME, "Host": f"{HOST}:{port}"}


def _call(port: int, verb: str, path: str, body: dict[str, Any] | None, *, timeout_s: float,
          cancel: threading.Event) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout_s + 1)
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            payload = json.dumps(body).encode("utf-8") if body is not None else None
            connection.request(verb, path, body=payload, headers=_headers(port))
            response = connection.getresponse()
            outcome["answer"] = (response.status, response.read(MAX_ANSWER_BYTES))
        except BaseException as error:  # handed to the caller's thread below
            outcome["error"] = error

    worker = threading.Thread(target=run, name=f"sbi-{verb.lower()}", daemon=True)
    deadline = time.monotonic() + timeout_s
    worker.start()
    stopped: type[DeviceError] | None = None
    while worker.is_alive():
        if cancel.is_set():
            stopped = CaptureCancelled
            break
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            stopped = DeviceTimeout
            break
        worker.join(min(SLICE_S, remaining))
    if stopped is not None:
        _abort(connection)
        worker.join(2.0)
        raise stopped(detail=f"{verb} on port {port}")
    connection.close()
    if "error" in outcome:
        raise _device_error(outcome["error"], verb)
    status, data = outcome["answer"]
    return int(status), bytes(data)


def _abort(connection: http.client.HTTPConnection) -> None:
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed by the other end
            sock.shutdown(socket.SHUT_RDWR)
    connection.close()


def _device_error(error: BaseException, verb: str) -> DeviceError:
    if isinstance(error, DeviceError):
        return error
    if isinstance(error, TimeoutError | socket.timeout):
        return DeviceTimeout(detail=f"{verb}: socket timeout")
    if isinstance(error, http.client.HTTPException):
        return CorruptPayload(detail=f"{verb}: {type(error).__name__}")
    if isinstance(error, OSError):
        return DeviceNotConnected(
            "Không kết nối được dịch vụ thiết bị (SBI). Kiểm tra dịch vụ của hãng đang chạy, "
            f"rồi {RETRY}.", detail=f"{verb}: {type(error).__name__}")
    return DeviceError(detail=f"{verb}: {type(error).__name__}")


def port_open(port: int, timeout_s: float = 0.2) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=timeout_s):
            return True
    except OSError:
        return False
