"""The desk checks every supervised action itself, whoever calls it (the window asks first, but
a caller that skipped it, or an authorization for something else, is refused here), and nothing
is saved or printed when it refuses."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from device_simulators.behaviour import Fault
from kiosk.app import Context
from kiosk.desk.casefile import CaseFile, Position
from kiosk.desk.desk import CounterDesk
from kiosk.devices.base import Finger, Slap
from kiosk.workflow.case import Step
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.fee_claims import ExemptionClaim
from kiosk.workflow.permissions import Actor, Authorization, Permission, Role
from kiosk.workflow.procedures import Reason
from tests.desk.steps import approved, opened, ready_for_capture, signed

CLERK = Actor("canbo", Role.CLERK)


def poor_left_slaps(context: Context, case: CaseFile) -> None:
    for _attempt in range(3):
        context.simulator_controls["fingerprint"].inject(Fault.LOW_QUALITY)
        context.desk.capture_slap(case, Slap.LEFT_FOUR, threading.Event())


def forged(permission: Permission, approver: Actor | None = None) -> Authorization:
    """An authorization the permission book would never have given."""
    return Authorization(permission, CLERK, approver)


Call = Callable[[CounterDesk, CaseFile, Authorization | None], object]
CALLS: dict[Permission, Call] = {
    Permission.REFUSE_APPLICATION: lambda desk, case, auth: desk.refuse(
        case, Reason.FIRST_ISSUE, auth),  # type: ignore[arg-type]
    Permission.CANCEL_CASE: lambda desk, case, auth: desk.cancel(case, auth),  # type: ignore[arg-type]
    Permission.MARK_BIOMETRIC_EXCEPTION: lambda desk, case, auth: desk.declare_missing_finger(
        case, Finger.LEFT_RING, "amputated", auth),  # type: ignore[arg-type]
    Permission.ACCEPT_LOW_QUALITY: lambda desk, case, auth: desk.accept_low_quality(
        case, Position.LEFT_FOUR, auth),  # type: ignore[arg-type]
}


def case_for(context: Context, permission: Permission) -> CaseFile:
    if permission is Permission.REFUSE_APPLICATION:
        return opened(context.desk, "079085001122")  # holds a card: a first issue is refused
    case = ready_for_capture(context.desk)
    if permission is Permission.ACCEPT_LOW_QUALITY:
        poor_left_slaps(context, case)
    return case


@pytest.mark.parametrize("permission", list(CALLS))
@pytest.mark.parametrize("how", ["none", "other_permission", "clerk_alone", "clerk_approves"])
def test_refused_without_a_valid_authorization(context: Context, tmp_path: Path,
                                               permission: Permission, how: str) -> None:
    desk = context.desk
    case = case_for(context, permission)
    step, captures = case.step, len(desk.cases.load(case.code).captures)
    authorization = {
        "none": None,
        "other_permission": approved(desk, Permission.EXEMPT_FEE),
        "clerk_alone": forged(permission),
        "clerk_approves": forged(permission, Actor("canbo2", Role.CLERK)),
    }[how]
    with pytest.raises(RuleViolation) as refused:
        CALLS[permission](desk, case, authorization)
    assert refused.value.code.startswith("permission.")
    assert case.step is step and desk.resume(case.code).step is step
    assert len(desk.cases.load(case.code).captures) == captures
    assert not list((tmp_path / "prints").glob("CC03-*"))


@pytest.mark.parametrize("permission", list(CALLS))
def test_allowed_for_the_role_that_holds_it_or_with_a_supervisor(
        context: Context, permission: Permission) -> None:
    desk = context.desk
    case = case_for(context, permission)
    CALLS[permission](desk, case, desk.permissions.authorize(
        permission, Actor("truongca", Role.SUPERVISOR)))
    second = case_for(context, permission)
    CALLS[permission](desk, second, approved(desk, permission))
    if permission in (Permission.REFUSE_APPLICATION, Permission.CANCEL_CASE):
        assert {case.step, second.step} <= {Step.REFUSED, Step.CANCELLED}


def test_an_exemption_needs_its_permission(context: Context) -> None:
    desk = context.desk
    claim = ExemptionClaim("disabled", "Giấy xác nhận khuyết tật số 0123/GXN-UBND")
    case = signed(desk, "092199004455", Reason.LOST)  # cấp lại: 35.000 đồng unless exempt
    with pytest.raises(RuleViolation, match="xác nhận quyền"):
        desk.settle_fee(case, claim=claim)
    with pytest.raises(RuleViolation) as alone:
        desk.settle_fee(case, claim=claim, authorization=forged(Permission.EXEMPT_FEE))
    assert alone.value.code == "permission.needs_approval"
    assert case.step is Step.RECEIPT_SIGNED and desk.cases.load(case.code).payments == ()
    desk.settle_fee(case, claim=claim, authorization=approved(desk, Permission.EXEMPT_FEE))
    assert desk.cases.load(case.code).payments[0].exemption == "disabled"
