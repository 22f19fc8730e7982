"""Which captures a case's records carry, and that only a closed case is exported."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from kiosk.app import Context
from kiosk.desk.records import Agencies, NotExportable, case_transaction, kept_captures
from kiosk.registry.base import LookupQuery
from kiosk.storage.cases import StoredCapture, StoredCase

AGENCIES = Agencies("HK-HK01", "C06")


def capture(position: str, quality: int, acceptable: bool, minute: int) -> StoredCapture:
    return StoredCapture(position, minute, b"png", quality, acceptable, (), "simulator", "m",
                         "s", datetime(2026, 11, 25, 9, minute))


def test_kept_capture_is_the_best_acceptable_else_the_best() -> None:
    captures = (capture("face", 40, False, 1), capture("face", 90, True, 2),
                capture("face", 70, True, 3), capture("face", 95, False, 4),
                capture("thumbs", 20, False, 1), capture("thumbs", 35, False, 2),
                capture("thumbs", 30, False, 3))
    case = dataclasses.replace(_any_case(), captures=captures)
    kept = kept_captures(case)
    assert (kept["face"].attempt, kept["thumbs"].attempt) == (2, 2)


def test_open_case_is_not_exported(context: Context) -> None:
    desk = context.desk
    case = desk.open_case(desk.find_citizen(LookupQuery.from_text("001096012345")))
    with pytest.raises(NotExportable, match="chưa kết thúc"):
        case_transaction(desk.cases.load(case.code), AGENCIES, datetime(2026, 11, 25))


def _any_case() -> StoredCase:
    return StoredCase(code="HK01-20261125-0001", step="closed", desk_code="HK01",
                      training=False, opened_at=datetime(2026, 11, 25),
                      updated_at=datetime(2026, 11, 25), citizen={}, procedure=None,
                      reason=None, decision=None, fee_amount=None, due_date=None,
                      transitions=(), captures=(), documents=(), payments=())
