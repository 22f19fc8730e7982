"""A reference central population registry (CSDLQG về dân cư) on 127.0.0.1, for tests and
trainers: it implements ``docs/api/registry.json`` over HTTPS and requires a client
certificate signed by its CA (mutual TLS), and misbehaves on cue.

Records are served as their JSON (the ``CitizenRecord`` schema): give it dictionaries, or
anything with ``to_json()`` (RegistryRecord, ``SqlRegistry.everyone()``) — this package may
not import the kiosk's registry, so it only reads the JSON. ``commune_of`` says which
commune (5-digit code) each record lives in, for the sync feed; :meth:`RegistryService.put`
with another commune moves a person. Online applications (``Application``: an
``OnlineApplication.to_json()``) are found by their code with their citizen.

The sync feed lists a commune in generations: a pass without a cursor starts a new one (the
commune's members at that moment, by ID number), its cursors carry it, and its last page
ends it, so a client knows whoever it holds for the commune and the pass did not list has
left. The last :data:`GENERATIONS_KEPT` generations are kept; an older cursor is refused
(``bad_cursor``).

Connections are kept alive (HTTP/1.1) until idle for :data:`KEEP_ALIVE_S` seconds, as a
real front end keeps them; :meth:`RegistryService.drop_connections` closes them all, as a
restart or an idle timeout would.

Faults: :meth:`RegistryService.go_down` (open connections closed, new ones refused until
:meth:`come_up`), :meth:`slow` (every answer waits), :meth:`trickle` (answers sent a byte at
a time), :meth:`answer_garbage` (not JSON, cut off, or wrong types), :meth:`flaky` (N
answers 500, then good ones), :meth:`close_when_reused` (the next N requests on a kept-alive
connection find it closed: the race of a client's request with the server's idle timeout).
Trainers run it as
``python -m device_simulators.registry_service --tls-dir DIR [--records FILE]`` and switch
faults live with ``POST /admin/behaviour`` (see :func:`main`).
"""

from __future__ import annotations

import argparse
import base64
import binascii
import bisect
import contextlib
import ipaddress
import json
import re
import signal
import socket
import ssl
import sys
import threading
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DEFAULT_COMMUNE = "00070"  # Phường Hoàn Kiếm (Hà Nội)
COMMUNE = re.compile(r"\d{5}")
MAX_BODY = 64 * 1024
DEFAULT_LIMIT, MAX_LIMIT = 200, 1000
HANDSHAKE_TIMEOUT_S = 5.0
KEEP_ALIVE_S = 5  # an idle kept-alive connection is closed after this (Apache's default)
GENERATIONS_KEPT = 256  # sync passes whose cursors are still accepted
FEED = re.compile(r"/v1/communes/([^/]+)/citizens")


# -- certificates ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Authority:
    """A certificate authority that issues the server's and the desks' TLS certificates."""

    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @classmethod
    def create(cls, common_name: str, days: int = 30) -> Authority:
        key = ec.generate_private_key(ec.SECP256R1())
        name = _name(common_name)
        now = datetime.now(UTC)
        certificate = (
            x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .sign(key, hashes.SHA256()))
        return cls(key, certificate)

    def issue(self, common_name: str, *, server_ip: str | None = None, days: int = 30) -> bytes:
        """PEM of a certificate and its key: a server's for ``server_ip``, else a client's."""
        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.now(UTC)
        usage = ExtendedKeyUsageOID.SERVER_AUTH if server_ip else ExtendedKeyUsageOID.CLIENT_AUTH
        builder = (
            x509.CertificateBuilder().subject_name(_name(common_name))
            .issuer_name(self.certificate.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                self.key.public_key()), critical=False))
        if server_ip:
            builder = builder.add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(server_ip))]), critical=False)
        certificate = builder.sign(self.key, hashes.SHA256())
        return certificate.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())

    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


@dataclass(frozen=True)
class TlsFiles:
    ca: Path  # the CA: the kiosk trusts it (registry.ca_certificates), the server checks desks
    server: Path  # the server's certificate and key (127.0.0.1)
    client: Path  # a desk's certificate and key (registry.client_certificate)


