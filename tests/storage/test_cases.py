import threading
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from kiosk.storage.cases import (
    CaseRepository,
    Change,
    NewCapture,
    NewDocument,
    NewPayment,
    StaleCase,
)
from kiosk.storage.crypto import KeyRing
from kiosk.storage.database import open_database
from tests.storage.conftest import Databases

NOW = datetime(2026, 11, 25, 9, 30)


def open_case(repo: CaseRepository, desk: str = "HK01") -> str:
    return repo.open_case(desk_code=desk, opened_at=NOW, citizen_id_number="001096012345",
                          citizen={"full_name": "Nguyễn Văn Bình"}, training=True,
                          first_step="identified", event="identify", intake_step="intake")


@pytest.fixture
def repo(db: Databases) -> CaseRepository:
    return CaseRepository(db.open(), KeyRing.generate())


def test_sqlite_runs_in_wal_with_full_sync(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'k.sqlite3'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    engine.dispose()


def test_codes_are_desk_date_sequence_and_sortable(repo: CaseRepository) -> None:
    codes = [open_case(repo) for _ in range(3)] + [open_case(repo, "HK02")]
    assert codes == ["HK01-20261125-0001", "HK01-20261125-0002", "HK01-20261125-0003",
                     "HK02-20261125-0001"]


def test_concurrent_openings_never_share_a_code(repo: CaseRepository) -> None:
    codes: list[str] = []
    threads = [threading.Thread(target=lambda: codes.append(open_case(repo))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(codes)) == 8


def test_advance_is_atomic_and_checks_the_step(repo: CaseRepository) -> None:
    code = open_case(repo)
    repo.advance(code, expected="identified", event="decide", target="procedure_decided",
                 at=NOW, change=Change(fields={"fee_amount": 15000},
                                       payment=NewPayment(15000, ("TT 73",), ())))
    with pytest.raises(StaleCase):
        repo.advance(code, expected="identified", event="decide", target="procedure_decided",
                     at=NOW)
    assert repo.step_of(code) == "procedure_decided"
    assert repo.transitions(code) == [("intake", "identify", "identified"),
                                      ("identified", "decide", "procedure_decided")]


def test_print_log_marks_reprints(repo: CaseRepository) -> None:
    code = open_case(repo)
    for _ in range(2):
        repo.add_document(code, NewDocument("CC01", b"%PDF", "/tmp/x.pdf", "file"), NOW)
    assert repo.print_log(code) == [("CC01", False), ("CC01", True)]


def test_failed_change_leaves_nothing_half_saved(repo: CaseRepository) -> None:
    code = open_case(repo)
    with pytest.raises(AttributeError):
        repo.advance(code, expected="identified", event="decide", target="procedure_decided",
                     at=NOW, change=Change(fields={"fee_amount": 1}, payment="not a payment"))  # type: ignore[arg-type]
    assert repo.step_of(code) == "identified"
    assert len(repo.transitions(code)) == 1


def test_capture_attempts_are_numbered_and_the_best_kept(repo: CaseRepository) -> None:
    code = open_case(repo)
    for quality in (30, 80, 60):
        attempt = repo.add_capture(code, NewCapture("face", b"png", quality, quality > 50, (),
                                                    "simulator", "Mô phỏng", "SIM-1"), NOW)
    assert attempt == 3
    assert repo.best_captures(code)["face"][0] == 80


def test_open_cases_are_listed(repo: CaseRepository) -> None:
    code = open_case(repo)
    assert [s.code for s in repo.open_cases(frozenset({"closed"}))] == [code]
