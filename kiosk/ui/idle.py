"""Lock the window after idle time; any key, mouse or touch input counts as activity.

The input is watched on the windows (QWindow), not on the whole application: an
application-wide event filter written in Python runs for every event of every object — each
timer tick, repaint, queued signal — and each call must take the GIL, which a busy worker
thread holds up to the interpreter's switch interval. In the UI tests that made the event
loop stall 130-210 ms while a form was rendered; on the windows it sees only what the
platform delivers (input, expose, resize), and all the clerk's input passes there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow

ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
            QEvent.Type.Wheel, QEvent.Type.TouchBegin}


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

    def watch(self, app: QGuiApplication) -> None:
        """See the input of every window of ``app``: those open now and each that takes the
        focus later (a dialog). Qt installs one filter once per window however often asked."""
        for window in app.topLevelWindows():
            self._follow(window)
        app.focusWindowChanged.connect(self._follow)

    def _follow(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False

    def _expired(self) -> None:
        if self._held():
            self._timer.start()  # a capture is running: look again later
        else:
            self.idle.emit()
