"""The audit trail: append-only, each row's hash covers its content and the previous hash.

Details hold codes and counts only (never names, ID numbers, addresses or images); the
caller passes them through :func:`safe_details`, which refuses anything else.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.storage.errors import translate
from kiosk.storage.models import AuditHeadRow, AuditRow

GENESIS = "0" * 64
_SAFE_TEXT = re.compile(r"[A-Za-z0-9_.:\-]{0,60}")  # codes, steps, reasons, form codes


def safe_details(details: dict[str, Any]) -> dict[str, Any]:
    """Only numbers, booleans and short code-like texts: personal data cannot pass."""
    for key, value in details.items():
        ok = isinstance(value, bool | int | float) or (
            isinstance(value, str) and _SAFE_TEXT.fullmatch(value) is not None)
        if not ok:
            raise ValueError(f"audit detail {key!r} is not a code or a number")
    return dict(details)


def row_hash(*, prev_hash: str, row_id: int, at: datetime, actor: str, approver: str | None,
             desk_code: str, case_code: str | None, action: str,
             details: dict[str, Any]) -> str:
    content = json.dumps([prev_hash, row_id, at.isoformat(), actor, approver, desk_code,
                          case_code, action, details], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Verification:
    intact: bool
    rows: int
    first_broken: int | None = None  # the id of the first row that does not check out
    problem: str = ""


class AuditLog:
    def __init__(self, engine: Engine, desk_code: str) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._desk_code = desk_code

    def append(self, *, at: datetime, actor: str, action: str, case_code: str | None = None,
               approver: str | None = None, details: dict[str, Any] | None = None) -> None:
        clean = safe_details(details or {})
        try:
            with self._sessions.begin() as session:
                self._append(session, at=at, actor=actor, action=action,
                             case_code=case_code, approver=approver, details=clean)
        except SQLAlchemyError as error:
            raise translate(error) from error

    def _append(self, session: Session, *, at: datetime, actor: str, action: str,
                case_code: str | None, approver: str | None, details: dict[str, Any]) -> None:
        head = session.scalar(select(AuditHeadRow).with_for_update())  # desks queue here
        if head is None:
            head = AuditHeadRow(id=1, last_id=0, last_hash=GENESIS)
            session.add(head)
        # The head is locked, so the next id is ours; it is part of the hash, which makes
        # reordering rows break the chain. One INSERT and one UPDATE per append.
        row_id = head.last_id + 1
        digest = row_hash(prev_hash=head.last_hash, row_id=row_id, at=at, actor=actor,
                          approver=approver, desk_code=self._desk_code, case_code=case_code,
                          action=action, details=details)
        session.add(AuditRow(id=row_id, at=at, actor=actor, approver=approver,
                             desk_code=self._desk_code, case_code=case_code, action=action,
                             details=details, prev_hash=head.last_hash, hash=digest))
        head.last_id, head.last_hash = row_id, digest

    def for_case(self, case_code: str) -> list[dict[str, Any]]:
        """The case's rows, oldest first, with their chain hashes (for the export packet)."""
        try:
            with self._sessions() as session:
                rows = list(session.scalars(select(AuditRow).where(
                    AuditRow.case_code == case_code).order_by(AuditRow.id)))
        except SQLAlchemyError as error:
            raise translate(error) from error
        return [{"id": r.id, "at": r.at.isoformat(timespec="seconds"), "actor": r.actor,
                 "approver": r.approver, "desk": r.desk_code, "action": r.action,
                 "details": dict(r.details), "hash": r.hash} for r in rows]

    def verify(self) -> Verification:
        """Walk the chain in id order; name the first row that was edited, removed or moved."""
        try:
            with self._sessions() as session:
                rows = list(session.scalars(select(AuditRow).order_by(AuditRow.id)))
                head = session.scalar(select(AuditHeadRow))
        except SQLAlchemyError as error:
            raise translate(error) from error
        previous = GENESIS
        for row in rows:
            if row.prev_hash != previous:
                return Verification(False, len(rows), row.id,
                                    "a row before it was removed, changed or moved")
            expected = row_hash(prev_hash=row.prev_hash, row_id=row.id, at=row.at,
                                actor=row.actor, approver=row.approver,
                                desk_code=row.desk_code, case_code=row.case_code,
                                action=row.action, details=dict(row.details))
            if row.hash != expected:
                return Verification(False, len(rows), row.id, "its content was changed")
            previous = row.hash
        last_id = rows[-1].id if rows else 0
        if head is not None and (head.last_id, head.last_hash) != (last_id, previous):
            return Verification(False, len(rows), head.last_id,
                                "rows at the end of the trail were removed")
        return Verification(True, len(rows))
