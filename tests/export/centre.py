"""A reference central system on 127.0.0.1: receives packets, verifies, decrypts and
validates them (kiosk.export.receiver), keeps one case per case code."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.export.envelope import PacketRejected
from kiosk.export.receiver import receive


@dataclass
class Centre:
    key: X25519PrivateKey
    trusted_desks: frozenset[bytes]
    cases: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)  # sha, record
    requests: int = 0
    fail_next: list[int] = field(default_factory=list)  # statuses to answer first, in order
    lock: threading.Lock = field(default_factory=threading.Lock)

    def handle(self, path: str, body: bytes) -> tuple[int, dict[str, Any]]:
        with self.lock:
            self.requests += 1
            if self.fail_next:
                return self.fail_next.pop(0), {"error": "staged failure"}
        code = path.removeprefix("/packets/")
        digest = hashlib.sha256(body).hexdigest()
        with self.lock:
            known = self.cases.get(code)
        if known is not None:
            return ((200, {"status": "duplicate", "code": code}) if known[0] == digest else
                    (409, {"error": "another packet was received for this case"}))
        try:
            header, record, _files = receive(body, centre_key=self.key,
                                             trusted_desks=self.trusted_desks)
        except PacketRejected as rejected:
            return 422, {"error": rejected.reason}
        if header.case_code != code:
            return 422, {"error": "the URL names another case"}
        with self.lock:
            self.cases.setdefault(code, (digest, record))
        return 201, {"status": "accepted", "code": code}


@contextmanager
def running(centre: Centre) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_PUT(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            status, answer = centre.handle(self.path, body)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet tests

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
