"""At the counter each finger of a slap is judged with NFIQ 2 and checked against the fingers
already taken: the clerk hears which finger to press, and a hand given twice is caught."""

from __future__ import annotations

import threading

from device_simulators.behaviour import Fault
from kiosk.app import Context
from kiosk.devices.base import Slap
from kiosk.workflow.procedures import Reason
from tests.desk.test_desk import opened


def ready_case(context: Context) -> object:
    desk = context.desk
    case = opened(desk)
    desk.decide(case, Reason.CCCD_CONVERSION)
    desk.check_representative(case)
    return case


def test_good_slaps_pass_with_an_nfiq2_score(context: Context) -> None:
    case = ready_case(context)
    result = context.desk.capture_slap(case, Slap.RIGHT_FOUR, threading.Event())
    assert result.quality.acceptable, result.quality
    assert 40 <= result.quality.score <= 70  # the fingers' mean NFIQ 2, not the slap's 100


def test_a_smudged_slap_names_each_finger_to_press(context: Context) -> None:
    case = ready_case(context)
    named = []
    for _attempt in range(4):  # a smudged slap sometimes also loses a finger: then it is counted
        context.simulator_controls["fingerprint"].inject(Fault.LOW_QUALITY)
        result = context.desk.capture_slap(case, Slap.THUMBS, threading.Event())
        assert not result.quality.acceptable
        named += [p for p in result.quality.problems if "ấn mạnh ngón cái" in p]
    assert named


def test_the_same_hand_given_twice_is_caught(context: Context) -> None:
    case = ready_case(context)
    desk = context.desk
    assert desk.capture_slap(case, Slap.RIGHT_FOUR, threading.Event()).quality.acceptable
    context.simulator_controls["fingerprint"].inject(Fault.WRONG_HAND)  # right hand again
    problems = desk.capture_slap(case, Slap.LEFT_FOUR, threading.Event()).quality.problems
    assert any("cùng một ngón" in problem for problem in problems), problems
