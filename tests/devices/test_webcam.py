import threading
import time

import pytest

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
