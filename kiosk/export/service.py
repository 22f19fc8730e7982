"""What leaves the desk for the centre, and what the desk erases once the centre has it: one
:class:`Exporter` per command (``kiosk export``, ``outbox send``, ``retention purge``), built by
the composition root with the storage already open, so a command that handles many cases opens
the database and reads the keys once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from kiosk.desk.records import Agencies, NotExportable
from kiosk.export.envelope import seal
from kiosk.export.keys import ExportKeyProblem
from kiosk.export.outbox import Outbox, SendFailed
from kiosk.export.packet import CaseMaterial, build_packet, check_exportable
from kiosk.storage.cases import UnknownCase

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    from kiosk.storage.audit import AuditLog
    from kiosk.storage.cases import CaseRepository


class Exporter:
    """Packets of closed cases and the retention purge over one repository and audit log.

    ``signing_key`` and ``centre_key`` load the desk's and the centre's keys (raising
    ExportKeyProblem); each is called at the first packet, then kept: a purge never needs
    them, and a missing centre key fails each packet with what to install.
    """

    def __init__(self, repository: CaseRepository, audit: AuditLog, *,
                 signing_key: Callable[[], Ed25519PrivateKey],
                 centre_key: Callable[[], X25519PublicKey], agencies: Agencies,
                 desk_code: str, environment: str,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        self.repository = repository
        self.audit = audit
        self._signing_key = cache(signing_key)
        self._centre_key = cache(centre_key)
        self.agencies = agencies
        self.desk_code = desk_code
        self.environment = environment
        self.clock = clock

    def packet(self, code: str, created_at: datetime) -> bytes:
        """A closed case's sealed packet (raises NotExportable, ExportKeyProblem,
        UnknownCase)."""
        case = self.repository.load(code)
        try:
            check_exportable(case, self.environment)
        except NotExportable:
            # A refused export is audited: training data must be seen never to leave.
            training = case.training or self.environment == "training"
            self.audit.append(at=self.clock(), actor=f"desk:{self.desk_code}",
                              action="export_refused", case_code=code,
                              details={"reason": "training" if training else "not_closed"})
            raise
        centre = self._centre_key()
        material = CaseMaterial(case, self.repository.document_pdfs(code),
                                self.audit.for_case(code), self.environment)
        inner = build_packet(material, self.agencies, created_at)
        return seal(inner, case_code=code, desk_code=self.desk_code, created_at=created_at,
                    signing_key=self._signing_key(), centre_key=centre)

    def build(self, code: str) -> bytes:
        """The outbox's Build: the packet of a case it was asked for, made now, or SendFailed
        saying why not."""
        try:
            return self.packet(code, self.clock())
        except (NotExportable, ExportKeyProblem) as error:
            raise SendFailed(error.message, retry=False) from error
        except UnknownCase as error:
            raise SendFailed(f"Không có hồ sơ {code} trong cơ sở dữ liệu này.",
                             retry=False) from error

    def purge_confirmed(self, outbox: Outbox, now: datetime, limit: timedelta, *,
                        dry_run: bool = False) -> dict[str, int]:
        """Erase the images of every case the centre confirmed at least ``limit`` before
        ``now`` (issue 5: retention); case code -> images erased (0 on a dry run or when
        already erased)."""
        erased: dict[str, int] = {}
        for code, confirmed_at in sorted(outbox.confirmed().items()):
            if now - confirmed_at < limit:
                continue
            erased[code] = 0 if dry_run else self.repository.purge_images(code)
            if erased[code]:
                self.audit.append(at=now, actor=f"desk:{self.desk_code}",
                                  action="retention_purge", case_code=code,
                                  details={"images": erased[code]})
        return erased
