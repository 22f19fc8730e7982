"""HTTPS with mutual TLS to the central registry service: bounded waits, retries with
backoff, and kept-alive connections.

Connections. A client keeps up to ``pool_size`` idle HTTP/1.1 connections and reuses them
(a lookup on a kept-alive connection skips the TCP and TLS handshakes); each request has a
connection to itself, so the window's worker threads may call at the same time. A new
connection resumes the TLS session of an earlier one where the server allows it
(``ssl.SSLSession``: one round trip and no certificate work instead of the full mutual
handshake). A kept-alive connection is not used when it has been idle longer than the
server keeps it (``Keep-Alive: timeout``, else ``keepalive_idle_s``) or the server has
closed it meanwhile (the socket reads as closed). If the server closes it just as the
request goes out (no answer, within ``connect_timeout_s``), the request is sent once more on
a new connection, without a backoff and without counting as a failed attempt; only a
request that may be repeated is (a GET, a read POSTed to keep personal data out of URLs,
or a POST carrying its ``Idempotency-Key``). Any other request always gets a new connection
of its own and is never sent twice.

Bounded waiting: an attempt gets ``connect_timeout_s`` to look the name up and connect
(the lookup on its own thread: getaddrinfo has no timeout) and ``read_timeout_s`` for each
wait on the answer; a watchdog cuts the attempt after ``connect_timeout_s +
read_timeout_s`` in all (a TLS handshake or an answer dripping in cannot hold it longer).
Connection failures, timeouts and 5xx answers are tried again ``retries`` times after
``backoff_s``, 2×, 4×… (a request that may not be repeated: only when it never left, the
connection refused); a 4xx answer never is (asking again gives the same answer). So one call
waits at most :attr:`RegistryClient.worst_case_s`: every attempt cut by the watchdog, plus
the one resend after a closed kept-alive connection, plus the backoff.
"""

from __future__ import annotations

import contextlib
import heapq
import http.client
import itertools
import json
import logging
import math
import select
import socket
import ssl
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlencode, urlsplit

from kiosk import backoff
from kiosk.registry.base import RegistryError, RegistryOffline

log = logging.getLogger(__name__)  # kinds of failure and counts only: never personal data

MAX_ANSWER_BYTES = 32 * 1024 * 1024  # a sync page of 1,000 people is about 2 MB
KEEPALIVE_IDLE_S = 15.0  # reuse an idle connection at most this long (less if the server says)
POOL_SIZE = 4  # idle connections kept: the window's worker threads, the CLI's one
REPEATABLE = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})  # RFC 9110 §9.2.2

OFFLINE = ("Không kết nối được CSDL quốc gia về dân cư (mạng hoặc máy chủ không trả lời). "
           "Kiểm tra mạng rồi tra cứu lại, hoặc dùng dữ liệu đồng bộ ngoại tuyến nếu tổ công tác "
           "được phép (quản trị viên chạy kiosk registry sync và bật registry.offline_cache).")
GARBAGE = ("CSDL quốc gia về dân cư trả lời dữ liệu không đọc được. Tra cứu lại sau ít phút "
           "hoặc dùng dữ liệu đồng bộ ngoại tuyến nếu được phép; nếu vẫn lỗi, báo quản trị viên.")
TLS_REFUSED = ("Không lập được kết nối bảo mật với CSDL quốc gia về dân cư: chứng thư của máy "
               "này hoặc của máy chủ không được chấp nhận. Báo quản trị viên kiểm tra "
               "registry.client_certificate và registry.ca_certificates; trong lúc chờ, dùng "
               "dữ liệu đồng bộ ngoại tuyến nếu được phép.")


class Failure(StrEnum):
    """Why the service could not be used (for logs and tests; the clerk reads the message)."""

    UNREACHABLE = "unreachable"  # refused, reset, timed out, no route
    SERVER_ERROR = "server_error"  # 5xx after every retry
    BUSY = "busy"  # 429
    GARBAGE = "garbage"  # not JSON, cut off, wrong types, missing fields
    TLS = "tls"  # a certificate refused by either side


