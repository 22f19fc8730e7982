"""The client of the central population registry service (CSDLQG về dân cư).

Contract: ``docs/api/registry.json`` (OpenAPI 3.1); every path called here is listed in
:data:`CALLS` and checked against it by the tests. JSON over HTTPS with mutual TLS (the
desk's client certificate), one connection per request.

Bounded waiting: an attempt gets ``connect_timeout_s`` to look the name up and connect
(the lookup on its own thread: getaddrinfo has no timeout) and ``read_timeout_s`` for each
wait on the answer; a watchdog cuts the attempt after ``connect_timeout_s +
read_timeout_s`` in all (a TLS handshake or an answer dripping in cannot hold it longer).
Connection failures, timeouts and 5xx answers are tried again ``retries`` times after
``backoff_s``, 2×, 4×… ; a 4xx answer never is (asking again gives the same answer). So one
call waits at most :attr:`RegistryClient.worst_case_s`.

Whatever the service sends is checked field by field before the desk sees it: a body that
is not JSON, is cut off, has a wrong type or a missing field is an unusable answer
(:class:`RegistryOffline`), never a ``KeyError``. When the service cannot be used and the
installation allows it (``registry.offline_cache``), a lookup is answered from the local
SQL registry filled by ``kiosk registry sync`` and says so (:attr:`Found.from_cache`).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import re
import socket
import ssl
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote, urlencode, urlsplit

from kiosk import backoff
from kiosk.registry.base import (
    CitizenNotFound,
    Found,
    LookupQuery,
    RegistryError,
    RegistryOffline,
)
from kiosk.registry.records import (
    CardRecord,
    CardStatus,
    Discrepancy,
    RegistryRecord,
    current_card,
    unaccented,
)
from kiosk.workflow.people import CardKind, Citizen, Sex, tidy
from kiosk.workflow.request import BirthPrecision

if TYPE_CHECKING:
    from kiosk.registry.sql import SqlRegistry

log = logging.getLogger(__name__)  # kinds of failure and counts only: never personal data

SEARCH = "/v1/citizens/search"
DISCREPANCIES = "/v1/discrepancies"
COMMUNE_CITIZENS = "/v1/communes/{commune}/citizens"
# (method, path template) of every call this client makes: the OpenAPI document must list them.
CALLS = (("post", SEARCH), ("post", DISCREPANCIES), ("get", COMMUNE_CITIZENS))

MAX_ANSWER_BYTES = 32 * 1024 * 1024  # a sync page of 1,000 people is about 2 MB
COMMUNE_CODE = re.compile(r"\d{5}")  # mã đơn vị hành chính cấp xã (Tổng cục Thống kê)
MAX_CURSOR = 200  # the cursor is kept in registry_meta (String(200))

OFFLINE = ("Không kết nối được CSDL quốc gia về dân cư (mạng hoặc máy chủ không trả lời). "
           "Kiểm tra mạng rồi tra cứu lại, hoặc dùng dữ liệu đồng bộ ngoại tuyến nếu tổ công tác "
           "được phép (quản trị viên chạy kiosk registry sync và bật registry.offline_cache).")
BUSY = ("CSDL quốc gia về dân cư đang quá tải và tạm từ chối yêu cầu. Đợi một lát rồi tra cứu "
        "lại, hoặc dùng dữ liệu đồng bộ ngoại tuyến nếu được phép.")
GARBAGE = ("CSDL quốc gia về dân cư trả lời dữ liệu không đọc được. Tra cứu lại sau ít phút "
           "hoặc dùng dữ liệu đồng bộ ngoại tuyến nếu được phép; nếu vẫn lỗi, báo quản trị viên.")
TLS_REFUSED = ("Không lập được kết nối bảo mật với CSDL quốc gia về dân cư: chứng thư của máy "
               "này hoặc của máy chủ không được chấp nhận. Báo quản trị viên kiểm tra "
               "registry.client_certificate và registry.ca_certificates; trong lúc chờ, dùng "
               "dữ liệu đồng bộ ngoại tuyến nếu được phép.")
CACHE_MISS = ("Không kết nối được CSDL quốc gia về dân cư, và dữ liệu đồng bộ ngoại tuyến của máy "
              "không có công dân này. Kiểm tra mạng rồi tra cứu lại khi có kết nối.")


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


class StaleCursor(RegistryError):
    """The service no longer knows a sync cursor: that commune starts again."""


@dataclass(frozen=True)
class Reply:
    status: int
    data: Any  # the parsed JSON body (an error body may be anything)


@dataclass(frozen=True)
class Lookup:
    records: list[RegistryRecord]
    from_cache: bool = False
    cache_synced_at: str = ""


@dataclass(frozen=True)
class CommunePage:
    records: list[RegistryRecord]
    next_cursor: str | None  # None: the commune is complete


class _Transient(Exception):
    """An attempt that may succeed if tried again."""


class RegistryClient:
    """HTTPS with mutual TLS, timeouts and retries; knows nothing of citizens."""

    def __init__(self, base_url: str, *, context: ssl.SSLContext,
                 connect_timeout_s: float = 2.0, read_timeout_s: float = 4.0,
                 retries: int = 2, backoff_s: float = 0.25,
                 sleep: Callable[[float], None] = time.sleep,
                 max_answer_bytes: int = MAX_ANSWER_BYTES) -> None:
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

    @property
    def worst_case_s(self) -> float:
        """The longest one call can take: every attempt cut by its watchdog, plus backoff."""
        attempts = self.retries + 1
        return attempts * (self.connect_timeout_s + self.read_timeout_s) \
            + backoff.total_pause_s(attempts, self.backoff_s)

    def call(self, method: str, path: str, *, body: Mapping[str, Any] | None = None,
             query: Mapping[str, str] | None = None,
             headers: Mapping[str, str] | None = None) -> Reply:
        """One call, retried on connection failures and 5xx; returns any non-5xx answer with
        its JSON body (a 2xx body must be a JSON object), or raises ServiceUnavailable."""
        target = self._prefix + path + (f"?{urlencode(query)}" if query else "")
        payload = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        sent = {"Accept": "application/json", "Connection": "close",
                "User-Agent": "kiosk-cancuoc", "X-Request-Id": str(uuid.uuid4()),
                **({"Content-Type": "application/json"} if payload is not None else {}),
                **(headers or {})}
        failure = Failure.UNREACHABLE
        for attempt in backoff.attempts(self.retries + 1, self.backoff_s, self._sleep):
            try:
                status, raw = self._once(method.upper(), target, payload, sent)
            except _Transient as error:
                log.info("registry attempt %s failed: %s", attempt + 1, type(error.__cause__))
                failure = Failure.UNREACHABLE
                continue
            if status >= 500:
                log.info("registry attempt %s answered %s", attempt + 1, status)
                failure = Failure.SERVER_ERROR
                continue
            return Reply(status, _parse(raw, must_be_object=200 <= status < 300))
        log.warning("registry unavailable after %s attempts: %s", self.retries + 1, failure)
        raise ServiceUnavailable(OFFLINE, failure)

    def _once(self, method: str, target: str, payload: bytes | None,
              headers: Mapping[str, str]) -> tuple[int, bytes]:
        connection = _Connection(self._host, self._port, context=self._context,
                                 timeout=self.connect_timeout_s)
        watchdog = threading.Timer(self.connect_timeout_s + self.read_timeout_s, _cut,
                                   (connection,))
        watchdog.daemon = True
        watchdog.start()
        try:
            connection.connect()  # TCP and the TLS handshake, within connect_timeout_s
            connection.sock.settimeout(self.read_timeout_s)
            connection.request(method, target, body=payload, headers=dict(headers))
            response = connection.getresponse()
            return response.status, self._read(response)
        except ssl.SSLCertVerificationError as error:
            raise _refused(error) from error
        except ssl.SSLError as error:
            if any(word in (error.reason or "") for word in _CERTIFICATE_ALERTS):
                raise _refused(error) from error  # the server refused our certificate
            raise _Transient() from error
        except (OSError, http.client.HTTPException, ValueError) as error:
            raise _Transient() from error  # refused, reset, timed out, cut by the watchdog
        finally:
            watchdog.cancel()
            connection.close()

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


class _Connection(http.client.HTTPSConnection):
    """Name lookup and TCP connect within the connect timeout together: a resolver that
    hangs (no DNS on a mobile team's network) would otherwise escape every timeout."""

    def __init__(self, host: str, port: int, *, context: ssl.SSLContext,
                 timeout: float) -> None:
        super().__init__(host, port, context=context, timeout=timeout)
        self._create_connection = self._open

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


def _cut(connection: http.client.HTTPSConnection) -> None:
    """The watchdog: shut the socket under a stuck attempt (its reads then fail at once).
    The plain socket's shutdown, so the TLS object is left to its own thread."""
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _refused(error: ssl.SSLError) -> ServiceUnavailable:
    log.warning("registry TLS refused: %s", type(error))
    return ServiceUnavailable(TLS_REFUSED, Failure.TLS)


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


# -- the record on the wire ----------------------------------------------------------------
class _Malformed(Exception):
    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


E = TypeVar("E", bound=StrEnum)
ID_NUMBER = re.compile(r"\d{12}")
CMND_NUMBER = re.compile(r"\d{9}|\d{12}")


class _Fields:
    """Reads one JSON object field by field; anything off raises _Malformed(field)."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise _Malformed(where)
        self._data = data

    def text(self, name: str, *, required: bool = True, pattern: re.Pattern[str] | None = None,
             empty: bool = True) -> str:
        value = self._data.get(name)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (not empty and not value.strip()) or (
                pattern is not None and value and not pattern.fullmatch(value)):
            raise _Malformed(name)
        return value

    def day(self, name: str) -> date:
        value = self._data.get(name)
        if not isinstance(value, str) or len(value) != 10:
            raise _Malformed(name)
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise _Malformed(name) from None

    def optional_day(self, name: str) -> date | None:
        return None if self._data.get(name) is None else self.day(name)

    def choice(self, name: str, kind: type[E], default: E | None = None) -> E:
        value = self._data.get(name)
        if value is None and default is not None:
            return default
        if not isinstance(value, str):
            raise _Malformed(name)
        try:
            return kind(value)
        except ValueError:
            raise _Malformed(name) from None

    def flag(self, name: str, default: bool) -> bool:
        value = self._data.get(name, default)
        if not isinstance(value, bool):
            raise _Malformed(name)
        return value

    def part(self, name: str) -> _Fields:
        value = self._data.get(name)
        return _Fields({} if value is None else value, name)

    def each(self, name: str) -> list[_Fields]:
        value = self._data.get(name, [])
        if not isinstance(value, list):
            raise _Malformed(name)
        return [_Fields(item, name) for item in value]


def record_from_wire(data: Any) -> RegistryRecord:
    """A citizen record as the service sends it (schema CitizenRecord), checked field by
    field; raises ServiceUnavailable(GARBAGE) naming nothing personal."""
    try:
        return _record(_Fields(data, "record"))
    except _Malformed as bad:
        log.warning("registry record malformed at %s", bad.field)
        raise ServiceUnavailable(GARBAGE, Failure.GARBAGE) from None


def _record(f: _Fields) -> RegistryRecord:
    cards = tuple(CardRecord(
        card.choice("kind", CardKind), card.text("number", empty=False),
        card.day("issued_on"), card.optional_day("expires_on"),
        card.choice("status", CardStatus, CardStatus.IN_USE)) for card in f.each("cards"))
    father, mother = f.part("father"), f.part("mother")
    citizen = Citizen(
        id_number=f.text("id_number", pattern=ID_NUMBER, empty=False),
        full_name=f.text("full_name", empty=False),
        date_of_birth=f.day("date_of_birth"),
        sex=f.choice("sex", Sex), nationality=f.text("nationality"),
        place_of_birth_registration=f.text("place_of_birth_registration"),
        hometown=f.text("hometown"), ethnicity=f.text("ethnicity"),
        religion=f.text("religion"), permanent_residence=f.text("permanent_residence"),
        temporary_residence=f.text("temporary_residence", required=False),
        current_residence=f.text("current_residence", required=False),
        former_id_number=f.text("former_id_number", required=False, pattern=CMND_NUMBER),
        card=current_card(cards),
        is_vietnamese_citizen=f.flag("is_vietnamese_citizen", True),
        other_name=f.text("other_name", required=False),
        father_name=father.text("full_name", required=False),
        mother_name=mother.text("full_name", required=False))
    return RegistryRecord(
        citizen, f.choice("birth_precision", BirthPrecision, BirthPrecision.DAY),
        father.text("id_number", required=False, pattern=ID_NUMBER),
        mother.text("id_number", required=False, pattern=ID_NUMBER), cards,
        tuple(Discrepancy(d.text("code", empty=False), d.text("note"))
              for d in f.each("discrepancies")),
        f.flag("synthetic", False))


def _records(data: dict[str, Any]) -> list[RegistryRecord]:
    items = data.get("items")
    if not isinstance(items, list):
        log.warning("registry answer has no items list")
        raise ServiceUnavailable(GARBAGE, Failure.GARBAGE)
    records = [record_from_wire(item) for item in items]
    if len({r.citizen.id_number for r in records}) != len(records):
        log.warning("registry answer lists one person twice")
        raise ServiceUnavailable(GARBAGE, Failure.GARBAGE)
    return records


# -- the registry ----------------------------------------------------------------------------
class HttpRegistry:
    """Implements :class:`kiosk.registry.base.PopulationRegistry` over the central service,
    with the record lookup, the discrepancy report and the sync feed. ``cache`` opens the
    offline cache (a SqlRegistry holding population 'cache'), or returns None; given only
    where the installation allows answering from it."""

    def __init__(self, client: RegistryClient, *,
                 cache: Callable[[], SqlRegistry | None] | None = None) -> None:
        self.client = client
        self._open_cache = cache
        self._cache: list[SqlRegistry | None] = []  # opened at the first need, then kept
        self._lock = threading.Lock()

    @property
    def simulated(self) -> bool:
        return False

    def close(self) -> None:
        with self._lock:
            for cache in self._cache:
                if cache is not None:
                    cache.close()
            self._cache.clear()

    # -- lookups -------------------------------------------------------------------------
    def find(self, query: LookupQuery) -> Found:
        answer = self.lookup(query)
        return Found((r.citizen for r in answer.records), from_cache=answer.from_cache,
                     cache_synced_at=answer.cache_synced_at)

    def records(self, query: LookupQuery) -> list[RegistryRecord]:
        return self.lookup(query).records

    def record(self, id_number: str) -> RegistryRecord:
        found = self.records(LookupQuery(id_number=id_number))
        if not found:
            raise CitizenNotFound(f"Không có số định danh {id_number} trong CSDL quốc gia về "
                                  "dân cư.")
        return found[0]

    def lookup(self, query: LookupQuery) -> Lookup:
        """The service's answer; when it cannot be used, the offline cache's (if allowed)."""
        body = _search_body(query)  # a bad query is the clerk's to fix: never the cache's
        try:
            return Lookup(self._search(query, body))
        except ServiceUnavailable as offline:
            cache = self._cache_now()
            if cache is None:
                raise
            log.warning("registry offline (%s): answering from the offline cache",
                        offline.failure)
            found = _in_place(cache.records(query), query.place)
            if not found:
                raise ServiceUnavailable(CACHE_MISS, offline.failure) from offline
            return Lookup(found, from_cache=True,
                          cache_synced_at=cache.meta_value("synced_at") or "")

    def _search(self, query: LookupQuery, body: dict[str, str]) -> list[RegistryRecord]:
        reply = self.client.call("POST", SEARCH, body=body)
        if reply.status != 200:
            raise _refusal(reply, "tra cứu")
        records = _records(reply.data)
        if query.id_number and any(r.citizen.id_number != query.id_number for r in records):
            log.warning("registry answered another person than asked")
            raise ServiceUnavailable(GARBAGE, Failure.GARBAGE)
        return records

    def _cache_now(self) -> SqlRegistry | None:
        if self._open_cache is None:
            return None
        with self._lock:
            if not self._cache:
                self._cache.append(self._open_cache())
            return self._cache[0]

    # -- reporting a discrepancy ---------------------------------------------------------
    def report_discrepancy(self, id_number: str, discrepancy: Discrepancy, *,
                           key: str | None = None, case_code: str = "") -> str:
        """Tell CSDLQG its record seems wrong; returns the service's report id. ``key`` (made
        here when not given) makes a repeat of the same report one report: keep it with the
        case to send again after a failure."""
        body = {"id_number": id_number, "code": discrepancy.code, "note": discrepancy.note,
                **({"case_code": case_code} if case_code else {})}
        reply = self.client.call("POST", DISCREPANCIES, body=body,
                                 headers={"Idempotency-Key": key or str(uuid.uuid4())})
        if reply.status == 404 and _error_code(reply) == "not_found":
            raise CitizenNotFound(f"Không có số định danh {id_number} trong CSDL quốc gia về "
                                  "dân cư: chưa gửi được phản ánh sai lệch.")
        if reply.status not in (200, 201):
            raise _refusal(reply, "nhận phản ánh sai lệch")
        report = reply.data.get("report_id")
        if not isinstance(report, str) or not report:
            raise ServiceUnavailable(GARBAGE, Failure.GARBAGE)
        return report

    # -- the sync feed -------------------------------------------------------------------
    def commune_page(self, commune: str, cursor: str | None, limit: int) -> CommunePage:
        """One page of the people whose residence is in ``commune``, after ``cursor``."""
        if not COMMUNE_CODE.fullmatch(commune):
            raise RegistryError(f"Mã xã {commune!r} không đúng: mã đơn vị hành chính cấp xã "
                                "gồm 5 chữ số.")
        reply = self.client.call(
            "GET", COMMUNE_CITIZENS.format(commune=quote(commune)),
            query={"limit": str(limit), **({"cursor": cursor} if cursor else {})})
        if reply.status == 400 and _error_code(reply) == "bad_cursor":
            raise StaleCursor("CSDLQG không còn nhận vị trí đồng bộ cũ; đồng bộ lại xã này từ "
                              "đầu.")
        if reply.status != 200:
            raise _refusal(reply, "đồng bộ")
        following = reply.data.get("next_cursor")
        if following is not None and not (
                isinstance(following, str) and 0 < len(following) <= MAX_CURSOR
                and following.isascii()):
            log.warning("registry sync cursor malformed")
            raise ServiceUnavailable(GARBAGE, Failure.GARBAGE)
        return CommunePage(_records(reply.data), following)


def _search_body(query: LookupQuery) -> dict[str, str]:
    if query.id_number:
        if not ID_NUMBER.fullmatch(query.id_number):
            raise RegistryError("Số định danh cá nhân gồm 12 chữ số.")
        return {"id_number": query.id_number}
    if query.former_id_number:
        if not CMND_NUMBER.fullmatch(query.former_id_number):
            raise RegistryError("Số CMND cũ gồm 9 (hoặc 12) chữ số.")
        return {"former_id_number": query.former_id_number}
    if not query.full_name.strip() or query.date_of_birth is None:
        raise RegistryError("Nhập đủ họ tên và ngày sinh để tra cứu theo họ tên.")
    body = {"full_name": tidy(query.full_name),
            "date_of_birth": query.date_of_birth.isoformat()}
    if query.place.strip():
        body["place"] = tidy(query.place)
    return body


def _in_place(records: Iterable[RegistryRecord], place: str) -> list[RegistryRecord]:
    """The cache's answer narrowed by place as the service narrows it (docs/api)."""
    wanted = unaccented(place)
    return [r for r in records if not wanted or any(
        wanted in unaccented(text)
        for text in (r.citizen.place_of_birth_registration, r.citizen.hometown))]


