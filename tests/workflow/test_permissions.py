"""Every role × permission of resources/security/permissions.toml, and second-person approval."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.permissions import Actor, Permission, PermissionBook, Role
from tests.conftest import RESOURCES

with (RESOURCES / "security" / "permissions.toml").open("rb") as handle:
    DATA = tomllib.load(handle)
BOOK = PermissionBook.from_mapping(DATA)
# The matrix as the law of the house says it, written out so a data edit is a visible test edit.
EXPECTED = {
    Permission.TAKE_APPLICATION: {Role.CLERK, Role.SUPERVISOR, Role.TRAINER},
    Permission.REFUSE_APPLICATION: {Role.SUPERVISOR, Role.TRAINER},
    Permission.EXEMPT_FEE: {Role.SUPERVISOR, Role.TRAINER},
    Permission.MARK_BIOMETRIC_EXCEPTION: {Role.SUPERVISOR, Role.TRAINER},
    Permission.ACCEPT_LOW_QUALITY: {Role.SUPERVISOR, Role.TRAINER},
    Permission.REPRINT: {Role.CLERK, Role.SUPERVISOR, Role.TRAINER},
    Permission.CANCEL_CASE: {Role.SUPERVISOR, Role.TRAINER},
    Permission.EXPORT: {Role.SUPERVISOR, Role.ADMIN},
    Permission.CHANGE_SETTINGS: {Role.ADMIN},
    Permission.MANAGE_USERS: {Role.ADMIN},
}
APPROVABLE = {Permission.REFUSE_APPLICATION, Permission.EXEMPT_FEE,
              Permission.MARK_BIOMETRIC_EXCEPTION, Permission.ACCEPT_LOW_QUALITY,
              Permission.CANCEL_CASE}
SUPERVISOR = Actor("truongca", Role.SUPERVISOR)


@pytest.mark.parametrize("permission", list(Permission))
@pytest.mark.parametrize("role", list(Role))
def test_role_permission_matrix(role: Role, permission: Permission) -> None:
    actor = Actor("nguoi_thao_tac", role)
    if role in EXPECTED[permission]:
        authorization = BOOK.authorize(permission, actor)
        assert authorization.actor == actor and authorization.approver is None
        return
    with pytest.raises(RuleViolation) as raised:
        BOOK.authorize(permission, actor)
    assert raised.value.message
    if permission in APPROVABLE:
        assert raised.value.code == "permission.needs_approval"
        approved = BOOK.authorize(permission, actor, SUPERVISOR)  # the second person
        assert (approved.actor, approved.approver) == (actor, SUPERVISOR)
        with pytest.raises(RuleViolation):  # a second clerk does not count
            BOOK.authorize(permission, actor, Actor("canbo2", Role.CLERK))
    else:
        assert raised.value.code == "permission.denied"
        with pytest.raises(RuleViolation):  # no one can vouch for what cannot be delegated
            BOOK.authorize(permission, actor, Actor("admin", Role.ADMIN))


def test_nobody_approves_their_own_action() -> None:
    with pytest.raises(RuleViolation, match="không phải chính người thao tác"):
        BOOK.authorize(Permission.CANCEL_CASE, Actor("a", Role.CLERK), Actor("a", Role.SUPERVISOR))


def test_trainers_sign_in_only_in_training() -> None:
    assert BOOK.may_sign_in(Role.TRAINER, "training")
    assert not BOOK.may_sign_in(Role.TRAINER, "production")
    assert BOOK.may_sign_in(Role.CLERK, "production")


def test_the_data_covers_every_role_and_permission(tmp_path: Path) -> None:
    broken = dict(DATA, permissions={k: v for k, v in DATA["permissions"].items()
                                     if k != "export"})
    with pytest.raises(ValueError, match="export"):
        PermissionBook.from_mapping(broken)
