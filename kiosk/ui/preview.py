"""The face camera's live picture on the capture page, fed from its own thread.

Frames are converted to QImage on the feed thread (QPixmap is UI-thread only) and only the
newest reaches the page; the feed stops before any capture (a webcam serves one reader) and
within a frame when asked.

Stopping never waits on the UI thread: the feed may be halfway through judging a frame
(tens of ms, more on a busy machine). Whoever needs the camera next waits for the old feed
to let go of it off the UI thread: a capture job on the worker (``wait_released``), a new
feed on its own thread before it opens the camera.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from kiosk.desk.faceguide import FaceGuide, Guidance
from kiosk.devices.base import DeviceError

PREVIEW_SESSION_S = 600.0  # a stream is re-opened after ten minutes on one page
STOP_WAIT_S = 2.0


def to_qimage(image: np.ndarray) -> QImage:
    data = np.ascontiguousarray(image)
    fmt = (QImage.Format.Format_Grayscale8 if data.ndim == 2
           else QImage.Format.Format_BGR888)
    return QImage(data.data, data.shape[1], data.shape[0], data.strides[0], fmt).copy()


class LivePreview(QObject):
    frame = Signal(QImage)
    ended = Signal(str)  # why the picture stopped, for the clerk ("" when stopped on purpose)
    guidance = Signal(str, int, int, int)  # what to fix first, score, steady frames, needed
    # The frame the guide took (BGR numpy array) and its analysis (FaceAnalysis).
    auto_captured = Signal(object, object)

    def __init__(self, camera: Callable[[], Any], parent: QObject | None = None,
                 guide: Callable[[], FaceGuide] | None = None) -> None:
        super().__init__(parent)
        self._camera = camera
        self._guide = guide
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._stopping: threading.Thread | None = None  # the last feed asked to stop

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._feed, args=(self._cancel, self._stopping),
                                        name="face-preview", daemon=True)
        self._thread.start()

    def stop(self, *, wait: bool = False) -> None:
        """Ask the feed to end (it does within a frame); ``wait``: and wait for it here,
        only when the window closes."""
        self._cancel.set()
        if self._thread is not None:
            self._stopping, self._thread = self._thread, None
        if wait:
            self.wait_released()

    def wait_released(self) -> None:
        """Off the UI thread, before taking the camera: the stopped feed has let go of it."""
        stopping = self._stopping
        if stopping is not None and stopping is not threading.current_thread():
            stopping.join(STOP_WAIT_S)

    def _feed(self, cancel: threading.Event, previous: threading.Thread | None) -> None:
        reason = ""
        if previous is not None:
            previous.join(STOP_WAIT_S)  # the camera serves one reader
        try:
            if cancel.is_set():
                return
            camera = self._camera()
            guide = self._guide() if self._guide is not None else None
            with contextlib.closing(camera.preview(timeout_s=PREVIEW_SESSION_S,
                                                   cancel=cancel)) as frames:
                for image in frames:
                    if cancel.is_set():
                        break
                    self.frame.emit(to_qimage(image))
                    if guide is not None:
                        self._advise(guide.see(image))
        except DeviceError as error:
            reason = error.message
        except AttributeError:
            reason = "Thiết bị này không có hình xem trước."
        if not cancel.is_set():
            self.ended.emit(reason)

    def _advise(self, seen: Guidance) -> None:
        self.guidance.emit(seen.advice, seen.score, seen.progress, seen.needed)
        if seen.captured is not None:
            self.auto_captured.emit(seen.captured.frame, seen.captured.analysis)