class ServiceUnavailable(RegistryOffline):
    def __init__(self, message: str, failure: Failure) -> None:
        super().__init__(message)
        self.failure = failure


@dataclass(frozen=True)
class Reply:
    status: int
    data: Any  # the parsed JSON body (an error body may be anything)


@dataclass(frozen=True)
class _Request:
    method: str
    target: str
    payload: bytes | None
    headers: dict[str, str]


class _Transient(Exception):
    """An attempt that may succeed if tried again; ``sent``: the request may have reached
    the service (a failure before that, connecting or in the handshake, is not sent)."""

    def __init__(self, *, sent: bool) -> None:
        super().__init__()
        self.sent = sent


class _Stale(Exception):
    """A kept-alive connection the server had closed: the request never reached it."""


class RegistryClient:
    """HTTPS with mutual TLS, timeouts, retries and kept-alive connections; knows nothing
    of citizens. Thread-safe."""

    def __init__(self, base_url: str, *, context: ssl.SSLContext,
                 connect_timeout_s: float = 2.0, read_timeout_s: float = 4.0,
                 retries: int = 2, backoff_s: float = 0.25,
                 sleep: Callable[[float], None] = time.sleep,
                 max_answer_bytes: int = MAX_ANSWER_BYTES,
                 keepalive_idle_s: float = KEEPALIVE_IDLE_S, pool_size: int = POOL_SIZE,
                 resume_tls: bool = True) -> None:
        parts = urlsplit(base_url)
        if parts.scheme != "https" or not parts.hostname:
            raise RegistryError("registry.base_url phải là địa chỉ https://… của CSDLQG.")
        self._host = parts.hostname
        self._port = parts.port or 443
        self._prefix = parts.path.rstrip("/")
        self._context = context
        self.connect_timeout_s = connect_timeout_s
        self.read_timeout_s = read_timeout_s
        self.retries = retries
        self.backoff_s = backoff_s
        self._sleep = sleep
        self._max_answer = max_answer_bytes
        self._keepalive_idle_s = keepalive_idle_s
        self._pool_size = pool_size  # 0: a new connection for every request
        self._resume_tls = resume_tls  # False: a full handshake on every new connection
        self._lock = threading.Lock()
        self._idle: list[_Kept] = []  # newest last
        self._session: ssl.SSLSession | None = None  # to resume on the next new connection
        self._watchdog = _Watchdog()
        self.opened = 0  # new connections made (tests and benchmarks)
        # Connections still idle when the client is dropped unclosed are closed then.
        weakref.finalize(self, _close_all, self._idle)

    @property
    def worst_case_s(self) -> float:
        """The longest one call can take: every attempt cut by its watchdog, one resend
        after a kept-alive connection found closed (within the connect timeout), backoff."""
        attempts = self.retries + 1
        return attempts * (self.connect_timeout_s + self.read_timeout_s) \
            + self.connect_timeout_s + backoff.total_pause_s(attempts, self.backoff_s)

    def close(self) -> None:
        """Close the idle connections (the client stays usable: it opens new ones)."""
        with self._lock:
            kept, self._idle[:] = list(self._idle), []
        for connection in kept:
            connection.connection.close()

    def call(self, method: str, path: str, *, body: Mapping[str, Any] | None = None,
             query: Mapping[str, str] | None = None,
             headers: Mapping[str, str] | None = None, repeatable: bool | None = None
             ) -> Reply:
        """One call, retried on connection failures and 5xx; returns any non-5xx answer with
        its JSON body (a 2xx body must be a JSON object), or raises ServiceUnavailable.
        ``repeatable``: sending it twice does no harm (default: a GET-like method, or a
        request with an Idempotency-Key); a request that is not is never sent twice."""
        target = self._prefix + path + (f"?{urlencode(query)}" if query else "")
        payload = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        head = {"Accept": "application/json", "User-Agent": "kiosk-cancuoc",
                "X-Request-Id": str(uuid.uuid4()),
                **({"Content-Type": "application/json"} if payload is not None else {}),
                **(headers or {})}
        request = _Request(method.upper(), target, payload, head)
        if repeatable is None:
            repeatable = request.method in REPEATABLE or "Idempotency-Key" in head
        failure = Failure.UNREACHABLE
        budget = _Budget(resend=repeatable)
        for attempt in backoff.attempts(self.retries + 1, self.backoff_s, self._sleep):
            try:
                status, raw = self._attempt(request, reuse=repeatable, budget=budget)
            except _Transient as error:
                log.info("registry attempt %s failed: %s", attempt + 1, type(error.__cause__))
                failure = Failure.UNREACHABLE
                if not repeatable and error.sent:
                    break  # it may have reached the service: never sent twice
                continue
            if status >= 500:
                log.info("registry attempt %s answered %s", attempt + 1, status)
                failure = Failure.SERVER_ERROR
                if not repeatable:
                    break
                continue
            return Reply(status, _parse(raw, must_be_object=200 <= status < 300))
        log.warning("registry unavailable after %s attempts: %s", attempt + 1, failure)
        raise ServiceUnavailable(OFFLINE, failure)

    # -- attempts ----------------------------------------------------------------------------
    def _attempt(self, request: _Request, *, reuse: bool, budget: _Budget
                 ) -> tuple[int, bytes]:
        """One counted attempt: on a kept-alive connection when allowed, and (once per
        call) again on a new one if the server had closed that connection."""
        kept = self._take() if reuse else None
        if kept is not None:
            try:
                return self._exchange(kept, request)
            except _Stale as stale:
                self.close()  # opened to the same server as this one: suspect too
                if not budget.resend:
                    raise _Transient(sent=True) from stale
                log.info("registry kept-alive connection was closed: sent again")
                budget.resend = False
        return self._exchange(self._new(), request)

    def _new(self) -> _Connection:
        with self._lock:
            session = self._session
            self.opened += 1
        return _Connection(self._host, self._port, context=self._context,
                           timeout=self.connect_timeout_s, session=session)

    def _exchange(self, connection: _Connection, request: _Request) -> tuple[int, bytes]:
        reused = connection.sock is not None
        watchdog = self._watchdog.arm(connection, self.connect_timeout_s + self.read_timeout_s)
        keep, sent, sent_at, answered = False, False, time.monotonic(), False
        try:
            if not reused:
                connection.connect()  # TCP and the TLS handshake, within connect_timeout_s
            tls = connection.sock
            tls.settimeout(self.read_timeout_s)
            sent, sent_at = True, time.monotonic()
            connection.request(request.method, request.target, body=request.payload,
                               headers=request.headers)
            response = connection.getresponse()
            answered = True
            raw = self._read(response)
            keep = response.status < 500 and not response.will_close
            if not reused and self._resume_tls:
                self._remember_session(tls)
            if keep:
                connection.idle_limit_s = _idle_limit(response, self._keepalive_idle_s)
            return response.status, raw
        except ssl.SSLCertVerificationError as error:
            raise self._refused(error) from error
        except ssl.SSLError as error:
            if any(word in (error.reason or "") for word in _CERTIFICATE_ALERTS):
                raise self._refused(error) from error  # the server refused our certificate
            if reused and _closed_before_answer(answered, watchdog, sent_at,
                                                self.connect_timeout_s, error):
                raise _Stale() from error
            raise _Transient(sent=sent) from error
        except (OSError, http.client.HTTPException, ValueError) as error:
            if reused and _closed_before_answer(answered, watchdog, sent_at,
                                                self.connect_timeout_s, error):
                raise _Stale() from error
            # refused, reset, timed out, cut by the watchdog
            raise _Transient(sent=sent) from error
        finally:
            watchdog.cancel()
            if keep:
                self._give_back(connection)
            else:
                connection.close()

    def _refused(self, error: ssl.SSLError) -> ServiceUnavailable:
        with self._lock:
            self._session = None
        log.warning("registry TLS refused: %s", type(error))
        return ServiceUnavailable(TLS_REFUSED, Failure.TLS)

    def _remember_session(self, tls: Any) -> None:
        """The TLS session of a new connection, read after its first answer (TLS 1.3 sends
        the session ticket after the handshake), for the next new connection to resume."""
        session = getattr(tls, "session", None)
        if session is not None:
            with self._lock:
                self._session = session

    def _read(self, response: http.client.HTTPResponse) -> bytes:
        declared = response.getheader("Content-Length")
        if declared is not None and declared.isdigit() and int(declared) > self._max_answer:
            raise ServiceUnavailable(GARBAGE, Failure.GARBAGE)
        chunks, size = [], 0
        while chunk := response.read(65536):
            size += len(chunk)
            if size > self._max_answer:
                raise ServiceUnavailable(GARBAGE, Failure.GARBAGE)
            chunks.append(chunk)
        return b"".join(chunks)

    # -- the pool ----------------------------------------------------------------------------
    def _take(self) -> _Connection | None:
        """The most recently used idle connection still worth trying, or None."""
        while True:
            with self._lock:
                if not self._idle:
                    return None
                kept = self._idle.pop()
            if time.monotonic() - kept.since <= kept.connection.idle_limit_s \
                    and not _closed_by_peer(kept.connection):
                return kept.connection
            kept.connection.close()

    def _give_back(self, connection: _Connection) -> None:
        with self._lock:
            if len(self._idle) < self._pool_size:
                self._idle.append(_Kept(connection, time.monotonic()))
                return
        connection.close()


