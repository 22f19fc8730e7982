"""The device manager: finds the devices of each kind through the configured backends, watches
them come and go, reports every status change as an event, and says which device of a kind
the desk uses now (the configured default, or the one the clerk chose).

Backends are *finders* — callables that import their driver only when called and return the
devices they see — so a missing vendor library breaks only its own backend, and says so.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.devices.base import (
    Device,
    DeviceError,
    DeviceInfo,
    DeviceKind,
    DeviceNotConnected,
    DeviceStatus,
)

log = logging.getLogger(__name__)
Finder = Callable[[], list[Any]]  # returns devices of one kind; may raise DeviceError
POLL_S = 2.0


@dataclass(frozen=True)
class DeviceEvent:
    kind: DeviceKind
    info: DeviceInfo
    status: DeviceStatus
    previous: DeviceStatus | None  # None: just found


Listener = Callable[[DeviceEvent], None]


class AbsentDevice:
    """Stands in when no device of a kind is found, so start-up never fails on hardware;
    every capture says what to plug in."""

    def __init__(self, kind: DeviceKind, backend: str, reason: str = "") -> None:
        self._info = DeviceInfo(kind, backend, "(chưa có thiết bị)", "-", simulated=False)
        self._reason = reason

    def info(self) -> DeviceInfo:
        return self._info

    def status(self) -> DeviceStatus:
        return DeviceStatus.DISCONNECTED

    def close(self) -> None:
        """Nothing held."""

    def _absent(self, *_args: Any, **_kwargs: Any) -> Any:
        raise DeviceNotConnected(
            f"Chưa tìm thấy {self._info.kind.label.lower()} ({self._info.backend}). Cắm thiết "
            "bị hoặc bật dịch vụ của hãng; phần mềm tự nhận khi thiết bị sẵn sàng.",
            detail=self._reason)

    capture_face = capture_slap = capture_finger = capture_irises = print_document = _absent

    def preview(self, *_args: Any, **_kwargs: Any) -> Any:
        return self._absent()


class DeviceManager:
    def __init__(self, finders: Mapping[DeviceKind, Mapping[str, Finder]],
                 defaults: Mapping[DeviceKind, str], *, poll_s: float = POLL_S) -> None:
        self._finders = finders
        self._defaults = defaults
        self._poll_s = poll_s
        self._lock = threading.RLock()
        self._found: dict[DeviceKind, dict[tuple[str, str], Any]] = {k: {} for k in finders}
        self._status: dict[tuple[DeviceKind, tuple[str, str]], DeviceStatus] = {}
        self._chosen: dict[DeviceKind, tuple[str, str]] = {}
        self._problems: dict[tuple[DeviceKind, str], str] = {}
        self._listeners: list[Listener] = []
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None

    # ---- what the desk asks ---------------------------------------------------------------

    def current(self, kind: DeviceKind) -> Any:
        """The device of ``kind`` in use: the chosen one, else the first of the default
        backend, else any found, else an :class:`AbsentDevice` that explains."""
        with self._lock:
            found = self._found.get(kind, {})
            chosen = self._chosen.get(kind)
            if chosen in found:
                return found[chosen]
            default = self._defaults.get(kind, "")
            for key, device in found.items():
                if key[0] == default:
                    return device
            if found:
                return next(iter(found.values()))
            return AbsentDevice(kind, default, self._problems.get((kind, default), ""))

    def entries(self, kind: DeviceKind) -> list[tuple[str, Any]]:
        """(backend name, device) of every device of ``kind`` found, for the clerk to pick."""
        with self._lock:
            return [(key[0], device) for key, device in self._found.get(kind, {}).items()]

    def devices(self, kind: DeviceKind) -> list[Any]:
        with self._lock:
            return list(self._found.get(kind, {}).values())

    def choose(self, kind: DeviceKind, backend: str, serial: str) -> Any:
        """The clerk picks another device of ``kind`` (``backend`` is the finder's name);
        it stays chosen while it is found."""
        with self._lock:
            key = (backend, serial)
            if key not in self._found.get(kind, {}):
                raise DeviceNotConnected(detail=f"{kind} {backend}/{serial} not found")
            self._chosen[kind] = key
            return self._found[kind][key]

    def problems(self) -> dict[tuple[DeviceKind, str], str]:
        """Backends that failed to look for devices, with why (for ``kiosk devices list``)."""
        with self._lock:
            return dict(self._problems)

    # ---- events -----------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)
        return lambda: self._unsubscribe(listener)

    def _unsubscribe(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _emit(self, event: DeviceEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a listener's bug must not stop the watcher
                log.exception("device event listener failed")

    # ---- discovery and watching -------------------------------------------------------------

    def refresh(self) -> list[DeviceEvent]:
        """Look for devices once and check every status; emits and returns the changes."""
        events: list[DeviceEvent] = []
        for kind, finders in self._finders.items():
            seen: dict[tuple[str, str], Any] = {}
            for backend, finder in finders.items():
                try:
                    devices = finder()
                except DeviceError as error:
                    self._problems[(kind, backend)] = error.detail or error.message
                    devices = []
                except ImportError as error:  # a vendor library is missing: this backend only
                    self._problems[(kind, backend)] = f"driver not installed: {error.name}"
                    devices = []
                else:
                    self._problems.pop((kind, backend), None)
                for device in devices:
                    seen[(backend, device.info().serial)] = device
            events += self._merge(kind, seen)
        for event in events:
            self._emit(event)
        return events

    def _merge(self, kind: DeviceKind, seen: dict[tuple[str, str], Any]) -> list[DeviceEvent]:
        events = []
        with self._lock:
            known = self._found[kind]
            for key, device in list(seen.items()):
                if key in known and known[key] is not device:
                    device.close()  # the same device found again: keep the object in use
                    seen[key] = known[key]
                known[key] = seen[key]
            gone = [key for key in known if key not in seen]
        for key in gone:
            # Unplugged: keep it (the desk may hold it) and report it disconnected.
            seen[key] = known[key]
        for key, device in seen.items():
            status = _status_of(device) if key not in gone else DeviceStatus.DISCONNECTED
            previous = self._status.get((kind, key))
            if status is not previous:
                self._status[(kind, key)] = status
                events.append(DeviceEvent(kind, device.info(), status, previous))
        return events

    def start(self) -> DeviceManager:
        """Watch in the background: a status change or a plug reaches listeners within
        ``poll_s`` (USB and SBI give no portable hot-plug signal, so we poll)."""
        if self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, name="device-manager",
                                             daemon=True)
            self._watcher.start()
        return self

    def _watch(self) -> None:
        while not self._stop.wait(self._poll_s):
            try:
                self.refresh()
            except Exception:  # keep watching; the next round may succeed
                log.exception("device refresh failed")

    def close(self) -> None:
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join(timeout=10)
            self._watcher = None
        with self._lock:
            for found in self._found.values():
                for device in found.values():
                    device.close()
                found.clear()


def _status_of(device: Device) -> DeviceStatus:
    try:
        return device.status()
    except DeviceError:
        return DeviceStatus.DISCONNECTED
