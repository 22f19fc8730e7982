"""Each kept capture's interchange encoding (lossless JPEG 2000), made on a background thread
once the capture is judged and stored, so the export packet finds it ready instead of
encoding six images itself (docs/export.md, "What the capture prepares").

The clerk never waits for it. An encoding is queued when the capture is stored, but starts
only once nothing more has been queued for ``quiet_s`` (the rest of the capture call, the
second eye, the verdict reaching the window come first), and its thread runs at a lower
priority (nice + 10 on Linux), so on a busy core it takes only the time the UI and the
capture worker leave. Whatever goes wrong here only costs speed: the packet encodes any
image it finds no valid encoding for, exactly as it did before.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor, wait

from kiosk.desk.records import encode_capture
from kiosk.storage.cases import CaseRepository

log = logging.getLogger(__name__)  # case codes, positions and error kinds only
BACKGROUND_NICE = 10  # what the encoding thread adds to its niceness
QUIET_S = 0.25  # an encoding waits until nothing more has been queued for this long


def _yield_to_the_desk() -> None:
    """Lower this thread's priority: on Linux ``setpriority`` with a thread's id applies to
    that thread alone. Elsewhere (or refused) the thread keeps the process's priority."""
    if not hasattr(os, "setpriority"):
        return
    try:
        thread = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, thread,
                       os.getpriority(os.PRIO_PROCESS, thread) + BACKGROUND_NICE)
    except OSError:
        pass


class EncodingsAhead:
    """One background thread per desk, started at the first capture; ``close`` waits for
    what is under way (the desk's shutdown)."""

    def __init__(self, cases: CaseRepository, *, quiet_s: float = QUIET_S) -> None:
        self._cases = cases
        self._quiet_s = quiet_s
        self._last_submitted = 0.0  # time.monotonic() of the latest submit
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._closed = False
        self._pending: dict[str, list[Future[None]]] = {}  # per case code

    def submit(self, code: str, position: str, attempt: int, png: bytes) -> None:
        """Encode the stored ``png`` of that attempt and keep it beside the image."""
        with self._lock:
            if self._closed:
                return  # shutting down: the packet will encode it
            if self._pool is None:
                self._pool = ThreadPoolExecutor(1, thread_name_prefix="kiosk-encodings",
                                                initializer=_yield_to_the_desk)
            self._last_submitted = time.monotonic()
            # What is done is forgotten (a case left open keeps nothing here).
            self._pending = {c: left for c, futures in self._pending.items()
                             if (left := [f for f in futures if not f.done()])}
            self._pending.setdefault(code, []).append(
                self._pool.submit(self._encode, code, position, attempt, png))

    def settle(self, code: str) -> None:
        """Wait until the case's encodings are stored (its close: the packet may be built
        at once). Usually already done: captures end minutes before a case closes."""
        with self._lock:
            pending = self._pending.pop(code, [])
        wait(pending)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
            self._pending.clear()
        if pool is not None:
            pool.shutdown(wait=True)

    def _encode(self, code: str, position: str, attempt: int, png: bytes) -> None:
        while (wait_s := self._last_submitted + self._quiet_s - time.monotonic()) > 0:
            time.sleep(wait_s)
        try:
            self._cases.add_encoding(code, position, attempt, encode_capture(position, png))
        except Exception as error:  # any failure only costs speed: the packet encodes it
            log.warning("case %s: %s attempt %d not encoded ahead (%s)", code, position,
                        attempt, type(error))