def _error_code(reply: Reply) -> str:
    code = reply.data.get("code") if isinstance(reply.data, dict) else None
    return code if isinstance(code, str) else ""


def _refusal(reply: Reply, what: str) -> RegistryError:
    """A 4xx answer (never retried): what it means for the clerk."""
    status = reply.status
    log.warning("registry refused a request: %s %s", status, _error_code(reply) or "no_code")
    if status == 429:
        return ServiceUnavailable(BUSY, Failure.BUSY)
    if status in (401, 403):
        return RegistryError(f"CSDL quốc gia về dân cư từ chối máy này (mã {status}). Báo quản "
                             "trị viên kiểm tra chứng thư và quyền truy cập của bàn tiếp nhận.")
    if status == 404:
        return RegistryError("Địa chỉ dịch vụ CSDL quốc gia về dân cư không đúng (mã 404). Báo "
                             "quản trị viên kiểm tra registry.base_url.")
    if status == 409:
        return RegistryError("CSDL quốc gia về dân cư đã nhận một yêu cầu khác với cùng mã "
                             "(mã 409). Báo quản trị viên.")
    return RegistryError(f"CSDL quốc gia về dân cư không nhận yêu cầu {what} (mã {status}). "
                         "Kiểm tra thông tin đã nhập; nếu đúng, báo quản trị viên.")
