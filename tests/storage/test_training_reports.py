"""Trainee reports in the case database: saved, replaced when judged again, listed by day."""

from __future__ import annotations

from datetime import date, datetime

from kiosk.storage.training import StoredReport, TrainingReports
from tests.storage.conftest import Databases


def stored(code: str, trainee: str, day: date, mistakes: int) -> StoredReport:
    return StoredReport(code, "HK01", "lost-card", trainee, day, datetime(2026, 11, 25, 17),
                        mistakes == 0, mistakes, {"case_code": code, "findings": []})


def test_saved_replaced_and_listed_by_day(db: Databases) -> None:
    reports = TrainingReports(db.open())
    assert reports.get("HK01-20261125-0001") is None
    reports.save(stored("HK01-20261125-0001", "hv2", date(2026, 11, 25), 2))
    reports.save(stored("HK01-20261125-0002", "hv1", date(2026, 11, 25), 0))
    reports.save(stored("HK01-20261126-0001", "hv1", date(2026, 11, 26), 1))
    reports.save(stored("HK01-20261125-0001", "hv2", date(2026, 11, 25), 0))  # judged again
    again = reports.get("HK01-20261125-0001")
    assert again is not None and again.clean and again.mistakes == 0
    assert again.body == {"case_code": "HK01-20261125-0001", "findings": []}
    assert [r.case_code for r in reports.played(date(2026, 11, 25))] == [
        "HK01-20261125-0002", "HK01-20261125-0001"]  # by trainee, then case
    assert len(reports.played()) == 3
