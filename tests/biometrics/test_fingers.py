"""Slap segmentation and the per-finger judge against the generator's ground truth."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from device_simulators.behaviour import Fault
from device_simulators.fingerprint import compose_finger_image
from device_simulators.synthetic.fingerprint import slap
from kiosk.biometrics.fingers import (
    SLAP_POSITIONS,
    judge_finger,
    live_metrics,
    ridge_flow,
    segment_slap,
)
from kiosk.biometrics.quality import judge_slap
from kiosk.devices.base import Finger


@pytest.mark.parametrize("which", sorted(SLAP_POSITIONS))
def test_fingers_are_found_named_and_their_tilt_measured(which: str) -> None:
    for subject in ("seg-a", "seg-b"):
        image, placed = slap(subject, which, 1, False)
        segments = segment_slap(image, which)
        assert [s.position for s in segments] == [int(p.finger.value) for p in placed]
        for segment, truth in zip(segments, placed, strict=True):
            assert abs(segment.tilt_deg - truth.rotation_deg) < 5
            x, y, w, h = segment.box
            cx, cy = truth.box[0] + truth.box[2] / 2, truth.box[1] + truth.box[3] / 2
            assert x <= cx <= x + w and y <= cy <= y + h  # the box holds the true finger
            assert segment.image.shape[0] > segment.image.shape[1]  # upright: taller than wide


def test_declared_missing_fingers_are_skipped_when_naming() -> None:
    image, _placed = slap("seg-c", "left_four", 1, False)
    # Blank the ring finger (position 9, second from the left) as if amputated.
    ring = segment_slap(image, "left_four")[1]
    x, y, w, h = ring.box
    image = image.copy()
    image[y:y + h, x:x + w] = 255
    named = segment_slap(image, "left_four", missing=frozenset({9}))
    assert [s.position for s in named] == [10, 8, 7]
    unnamed = segment_slap(image, "left_four")  # undeclared: the count is wrong, no names
    assert [s.position for s in unnamed] == [0, 0, 0]


def test_judge_passes_clear_fingers_and_names_the_finger_to_press() -> None:
    good, _ = slap("judge", "right_four", 1, False)
    poor, _ = slap("judge", "right_four", 2, True)
    for segment in segment_slap(good, "right_four"):
        assert judge_finger(segment.position, segment.image, 52).acceptable
    verdicts = [judge_finger(s.position or 2, s.image, 20)
                for s in segment_slap(poor, "right_four")]
    assert verdicts and not any(v.acceptable for v in verdicts)
    assert any("ấn mạnh ngón" in p for v in verdicts for p in v.problems)


def test_noise_that_nfiq2_would_pass_fails_the_ridge_checks() -> None:
    noise = np.random.default_rng(7).integers(0, 256, (400, 300)).astype(np.uint8)
    flow, _contrast = ridge_flow(noise)
    assert flow < 0.45
    assert not judge_finger(7, noise, 43).acceptable  # NFIQ 2 scored noise 43 (deps.md)


def test_live_metrics_tell_a_placed_finger_from_a_smudge_and_an_empty_glass() -> None:

    placed = live_metrics(compose_finger_image("live", Finger.LEFT_THUMB, 1, None))
    smudged = live_metrics(compose_finger_image("live", Finger.LEFT_THUMB, 2, Fault.LOW_QUALITY))
    empty = live_metrics(compose_finger_image("live", Finger.LEFT_THUMB, 3,
                                              Fault.MISSING_FINGER))
    assert placed.ready and not smudged.ready and not empty.ready
    assert empty.area == 0 and placed.area > smudged.area


def rotated_further(image: np.ndarray, which: str) -> np.ndarray:
    """The hand turned 35-45° beyond its natural lean across the platen."""
    degrees = {"left_four": -35.0, "right_four": 35.0, "thumbs": 45.0}[which]
    height, width = image.shape
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return np.asarray(cv2.warpAffine(image, turn, (width, height), borderValue=255), np.uint8)


@pytest.mark.parametrize(("which", "count", "hand"), [
    ("left_four", 4, "left"), ("right_four", 4, "right"), ("thumbs", 2, None)])
def test_a_crooked_hand_is_sent_back(which: str, count: int, hand: str | None) -> None:
    image = slap("crooked", which, 1, False)[0]
    assert judge_slap(image, count, hand=hand).acceptable
    report = judge_slap(rotated_further(image, which), count, hand=hand)
    assert not report.acceptable
    assert any(p.startswith("Bàn tay đặt xoay lệch") for p in report.problems)


def test_a_finger_touching_in_part_is_named() -> None:
    image = slap("partial", "right_four", 1, False)[0]
    segment = segment_slap(image, "right_four")[0]
    assert judge_finger(segment.position, segment.image, 55).acceptable
    tip_only = segment.image.copy()
    tip_only[int(tip_only.shape[0] * 0.45):] = 255  # only the top of the finger touched
    verdict = judge_finger(segment.position, tip_only, 55)
    assert not verdict.acceptable
    assert verdict.problems[0].startswith("Ngón trỏ phải chỉ chạm một phần mặt kính")
