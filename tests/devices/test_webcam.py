import threading
import time
from pathlib import Path

import pytest

from device_simulators.camera import record_virtual_camera
from kiosk.biometrics.quality import judge_face
from kiosk.devices.base import DeviceNotConnected, DeviceStatus
from kiosk.devices.webcam import OpenCVFaceCamera

NO_SUCH_CAMERA = 97


def test_missing_camera_is_reported_not_hung() -> None:
    camera = OpenCVFaceCamera(index=NO_SUCH_CAMERA)
    try:
        started = time.monotonic()
        assert camera.status() is DeviceStatus.DISCONNECTED
        with pytest.raises(DeviceNotConnected) as raised:
            camera.capture_face(timeout_s=3.0, cancel=threading.Event())
        assert "Không tìm thấy thiết bị" in raised.value.message
        assert time.monotonic() - started < 6.5
    finally:
        camera.close()


def test_the_driver_on_a_virtual_camera_previews_and_captures(tmp_path: Path) -> None:
    source = record_virtual_camera("webcam-test", frames=10, folder=tmp_path)
    camera = OpenCVFaceCamera(str(source))
    try:
        stream = camera.preview(timeout_s=5.0, cancel=threading.Event())
        frames = [next(stream) for _ in range(15)]  # past the end: a recording loops
        stream.close()
        assert all(frame.shape == (480, 640, 3) for frame in frames)
        assert camera.status() is DeviceStatus.READY
        image = camera.capture_face(timeout_s=5.0, cancel=threading.Event()).image
        assert judge_face(image).acceptable
    finally:
        camera.close()
