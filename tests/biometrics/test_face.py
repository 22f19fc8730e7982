"""ICAO 9303 / ISO/IEC 19794-5 face checks on labelled frames from the generator: each defect
is flagged by the check that names it, good frames by none; the pose is measured against
the generated pose; auto-capture and the ICAO portrait crop."""

from __future__ import annotations

import dataclasses
import math

import cv2
import numpy as np
import pytest

from benchmarks.face_checks import DEFECTS, labelled_frame
from device_simulators.synthetic.face import eye_centres, frame
from kiosk.biometrics.autocapture import AutoCapture
from kiosk.biometrics.face import MIN_IED_PX, FaceAnalysis, analyse_face
from kiosk.biometrics.portrait import (
    EYE_DISTANCE,
    EYE_LINE_FROM_BOTTOM,
    PORTRAIT_H,
    PORTRAIT_W,
    crop_portrait,
    portrait_transform,
)
from kiosk.biometrics.quality import judge_face

SUBJECTS = (0, 1, 2)  # odd and even: defects that have a side come both ways


def failed(analysis: FaceAnalysis) -> set[str]:
    return {check.name for check in analysis.failed}


@pytest.mark.parametrize("subject", range(6))
def test_good_labelled_frames_pass_every_check(subject: int) -> None:
    analysis = analyse_face(labelled_frame(subject, None)[0])
    assert analysis.passed, analysis.failed
    assert analysis.faces == 1 and analysis.eyes_found
    assert analysis.score >= 50
    assert all(check.advice == "" for check in analysis.checks)


@pytest.mark.parametrize(("subject", "number"), [("a", 1), ("b", 7), ("c", 30), ("d", 10_012)])
def test_ordinary_simulator_frames_meet_icao(subject: str, number: int) -> None:
    analysis = analyse_face(frame(subject, number, poor=False))
    assert analysis.passed, analysis.failed
    assert analysis.inter_eye_distance >= MIN_IED_PX
    names = {check.name for check in analysis.checks}
    assert {"yaw", "pitch", "roll", "centring", "eye_line", "background", "glare"} <= names


@pytest.mark.parametrize(("defect", "check"), DEFECTS.items())
def test_each_defect_is_flagged_by_its_check(defect: str, check: str) -> None:
    for subject in SUBJECTS:
        analysis = analyse_face(labelled_frame(subject, defect)[0])
        assert check in failed(analysis), (subject, analysis.failed)
        assert not analysis.passed
        flagged = analysis.check(check)
        assert flagged is not None and flagged.score < 50 and flagged.advice
        assert not judge_face(labelled_frame(subject, defect)[0]).acceptable


@pytest.mark.parametrize("defect", ["yaw", "pitch", "roll"])
def test_pose_is_measured_within_three_degrees(defect: str) -> None:
    for subject in (*SUBJECTS, 3):
        image, truth = labelled_frame(subject, defect)
        pose = analyse_face(image).pose
        assert pose is not None and pose.yaw is not None and pose.pitch is not None
        for measured, true in zip((pose.yaw, pose.pitch, pose.roll), truth, strict=True):
            assert abs(measured - true) < 3.0, (subject, pose, truth)


def test_pose_advice_names_the_direction() -> None:
    left = analyse_face(frame("dir", 1, False, pose=(-20, 0, 0))).check("yaw")
    right = analyse_face(frame("dir", 1, False, pose=(20, 0, 0))).check("yaw")
    up = analyse_face(frame("dir", 1, False, pose=(0, 15, 0))).check("pitch")
    down = analyse_face(frame("dir", 1, False, pose=(0, -15, 0))).check("pitch")
    assert left is not None and "quay sang trái" in left.advice
    assert right is not None and "quay sang phải" in right.advice
    assert up is not None and "Cúi đầu xuống" in up.advice.replace("cúi", "Cúi")
    assert down is not None and "Ngẩng đầu lên" in down.advice.replace("ngẩng", "Ngẩng")


def test_eye_centres_are_found_within_a_few_pixels() -> None:
    for subject, number in (("eyes-a", 1), ("eyes-b", 2)):
        analysis = analyse_face(frame(subject, number, False))
        assert analysis.eyes is not None
        truth = eye_centres(subject, number)
        assert all(math.dist(a, t) < 5 for a, t in zip(analysis.eyes, truth, strict=True))


def test_no_face_is_one_failed_check() -> None:
    blank = np.full((480, 640, 3), 200, np.uint8)
    analysis = analyse_face(blank)
    assert analysis.faces == 0 and analysis.face_box is None and analysis.eyes is None
    assert [c.name for c in analysis.failed] == ["single_face"]
    assert "Không thấy khuôn mặt" in analysis.failed[0].advice
    assert analysis.score == 0 and not analysis.passed


def test_busy_background_leaves_yaw_and_pitch_unmeasured() -> None:
    analysis = analyse_face(labelled_frame(0, "busy_background")[0])
    assert analysis.pose is not None and analysis.pose.yaw is None
    assert failed(analysis) == {"background"}


def test_judge_names_the_most_important_problems_first() -> None:
    report = judge_face(frame("judge", 2, poor=True))  # dark, blurred, perhaps leaning out
    assert not report.acceptable
    assert 1 <= len(report.problems) <= 3
    assert "mờ" in report.problems[0]
    assert judge_face(frame("judge", 1, poor=False)).acceptable


def test_pose_blocks_whatever_the_threshold_capture_quality_does_not() -> None:
    turned = judge_face(frame("block", 1, False, pose=(20, 0, 0)), threshold=0)
    assert not turned.acceptable and "nhìn thẳng" in turned.problems[0]
    blurred = np.asarray(cv2.GaussianBlur(frame("block", 1, False), (0, 0), 3.0), np.uint8)
    assert judge_face(blurred, threshold=0).acceptable
    assert not judge_face(blurred).acceptable


