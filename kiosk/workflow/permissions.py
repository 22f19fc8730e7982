"""Roles and permissions as data (resources/security/permissions.toml), and the decision
whether an action may go ahead: by the actor's role, or with a supervisor's approval."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kiosk.workflow.errors import RuleViolation


class Role(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    TRAINER = "trainer"
    ADMIN = "admin"


class Permission(StrEnum):
    TAKE_APPLICATION = "take_application"
    REFUSE_APPLICATION = "refuse_application"
    EXEMPT_FEE = "exempt_fee"
    MARK_BIOMETRIC_EXCEPTION = "mark_biometric_exception"
    ACCEPT_LOW_QUALITY = "accept_low_quality"
    REPRINT = "reprint"
    CANCEL_CASE = "cancel_case"
    EXPORT = "export"
    CHANGE_SETTINGS = "change_settings"
    MANAGE_USERS = "manage_users"


@dataclass(frozen=True)
class Actor:
    username: str
    role: Role
    display_name: str = ""  # printed as the clerk on the forms they issue

    @property
    def shown_name(self) -> str:
        """How the person is named on screen and on the forms: their name, else their
        username."""
        return self.display_name or self.username


@dataclass(frozen=True)
class Authorization:
    """Who acted and, when their role was not enough, who approved."""

    permission: Permission
    actor: Actor
    approver: Actor | None = None

    @property
    def responsible(self) -> Actor:
        """Who answers for the action: the approver, else the one who acted."""
        return self.approver or self.actor


@dataclass(frozen=True)
class PermissionBook:
    roles: dict[Role, tuple[str, frozenset[str]]]  # label, environments ("" = all)
    grants: dict[Permission, tuple[str, frozenset[Role], bool]]  # label, roles, approvable
    approver_role: Role

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> PermissionBook:
        roles = {Role(k): (str(v["label"]), frozenset(v.get("environments", [])))
                 for k, v in data["roles"].items()}
        grants = {Permission(k): (str(v["label"]), frozenset(Role(r) for r in v["roles"]),
                                  bool(v.get("approval", False)))
                  for k, v in data["permissions"].items()}
        missing = (set(Role) - set(roles)) | (set(Permission) - set(grants))
        if missing:
            raise ValueError(f"permissions.toml lacks {sorted(missing)}")
        return cls(roles, grants, Role(data["approver"]["role"]))

    def holds(self, role: Role, permission: Permission) -> bool:
        return role in self.grants[permission][1]

    def may_sign_in(self, role: Role, environment: str) -> bool:
        environments = self.roles[role][1]
        return not environments or environment in environments

    def authorize(self, permission: Permission, actor: Actor,
                  approver: Actor | None = None) -> Authorization:
        """Allow ``actor``, or ``actor`` approved by ``approver``; else a reason to show."""
        label, _roles, approvable = self.grants[permission]
        if self.holds(actor.role, permission):
            return Authorization(permission, actor)
        if approver is None:
            if approvable:
                raise RuleViolation(
                    "permission.needs_approval",
                    f"«{label}» cần {self.roles[self.approver_role][0].lower()} xác nhận bằng "
                    "tài khoản của mình.")
            raise RuleViolation("permission.denied",
                                f"Tài khoản {self.roles[actor.role][0].lower()} không được "
                                f"phép «{label}».")
        if not approvable or approver.username == actor.username \
                or not self.holds(approver.role, permission):
            raise RuleViolation("permission.approval_invalid",
                                f"Người xác nhận không có quyền «{label}» (cần người thứ hai "
                                "có quyền, không phải chính người thao tác).")
        return Authorization(permission, actor, approver)

    def verify(self, authorization: Authorization | None, permission: Permission) -> Actor:
        """Check again, where the action is carried out, that ``authorization`` is for
        ``permission`` and that its people's roles allow it (the window asked first; a caller
        that skipped it, or a role changed in the book, is refused here). Returns who answers
        for the action."""
        label = self.grants[permission][0]
        if authorization is None or authorization.permission is not permission:
            raise RuleViolation("permission.missing",
                                f"«{label}» cần được xác nhận quyền trước khi thực hiện.")
        self.authorize(permission, authorization.actor, authorization.approver)
        return authorization.responsible
