"""The live picture's feed stops without the UI thread waiting for it: the feed may be
halfway through judging a frame; whoever takes the camera next waits, off the UI thread."""

from __future__ import annotations

import threading
import time

import numpy as np
import numpy.typing as npt
from pytestqt.qtbot import QtBot

from device_simulators.face import SimulatedFaceCamera
from kiosk.desk.faceguide import FaceGuide, Guidance
from kiosk.ui.preview import LivePreview

JUDGING_S = 0.4


class SlowGuide(FaceGuide):
    """The real guide on a machine so busy that judging one frame takes 0.4 s."""

    def __init__(self) -> None:
        super().__init__()
        self.judging = threading.Event()

    def see(self, image: npt.NDArray[np.uint8]) -> Guidance:
        self.judging.set()
        time.sleep(JUDGING_S)
        return super().see(image)


def test_stop_returns_at_once_and_the_next_reader_waits_off_the_ui_thread(
        qtbot: QtBot) -> None:
    guide = SlowGuide()
    camera = SimulatedFaceCamera()
    preview = LivePreview(lambda: camera, guide=lambda: guide)
    preview.start()
    assert guide.judging.wait(5)  # the feed is judging a frame now
    started = time.perf_counter()
    preview.stop()
    assert time.perf_counter() - started < 0.05  # the UI thread did not wait for the frame
    assert not preview.running

    released_after: list[float] = []
    worker = threading.Thread(target=lambda: (preview.wait_released(),
                                              released_after.append(time.perf_counter())))
    worker.start()  # as the capture job does on the worker thread
    worker.join(5)
    assert released_after and released_after[0] - started > 0.1  # it waited for the feed
    preview.stop(wait=True)


def test_a_new_feed_waits_for_the_old_one_to_let_go_of_the_camera(qtbot: QtBot) -> None:
    guide = SlowGuide()
    camera = SimulatedFaceCamera()
    preview = LivePreview(lambda: camera, guide=lambda: guide)
    frames: list[float] = []
    preview.frame.connect(lambda _image: frames.append(time.perf_counter()))
    preview.start()
    assert guide.judging.wait(5)
    preview.stop()
    restarted = time.perf_counter()
    preview.start()  # back on the capture page at once
    assert preview.running
    qtbot.waitUntil(lambda: any(at > restarted for at in frames), timeout=5000)
    preview.stop(wait=True)
