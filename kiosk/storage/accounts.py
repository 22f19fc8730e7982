"""Accounts: who may sign in, the hash of their password, failures and lockout."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from kiosk.storage.errors import StorageError, translate
from kiosk.storage.models import UserRow


@dataclass(frozen=True)
class UserRecord:
    username: str
    display_name: str
    role: str
    password_hash: str
    disabled: bool
    failed_logins: int
    locked_until: datetime | None


def _record(row: UserRow) -> UserRecord:
    return UserRecord(row.username, row.display_name, row.role, row.password_hash,
                      row.disabled, row.failed_logins, row.locked_until)


class AccountRepository:
    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def _write(self, username: str, change: object) -> UserRecord:
        try:
            with self._sessions.begin() as session:
                row = session.scalar(select(UserRow).where(UserRow.username == username)
                                     .with_for_update())
                if row is None:
                    raise KeyError(username)
                change(row)  # type: ignore[operator]
                return _record(row)
        except SQLAlchemyError as error:
            raise translate(error) from error

    def count(self) -> int:
        with self._sessions() as session:
            return session.scalar(select(func.count()).select_from(UserRow)) or 0

    def add(self, *, username: str, display_name: str, role: str, password_hash: str,
            at: datetime) -> None:
        try:
            with self._sessions.begin() as session:
                session.add(UserRow(username=username, display_name=display_name, role=role,
                                    password_hash=password_hash, disabled=False,
                                    failed_logins=0, locked_until=None, created_at=at))
        except IntegrityError:
            raise StorageError(f"Tên đăng nhập {username!r} đã tồn tại; chọn tên khác.") from None
        except SQLAlchemyError as error:
            raise translate(error) from error

    def get(self, username: str) -> UserRecord | None:
        with self._sessions() as session:
            row = session.scalar(select(UserRow).where(UserRow.username == username))
            return None if row is None else _record(row)

    def all(self) -> list[UserRecord]:
        with self._sessions() as session:
            return [_record(r) for r in session.scalars(select(UserRow).order_by(UserRow.username))]

    def record_failure(self, username: str, at: datetime, max_failures: int,
                       lockout: timedelta) -> UserRecord:
        def change(row: UserRow) -> None:
            row.failed_logins += 1
            if row.failed_logins >= max_failures:
                row.locked_until, row.failed_logins = at + lockout, 0

        return self._write(username, change)

    def record_success(self, username: str, rehash: str | None = None) -> UserRecord:
        def change(row: UserRow) -> None:
            row.failed_logins, row.locked_until = 0, None
            if rehash:
                row.password_hash = rehash

        return self._write(username, change)

    def set_disabled(self, username: str, disabled: bool) -> UserRecord:
        return self._write(username, lambda row: setattr(row, "disabled", disabled))

    def set_password(self, username: str, password_hash: str) -> UserRecord:
        def change(row: UserRow) -> None:
            row.password_hash, row.failed_logins, row.locked_until = password_hash, 0, None

        return self._write(username, change)
