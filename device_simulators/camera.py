"""A virtual camera source: the simulated sitter recorded as an M-JPEG video that OpenCV opens
like a camera, so the real webcam driver runs unchanged in tests and on a trainer's laptop
without a webcam (``devices.face = opencv`` with the file as the source)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import cv2

from device_simulators.synthetic.face import FRAME_H, FRAME_W, SITTING_FRAMES, frame, preview_frame

FPS = 25


def record_virtual_camera(subject: str, *, frames: int = 25, folder: Path | None = None,
                          fault: str | None = None) -> Path:
    """Write (once) and return an M-JPEG AVI of ``subject`` in front of the camera: the
    sitter of the simulated preview (synthetic.face.preview_frame) once seated, holding
    still, so auto-capture fires as it would on a live camera; with a ``fault``, frames that
    show it. A recording loops, so it leaves out the sitting down."""
    where = folder or Path(tempfile.gettempdir())
    path = where / f"kiosk-virtual-camera-{subject}-{fault or 'seated'}-{frames}.avi"
    if path.exists():
        return path
    partial = path.with_suffix(".part.avi")
    writer = cv2.VideoWriter(str(partial), cv2.VideoWriter.fourcc(*"MJPG"), FPS,
                             (FRAME_W, FRAME_H))
    try:
        for number in range(frames):
            writer.write(frame(subject, number, False, fault) if fault
                         else preview_frame(subject, SITTING_FRAMES + number))
    finally:
        writer.release()
    partial.replace(path)  # whole or absent: a test running alongside never reads half a file
    return path
