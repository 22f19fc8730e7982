"""The client of the central population registry service (CSDLQG về dân cư).

Contract: ``docs/api/registry.json`` (OpenAPI 3.1); every path called here is listed in
:data:`CALLS` and checked against it by the tests. JSON over HTTPS with mutual TLS (the
desk's client certificate) on kept-alive connections: the transport, its timeouts, retries
and the longest a call can wait are :mod:`kiosk.registry.transport`'s.

Whatever the service sends is checked field by field before the desk sees it
(:mod:`kiosk.registry.wire`): a body that is not JSON, is cut off, has a wrong type or a
missing field is an unusable answer (:class:`RegistryOffline`), never a ``KeyError``. When
the service cannot be used and the installation allows it (``registry.offline_cache``), a
lookup is answered from the local SQL registry filled by ``kiosk registry sync`` and says so
(:attr:`Found.from_cache`).
"""

from __future__ import annotations

import logging
import re
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from kiosk.registry.base import (
    APPLICATION_CODE,
    ApplicationNotFound,
    CitizenNotFound,
    Found,
    LookupQuery,
    RegistryError,
    application_code_of,
)
from kiosk.registry.records import (
    Discrepancy,
    OnlineApplication,
    RegistryRecord,
    unaccented,
)
from kiosk.registry.transport import (
    GARBAGE,
    OFFLINE,
    TLS_REFUSED,
    Failure,
    RegistryClient,
    Reply,
    ServiceUnavailable,
)
from kiosk.registry.wire import (
    CMND_NUMBER,
    ID_NUMBER,
    application_from_wire,
    record_from_wire,
    records_from_wire,
)
from kiosk.workflow.people import tidy

if TYPE_CHECKING:
    from kiosk.registry.sql import SqlRegistry

__all__ = ["CALLS", "GARBAGE", "OFFLINE", "TLS_REFUSED", "CommunePage", "Failure",
           "HttpRegistry", "Lookup", "RegistryClient", "Reply", "ServiceUnavailable",
           "StaleCursor", "record_from_wire"]

log = logging.getLogger(__name__)  # kinds of failure and counts only: never personal data

SEARCH = "/v1/citizens/search"
APPLICATIONS = "/v1/applications/lookup"
DISCREPANCIES = "/v1/discrepancies"
COMMUNE_CITIZENS = "/v1/communes/{commune}/citizens"
# (method, path template) of every call this client makes: the OpenAPI document must list them.
CALLS = (("post", SEARCH), ("post", APPLICATIONS), ("post", DISCREPANCIES),
         ("get", COMMUNE_CITIZENS))

COMMUNE_CODE = re.compile(r"\d{5}")  # mã đơn vị hành chính cấp xã (Tổng cục Thống kê)
MAX_CURSOR = 200  # the cursor is kept in registry_meta (String(200))
GENERATION = re.compile(r"[\x21-\x7e]{1,64}")  # kept in registry_synced (String(64))

BUSY = ("CSDL quốc gia về dân cư đang quá tải và tạm từ chối yêu cầu. Đợi một lát rồi tra cứu "
        "lại, hoặc dùng dữ liệu đồng bộ ngoại tuyến nếu được phép.")
CACHE_MISS = ("Không kết nối được CSDL quốc gia về dân cư, và dữ liệu đồng bộ ngoại tuyến của máy "
              "không có công dân này. Kiểm tra mạng rồi tra cứu lại khi có kết nối.")
CACHE_MISS_APPLICATION = (
    "Không kết nối được CSDL quốc gia về dân cư, và dữ liệu đồng bộ ngoại tuyến của máy không "
    "có hồ sơ trực tuyến này. Tra cứu theo số định danh cá nhân của công dân (dữ liệu ngoại "
    "tuyến có thể có), hoặc tra cứu lại mã hồ sơ khi có kết nối.")


class StaleCursor(RegistryError):
    """The service no longer knows a sync cursor: that commune starts again."""


@dataclass(frozen=True)
class Lookup:
    records: list[RegistryRecord]
    from_cache: bool = False
    cache_synced_at: str = ""


