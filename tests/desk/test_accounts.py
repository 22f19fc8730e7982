"""Signing in, lockout, trainer accounts, first run, administration — and the audit of each."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.desk.accounts import AccountService, SecurityPolicy, SignInError
from kiosk.storage.accounts import AccountRepository
from kiosk.storage.audit import AuditLog
from kiosk.storage.database import open_database
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.permissions import Permission, Role
from tests.conftest import RESOURCES


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 8, 0)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(tmp_path: Path, clock: Clock) -> Iterator[AccountService]:
    engine = open_database(f"sqlite:///{tmp_path / 'k.sqlite3'}")
    service = AccountService(accounts=AccountRepository(engine), audit=AuditLog(engine, "HK01"),
                             policy=SecurityPolicy.load(RESOURCES), environment="production",
                             clock=clock)
    service.add_user(None, username="admin", display_name="Quản trị", role=Role.ADMIN,
                     password="quan-tri-1234")
    admin = service.sign_in("admin", "quan-tri-1234")
    for username, role in (("canbo1", Role.CLERK), ("truongca", Role.SUPERVISOR),
                           ("giangvien", Role.TRAINER)):
        service.add_user(admin, username=username, display_name=username, role=role,
                         password=f"{username}-matkhau")
    yield service
    engine.dispose()


def actions(service: AccountService) -> list[str]:
    verification = service.audit.verify()
    assert verification.intact
    with service.audit._sessions() as session:
        from kiosk.storage.models import AuditRow  # noqa: PLC0415

        return [row.action for row in session.query(AuditRow).order_by(AuditRow.id)]


def test_first_account_must_be_the_admin(tmp_path: Path, clock: Clock) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'k.sqlite3'}")
    fresh = AccountService(accounts=AccountRepository(engine), audit=AuditLog(engine, "HK01"),
                           policy=SecurityPolicy.load(RESOURCES), environment="production",
                           clock=clock)
    with pytest.raises(SignInError, match="quản trị viên"):
        fresh.add_user(None, username="canbo1", display_name="x", role=Role.CLERK,
                       password="12345678")
    engine.dispose()


def test_sign_in_and_wrong_password(service: AccountService) -> None:
    assert service.sign_in("canbo1", "canbo1-matkhau").role is Role.CLERK
    with pytest.raises(SignInError, match="Sai tên đăng nhập"):
        service.sign_in("canbo1", "sai")
    with pytest.raises(SignInError, match="Sai tên đăng nhập"):
        service.sign_in("khong-co", "sai")  # the same message: no hint who exists
    assert actions(service)[-3:] == ["login", "login_failed", "login_failed"]


def test_lockout_after_repeated_failures_then_time_or_reset(service: AccountService,
                                                           clock: Clock) -> None:
    for _ in range(service.policy.max_failures):
        with pytest.raises(SignInError):
            service.sign_in("canbo1", "sai")
    with pytest.raises(SignInError, match="tạm khóa") as raised:
        service.sign_in("canbo1", "canbo1-matkhau")  # even the right password waits
    assert raised.value.reason == "locked"
    clock.now += service.policy.lockout + timedelta(seconds=1)
    assert service.sign_in("canbo1", "canbo1-matkhau").username == "canbo1"


def test_disabled_and_reset(service: AccountService) -> None:
    admin = service.sign_in("admin", "quan-tri-1234")
    service.disable(admin, "canbo1")
    with pytest.raises(SignInError, match="vô hiệu hóa"):
        service.sign_in("canbo1", "canbo1-matkhau")
    service.reset_password(admin, "truongca", "mat-khau-moi-99")
    assert service.sign_in("truongca", "mat-khau-moi-99").role is Role.SUPERVISOR
    with pytest.raises(SignInError, match="ít nhất 8"):
        service.reset_password(admin, "truongca", "ngan")


def test_only_admins_manage_users(service: AccountService) -> None:
    clerk = service.sign_in("truongca", "truongca-matkhau")
    with pytest.raises(RuleViolation):
        service.add_user(clerk, username="x", display_name="x", role=Role.CLERK,
                         password="12345678")


def test_trainer_cannot_sign_in_on_a_live_installation(service: AccountService) -> None:
    with pytest.raises(SignInError, match="đào tạo"):
        service.sign_in("giangvien", "giangvien-matkhau")


def test_second_person_approval_is_checked_and_recorded(service: AccountService) -> None:
    clerk = service.sign_in("canbo1", "canbo1-matkhau")
    with pytest.raises(RuleViolation, match="xác nhận"):
        service.authorize(clerk, Permission.CANCEL_CASE)
    with pytest.raises(SignInError):  # the supervisor's password is checked for real
        service.authorize(clerk, Permission.CANCEL_CASE, approver=("truongca", "sai"))
    approved = service.authorize(clerk, Permission.CANCEL_CASE,
                                 approver=("truongca", "truongca-matkhau"),
                                 case_code="HK01-20261125-0001")
    assert approved.approver is not None and approved.approver.username == "truongca"
    assert actions(service)[-1] == "authorized"