@dataclass(frozen=True)
class _Kept:
    connection: _Connection
    since: float  # monotonic time it became idle


def _close_all(kept: list[_Kept]) -> None:
    for item in kept:
        item.connection.close()
    kept.clear()


@dataclass
class _Budget:
    resend: bool  # the call may still send once more after a stale kept-alive connection


class _Connection(http.client.HTTPSConnection):
    """Name lookup and TCP connect within the connect timeout together (a resolver that
    hangs, no DNS on a mobile team's network, would otherwise escape every timeout), and the
    TLS handshake resuming ``session`` when the server still knows it."""

    def __init__(self, host: str, port: int, *, context: ssl.SSLContext, timeout: float,
                 session: ssl.SSLSession | None) -> None:
        super().__init__(host, port, context=context, timeout=timeout)
        self._create_connection = self._open
        self._tls_context = context
        self._session = session
        self.idle_limit_s = KEEPALIVE_IDLE_S

    def connect(self) -> None:
        http.client.HTTPConnection.connect(self)  # TCP through _open
        self.sock = self._tls_context.wrap_socket(self.sock, server_hostname=self.host,
                                                  session=self._session)

    def _open(self, address: tuple[str, int], timeout: float,
              source_address: Any = None) -> socket.socket:
        deadline = time.monotonic() + timeout
        failure: OSError = TimeoutError("connect")
        for family, kind, protocol, _name, where in _resolve(*address, timeout):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            sock = socket.socket(family, kind, protocol)
            try:
                sock.settimeout(remaining)
                sock.connect(where)
            except OSError as error:
                sock.close()
                failure = error
                continue
            return sock
        raise failure