def issue_tls_files(folder: Path, host: str = "127.0.0.1") -> TlsFiles:
    """A fresh CA, a server certificate for ``host`` and one desk's client certificate."""
    folder.mkdir(parents=True, exist_ok=True)
    authority = Authority.create("CSDLQG reference CA")
    files = TlsFiles(folder / "ca.pem", folder / "server.pem", folder / "client.pem")
    files.ca.write_bytes(authority.pem())
    files.server.write_bytes(authority.issue("registry.reference", server_ip=host))
    files.client.write_bytes(authority.issue("desk HK01"))
    for secret in (files.server, files.client):
        secret.chmod(0o600)
    return files


# -- what the service does -------------------------------------------------------------------
class Garbage(StrEnum):
    NOT_JSON = "not_json"  # a proxy's HTML page with status 200
    TRUNCATED = "truncated"  # the right answer cut off half-way
    WRONG_TYPES = "wrong_types"  # JSON, but numbers and nulls where text and lists belong


@dataclass(frozen=True)
class Seen:
    """One request as the service saw it (no body: it holds personal data)."""

    method: str
    path: str
    cursor: str | None = None
    idempotency_key: str | None = None
    connection: int = 0  # which TLS connection it came on (1, 2, … in the order accepted)


@dataclass
class _Behaviour:
    delay_s: float = 0.0
    trickle_s: float = 0.0  # pause before each byte of the answer
    garbage: Garbage | None = None
    failures: int = 0  # answers 500 before answering properly
    close_when_reused: int = 0  # requests on a kept-alive connection that find it closed


@dataclass
class _Report:
    body: dict[str, Any]
    report_id: str


@dataclass
class _Served:
    commune: str
    record: dict[str, Any]


@dataclass(frozen=True)
class _Generation:
    commune: str
    members: tuple[str, ...]  # ID numbers, sorted, when the pass started


