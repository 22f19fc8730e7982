"""A real face camera: a webcam through OpenCV (V4L2 on Linux, Media Foundation on Windows).

OpenCV's open and read calls can block for seconds on a bad device, so they run on a
helper thread and the capture waits on it with the timeout and the cancel event: the
caller always gets a frame or a typed error, never a hang.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import cv2
import numpy as np

from kiosk.devices.base import (
    CaptureCancelled,
    DeviceBusy,
    DeviceError,
    DeviceInfo,
    DeviceKind,
    DeviceNotConnected,
    DeviceStatus,
    DeviceTimeout,
    FaceCapture,
)

T = TypeVar("T")
WARM_UP_FRAMES = 5  # auto-exposure settles over the first frames
SHARP_ENOUGH = 30.0  # Laplacian variance of a usable frame


@dataclass(frozen=True)
class WebcamSettings:
    """What we ask of a UVC camera; a camera that cannot honour a value keeps its own."""

    width: int = 1280
    height: int = 720
    mjpeg: bool = True  # compressed frames reach 720p at 30 fps over USB 2 where YUYV cannot
    exposure: float | None = None  # None: automatic exposure


class OpenCVFaceCamera:
    """``index`` is a camera number, or a source OpenCV opens by name: a video file (a
    virtual camera that replays, looping) or a network camera's URL."""

    def __init__(self, index: int | str = 0, backend_name: str = "opencv",
                 settings: WebcamSettings | None = None) -> None:
        self._index = index
        self._settings = settings or WebcamSettings()
        self._replay = isinstance(index, str) and Path(index).is_file()
        name = Path(index).name if isinstance(index, str) else f"video{index}"
        self._info = DeviceInfo(DeviceKind.FACE, backend_name, f"Webcam OpenCV {name}",
                                name, simulated=self._replay, vendor="UVC")
        self._io = ThreadPoolExecutor(max_workers=1, thread_name_prefix="webcam")
        self._capture: cv2.VideoCapture | None = None
        self._busy = threading.Lock()

    def info(self) -> DeviceInfo:
        return self._info

    def status(self) -> DeviceStatus:
        if self._busy.locked():
            return DeviceStatus.BUSY
        if self._capture is not None and self._capture.isOpened():
            return DeviceStatus.READY
        try:
            self._wait(self._io.submit(self._open), 3.0, threading.Event())
        except DeviceError:
            return DeviceStatus.DISCONNECTED
        return DeviceStatus.READY

    def close(self) -> None:
        self._io.submit(self._release)
        self._io.shutdown(wait=False, cancel_futures=False)

    def _open(self) -> None:
        if self._capture is None or not self._capture.isOpened():
            capture = cv2.VideoCapture(self._index)
            if not capture.isOpened():
                capture.release()
                raise DeviceNotConnected(detail=f"camera index {self._index} did not open")
            self._configure(capture)
            self._capture = capture

    def _configure(self, capture: cv2.VideoCapture) -> None:
        wanted = self._settings
        if wanted.mjpeg:
            capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, wanted.width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, wanted.height)
        if wanted.exposure is not None:
            capture.set(cv2.CAP_PROP_AUTO_EXPOSURE, 1)  # V4L2: manual mode
            capture.set(cv2.CAP_PROP_EXPOSURE, wanted.exposure)
        capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # the newest frame, not a queued old one

    def _release(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None

    def _read(self) -> np.ndarray:
        self._open()
        assert self._capture is not None
        best, best_sharpness = None, -1.0
        for _ in range(WARM_UP_FRAMES):
            frame = self._read_one()
            grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
            sharpness = float(cv2.Laplacian(grey, cv2.CV_32F).var())
            if sharpness > best_sharpness:
                best, best_sharpness = frame, sharpness
            if sharpness >= SHARP_ENOUGH:
                break
        assert best is not None
        return np.ascontiguousarray(best, dtype=np.uint8)

    @staticmethod
    def _wait(future: Future[T], timeout_s: float, cancel: threading.Event) -> T:
        deadline = time.monotonic() + timeout_s
        while True:
            if cancel.is_set():
                raise CaptureCancelled()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DeviceTimeout()
            try:
                return future.result(timeout=min(0.05, remaining))
            except FutureTimeout:
                continue

    def capture_face(self, *, timeout_s: float, cancel: threading.Event,
                     requested_quality: int = 0) -> FaceCapture:
        if not self._busy.acquire(blocking=False):
            raise DeviceBusy()
        try:
            read: Callable[[], np.ndarray] = self._read
            frame = self._wait(self._io.submit(read), timeout_s, cancel)
        finally:
            self._busy.release()
        return FaceCapture(frame, self._info)

    def preview(self, *, timeout_s: float, cancel: threading.Event) -> Iterator[np.ndarray]:
        """Frames as the camera delivers them; each read waits at most a second."""
        if not self._busy.acquire(blocking=False):
            raise DeviceBusy()
        try:
            deadline = time.monotonic() + timeout_s
            while not cancel.is_set() and time.monotonic() < deadline:
                yield self._wait(self._io.submit(self._read_one), 1.0, cancel)
        except CaptureCancelled:
            return
        finally:
            self._busy.release()

    def _read_one(self) -> np.ndarray:
        self._open()
        assert self._capture is not None
        ok, frame = self._capture.read()
        if not ok and self._replay:  # a recorded source loops like a live camera
            self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = self._capture.read()
        if not ok:
            self._release()
            raise DeviceNotConnected(detail="camera stopped delivering frames")
        return np.ascontiguousarray(frame, dtype=np.uint8)
