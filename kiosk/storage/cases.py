"""The case repository: each change is one transaction, committed before the caller goes on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.storage.models import CaptureRow, CaseRow, DocumentRow, PaymentRow, TransitionRow


class StaleCase(Exception):
    """The case is not at the step the caller believed: another desk or window moved it."""


class UnknownCase(KeyError):
    pass


@dataclass(frozen=True)
class NewCapture:
    position: str
    image_png: bytes
    quality: int
    acceptable: bool
    problems: tuple[str, ...]
    device_backend: str
    device_model: str
    device_serial: str


@dataclass(frozen=True)
class NewDocument:
    form_code: str
    pdf: bytes
    printed_to: str


@dataclass(frozen=True)
class NewPayment:
    amount: int
    basis: tuple[str, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Change:
    """What one step writes besides the transition itself."""

    fields: dict[str, Any] = field(default_factory=dict)
    document: NewDocument | None = None
    payment: NewPayment | None = None


@dataclass(frozen=True)
class CaseSummary:
    code: str
    step: str
    citizen_id_number: str
    opened_at: datetime
    desk_code: str
    training: bool


class CaseRepository:
    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def open_case(
        self, *, desk_code: str, opened_at: datetime, citizen_id_number: str,
        citizen: dict[str, Any], training: bool, first_step: str, event: str, intake_step: str,
    ) -> str:
        """Create the case at ``first_step``; the code is desk + date + sequence."""
        for _attempt in range(5):
            try:
                with self._transaction() as session:
                    opened_on = opened_at.date()
                    last = session.scalar(
                        select(func.max(CaseRow.sequence)).where(
                            CaseRow.desk_code == desk_code, CaseRow.opened_on == opened_on))
                    sequence = (last or 0) + 1
                    code = f"{desk_code}-{opened_on:%Y%m%d}-{sequence:04d}"
                    row = CaseRow(
                        code=code, desk_code=desk_code, opened_on=opened_on, sequence=sequence,
                        step=first_step, training=training, opened_at=opened_at,
                        updated_at=opened_at, citizen_id_number=citizen_id_number,
                        citizen=citizen, procedure=None, reason=None, decision=None,
                        fee_amount=None, due_date=None,
                    )
                    row.transitions.append(TransitionRow(
                        source=intake_step, event=event, target=first_step, at=opened_at))
                    session.add(row)
                return code
            except IntegrityError:
                continue  # another desk took the same sequence number: take the next
        raise RuntimeError("could not allocate a case code after 5 attempts")

    def _row(self, session: Session, code: str) -> CaseRow:
        row = session.scalar(select(CaseRow).where(CaseRow.code == code))
        if row is None:
            raise UnknownCase(code)
        return row

    def advance(
        self, code: str, *, expected: str, event: str, target: str, at: datetime,
        change: Change | None = None,
    ) -> None:
        """Move the case from ``expected`` to ``target`` and write ``change``, all or nothing."""
        change = change or Change()
        with self._transaction() as session:
            row = self._row(session, code)
            if row.step != expected:
                raise StaleCase(f"{code} is at {row.step}, not {expected}")
            for name, value in change.fields.items():
                setattr(row, name, value)
            row.step = target
            row.updated_at = at
            row.transitions.append(
                TransitionRow(source=expected, event=event, target=target, at=at))
            if change.document is not None:
                d = change.document
                row.documents.append(
                    DocumentRow(form_code=d.form_code, pdf=d.pdf, printed_to=d.printed_to,
                                printed_at=at))
            if change.payment is not None:
                p = change.payment
                row.payments.append(
                    PaymentRow(amount=p.amount, basis=list(p.basis), notes=list(p.notes),
                               settled_at=at))

    def add_capture(self, code: str, capture: NewCapture, at: datetime) -> int:
        """Store one capture attempt; returns its attempt number for that position."""
        with self._transaction() as session:
            row = self._row(session, code)
            attempt = 1 + sum(1 for c in row.captures if c.position == capture.position)
            row.captures.append(CaptureRow(
                position=capture.position, attempt=attempt, image_png=capture.image_png,
                quality=capture.quality, acceptable=capture.acceptable,
                problems=list(capture.problems), device_backend=capture.device_backend,
                device_model=capture.device_model, device_serial=capture.device_serial,
                captured_at=at,
            ))
            row.updated_at = at
            return attempt

    def add_document(self, code: str, document: NewDocument, at: datetime) -> None:
        """A print that does not move the case (a reprint, or CC01 before it is signed)."""
        with self._transaction() as session:
            row = self._row(session, code)  # keep a strong reference: the session's is weak
            row.documents.append(DocumentRow(
                form_code=document.form_code, pdf=document.pdf,
                printed_to=document.printed_to, printed_at=at))

    def step_of(self, code: str) -> str:
        with self._sessions() as session:
            return self._row(session, code).step

    def transitions(self, code: str) -> list[tuple[str, str, str]]:
        with self._sessions() as session:
            return [(t.source, t.event, t.target) for t in self._row(session, code).transitions]

    def document_codes(self, code: str) -> list[str]:
        with self._sessions() as session:
            return [d.form_code for d in self._row(session, code).documents]

    def best_captures(self, code: str) -> dict[str, tuple[int, bool, bytes]]:
        """Per position, the best attempt: (quality, acceptable, image)."""
        with self._sessions() as session:
            best: dict[str, tuple[int, bool, bytes]] = {}
            for c in self._row(session, code).captures:
                if c.position not in best or c.quality >= best[c.position][0]:
                    best[c.position] = (c.quality, c.acceptable, c.image_png)
            return best

    def open_cases(self, final_steps: frozenset[str]) -> list[CaseSummary]:
        with self._sessions() as session:
            rows = session.scalars(
                select(CaseRow).where(CaseRow.step.not_in(final_steps)).order_by(CaseRow.code))
            return [
                CaseSummary(r.code, r.step, r.citizen_id_number, r.opened_at, r.desk_code,
                            r.training)
                for r in rows
            ]

    def count_on(self, desk_code: str, day: date) -> int:
        with self._sessions() as session:
            return session.scalar(
                select(func.count()).select_from(CaseRow).where(
                    CaseRow.desk_code == desk_code, CaseRow.opened_on == day)) or 0
