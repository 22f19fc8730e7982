"""Trainee reports in the case database (table ``training_reports``, revision 0008).

Kept beside the cases rather than as files: a class whose desks share one station database
is summarised from any of them, and a report lives and is backed up with the case it judges.
A report holds codes, times and verdicts, nothing personal, so it is not sealed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.storage.errors import translate
from kiosk.storage.models import TrainingReportRow


@dataclass(frozen=True)
class StoredReport:
    case_code: str
    desk_code: str
    scenario: str
    trainee: str
    played_on: date
    created_at: datetime
    clean: bool
    mistakes: int
    body: dict[str, Any]  # the whole report (kiosk/desk/trainee_report.py to_json)


def _stored(row: TrainingReportRow) -> StoredReport:
    return StoredReport(row.case_code, row.desk_code, row.scenario, row.trainee, row.played_on,
                        row.created_at, row.clean, row.mistakes, dict(row.body))


class TrainingReports:
    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def _session(self, *, write: bool = False) -> Iterator[Session]:
        try:
            if write:
                with self._sessions.begin() as session:
                    yield session
            else:
                with self._sessions() as session:
                    yield session
        except SQLAlchemyError as error:
            raise translate(error) from error

    def save(self, report: StoredReport) -> None:
        """Store the case's report, replacing an earlier judgement of the same case."""
        with self._session(write=True) as session:
            row = session.scalar(select(TrainingReportRow).where(
                TrainingReportRow.case_code == report.case_code))
            if row is None:
                row = TrainingReportRow(case_code=report.case_code)
                session.add(row)
            row.desk_code, row.scenario, row.trainee = (report.desk_code, report.scenario,
                                                        report.trainee)
            row.played_on, row.created_at = report.played_on, report.created_at
            row.clean, row.mistakes, row.body = report.clean, report.mistakes, report.body

    def get(self, case_code: str) -> StoredReport | None:
        with self._session() as session:
            row = session.scalar(select(TrainingReportRow).where(
                TrainingReportRow.case_code == case_code))
            return None if row is None else _stored(row)

    def played(self, day: date | None = None) -> list[StoredReport]:
        """Every report (of ``day`` only, when given), by trainee then case."""
        query = select(TrainingReportRow).order_by(TrainingReportRow.trainee,
                                                   TrainingReportRow.case_code)
        if day is not None:
            query = query.where(TrainingReportRow.played_on == day)
        with self._session() as session:
            return [_stored(row) for row in session.scalars(query)]
