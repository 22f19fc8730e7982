"""Run blocking work (devices, database, printing) off the UI thread; results return as signals."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    """Lives on the UI thread as long as its Worker: the jobs emit through it (a job number
    and the result or the error), so the handlers run on the UI thread. One relay for all the
    jobs, never deleted while a job may still be emitting through it (deleting a per-job
    sender the moment its signal arrived raced the worker thread, still inside emit)."""

    succeeded = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, number: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._number = number
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:
            self._relay.failed.emit(self._number, error)
        else:
            self._relay.succeeded.emit(self._number, result)


Handlers = tuple[Callable[[Any], None], Callable[[BaseException], None]]


class Worker(QObject):
    """One job at a time for the desk; ``busy`` is true while it runs."""

    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # device I/O is serialised, like a device thread
        self._relay = _Relay(self)
        self._relay.succeeded.connect(self._succeeded)
        self._relay.failed.connect(self._failed)
        self._numbers = itertools.count(1)
        self._waiting: dict[int, Handlers] = {}  # job number -> its handlers

    @property
    def busy(self) -> bool:
        return bool(self._waiting)

    def submit(self, work: Callable[[], Any], on_success: Callable[[Any], None],
               on_failure: Callable[[BaseException], None]) -> None:
        number = next(self._numbers)
        self._waiting[number] = (on_success, on_failure)
        self._pool.start(_Job(number, work, self._relay))

    def _succeeded(self, number: int, value: Any) -> None:
        self._done(number, 0, value)

    def _failed(self, number: int, error: BaseException) -> None:
        self._done(number, 1, error)

    def _done(self, number: int, which: int, value: Any) -> None:
        handlers = self._waiting.pop(number, None)
        if handlers is None:
            return
        handlers[which](value)
        self.finished.emit()

    def wait(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)
