"""A virtual camera source: the simulated sitter recorded as an M-JPEG video that OpenCV opens
like a camera, so the real webcam driver runs unchanged in tests and on a trainer's laptop
without a webcam (``devices.face = opencv`` with the file as the source)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import cv2

from device_simulators.synthetic.face import FRAME_H, FRAME_W, frame

FPS = 25


def record_virtual_camera(subject: str, *, frames: int = 25, folder: Path | None = None,
                          fault: str | None = None) -> Path:
    """Write (once) and return an M-JPEG AVI of ``subject`` in front of the camera."""
    where = folder or Path(tempfile.gettempdir())
    path = where / f"kiosk-virtual-camera-{subject}-{fault or 'clean'}-{frames}.avi"
    if path.exists():
        return path
    partial = path.with_suffix(".part.avi")
    writer = cv2.VideoWriter(str(partial), cv2.VideoWriter.fourcc(*"MJPG"), FPS,
                             (FRAME_W, FRAME_H))
    try:
        for number in range(frames):
            writer.write(frame(subject, number, False, fault))
    finally:
        writer.release()
    partial.replace(path)  # whole or absent: a test running alongside never reads half a file
    return path
