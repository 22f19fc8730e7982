"""Issue 5, retention: a case's biometric images are erased a set number of days after the
centre confirmed its packet; never before, never for a case not confirmed (a copy on an offline
team's drive confirms nothing: the centre has not imported it)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.app import export_packet, installation_key, main, purge_confirmed
from kiosk.config import load_settings
from kiosk.export.envelope import raw_public
from kiosk.export.keys import desk_signing_key, new_centre_key_pair
from kiosk.export.outbox import FolderSender, HttpSender, Outbox
from kiosk.storage.audit import AuditLog
from kiosk.storage.cases import CaseRepository
from kiosk.storage.database import open_database
from tests.export.centre import Centre, running

CODE = "HK01-20261125-0001"
SENT = datetime(2026, 11, 25, 17, 0)


def test_images_go_after_the_confirmed_retention_period(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "--environment", "development", "demo", "--out",
                 str(tmp_path / "out"), "--date", "2026-11-25"]) == 0
    assert main(["--data-dir", str(data), "--environment", "development", "demo", "--out",
                 str(tmp_path / "out2"), "--date", "2026-11-25"]) == 0  # never sent
    new_centre_key_pair(tmp_path / "centre.key", tmp_path / "centre.pub")
    settings = load_settings(data, overrides={
        "environment": "development", "export.centre_public_key": str(tmp_path / "centre.pub"),
        "retention.days_after_confirmation": 30})
    outbox = Outbox(data / "outbox", clock=lambda: SENT)
    packet = export_packet(settings, CODE, SENT)
    outbox.put(CODE, packet)
    assert outbox.send_all(FolderSender(tmp_path / "usb")).sent == [CODE]
    assert outbox.confirmed() == {}  # only on the drive: the centre has not imported it
    assert purge_confirmed(settings, SENT + timedelta(days=365)) == {}
    key = serialization.load_pem_private_key((tmp_path / "centre.key").read_bytes(), None)
    assert isinstance(key, X25519PrivateKey)
    centre = Centre(key, frozenset({raw_public(desk_signing_key(data).public_key())}))
    outbox.put(CODE, packet)  # queued again, this time for the centre
    with running(centre) as url:
        assert outbox.send_all(HttpSender(url, sleep=lambda _s: None)).sent == [CODE]
    assert outbox.confirmed() == {CODE: SENT}

    assert purge_confirmed(settings, SENT + timedelta(days=29)) == {}  # not yet
    assert purge_confirmed(settings, SENT + timedelta(days=30), dry_run=True) == {CODE: 0}
    engine = open_database(settings.database_url)
    images = sa.text("SELECT c.code, length(p.image_png) FROM captures p "
                     "JOIN cases c ON c.id = p.case_id")
    with engine.connect() as connection:
        assert all(size > 0 for _code, size in connection.execute(images))

    erased = purge_confirmed(settings, SENT + timedelta(days=30))
    assert erased[CODE] >= 6
    with engine.connect() as connection:
        sizes = list(connection.execute(images))
    assert all(size == 0 for code, size in sizes if code == CODE)
    assert all(size > 0 for code, size in sizes if code != CODE)  # the unsent case keeps them
    assert purge_confirmed(settings, SENT + timedelta(days=31)) == {CODE: 0}  # once
    stored = CaseRepository(engine, installation_key(settings)).load(CODE)  # still readable
    assert stored.step == "closed" and all(c.image_png == b"" for c in stored.captures)
    assert AuditLog(engine, "HK01").verify().intact
    assert main(["--data-dir", str(data), "keys", "rotate"]) == 0  # erased rows re-seal fine
    engine.dispose()