# -- auto-capture ----------------------------------------------------------------------------
GOOD = analyse_face(frame("auto", 1, False))


def moved(analysis: FaceAnalysis, dx: float = 0.0, score: int | None = None) -> FaceAnalysis:
    """The same analysis with the eyes moved by ``dx`` and, optionally, every check scored
    ``score``."""
    assert analysis.eyes is not None
    (lx, ly), (rx, ry) = analysis.eyes
    checks = analysis.checks
    if score is not None:
        checks = tuple(dataclasses.replace(check, score=score) for check in checks)
    return dataclasses.replace(analysis, eyes=((lx + dx, ly), (rx + dx, ry)), checks=checks)


def test_auto_capture_fires_after_five_steady_frames_with_the_best() -> None:
    auto: AutoCapture[str] = AutoCapture()
    scores = [70, 60, 90, 65, 80]
    results = [auto.feed(moved(GOOD, dx=i * 0.5, score=s), f"frame-{i}")
               for i, s in enumerate(scores)]
    assert results[:4] == [None] * 4
    captured = results[4]
    assert captured is not None and captured.frame == "frame-2"
    assert captured.analysis.score == 90
    assert auto.progress == 0  # a new run starts after a capture
    # Two frames share the best score: the earlier one in the run is taken.
    tied = [auto.feed(moved(GOOD, dx=i * 0.5, score=s), f"tied-{i}")
            for i, s in enumerate([70, 90, 60, 90, 80])]
    assert tied[4] is not None and tied[4].frame == "tied-1"


def test_auto_capture_resets_on_a_failing_frame() -> None:
    auto: AutoCapture[int] = AutoCapture(frames_needed=5)
    bad = analyse_face(frame("auto", 1, False, pose=(20, 0, 0)))
    assert not bad.passed
    for n in range(4):
        assert auto.feed(GOOD, n) is None
    assert auto.feed(bad, 4) is None and auto.progress == 0
    for n in range(5, 9):
        assert auto.feed(GOOD, n) is None
    captured = auto.feed(GOOD, 9)
    assert captured is not None and captured.frame == 5  # the earliest of equals


def test_auto_capture_restarts_when_the_eyes_move() -> None:
    auto: AutoCapture[int] = AutoCapture(frames_needed=3, steady_px=4.0)
    assert auto.feed(GOOD, 0) is None
    assert auto.feed(moved(GOOD, dx=2), 1) is None
    assert auto.feed(moved(GOOD, dx=12), 2) is None  # moved 10 px: a new run of one
    assert auto.progress == 1
    assert auto.feed(moved(GOOD, dx=13), 3) is None
    captured = auto.feed(moved(GOOD, dx=14), 4)
    assert captured is not None and captured.frame == 2


def test_auto_capture_on_live_frames() -> None:
    """A still sitter (the same frame) is captured on the fifth frame; a turned head never."""
    auto: AutoCapture[np.ndarray] = AutoCapture()
    still = frame("live", 3, False)
    turned = frame("live", 3, False, pose=(0, 0, 14))
    assert all(auto.feed(analyse_face(turned), turned) is None for _ in range(8))
    results = [auto.feed(analyse_face(still), still) for _ in range(5)]
    assert results[:4] == [None] * 4 and results[4] is not None


# -- portrait --------------------------------------------------------------------------------
def decoded(jpeg: bytes) -> np.ndarray:
    return np.asarray(cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR))


@pytest.mark.parametrize("pose", [(0.0, 0.0, 0.0), (0.0, 0.0, 7.0), (0.0, 0.0, -6.0)])
def test_portrait_puts_the_eyes_where_icao_wants_them(pose: tuple[float, float, float]
                                                       ) -> None:
    image = frame("crop", 4, False, pose=pose)
    analysis = analyse_face(image)
    assert analysis.eyes is not None
    # The true pupils, carried by the crop's transform: level, centred, at the target height.
    matrix = portrait_transform(analysis.eyes)
    truth = eye_centres("crop", 4, pose)
    (lx, ly), (rx, ry) = (tuple(matrix @ np.array([x, y, 1.0])) for x, y in truth)
    assert abs(math.degrees(math.atan2(ry - ly, rx - lx))) < 1.5
    assert abs((lx + rx) / 2 - PORTRAIT_W / 2) < 3
    assert abs((ly + ry) / 2 - PORTRAIT_H * (1 - EYE_LINE_FROM_BOTTOM)) < 3
    assert abs(math.hypot(rx - lx, ry - ly) - EYE_DISTANCE) < 3
    # And end to end: the JPEG, found again by the face checks.
    portrait = decoded(crop_portrait(image, analysis=analysis))
    assert portrait.shape == (PORTRAIT_H, PORTRAIT_W, 3)
    padded = cv2.copyMakeBorder(portrait, 40, 40, 170, 170, cv2.BORDER_REPLICATE)
    again = analyse_face(np.asarray(padded, np.uint8))
    assert again.eyes is not None and again.pose is not None
    assert abs(again.pose.roll) < 2.0
    assert abs(again.inter_eye_distance - EYE_DISTANCE) < 5
    eye_line = (again.eyes[0][1] + again.eyes[1][1]) / 2 - 40
    assert abs(eye_line - PORTRAIT_H * (1 - EYE_LINE_FROM_BOTTOM)) < 5


def test_portrait_without_a_face_is_refused_in_vietnamese() -> None:
    with pytest.raises(ValueError, match="Không thấy khuôn mặt"):
        crop_portrait(np.full((480, 640, 3), 128, np.uint8))
