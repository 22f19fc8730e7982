"""The outbox: sealed packets waiting for the centre, as files under DATA_DIR/outbox.

A packet is written to ``queued/`` atomically; once the centre (or the folder of an offline
team's USB drive) has it, it moves to ``sent/`` with the receipt beside it, which says who took
it: only the centre's receipt confirms the case (:meth:`Outbox.confirmed`). Files, not rows:
a mobile team can carry the queue on a drive, and a crash between "sent" and "moved" only
means one more send — which the centre accepts as the same case (the case code is the
idempotency key; a different packet for a case already received is refused, not added).
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from kiosk import backoff
from kiosk.storage.crypto import atomic_write

SUFFIX = ".kpk"
PENDING = ".pending"  # a closed case whose packet is built at the next send
CENTRE, DRIVE = "centre", "drive"  # who took a packet (a receipt's "by")


class SendFailed(Exception):
    """Not delivered this time; ``message`` says what to do (Vietnamese). ``retry`` is False
    when sending again cannot help (the centre refused the packet)."""

    def __init__(self, message: str, *, retry: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.retry = retry


class Build(Protocol):
    def __call__(self, case_code: str) -> bytes:
        """The sealed packet of a closed case; raises an error with a ``message``."""
        ...


class Sender(Protocol):
    # Who takes the packets: CENTRE (the central system has it) or DRIVE (a copy the centre
    # imports later, which confirms nothing yet).
    taken_by: str

    def send(self, case_code: str, packet: bytes) -> str:
        """Deliver; the receipt (the centre's answer) or SendFailed."""
        ...


@dataclass(frozen=True)
class Outcome:
    sent: list[str]
    failed: dict[str, str]  # case code -> the message


class Outbox:
    def __init__(self, folder: Path, clock: Callable[[], datetime] = datetime.now) -> None:
        self.queued = folder / "queued"
        self.sent = folder / "sent"
        self.clock = clock

    def confirmed(self) -> dict[str, datetime]:
        """Case code -> when the centre took its packet: the retention period of the case's
        biometrics runs from then. A copy to a drive confirms nothing (the centre has not
        imported it yet), nor does a receipt that does not say who took it."""
        found: dict[str, datetime] = {}
        for path in self.sent.glob("*.receipt.json") if self.sent.is_dir() else []:
            try:
                receipt = json.loads(path.read_text(encoding="utf-8"))
                if receipt.get("by") == CENTRE:
                    found[path.name.removesuffix(".receipt.json")] = datetime.fromisoformat(
                        receipt["confirmed_at"])
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                continue  # an unreadable receipt confirms nothing: the images stay
        return found

    def put(self, case_code: str, packet: bytes) -> Path:
        """Queue a packet; a case queued again replaces its unsent packet."""
        path = self.queued / f"{case_code}{SUFFIX}"
        atomic_write(path, packet)
        self._pending(case_code).unlink(missing_ok=True)
        return path

    def _pending(self, case_code: str) -> Path:
        return self.queued / f"{case_code}{PENDING}"

    def request(self, case_code: str) -> None:
        """A case closed: its packet is built at the next send (closing stays instant, and
        the centre's key is needed only where packets are sent)."""
        if not any((folder / f"{case_code}{SUFFIX}").exists()
                   for folder in (self.queued, self.sent)):
            atomic_write(self._pending(case_code), b"")

    def waiting(self) -> list[str]:
        if not self.queued.is_dir():
            return []
        return sorted({p.name.removesuffix(SUFFIX).removesuffix(PENDING)
                       for p in self.queued.iterdir()
                       if p.name.endswith((SUFFIX, PENDING))})

    def delivered(self) -> list[str]:
        return sorted(p.stem for p in self.sent.glob(f"*{SUFFIX}")) if self.sent.is_dir() else []

    def send_all(self, sender: Sender, build: Build | None = None) -> Outcome:
        """Send every queued packet once, oldest case code first, building those only
        requested with ``build``; a failure leaves that case queued and goes on."""
        sent, failed = [], {}
        for code in self.waiting():
            path = self.queued / f"{code}{SUFFIX}"
            try:
                if not path.exists():
                    if build is None:
                        raise SendFailed("Gói hồ sơ chưa được lập: chạy kiosk outbox send.")
                    self.put(code, build(code))
                receipt = sender.send(code, path.read_bytes())
            except SendFailed as error:
                failed[code] = error.message
                continue
            atomic_write(self.sent / f"{code}.receipt.json", json.dumps(
                {"confirmed_at": self.clock().isoformat(timespec="seconds"),
                 "by": sender.taken_by, "answer": receipt}, ensure_ascii=False).encode())
            os.replace(path, self.sent / path.name)
            sent.append(code)
        return Outcome(sent, failed)


class FolderSender:
    """An offline team's drive: the packet is copied there (the centre imports it later)."""

    taken_by = DRIVE

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, case_code: str, packet: bytes) -> str:
        try:
            atomic_write(self.folder / f"{case_code}{SUFFIX}", packet)
        except OSError as error:
            raise SendFailed(f"Không ghi được vào {self.folder}: kiểm tra ổ USB đã cắm và còn "
                             "chỗ trống, rồi gửi lại.") from error
        return json.dumps({"copied_to": str(self.folder),
                           "sha256": hashlib.sha256(packet).hexdigest()})


class HttpSender:
    """PUT {url}/packets/{case code}: 200 or 201 is delivered (a resend of the same packet
    is answered 200, not a second case); 409 is refused for good; network failures, 429 and
    5xx are retried with exponential backoff, then left queued."""

    taken_by = CENTRE

    def __init__(self, url: str, *, context: ssl.SSLContext | None = None,
                 timeout_s: float = 10.0, attempts: int = 4, backoff_s: float = 0.5,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.url = url.rstrip("/")
        self.context = context
        self.timeout_s = timeout_s
        self.attempts = attempts
        self.backoff_s = backoff_s
        self.sleep = sleep

    def _put(self, case_code: str, packet: bytes) -> tuple[int, str]:
        request = urllib.request.Request(
            f"{self.url}/packets/{case_code}", data=packet, method="PUT",
            headers={"Content-Type": "application/octet-stream",
                     "X-Packet-SHA256": hashlib.sha256(packet).hexdigest()})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s,
                                        context=self.context) as answer:
                return answer.status, answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def send(self, case_code: str, packet: bytes) -> str:
        for _attempt in backoff.attempts(self.attempts, self.backoff_s, self.sleep):
            try:
                status, body = self._put(case_code, packet)
            except (urllib.error.URLError, OSError, http.client.HTTPException):
                continue  # offline, refused, timed out, cut off: try again, then leave queued
            if status in (200, 201):
                return body
            if 400 <= status < 500 and status != 429:  # 409: another packet for this case
                raise SendFailed(f"Hệ thống trung tâm từ chối gói hồ sơ {case_code} (mã "
                                 f"{status}). Báo quản trị viên; gói vẫn nằm trong hàng đợi.",
                                 retry=False)
        raise SendFailed("Không gửi được lên hệ thống trung tâm (mất kết nối hoặc máy chủ "
                         "bận). Gói hồ sơ vẫn nằm trong hàng đợi; gửi lại khi có mạng.")
