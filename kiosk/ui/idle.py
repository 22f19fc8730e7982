"""Lock the window after idle time; any key or mouse input counts as activity."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
            QEvent.Type.Wheel}


class IdleWatcher(QObject):
    """Signals:
        idle: nothing happened for the whole interval and nothing holds the lock off.
    """

    idle = Signal()

    def __init__(self, interval_ms: int, held: Callable[[], bool],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._held = held  # e.g. a capture in progress
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._expired)

    def start(self) -> None:
        if self._timer.interval() > 0:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False

    def _expired(self) -> None:
        if self._held():
            self._timer.start()  # a capture is running: look again later
        else:
            self.idle.emit()
