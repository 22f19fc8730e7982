"""ISO/IEC 29794-6 iris measures on labelled eyes from the generator: each defect is flagged
by the check that names it, and clean eyes pass every check."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from device_simulators.synthetic.iris import eye
from device_simulators.synthetic.iris_defects import DEFECTS
from kiosk.biometrics.iris import eye_side, iris_checks
from kiosk.biometrics.quality import judge_iris


def clean(subject: str = "iso", side: str = "left") -> np.ndarray:
    return eye(subject, side, 1, False)


@pytest.mark.parametrize(("defect", "check"), list(DEFECTS.values()))
def test_each_defect_is_flagged_by_its_check(defect: object, check: str) -> None:
    for subject, side in (("iso-a", "left"), ("iso-b", "right")):
        checks = iris_checks(defect(clean(subject, side)))  # type: ignore[operator]
        assert checks is not None
        failed = {c.name for c in checks if not c.passed}
        assert check in failed, failed
        assert not judge_iris(defect(clean(subject, side))).acceptable  # type: ignore[operator]


def test_clean_eyes_pass_every_check() -> None:
    for number in range(6):
        checks = iris_checks(eye(f"iso-{number}", "left" if number % 2 else "right", number,
                                 False))
        assert checks is not None
        assert all(c.passed for c in checks), [(c.name, c.value) for c in checks]


def test_a_closed_eye_has_no_boundaries() -> None:
    assert iris_checks(eye("iso", "left", 1, False, closed=True)) is None


def test_left_and_right_eyes_are_told_apart() -> None:
    for number in range(10):
        for side in ("left", "right"):
            image = eye(f"side-{number}", side, number, False)
            assert eye_side(image) == side
            assert eye_side(np.asarray(cv2.flip(image, 1), np.uint8)) != side  # mirrored


def test_an_eye_labelled_as_the_other_is_refused_naming_both() -> None:
    image = eye("swap", "left", 1, False)
    assert judge_iris(image, eye="left").acceptable
    report = judge_iris(image, eye="right")
    assert not report.acceptable
    assert report.problems[0].startswith("Ảnh này là mắt trái, không phải mắt phải")
