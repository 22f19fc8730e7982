"""Two processes (two desks' worth of load on one station database) creating 500 cases each:
no duplicate code and no lost update of the sequence or of the transitions. PostgreSQL is the
station case; SQLite (one writer at a time, busy timeout) must hold too."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.storage.cases import CaseRepository
from kiosk.storage.crypto import load_or_create
from tests.storage.conftest import Databases

WORKER = textwrap.dedent("""
    import sys
    from datetime import datetime
    from pathlib import Path
    from kiosk.storage.cases import CaseRepository
    from kiosk.storage.crypto import load_or_create
    from kiosk.storage.database import open_database
    engine = open_database(sys.argv[1])
    repository = CaseRepository(engine, load_or_create(Path(sys.argv[3])))
    for n in range(int(sys.argv[2])):
        repository.open_case(desk_code="HK01", opened_at=datetime(2026, 11, 25, 9, 0, n % 60),
                             citizen_id_number="001096012345", citizen={"full_name": "B"},
                             training=True, first_step="identified", event="identify",
                             intake_step="intake")
    engine.dispose()
""")


@pytest.mark.slow
def test_two_processes_500_cases_each(db: Databases, tmp_path: Path) -> None:
    engine = db.open()  # migrate once before the race
    keyring = load_or_create(tmp_path)  # the station's key, shared by both desks
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, db.url, "500", str(tmp_path)])
               for _ in range(2)]
    assert [worker.wait(timeout=300) for worker in workers] == [0, 0]
    summaries = CaseRepository(engine, keyring).open_cases(frozenset(), include_final=False)
    codes = [s.code for s in summaries]
    assert len(codes) == 1000 and len(set(codes)) == 1000
    assert sorted(int(code.rsplit("-", 1)[1]) for code in codes) == list(range(1, 1001))
    with engine.connect() as connection:
        last = connection.execute(sa.text("SELECT last FROM case_sequences")).scalar_one()
        transitions = connection.execute(sa.text("SELECT count(*) FROM case_transitions"))
        assert (last, transitions.scalar_one()) == (1000, 1000)
