import cv2
import numpy as np
import pytest

from device_simulators.synthetic.face import frame
from device_simulators.synthetic.fingerprint import slap
from device_simulators.synthetic.iris import eye
from kiosk.biometrics.portrait import PORTRAIT_H, PORTRAIT_W, crop_portrait
from kiosk.biometrics.quality import judge_face, judge_iris, judge_slap

RNG = np.random.default_rng(7)
NOISE = RNG.integers(0, 256, (480, 640), dtype=np.uint8)
BLANK = np.full((480, 640), 255, np.uint8)


@pytest.mark.parametrize("grey", [NOISE, BLANK], ids=["noise", "blank"])
def test_nothing_is_not_a_face_nor_an_iris(grey: np.ndarray) -> None:
    assert not judge_face(cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)).acceptable
    report = judge_iris(grey)
    assert not report.acceptable and report.problems


def test_blank_and_noise_are_not_fingers() -> None:
    assert judge_slap(np.full((1000, 1600), 255, np.uint8), 4).score == 0
    noise = RNG.integers(0, 256, (1000, 1600), dtype=np.uint8)
    assert not judge_slap(noise, 4).acceptable


@pytest.mark.parametrize("subject", ["a", "b", "c", "d"])
def test_good_and_poor_captures_separate(subject: str) -> None:
    assert judge_face(frame(subject, 1, poor=False)).acceptable
    assert not judge_face(frame(subject, 2, poor=True)).acceptable
    assert judge_slap(slap(subject, "right_four", 1, poor=False)[0], 4).acceptable
    assert not judge_slap(slap(subject, "right_four", 2, poor=True)[0], 4).acceptable
    assert judge_iris(eye(subject, "left", 1, poor=False)).acceptable
    assert not judge_iris(eye(subject, "left", 2, poor=True)).acceptable


def test_missing_finger_is_named() -> None:
    image, placed = slap("a", "left_four", 1, poor=False)
    x, y, w, h = placed[0].box
    image[max(0, y - 60):y + h + 60, max(0, x - 60):x + w + 60] = 255  # lift the little finger
    report = judge_slap(image, 4)
    assert not report.acceptable
    assert any("3/4" in problem for problem in report.problems)


def test_portrait_is_a_3_by_4_jpeg_of_the_face() -> None:
    jpeg = crop_portrait(frame("a", 1, poor=False))
    portrait = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert portrait.shape[:2] == (PORTRAIT_H, PORTRAIT_W)
    assert judge_face(cv2.copyMakeBorder(portrait, 40, 40, 170, 170, cv2.BORDER_REPLICATE)
                      ).problems is not None
    with pytest.raises(ValueError, match="khuôn mặt"):
        crop_portrait(cv2.cvtColor(NOISE, cv2.COLOR_GRAY2BGR))


def test_png_round_trip_is_lossless() -> None:
    from kiosk.biometrics.encoding import decode_png, encode_png  # noqa: PLC0415

    image = slap("a", "thumbs", 1, poor=False)[0]
    assert np.array_equal(decode_png(encode_png(image)), image)
    with pytest.raises(ValueError):
        decode_png(b"not a png")