def _resolve(host: str, port: int, timeout: float) -> list[Any]:
    """getaddrinfo on a daemon thread, given up after ``timeout`` (it has no timeout)."""
    found: list[Any] = []
    done = threading.Event()

    def look_up() -> None:
        try:
            found.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as error:
            found.append(error)
        finally:
            done.set()

    threading.Thread(target=look_up, name="registry-dns", daemon=True).start()
    if not done.wait(timeout):
        raise TimeoutError("name lookup")
    if isinstance(found[0], OSError):
        raise found[0]
    addresses: list[Any] = found[0]
    return addresses


_CERTIFICATE_ALERTS = ("CERTIFICATE", "UNKNOWN_CA", "ACCESS_DENIED")  # in OpenSSL's reasons


class _Alarm:
    """One attempt's limit: at ``deadline`` the socket under it is shut (its reads then
    fail at once). The plain socket's shutdown, so the TLS object is left to its thread.
    Cancelled, it lets go of the connection at once (the heap keeps it until its time)."""

    def __init__(self, connection: _Connection, deadline: float) -> None:
        self._connection: _Connection | None = connection
        self.deadline = deadline
        self.fired = False

    @property
    def cancelled(self) -> bool:
        return self._connection is None

    def cancel(self) -> None:
        self._connection = None

    def fire(self) -> None:
        connection = self._connection
        sock = None if connection is None else connection.sock
        self.fired = True
        if sock is not None:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Watchdog:
    """The client's alarms, on one thread (a timer thread per request cost ~0.1 ms, a tenth
    of a lookup on a kept-alive connection). The thread ends after ``idle_s`` without
    alarms and starts again with the next one."""

    def __init__(self, idle_s: float = 30.0) -> None:
        self._idle_s = idle_s
        self._condition = threading.Condition()
        self._alarms: list[tuple[float, int, _Alarm]] = []  # a heap by deadline
        self._numbers = itertools.count()
        self._running = False
        self._wakes_at = math.inf

    def arm(self, connection: _Connection, limit_s: float) -> _Alarm:
        alarm = _Alarm(connection, time.monotonic() + limit_s)
        with self._condition:
            heapq.heappush(self._alarms, (alarm.deadline, next(self._numbers), alarm))
            if not self._running:
                self._running = True
                threading.Thread(target=self._run, name="registry-watchdog",
                                 daemon=True).start()
            elif alarm.deadline < self._wakes_at:
                self._condition.notify()
        return alarm

    def _run(self) -> None:
        with self._condition:
            while True:
                now = time.monotonic()
                while self._alarms and (self._alarms[0][2].cancelled
                                        or self._alarms[0][0] <= now):
                    _, _, alarm = heapq.heappop(self._alarms)
                    if not alarm.cancelled:
                        alarm.fire()
                if not self._alarms:
                    self._wakes_at = now + self._idle_s
                    if not self._condition.wait(self._idle_s) and not self._alarms:
                        self._running = False
                        return
                    continue
                self._wakes_at = self._alarms[0][0]
                self._condition.wait(self._wakes_at - now)