def fold(text: str) -> str:
    """Accents, case and extra spaces dropped (Nguyễn = nguyen; Đ = d)."""
    text = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    text = text.replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def exact(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


class RegistryService:
    """Serves on 127.0.0.1 (``base_url``) until :meth:`stop`; also a context manager."""

    def __init__(self, records: Iterable[Any] = (), *, tls: TlsFiles,
                 commune_of: Callable[[Mapping[str, Any]], str] = lambda _r: DEFAULT_COMMUNE,
                 applications: Iterable[Any] = (), port: int = 0) -> None:
        self._lock = threading.Lock()
        self._commune_of = commune_of
        self._people: dict[str, _Served] = {}
        self._applications: dict[str, dict[str, Any]] = {}
        self._generations: dict[str, _Generation] = {}  # oldest first
        self._epoch = uuid.uuid4().hex[:8]  # generations of another run are never taken
        self._passes = 0
        for record in records:
            self.put(record)
        for application in applications:
            self.put_application(application)
        self._behaviour = _Behaviour()
        self._reports: dict[str, _Report] = {}
        self.seen: list[Seen] = []
        self.refused_handshakes = 0
        self.connections = 0  # TLS connections accepted
        self.resumed = 0  # of which resumed an earlier TLS session
        self._live: set[ssl.SSLSocket] = set()
        self._stopping = threading.Event()
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.minimum_version = ssl.TLSVersion.TLSv1_2
        self._context.load_cert_chain(tls.server)
        self._context.load_verify_locations(tls.ca)
        self._context.verify_mode = ssl.CERT_REQUIRED  # mutual TLS: desks of this CA only
        self._server: _TlsServer | None = None
        self._thread: threading.Thread | None = None
        self.port = port
        self.come_up()

    # -- running ---------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def come_up(self) -> None:
        """Listen (again, on the same port after :meth:`go_down`)."""
        with self._lock:
            if self._server is not None:
                return
            self._server = _TlsServer(("127.0.0.1", self.port), self)
            self.port = self._server.server_address[1]
            self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                            name="registry-service", daemon=True)
            self._thread.start()

    def go_down(self) -> None:
        """Stop listening and close the open connections: every connection is refused
        until :meth:`come_up`."""
        with self._lock:
            server, thread, self._server, self._thread = self._server, self._thread, None, None
        if server is not None and thread is not None:
            server.shutdown()
            server.server_close()
            thread.join()
        self.drop_connections()

    def drop_connections(self) -> None:
        """Close every open connection (a restart, or the idle timeout of kept-alive ones).
        The plain socket's shutdown: each connection's thread then sees it closed."""
        with self._lock:
            live = list(self._live)
        for tls in live:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(tls, socket.SHUT_RDWR)

    def accepted(self, tls: ssl.SSLSocket) -> int:
        """A connection's handshake succeeded: its number."""
        with self._lock:
            self.connections += 1
            self.resumed += bool(tls.session_reused)
            self._live.add(tls)
            return self.connections

    def connections_open(self) -> int:
        with self._lock:
            return len(self._live)

    def ended(self, tls: ssl.SSLSocket) -> None:
        with self._lock:
            self._live.discard(tls)

    def stop(self) -> None:
        self._stopping.set()  # slow answers waiting are let go
        self.go_down()

    def __enter__(self) -> RegistryService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- faults ----------------------------------------------------------------------------
    def slow(self, seconds: float) -> None:
        with self._lock:
            self._behaviour.delay_s = seconds

    def trickle(self, seconds_per_byte: float) -> None:
        """Send every answer one byte at a time: each read gets a byte before the client's
        read timeout, so only a limit on the whole attempt stops the wait."""
        with self._lock:
            self._behaviour.trickle_s = seconds_per_byte

    def pause_per_byte(self) -> float:
        with self._lock:
            return self._behaviour.trickle_s

    def wait(self, seconds: float) -> bool:
        """Sleep unless the service stops; True when it stopped."""
        return self._stopping.wait(seconds)

    def answer_garbage(self, kind: Garbage | None) -> None:
        with self._lock:
            self._behaviour.garbage = kind

    def flaky(self, failures: int) -> None:
        """Answer the next ``failures`` requests with 500, then properly."""
        with self._lock:
            self._behaviour.failures = failures

    def close_when_reused(self, count: int) -> None:
        """The next ``count`` requests that come on a kept-alive connection find it closed
        (read, never answered nor recorded in :attr:`seen`)."""
        with self._lock:
            self._behaviour.close_when_reused = count

    def closes_reused(self) -> bool:
        """Whether this request on a kept-alive connection is to find it closed."""
        with self._lock:
            if self._behaviour.close_when_reused:
                self._behaviour.close_when_reused -= 1
                return True
            return False

    def behave(self) -> None:
        with self._lock:
            self._behaviour = _Behaviour()

    # -- data ------------------------------------------------------------------------------
    def put(self, record: Any, commune: str | None = None) -> None:
        """Add or replace one person (a dict, or anything with ``to_json()``); a commune
        other than their present one moves them there."""
        data = dict(record if isinstance(record, Mapping) else record.to_json())
        with self._lock:
            self._people[data["id_number"]] = _Served(commune or self._commune_of(data), data)

    def remove(self, id_number: str) -> None:
        """The person is no longer in the registry (a record withdrawn)."""
        with self._lock:
            self._people.pop(id_number, None)

    def put_application(self, application: Any, code: str | None = None) -> None:
        """Add or replace one online application (a dict, or anything with ``to_json()``),
        found by its code, or by ``code`` (a service answering with another one's)."""
        data = dict(application if isinstance(application, Mapping) else application.to_json())
        with self._lock:
            self._applications[_code_key(code or data["code"])] = data

    def reports(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r.body, report_id=r.report_id) for r in self._reports.values()]

    def refused(self) -> None:
        with self._lock:
            self.refused_handshakes += 1

    # -- answering -------------------------------------------------------------------------
    def answer(self, method: str, target: str, headers: Mapping[str, str],
               body: bytes, connection: int = 0) -> tuple[int, bytes, str]:
        """(status, body, content type) for one request (on the ``connection``-th one)."""
        parts = urlsplit(target)
        if parts.path == "/admin/behaviour" and method == "POST":
            return self._admin(body)  # never delayed nor failed: the trainer's switch
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        with self._lock:
            self.seen.append(Seen(method, parts.path, query.get("cursor"),
                                  headers.get("Idempotency-Key"), connection))
            behaviour = _Behaviour(**vars(self._behaviour))
            if self._behaviour.failures:
                self._behaviour.failures -= 1
        if behaviour.delay_s:
            self._stopping.wait(behaviour.delay_s)
        if behaviour.failures:
            return _json(500, _error("internal", "staged failure"))
        status, answer = self._route(method, parts.path, query, headers, body)
        if behaviour.garbage is Garbage.NOT_JSON:
            return 200, b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"
        if behaviour.garbage is Garbage.WRONG_TYPES:
            return _json(200, {"items": [{"id_number": 1096012345, "full_name": None,
                                          "date_of_birth": "15/03/1996", "cards": "none"}],
                               "next_cursor": 7, "report_id": 3})
        if behaviour.garbage is Garbage.TRUNCATED:
            status, data, kind = _json(status, answer)
            return 200, data[: max(1, len(data) // 2)], kind
        return _json(status, answer)

    def _route(self, method: str, path: str, query: dict[str, str], headers: Mapping[str, str],
               body: bytes) -> tuple[int, dict[str, Any]]:
        feed = FEED.fullmatch(path)
        if path == "/v1/citizens/search":
            return (self._search(body) if method == "POST" else
                    (405, _error("method_not_allowed", "use POST")))
        if path == "/v1/applications/lookup":
            return (self._application(body) if method == "POST" else
                    (405, _error("method_not_allowed", "use POST")))
        if path == "/v1/discrepancies":
            return (self._report(headers, body) if method == "POST" else
                    (405, _error("method_not_allowed", "use POST")))
        if feed is not None:
            return (self._feed(feed.group(1), query) if method == "GET" else
                    (405, _error("method_not_allowed", "use GET")))
        return 404, _error("no_route", "no such path")

    def _search(self, body: bytes) -> tuple[int, dict[str, Any]]:
        asked = _json_body(body)
        if asked is None:
            return 400, _error("bad_request", "the body must be a JSON object")
        with self._lock:
            people = [served.record for served in self._people.values()]
        if set(asked) == {"id_number"} and isinstance(asked["id_number"], str):
            found = [r for r in people if r["id_number"] == asked["id_number"]]
        elif set(asked) == {"former_id_number"} and isinstance(asked["former_id_number"], str):
            number = asked["former_id_number"]
            found = [r for r in people if r.get("former_id_number") == number or any(
                c.get("kind") == "cmnd" and c.get("number") == number
                for c in r.get("cards", []))]
        elif ({"full_name", "date_of_birth"} <= set(asked) <= {"full_name", "date_of_birth",
                                                               "place"}
              and all(isinstance(v, str) for v in asked.values())):
            found = _by_name(people, asked)
        else:
            return 400, _error("bad_request", "give id_number, former_id_number, or "
                                              "full_name with date_of_birth (and place)")
        return 200, {"items": found}

    def _application(self, body: bytes) -> tuple[int, dict[str, Any]]:
        asked = _json_body(body)
        if asked is None or set(asked) != {"code"} or not isinstance(asked["code"], str):
            return 400, _error("bad_request", "give the application's code")
        with self._lock:
            application = self._applications.get(_code_key(asked["code"]))
            served = None if application is None else self._people.get(application["id_number"])
        if application is None or served is None:
            return 404, _error("not_found", "no application has this code")
        return 200, {"application": application, "citizen": served.record}

    def _report(self, headers: Mapping[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        key = headers.get("Idempotency-Key", "")
        if not 8 <= len(key) <= 100:
            return 400, _error("missing_idempotency_key", "send an Idempotency-Key header")
        report = _json_body(body)
        if report is None or not all(isinstance(report.get(k), str)
                                     for k in ("id_number", "code", "note")):
            return 400, _error("bad_request", "id_number, code and note are required")
        with self._lock:
            known = self._reports.get(key)
            if known is not None:
                if known.body != report:
                    return 409, _error("conflict", "this key was used for another report")
                return 200, {"report_id": known.report_id, "status": "received"}
            if report["id_number"] not in self._people:
                return 404, _error("not_found", "no such citizen")
            made = _Report(report, str(uuid.uuid4()))
            self._reports[key] = made
        return 201, {"report_id": made.report_id, "status": "received"}

    def _feed(self, commune: str, query: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if not COMMUNE.fullmatch(commune):
            return 400, _error("bad_request", "a commune code has 5 digits")
        limit_text = query.get("limit", str(DEFAULT_LIMIT))
        if not limit_text.isdigit() or not 1 <= int(limit_text) <= MAX_LIMIT:
            return 400, _error("bad_request", f"limit must be 1-{MAX_LIMIT}")
        with self._lock:
            if "cursor" in query:
                decoded = _cursor_of(query["cursor"])
                known = None if decoded is None else self._generations.get(decoded[0])
                if decoded is None or known is None or known.commune != commune:
                    return 400, _error("bad_cursor", "unknown cursor: start again without one")
                generation, after = decoded
            else:
                generation, after = self._new_generation(commune), ""
                known = self._generations[generation]
            start = bisect.bisect_right(known.members, after)
            window = known.members[start:start + int(limit_text)]
            # Members who left since the pass began are not listed: they are gone.
            page = [self._people[i].record for i in window
                    if i in self._people and self._people[i].commune == commune]
        more = start + len(window) < len(known.members)
        return 200, {"commune": commune, "generation": generation, "items": page,
                     "next_cursor": _cursor(generation, window[-1]) if more else None}

    def _new_generation(self, commune: str) -> str:
        """A new pass over ``commune``: its members now (under the lock)."""
        self._passes += 1
        name = f"{self._epoch}-{self._passes}"
        self._generations[name] = _Generation(commune, tuple(sorted(
            i for i, s in self._people.items() if s.commune == commune)))
        while len(self._generations) > GENERATIONS_KEPT:
            del self._generations[next(iter(self._generations))]
        return name

    def _admin(self, body: bytes) -> tuple[int, bytes, str]:
        """Trainers: {"delay_s": 5} | {"trickle_s": 0.5} | {"garbage": "truncated" | null} |
        {"failures": 3} | {"down_s": 30} (refuse connections for 30 s) | {} (behave)."""
        asked = _json_body(body) or {}
        try:
            if not asked:
                self.behave()
            if "delay_s" in asked:
                self.slow(float(asked["delay_s"]))
            if "garbage" in asked:
                self.answer_garbage(None if asked["garbage"] is None else Garbage(
                    asked["garbage"]))
            if "failures" in asked:
                self.flaky(int(asked["failures"]))
            if "trickle_s" in asked:
                self.trickle(float(asked["trickle_s"]))
        except (TypeError, ValueError):
            return _json(400, _error("bad_request", "delay_s, garbage, failures or down_s"))
        if "down_s" in asked:
            # After this answer: the listener goes away, and comes back on its own.
            threading.Timer(0.1, self.go_down).start()
            threading.Timer(0.1 + float(asked["down_s"]), self.come_up).start()
        return _json(200, {"status": "ok"})


def _by_name(people: list[dict[str, Any]], asked: dict[str, str]) -> list[dict[str, Any]]:
    """Accent-insensitive name, birth date as far as the record knows it, place if given;
    when some have the name exactly as typed (diacritics kept), only those."""
    try:
        born = datetime.strptime(asked["date_of_birth"], "%Y-%m-%d").date()
    except ValueError:
        return []
    place = fold(asked.get("place", ""))

    def same_birth(record: dict[str, Any]) -> bool:
        known = datetime.strptime(record["date_of_birth"], "%Y-%m-%d").date()
        precision = record.get("birth_precision", "day")
        if precision == "year":
            return known.year == born.year
        if precision == "month":
            return (known.year, known.month) == (born.year, born.month)
        return known == born

    found = [r for r in people if fold(r["full_name"]) == fold(asked["full_name"])
             and same_birth(r) and (not place or any(
                 place in fold(r.get(k, "")) for k in ("place_of_birth_registration", "hometown")))]
    exacts = [r for r in found if exact(r["full_name"]) == exact(asked["full_name"])]
    return exacts or found


def _code_key(code: str) -> str:
    return "".join(code.split()).upper()


def _cursor(generation: str, after: str) -> str:
    raw = json.dumps([generation, after]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _cursor_of(text: str) -> tuple[str, str] | None:
    try:
        decoded = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, ValueError):
        return None
    if (isinstance(decoded, list) and len(decoded) == 2
            and all(isinstance(part, str) for part in decoded)):
        return decoded[0], decoded[1]
    return None


def _json_body(body: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _error(code: str, message: str) -> dict[str, Any]:
    return {"code": code, "message": message}


def _json(status: int, data: dict[str, Any]) -> tuple[int, bytes, str]:
    return status, json.dumps(data, ensure_ascii=False).encode(), "application/json"


# -- HTTP over TLS ---------------------------------------------------------------------------
class _TlsServer(ThreadingHTTPServer):
    """The TLS handshake runs in each request's thread, so a slow or refused client never
    holds up the others; a refused certificate is counted."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], service: RegistryService) -> None:
        self.service = service
        super().__init__(address, _Handler)

    def finish_request(self, request: Any, client_address: Any) -> None:
        request.settimeout(HANDSHAKE_TIMEOUT_S)
        # The head and the body of an answer go out in two writes: without this, on a kept-
        # alive connection the body waits for the client's delayed ACK (40 ms on Linux).
        request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        tls = self.service._context.wrap_socket(request, server_side=True,
                                                do_handshake_on_connect=False)
        try:
            tls.do_handshake()
        except (ssl.SSLError, OSError):
            self.service.refused()
            _linger(tls)  # the alert reaches the client rather than a reset
            return
        number = self.service.accepted(tls)
        try:
            _Handler(tls, client_address, self, number)
        finally:
            self.service.ended(tls)
            with contextlib.suppress(OSError):
                tls.shutdown(socket.SHUT_RDWR)
            tls.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that went away (timed out) mid-answer: nothing to do


def _linger(tls: ssl.SSLSocket) -> None:
    """Close after a refused handshake the way a careful server does: stop sending, read
    what the client had already sent (its request), then close, so the client's kernel
    delivers the TLS alert instead of a connection reset."""
    try:
        socket.socket.shutdown(tls, socket.SHUT_WR)
        tls.settimeout(0.5)
        while socket.socket.recv(tls, 65536):
            pass
    except OSError:
        pass
    finally:
        tls.close()


class _Handler(BaseHTTPRequestHandler):
    """One connection: its requests in turn (HTTP/1.1 keep-alive) until the client closes
    it, asks to, or leaves it idle for KEEP_ALIVE_S (the socket timeout)."""

    server: _TlsServer
    protocol_version = "HTTP/1.1"
    timeout = KEEP_ALIVE_S

    def __init__(self, request: Any, client_address: Any, server: _TlsServer,
                 number: int = 0) -> None:
        self.number = number  # the connection's, for Seen
        self.answered = 0
        super().__init__(request, client_address, server)

    def _answer(self) -> None:
        service = self.server.service
        if self.answered and service.closes_reused():
            self.close_connection = True  # as if the idle timeout had just closed it
            return
        length = self.headers.get("Content-Length", "0")
        if not length.isdigit() or int(length) > MAX_BODY:
            status, data, kind = _json(413, _error("too_large", f"at most {MAX_BODY} bytes"))
            self.close_connection = True  # the unread body would be taken for a request
        else:
            body = self.rfile.read(int(length))
            status, data, kind = service.answer(
                self.command, self.path, dict(self.headers.items()), body, self.number)
        self.answered += 1
        pause = service.pause_per_byte()
        if pause:
            self.close_connection = True
            self._trickle(status, data, kind, pause)
            return
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        if self.close_connection:
            self.send_header("Connection", "close")
        else:
            self.send_header("Keep-Alive", f"timeout={KEEP_ALIVE_S}")
        self.end_headers()
        self.wfile.write(data)

    def _trickle(self, status: int, data: bytes, kind: str, pause: float) -> None:
        head = (f"HTTP/1.1 {status} OK\r\nContent-Type: {kind}\r\nContent-Length: "
                f"{len(data)}\r\nConnection: close\r\n\r\n").encode()
        for byte in head + data:
            if self.server.service.wait(pause):
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def do_PUT(self) -> None:
        self._answer()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # requests carry personal data: nothing is logged


# -- for trainers ----------------------------------------------------------------------------
def _read_records(path: Path, commune: str) -> Iterator[tuple[dict[str, Any], str]]:
    """One record, a JSON array of them, or JSON lines; each a CitizenRecord or
    {"commune": CODE, "record": {...}}."""
    text = path.read_text(encoding="utf-8")
    try:
        whole = json.loads(text)
        items = whole if isinstance(whole, list) else [whole]
    except ValueError:
        items = [json.loads(line) for line in text.splitlines() if line.strip()]
    for data in items:
        if "record" in data:
            yield data["record"], str(data.get("commune", commune))
        else:
            yield data, commune


def main(argv: list[str] | None = None) -> int:
    """Run the service until interrupted; prints one JSON line with the files the kiosk
    needs (registry.base_url, registry.ca_certificates, registry.client_certificate)."""
    parser = argparse.ArgumentParser(prog="python -m device_simulators.registry_service")
    parser.add_argument("--tls-dir", type=Path, required=True,
                        help="where to write ca.pem, server.pem and client.pem")
    parser.add_argument("--records", type=Path, help="JSON lines of citizen records")
    parser.add_argument("--commune", default=DEFAULT_COMMUNE,
                        help="commune code of records that name none")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    files = issue_tls_files(args.tls_dir)
    service = RegistryService(tls=files, port=args.port)
    for record, commune in _read_records(args.records, args.commune) if args.records else ():
        service.put(record, commune)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with service:
        sys.stdout.write(json.dumps({"base_url": service.base_url, "ca": str(files.ca),
                                     "client_certificate": str(files.client)}) + "\n")
        sys.stdout.flush()
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