@dataclass(frozen=True)
class CommunePage:
    records: list[RegistryRecord]
    next_cursor: str | None  # None: the commune is complete
    generation: str  # the membership generation the pass lists (docs/api, CommunePage)


# -- the registry ----------------------------------------------------------------------------
class HttpRegistry:
    """Implements :class:`kiosk.registry.base.PopulationRegistry` over the central service,
    with the record lookup, online applications by code, the discrepancy report and the
    sync feed. Thread-safe (the window's worker threads share one). ``cache`` opens the
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
        """The kept-alive connections and the offline cache."""
        self.client.close()
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
        """The service's answer; when it cannot be used, the offline cache's (if allowed).
        An application code finds its applicant (nobody when no application has it)."""
        body = _search_body(query)  # a bad query is the clerk's to fix: never the cache's
        try:
            if query.application_code:
                try:
                    return Lookup([self._applicant(query.application_code)[1]])
                except ApplicationNotFound:
                    return Lookup([])
            return Lookup(self._search(query, body))
        except ServiceUnavailable as offline:
            cache = self._cache_now()
            if cache is None:
                raise
            log.warning("registry offline (%s): answering from the offline cache",
                        offline.failure)
            found = _in_place(cache.records(query), query.place)
            if not found:
                raise ServiceUnavailable(CACHE_MISS_APPLICATION if query.application_code
                                         else CACHE_MISS, offline.failure) from offline
            return Lookup(found, from_cache=True,
                          cache_synced_at=cache.meta_value("synced_at") or "")

    # -- online applications -------------------------------------------------------------
    def application(self, code: str) -> OnlineApplication:
        """The online application with this code (spaces and case ignored), as
        :meth:`SqlRegistry.application` gives it: raises :class:`ApplicationNotFound` with
        the same message when none has it. The service down: the offline cache's, if allowed
        and it has it, else :class:`RegistryOffline`."""
        try:
            return self._applicant(code)[0]
        except ServiceUnavailable as offline:
            cache = self._cache_now()
            if cache is None:
                raise
            try:
                return cache.application(code)
            except ApplicationNotFound:
                raise ServiceUnavailable(CACHE_MISS_APPLICATION, offline.failure) from offline

    def _applicant(self, code: str) -> tuple[OnlineApplication, RegistryRecord]:
        """The application and its citizen, from the service."""
        wanted = application_code_of(code)
        if not APPLICATION_CODE.fullmatch(wanted):
            raise ApplicationNotFound.for_code(wanted)  # no such code can exist
        reply = self.client.call("POST", APPLICATIONS, body={"code": wanted}, repeatable=True)
        if reply.status == 404 and _error_code(reply) == "not_found":
            raise ApplicationNotFound.for_code(wanted)
        if reply.status != 200:
            raise _refusal(reply, "tra cứu hồ sơ trực tuyến")
        application = application_from_wire(reply.data.get("application"))
        citizen = record_from_wire(reply.data.get("citizen"))
        if application.code != wanted or application.id_number != citizen.citizen.id_number:
            log.warning("registry answered another application or person than asked")
            raise ServiceUnavailable(GARBAGE, Failure.GARBAGE)
        return application, citizen

    def _search(self, query: LookupQuery, body: dict[str, str]) -> list[RegistryRecord]:
        # A read, POSTed only to keep names and numbers out of URLs: safe to send again.
        reply = self.client.call("POST", SEARCH, body=body, repeatable=True)
        if reply.status != 200:
            raise _refusal(reply, "tra cứu")
        records = records_from_wire(reply.data)
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
        following, generation = reply.data.get("next_cursor"), reply.data.get("generation")
        if following is not None and not (
                isinstance(following, str) and 0 < len(following) <= MAX_CURSOR
                and following.isascii()):
            log.warning("registry sync cursor malformed")
            raise ServiceUnavailable(GARBAGE, Failure.GARBAGE)
        if not (isinstance(generation, str) and GENERATION.fullmatch(generation)):
            log.warning("registry sync generation malformed")
            raise ServiceUnavailable(GARBAGE, Failure.GARBAGE)
        return CommunePage(records_from_wire(reply.data), following, generation)


def _search_body(query: LookupQuery) -> dict[str, str]:
    if query.application_code:
        return {"code": application_code_of(query.application_code)}
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