def _closed_by_peer(connection: _Connection) -> bool:
    """An idle HTTP/1.1 connection has nothing to read; readable means the server closed
    it (or broke the protocol): either way it is not used again."""
    sock = connection.sock
    if sock is None:
        return True
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


def _closed_before_answer(answered: bool, watchdog: _Alarm, sent_at: float,
                          window_s: float, error: BaseException) -> bool:
    """A kept-alive connection the server closed as the request went out: no answer, not a
    timeout nor the watchdog, and soon (the server never read the request; a server that
    read it and died takes longer, and that is a failure)."""
    return (not answered and not watchdog.fired and not isinstance(error, TimeoutError)
            and time.monotonic() - sent_at < window_s)


def _idle_limit(response: http.client.HTTPResponse, default_s: float) -> float:
    """How long this connection may wait idle: the server's ``Keep-Alive: timeout=N`` less
    a second (its close would race our next request), never more than ``default_s``."""
    for part in (response.getheader("Keep-Alive") or "").split(","):
        name, _, value = part.strip().partition("=")
        if name.lower() == "timeout" and value.strip().isdigit():
            return min(default_s, max(0.0, int(value) - 1.0))
    return default_s


def _parse(raw: bytes, *, must_be_object: bool) -> Any:
    try:
        data = json.loads(raw.decode("utf-8")) if raw else None
    except (UnicodeDecodeError, ValueError):
        data = _UNREADABLE
    if must_be_object and not isinstance(data, dict):
        log.warning("registry answer is not a JSON object")
        raise ServiceUnavailable(GARBAGE, Failure.GARBAGE)
    return data


_UNREADABLE = object()  # an error body that is not JSON (a proxy's HTML page)
