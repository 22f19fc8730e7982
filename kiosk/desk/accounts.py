"""Signing in, second-person approval, and account administration — each action audited."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from kiosk.desk.casefile import LowQualityPolicy, Position
from kiosk.storage.accounts import AccountRepository
from kiosk.storage.audit import AuditLog
from kiosk.workflow.permissions import Actor, Authorization, Permission, PermissionBook, Role


class SignInError(Exception):
    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason  # a code for the audit trail


WRONG = "Sai tên đăng nhập hoặc mật khẩu. Nhập lại; sau nhiều lần sai tài khoản sẽ bị tạm khóa."


@dataclass(frozen=True)
class SecurityPolicy:
    book: PermissionBook
    hasher: PasswordHasher
    min_length: int
    max_failures: int
    lockout: timedelta
    low_quality: LowQualityPolicy  # ACCEPT_LOW_QUALITY's conditions, beside the permission

    @classmethod
    def load(cls, resources_dir: Path, *, max_failures: int | None = None,
             lockout_minutes: int | None = None) -> SecurityPolicy:
        with (resources_dir / "security" / "permissions.toml").open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
        cost = data["password"]
        return cls(
            book=PermissionBook.from_mapping(data),
            hasher=PasswordHasher(time_cost=int(cost["iterations"]),
                                  memory_cost=int(cost["memory_kib"]),
                                  parallelism=int(cost["parallelism"])),
            min_length=int(cost["min_length"]),
            max_failures=max_failures or int(data["lockout"]["max_failures"]),
            lockout=timedelta(minutes=lockout_minutes or int(data["lockout"]["minutes"])),
            low_quality=_low_quality(data["permissions"]["accept_low_quality"]),
        )


def _low_quality(entry: dict[str, Any]) -> LowQualityPolicy:
    after = int(entry["after_attempts"])
    if after < 1:
        raise ValueError("permissions.accept_low_quality.after_attempts must be >= 1")
    return LowQualityPolicy(after, frozenset(Position(p) for p in entry["positions"]))


class AccountService:
    def __init__(self, *, accounts: AccountRepository, audit: AuditLog, policy: SecurityPolicy,
                 environment: str, clock: Callable[[], datetime]) -> None:
        self.accounts = accounts
        self.audit = audit
        self.policy = policy
        self.environment = environment
        self.clock = clock

    # -- signing in --------------------------------------------------------------------------
    def _check(self, username: str, password: str) -> Actor:
        now = self.clock()
        user = self.accounts.get(username)
        if user is None:
            # Spend the same time as a real check, so timing does not reveal who exists.
            self.policy.hasher.hash(password)
            raise SignInError(WRONG, "unknown_user")
        if user.disabled:
            raise SignInError("Tài khoản đã bị vô hiệu hóa. Liên hệ quản trị viên.", "disabled")
        if user.locked_until is not None and user.locked_until > now:
            raise SignInError(f"Tài khoản tạm khóa đến {user.locked_until:%H:%M} do nhập sai "
                              "nhiều lần. Chờ hết thời gian hoặc nhờ quản trị viên đặt lại.",
                              "locked")
        try:
            self.policy.hasher.verify(user.password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            self.accounts.record_failure(username, now, self.policy.max_failures,
                                         self.policy.lockout)
            raise SignInError(WRONG, "wrong_password") from None
        role = Role(user.role)
        if not self.policy.book.may_sign_in(role, self.environment):
            raise SignInError("Tài khoản giảng viên chỉ dùng ở chế độ đào tạo.", "environment")
        rehash = (self.policy.hasher.hash(password)
                  if self.policy.hasher.check_needs_rehash(user.password_hash) else None)
        self.accounts.record_success(username, rehash)
        return Actor(username, role, user.display_name)

    def sign_in(self, username: str, password: str) -> Actor:
        try:
            actor = self._check(username, password)
        except SignInError as error:
            self.audit.append(at=self.clock(), actor=username[:40] or "-",
                              action="login_failed", details={"reason": error.reason})
            raise
        self.audit.append(at=self.clock(), actor=actor.username, action="login",
                          details={"role": actor.role.value})
        return actor

    # -- permissions ---------------------------------------------------------------------------
    def authorize(self, actor: Actor, permission: Permission, *,
                  approver: tuple[str, str] | None = None,
                  case_code: str | None = None) -> Authorization:
        """``actor`` may do it, or ``approver`` (username, password) vouches at this moment."""
        second: Actor | None = None
        if approver is not None and not self.policy.book.holds(actor.role, permission):
            second = self._check(*approver)
        authorization = self.policy.book.authorize(permission, actor, second)
        self.audit.append(at=self.clock(), actor=actor.username, action="authorized",
                          case_code=case_code,
                          approver=second.username if second else None,
                          details={"permission": permission.value})
        return authorization

    # -- administration ------------------------------------------------------------------------
    def _password_ok(self, password: str) -> None:
        if len(password) < self.policy.min_length:
            raise SignInError(f"Mật khẩu phải có ít nhất {self.policy.min_length} ký tự.",
                              "weak_password")

    def first_run(self) -> bool:
        return self.accounts.count() == 0

    def add_user(self, admin: Actor | None, *, username: str, display_name: str, role: Role,
                 password: str) -> None:
        """The very first account is the admin and needs no one; later ones need an admin."""
        if self.first_run():
            if role is not Role.ADMIN:
                raise SignInError("Tài khoản đầu tiên phải là quản trị viên (admin).", "first")
            actor_name = username
        else:
            if admin is None:
                raise SignInError("Cần quản trị viên đăng nhập để thêm tài khoản.", "no_admin")
            self.policy.book.authorize(Permission.MANAGE_USERS, admin)
            actor_name = admin.username
        self._password_ok(password)
        self.accounts.add(username=username, display_name=display_name, role=role.value,
                          password_hash=self.policy.hasher.hash(password), at=self.clock())
        self.audit.append(at=self.clock(), actor=actor_name, action="user_added",
                          details={"user": username, "role": role.value})

    def disable(self, admin: Actor, username: str) -> None:
        self.policy.book.authorize(Permission.MANAGE_USERS, admin)
        self.accounts.set_disabled(username, True)
        self.audit.append(at=self.clock(), actor=admin.username, action="user_disabled",
                          details={"user": username})

    def reset_password(self, admin: Actor, username: str, password: str) -> None:
        self.policy.book.authorize(Permission.MANAGE_USERS, admin)
        self._password_ok(password)
        self.accounts.set_password(username, self.policy.hasher.hash(password))
        self.audit.append(at=self.clock(), actor=admin.username, action="user_reset",
                          details={"user": username})
