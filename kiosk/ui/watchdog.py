"""How long the UI thread went without turning its event loop: a debug tool for the UI tests
and the benchmarks (issue 9: the UI thread never blocked more than 100 ms).

A precise 10 ms QTimer on the UI thread notes the real time of each tick; the longest gap
between two ticks bounds how long the clerk's screen could not react to a key, a click or a
repaint. While a gap grows, a monitor thread samples the UI thread's Python stack, so a stall
names the code that held the thread (the stack seen most often during it). Work a test does
on purpose between its steps — a screenshot, a PDF read by a tool — is ``excused``.

Time the operating system kept the UI thread waiting for a free CPU (its run-queue wait, from
Linux's /proc/self/task/ID/schedstat) is not the program's doing: on a machine busy with other
processes — parallel test runs on two cores — a thread can be runnable and not run for over
100 ms. That wait is taken off each gap before it is judged, and reported beside it. Waiting
for the GIL or a lock is sleeping, not run-queue time, so it still counts. Where schedstat is
missing, nothing is taken off.

Only code locations are kept (file, line, function): never values, so nothing personal.
"""

from __future__ import annotations

import sys
import threading
import time
import weakref
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import ClassVar

from PySide6.QtCore import QObject, Qt, QTimer

TICK_MS = 10
LIMIT_MS = 100.0  # issue 9's acceptance: never blocked longer than this
SAMPLE_EVERY_S = 0.005
SAMPLE_AFTER_S = 0.030  # a gap this long is sampled: three ticks missed
ROOT = Path(__file__).resolve().parents[2]
PROJECT = tuple(str(ROOT / part) for part in ("kiosk", "device_simulators", "tests",
                                              "benchmarks"))
FRAMES_SHOWN = 6


@dataclass(frozen=True)
class Stall:
    """One gap between two ticks: how long, and where the UI thread was most of the time."""

    ms: float  # blocked: the gap less the time the OS had no CPU for the thread
    where: tuple[str, ...] = ()  # innermost first: "kiosk/ui/shell.py:250 in _show_current"
    no_cpu_ms: float = 0.0  # the run-queue wait taken off

    def describe(self) -> str:
        where = "\n    ".join(self.where) if self.where else "(no Python code: Qt itself)"
        waited = f" (+{self.no_cpu_ms:.0f} ms waiting for a CPU)" if self.no_cpu_ms >= 1 else ""
        return f"{self.ms:.0f} ms{waited}, in\n    {where}"


def run_queue_wait_ms(native_id: int) -> float:
    """How long the thread ``native_id`` of this process has waited, runnable, for a CPU
    since it began (Linux); 0 where the kernel does not say. Read by the monitor thread: a
    read on the UI thread would release and retake the GIL at every tick."""
    try:
        with open(f"/proc/self/task/{native_id}/schedstat", "rb") as stat:
            return int(stat.read().split()[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return 0.0


def _where(frame: FrameType | None) -> tuple[str, ...]:
    """The project's frames of a stack, innermost first (the innermost others if none)."""
    ours: list[str] = []
    others: list[str] = []
    while frame is not None and len(ours) < FRAMES_SHOWN:
        code = frame.f_code
        place = f"{code.co_filename}:{frame.f_lineno} in {code.co_name}"
        if code.co_filename.startswith(PROJECT):
            ours.append(place.removeprefix(str(ROOT) + "/"))
        elif not ours and len(others) < 3:
            others.append(place)
        frame = frame.f_back
    return tuple(ours) or tuple(others)


class UiWatchdog(QObject):
    """Start it on the UI thread; read :attr:`longest` and :attr:`stalls` after :meth:`stop`.

    Attributes:
        longest: the longest gap between two ticks seen while running (not excused).
        stalls: every gap longer than ``limit_ms``, in order.
    """

    _running: ClassVar[weakref.WeakSet[UiWatchdog]] = weakref.WeakSet()

    def __init__(self, parent: QObject | None = None, *, limit_ms: float = LIMIT_MS) -> None:
        super().__init__(parent)
        self.limit_ms = limit_ms
        self.longest = Stall(0.0)
        self.stalls: list[Stall] = []
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._lock = threading.Lock()
        self._last = 0.0
        self._ui_native_id = 0
        self._wait_ms = 0.0  # the UI thread's run-queue wait, as the monitor last read it
        self._wait_at_tick_ms = 0.0  # and as it was at the last tick
        self._excused = 0
        self._samples: list[tuple[str, ...]] = []
        self._ui_thread = 0
        self._stop = threading.Event()
        self._monitor: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self.longest = Stall(0.0)
        self.stalls = []
        self._ui_thread = threading.get_ident()
        self._ui_native_id = threading.get_native_id()
        self._wait_ms = self._wait_at_tick_ms = run_queue_wait_ms(self._ui_native_id)
        with self._lock:
            self._last = time.perf_counter()
            self._samples = []
        self._stop.clear()
        self._monitor = threading.Thread(target=self._watch, name="ui-watchdog", daemon=True)
        self._monitor.start()
        self._timer.start()
        UiWatchdog._running.add(self)

    def stop(self) -> None:
        UiWatchdog._running.discard(self)
        self._timer.stop()
        self._stop.set()
        if self._monitor is not None:
            self._monitor.join()
            self._monitor = None

    @contextmanager
    def excused(self) -> Iterator[None]:
        """A gap that overlaps this block is not counted (work the caller does on purpose)."""
        with self._lock:
            self._excused += 1
        try:
            yield
        finally:
            with self._lock:
                self._excused -= 1
                self._last = time.perf_counter()
                self._samples = []

    def report(self) -> str:
        """For a failed check: every stall over the limit, each with where it happened."""
        over = self.stalls or [self.longest]
        return (f"the UI thread was blocked longer than {self.limit_ms:.0f} ms "
                f"({len(self.stalls)} time(s)):\n" + "\n".join(s.describe() for s in over))

    def _tick(self) -> None:
        now = time.perf_counter()
        with self._lock:
            no_cpu_ms = self._wait_ms - self._wait_at_tick_ms
            self._wait_at_tick_ms = self._wait_ms
            gap_ms = (now - self._last) * 1000 - no_cpu_ms
            samples, self._samples = self._samples, []
            self._last = now
            excused = self._excused > 0
        if excused:
            return
        if gap_ms > self.longest.ms or gap_ms > self.limit_ms:
            common = Counter(samples).most_common(1)
            stall = Stall(gap_ms, common[0][0] if common else (), no_cpu_ms)
            if gap_ms > self.longest.ms:
                self.longest = stall
            if gap_ms > self.limit_ms:
                self.stalls.append(stall)

    def _watch(self) -> None:
        """The monitor thread: sample the UI thread's stack while a gap grows."""
        while not self._stop.wait(SAMPLE_EVERY_S):
            waited_ms = run_queue_wait_ms(self._ui_native_id)
            with self._lock:
                self._wait_ms = waited_ms
                since = self._last
                quiet = self._excused > 0 or time.perf_counter() - since < SAMPLE_AFTER_S
            if quiet:
                continue
            where = _where(sys._current_frames().get(self._ui_thread))
            with self._lock:
                if self._last == since:  # still the same gap
                    self._samples.append(where)


@contextmanager
def excused() -> Iterator[None]:
    """Excuse the block in every running watchdog (e.g. a test's screenshot)."""
    with ExitStack() as stack:
        for watchdog in list(UiWatchdog._running):
            stack.enter_context(watchdog.excused())
        yield
