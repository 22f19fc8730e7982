"""The case repository: each change is one transaction, committed before the caller goes on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Engine, Select, and_, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.storage.crypto import KeyProblem, KeyRing
from kiosk.storage.errors import translate
from kiosk.storage.models import (
    CaptureRow,
    CaseRow,
    CaseSequenceRow,
    DocumentRow,
    PaymentRow,
    PrintLogRow,
    RepresentativeRow,
    SlipRow,
    TransitionRow,
)


class StaleCase(Exception):
    """The case is not at the step the caller believed: another desk or window moved it."""

    message = ("Hồ sơ đã được chuyển bước ở nơi khác (bàn khác hoặc cửa sổ khác). Mở lại hồ sơ "
               "để xem bước hiện tại.")


class UnknownCase(KeyError):
    pass


Box = tuple[int, int, int, int]  # x, y, width, height on the image, px


@dataclass(frozen=True)
class FingerBoxes:
    """Where each finger lies on a slap (ISO/IEC 19794-4 position -> box), as the capture's
    review found them, and the fingers declared missing then: the boxes are named after them,
    so they hold only while the case declares the same fingers missing."""

    boxes: dict[int, Box]
    missing: frozenset[int]


@dataclass(frozen=True)
class StoredEncoding:
    """A capture's image as its interchange records carry it (lossless JPEG 2000), and the
    SHA-256 of the PNG it was made from: used only while that PNG is the one stored."""

    png_sha256: bytes
    jp2: bytes


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
    # A biometric exception instead of an image (a finger amputated, bandaged, no print):
    # the reason code; the image is then empty.
    exception_reason: str | None = None
    finger_boxes: FingerBoxes | None = None  # a slap's, when its layout was found


@dataclass(frozen=True)
class NewDocument:
    form_code: str
    pdf: bytes
    printed_to: str
    printer: str = ""


@dataclass(frozen=True)
class NewPayment:
    amount: int
    basis: tuple[str, ...]
    notes: tuple[str, ...]
    receipt_number: str | None = None
    method: str | None = None  # "cash" or "transfer"; None when nothing was collected
    reference: str = ""  # a transfer's transaction reference (sealed)
    # An exemption claimed with a document: its code and the document typed. Sealed, with
    # the basis and notes of the fee it freed (they name the group: see PaymentRow).
    exemption: str | None = None
    evidence: str = ""


@dataclass(frozen=True)
class NewSlip:
    due_date: date
    return_place: str


@dataclass(frozen=True)
class Change:
    """What one step writes besides the transition itself."""

    fields: dict[str, Any] = field(default_factory=dict)
    document: NewDocument | None = None
    payment: NewPayment | None = None
    slip: NewSlip | None = None


@dataclass(frozen=True)
class CaseSummary:
    code: str
    step: str
    citizen_id_number: str
    citizen_name: str
    opened_at: datetime
    desk_code: str
    training: bool
    procedure: str | None
    updated_at: datetime | None = None  # the last change


@dataclass(frozen=True)
class StoredCapture:
    position: str
    attempt: int
    image_png: bytes
    quality: int
    acceptable: bool
    problems: tuple[str, ...]
    device_backend: str
    device_model: str
    device_serial: str
    captured_at: datetime
    exception_reason: str | None = None  # a declared exception (see NewCapture)
    finger_boxes: FingerBoxes | None = None  # None: not recorded (older cases)
    encoding: StoredEncoding | None = None  # None: not made (yet), or the image purged


@dataclass(frozen=True)
class StoredPayment:
    """A payment as recorded, its sealed part opened (see NewPayment)."""

    amount: int
    basis: tuple[str, ...]
    notes: tuple[str, ...]
    settled_at: datetime
    receipt_number: str | None = None
    method: str | None = None
    reference: str = ""
    exemption: str | None = None
    evidence: str = ""


@dataclass(frozen=True)
class StoredDelivery:
    method: str  # "counter" or "post"
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class StoredAdjustment:
    """The CSDLQG adjustment asked for: field codes and the documents shown (sealed)."""

    fields: tuple[str, ...]
    documents: str


@dataclass(frozen=True)
class StoredCapacity:
    """The declaration of lost capacity: the kind of court decision, its number and its
    date (ISO), sealed together."""

    kind: str
    number: str
    issued_on: str


@dataclass(frozen=True)
class StoredCase:
    """Everything committed for one case: what a restart resumes from."""

    code: str
    step: str
    desk_code: str
    training: bool
    opened_at: datetime
    updated_at: datetime
    citizen: dict[str, Any]
    procedure: str | None
    reason: str | None
    decision: dict[str, Any] | None
    fee_amount: int | None
    due_date: date | None
    transitions: tuple[tuple[str, str, str, datetime], ...]
    captures: tuple[StoredCapture, ...]
    documents: tuple[tuple[str, str, datetime], ...]  # form, where printed, when
    payments: tuple[StoredPayment, ...]
    representative: str | None = None  # name of the legal representative, when recorded
    representative_id_number: str | None = None
    delivery: StoredDelivery | None = None  # None until the clerk records the choice
    adjustment: StoredAdjustment | None = None  # None: no CSDLQG adjustment asked for
    capacity: StoredCapacity | None = None  # None: no loss of capacity declared

    def history(self) -> list[dict[str, str]]:
        """The transitions as JSON, oldest first (``kiosk cases show``, the export packet)."""
        return [{"from": source, "event": event, "to": target,
                 "at": at.isoformat(timespec="seconds")}
                for source, event, target, at in self.transitions]


CITIZEN, IMAGE, PDF, PERSON, DELIVERY = ("cases.citizen", "captures.image_png", "documents.pdf",
                                         "representatives.sealed", "cases.delivery")
PAYMENT, ADJUSTMENT, JP2 = "payments.sealed", "cases.adjustment", "captures.jp2"
CAPACITY = "cases.capacity"
# Every sealed column: (table, column, the associated data it is sealed with). `kiosk keys
# rotate` re-seals each; a test keeps it equal to the LargeBinary columns of models.py.
SEALED_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("cases", "citizen_sealed", CITIZEN),
    ("captures", "image_png", IMAGE),
    ("documents", "pdf", PDF),
    ("representatives", "sealed", PERSON),
    ("cases", "delivery_sealed", DELIVERY),
    ("payments", "sealed", PAYMENT),
    ("cases", "adjustment_sealed", ADJUSTMENT),
    ("cases", "capacity_sealed", CAPACITY),
    ("captures", "jp2_sealed", JP2),
)
DIGEST_SIZE = 32  # SHA-256, ahead of the JPEG 2000 in the sealed jp2_sealed


# What a case summary reads (no images, no documents).
_SUMMARY = select(CaseRow.code, CaseRow.step, CaseRow.citizen_sealed, CaseRow.opened_at,
                  CaseRow.desk_code, CaseRow.training, CaseRow.procedure, CaseRow.updated_at)


class CaseRepository:
    """Personal fields and biometrics are sealed here on the way in and opened on the way out:
    nothing above this class sees ciphertext, nothing below it sees clear personal data."""

    def __init__(self, engine: Engine, keyring: KeyRing) -> None:
        self._engine = engine
        self._keys = keyring
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def _seal_json(self, data: dict[str, Any], context: str) -> bytes:
        return self._keys.seal(json.dumps(data, ensure_ascii=False).encode(), context)

    def _open_json(self, blob: bytes, context: str) -> dict[str, Any]:
        value = json.loads(self._keys.open(blob, context))
        if not isinstance(value, dict):
            raise ValueError("sealed record is not an object")
        return value

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        try:
            with self._sessions.begin() as session:
                yield session
        except SQLAlchemyError as error:
            raise translate(error) from error

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                yield session
        except SQLAlchemyError as error:
            raise translate(error) from error

    def _next_sequence(self, session: Session, desk_code: str, day: date) -> int:
        """Atomic increment of the desk's counter for the day (safe across processes)."""
        dialect = self._engine.dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        upsert = insert(CaseSequenceRow).values(desk_code=desk_code, day=day, last=1)
        increment = upsert.on_conflict_do_update(
            index_elements=[CaseSequenceRow.desk_code, CaseSequenceRow.day],
            set_={"last": CaseSequenceRow.last + 1},
        ).returning(CaseSequenceRow.last)
        return int(session.execute(increment).scalar_one())

    def open_case(
        self, *, desk_code: str, opened_at: datetime, citizen_id_number: str,
        citizen: dict[str, Any], training: bool, first_step: str, event: str, intake_step: str,
    ) -> str:
        """Create the case at ``first_step``; the code is desk + date + sequence."""
        with self._transaction() as session:
            opened_on = opened_at.date()
            sequence = self._next_sequence(session, desk_code, opened_on)
            code = f"{desk_code}-{opened_on:%Y%m%d}-{sequence:04d}"
            row = CaseRow(
                code=code, desk_code=desk_code, opened_on=opened_on, sequence=sequence,
                step=first_step, training=training, opened_at=opened_at, updated_at=opened_at,
                citizen_sealed=self._seal_json(citizen, CITIZEN),
                citizen_index=self._keys.index(citizen_id_number), procedure=None,
                reason=None, decision=None, fee_amount=None, due_date=None,
            )
            row.transitions.append(
                TransitionRow(source=intake_step, event=event, target=first_step, at=opened_at))
            session.add(row)
        return code

    def _row(self, session: Session, code: str, *, lock: bool = False) -> CaseRow:
        query = select(CaseRow).where(CaseRow.code == code)
        if lock:
            query = query.with_for_update()  # PostgreSQL: desks queue on the row
        row = session.scalar(query)
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
            row = self._row(session, code, lock=True)
            if row.step != expected:
                raise StaleCase(f"{code} is at {row.step}, not {expected}")
            for name, value in change.fields.items():
                setattr(row, name, value)
            row.step = target
            row.updated_at = at
            row.transitions.append(
                TransitionRow(source=expected, event=event, target=target, at=at))
            if change.document is not None:
                self._add_document(row, self._sealed_document(change.document), at)
            if change.payment is not None:
                row.payments.append(self._payment_row(change.payment, at))
            if change.slip is not None:
                row.slips.append(SlipRow(due_date=change.slip.due_date,
                                         return_place=change.slip.return_place, issued_at=at))

    def _payment_row(self, p: NewPayment, at: datetime) -> PaymentRow:
        secret: dict[str, Any] = {}
        if p.reference:
            secret["reference"] = p.reference
        if p.exemption is not None:  # the basis and notes name the group: sealed with it
            secret |= {"exemption": p.exemption, "evidence": p.evidence,
                       "basis": list(p.basis), "notes": list(p.notes)}
        claimed = p.exemption is not None
        return PaymentRow(
            amount=p.amount, basis=[] if claimed else list(p.basis),
            notes=[] if claimed else list(p.notes), settled_at=at,
            receipt_number=p.receipt_number, method=p.method,
            sealed=self._seal_json(secret, PAYMENT) if secret else None)

    def _payment(self, row: PaymentRow) -> StoredPayment:
        secret = self._open_json(row.sealed, PAYMENT) if row.sealed is not None else {}
        exemption = secret.get("exemption")
        return StoredPayment(
            amount=row.amount, basis=tuple(secret.get("basis", row.basis)),
            notes=tuple(secret.get("notes", row.notes)), settled_at=row.settled_at,
            receipt_number=row.receipt_number, method=row.method,
            reference=str(secret.get("reference", "")),
            exemption=str(exemption) if exemption is not None else None,
            evidence=str(secret.get("evidence", "")))

    def _sealed_document(self, document: NewDocument) -> NewDocument:
        return NewDocument(document.form_code, self._keys.seal(document.pdf, PDF),
                           document.printed_to, document.printer)

    @staticmethod
    def _add_document(row: CaseRow, document: NewDocument, at: datetime) -> None:
        reprint = any(d.form_code == document.form_code for d in row.documents)
        row.documents.append(DocumentRow(form_code=document.form_code, pdf=document.pdf,
                                         printed_to=document.printed_to, printed_at=at))
        row.prints.append(PrintLogRow(form_code=document.form_code, printer=document.printer,
                                      location=document.printed_to, reprint=reprint,
                                      printed_at=at))

    def add_capture(self, code: str, capture: NewCapture, at: datetime) -> int:
        """Store one capture attempt; returns its attempt number for that position."""
        with self._transaction() as session:
            row = self._row(session, code, lock=True)
            attempt = 1 + sum(1 for c in row.captures if c.position == capture.position)
            row.captures.append(CaptureRow(
                position=capture.position, attempt=attempt,
                image_png=self._keys.seal(capture.image_png, IMAGE),
                quality=capture.quality, acceptable=capture.acceptable,
                problems=list(capture.problems), device_backend=capture.device_backend,
                device_model=capture.device_model, device_serial=capture.device_serial,
                captured_at=at, exception=capture.exception_reason is not None,
                exception_reason=capture.exception_reason,
                finger_boxes=_boxes_json(capture.finger_boxes),
            ))
            row.updated_at = at
            return attempt

    def add_encoding(self, code: str, position: str, attempt: int,
                     encoding: StoredEncoding) -> bool:
        """Keep ``encoding`` beside that attempt's image (replacing any older one); False when
        there is no such image (never captured, or purged). Not a change of the case."""
        sealed = self._keys.seal(encoding.png_sha256 + encoding.jp2, JP2)
        with self._transaction() as session:
            case_id = select(CaseRow.id).where(CaseRow.code == code).scalar_subquery()
            done = session.connection().execute(
                update(CaptureRow).where(CaptureRow.case_id == case_id,
                                         CaptureRow.position == position,
                                         CaptureRow.attempt == attempt,
                                         func.length(CaptureRow.image_png) > 0)
                .values(jp2_sealed=sealed))
            return done.rowcount == 1

    def _encoding(self, row: CaptureRow) -> StoredEncoding | None:
        if not row.jp2_sealed or not row.image_png:
            return None
        try:
            plain = self._keys.open(row.jp2_sealed, JP2)
        except KeyProblem:
            return None  # derived from the image, which still opens: the packet re-makes it
        return StoredEncoding(plain[:DIGEST_SIZE], plain[DIGEST_SIZE:])

    def add_document(self, code: str, document: NewDocument, at: datetime) -> None:
        """A print that does not move the case (a reprint, or CC01 before it is signed)."""
        with self._transaction() as session:
            self._add_document(self._row(session, code, lock=True),
                               self._sealed_document(document), at)

    def set_representative(self, code: str, *, full_name: str, id_number: str,
                           relationship: str, evidence: str, at: datetime) -> None:
        with self._transaction() as session:
            row = self._row(session, code, lock=True)
            sealed = self._seal_json(
                {"full_name": full_name, "id_number": id_number, "evidence": evidence}, PERSON)
            if row.representative is None:
                row.representative = RepresentativeRow(relationship_=relationship,
                                                       checked_at=at, sealed=sealed)
            else:  # another person after Back: one row per case, updated in place
                row.representative.relationship_ = relationship
                row.representative.checked_at = at
                row.representative.sealed = sealed

    def clear_representative(self, code: str) -> None:
        """Nobody represents the citizen any more (the reason for it was withdrawn)."""
        with self._transaction() as session:
            self._row(session, code, lock=True).representative = None

    def set_delivery(self, code: str, delivery: StoredDelivery) -> None:
        """The citizen's choice; a postal address and phone are sealed, a counter has none."""
        with self._transaction() as session:
            row = self._row(session, code, lock=True)
            row.delivery_method = delivery.method
            row.delivery_sealed = (
                self._seal_json({"address": delivery.address, "phone": delivery.phone},
                                DELIVERY) if delivery.address or delivery.phone else None)

    def _delivery(self, row: CaseRow) -> StoredDelivery | None:
        if row.delivery_method is None:
            return None
        where = (self._open_json(row.delivery_sealed, DELIVERY)
                 if row.delivery_sealed is not None else {})
        return StoredDelivery(row.delivery_method, str(where.get("address", "")),
                              str(where.get("phone", "")))

    def set_adjustment(self, code: str, adjustment: StoredAdjustment | None) -> None:
        """Record the adjustment asked for (fields and documents sealed together), or None
        to withdraw it."""
        with self._transaction() as session:
            row = self._row(session, code, lock=True)
            row.adjustment_sealed = None if adjustment is None else self._seal_json(
                {"fields": list(adjustment.fields), "documents": adjustment.documents},
                ADJUSTMENT)

    def set_capacity(self, code: str, capacity: StoredCapacity | None) -> None:
        """Record the declaration of lost capacity (sealed), or None to withdraw it."""
        with self._transaction() as session:
            row = self._row(session, code, lock=True)
            row.capacity_sealed = None if capacity is None else self._seal_json(
                {"kind": capacity.kind, "number": capacity.number,
                 "issued_on": capacity.issued_on}, CAPACITY)

    def _capacity(self, row: CaseRow) -> StoredCapacity | None:
        if row.capacity_sealed is None:
            return None
        said = self._open_json(row.capacity_sealed, CAPACITY)
        return StoredCapacity(str(said["kind"]), str(said["number"]), str(said["issued_on"]))

    def _adjustment(self, row: CaseRow) -> StoredAdjustment | None:
        if row.adjustment_sealed is None:
            return None
        asked = self._open_json(row.adjustment_sealed, ADJUSTMENT)
        return StoredAdjustment(tuple(str(code) for code in asked["fields"]),
                                str(asked["documents"]))

    def step_of(self, code: str) -> str:
        with self._reading() as session:
            return self._row(session, code).step

    def transitions(self, code: str) -> list[tuple[str, str, str]]:
        with self._reading() as session:
            return [(t.source, t.event, t.target) for t in self._row(session, code).transitions]

    def document_codes(self, code: str) -> list[str]:
        with self._reading() as session:
            return [d.form_code for d in self._row(session, code).documents]

    def purge_images(self, code: str) -> int:
        """Erase the case's biometric images (their quality, device and time stay, for the
        record); returns how many were erased. Only for a closed case."""
        with self._transaction() as session:
            row = self._row(session, code, lock=True)
            if row.step != "closed":
                raise ValueError(f"{code} is not closed")
            erased = [c for c in row.captures if c.image_png]
            for capture in erased:
                capture.image_png = b""
            for capture in row.captures:  # the same image, encoded for the packet
                capture.jp2_sealed = None
            return len(erased)

    def document_pdfs(self, code: str) -> list[tuple[str, bytes, datetime]]:
        """Every printed document of the case, opened: (form code, PDF, printed at)."""
        with self._reading() as session:
            return [(d.form_code, self._keys.open(d.pdf, PDF), d.printed_at)
                    for d in self._row(session, code).documents]

    def print_log(self, code: str) -> list[tuple[str, bool]]:
        with self._reading() as session:
            return [(p.form_code, p.reprint) for p in self._row(session, code).prints]

    def best_captures(self, code: str) -> dict[str, tuple[int, bool, bytes]]:
        """Per position, the best attempt: (quality, acceptable, image)."""
        best: dict[str, tuple[int, bool, bytes]] = {}
        for c in self.load(code).captures:
            if c.position not in best or c.quality >= best[c.position][0]:
                best[c.position] = (c.quality, c.acceptable, c.image_png)
        return best

    def load(self, code: str) -> StoredCase:
        with self._reading() as session:
            r = self._row(session, code)
            person = (self._open_json(r.representative.sealed, PERSON) if r.representative
                      else None)
            return StoredCase(
                code=r.code, step=r.step, desk_code=r.desk_code, training=r.training,
                opened_at=r.opened_at, updated_at=r.updated_at,
                citizen=self._open_json(r.citizen_sealed, CITIZEN),
                procedure=r.procedure, reason=r.reason,
                decision=dict(r.decision) if r.decision is not None else None,
                fee_amount=r.fee_amount, due_date=r.due_date,
                transitions=tuple((t.source, t.event, t.target, t.at) for t in r.transitions),
                captures=tuple(StoredCapture(
                    c.position, c.attempt,
                    self._keys.open(c.image_png, IMAGE) if c.image_png else b"",  # purged
                    c.quality, c.acceptable,
                    tuple(c.problems), c.device_backend, c.device_model, c.device_serial,
                    c.captured_at, c.exception_reason if c.exception else None,
                    _boxes(c.finger_boxes), self._encoding(c))
                    for c in r.captures),
                documents=tuple((d.form_code, d.printed_to, d.printed_at) for d in r.documents),
                payments=tuple(self._payment(p) for p in r.payments),
                representative=person["full_name"] if person else None,
                representative_id_number=person["id_number"] if person else None,
                delivery=self._delivery(r),
                adjustment=self._adjustment(r),
                capacity=self._capacity(r),
            )

    def open_cases(self, final_steps: frozenset[str], *, include_final: bool = False,
                   limit: int | None = None) -> list[CaseSummary]:
        """Summaries only (no images, no documents): fast with thousands of cases stored."""
        query = _SUMMARY
        if not include_final:
            query = query.where(CaseRow.step.not_in(final_steps))
        query = query.order_by(CaseRow.code.desc() if include_final else CaseRow.code)
        if limit is not None:
            query = query.limit(limit)
        return self._summaries(query)

    def day_queue(self, desk_code: str, day: date,
                  final_steps: frozenset[str]) -> list[CaseSummary]:
        """The desk's day, as summaries (no images, no documents): every case of ``desk_code``
        still open, whatever day it was opened, and those that reached a final step on ``day``
        (their last change is that step: nothing changes a case after it)."""
        start = datetime.combine(day, time())
        return self._summaries(
            _SUMMARY.where(CaseRow.desk_code == desk_code,
                           or_(CaseRow.step.not_in(final_steps),
                               and_(CaseRow.updated_at >= start,
                                    CaseRow.updated_at < start + timedelta(days=1))))
            .order_by(CaseRow.code))

    def _summaries(self, query: Select[*tuple[Any, ...]]) -> list[CaseSummary]:
        """The summaries of the rows ``query`` selects (its columns: :data:`_SUMMARY`'s), the
        citizen opened for each, after the reading session is closed."""
        with self._reading() as session:
            rows = session.execute(query).all()
        summaries = []
        for row in rows:
            citizen = self._open_json(row.citizen_sealed, CITIZEN)
            summaries.append(CaseSummary(row.code, row.step, str(citizen.get("id_number", "")),
                                         str(citizen.get("full_name", "")), row.opened_at,
                                         row.desk_code, row.training, row.procedure,
                                         row.updated_at))
        return summaries

    def count_on(self, desk_code: str, day: date) -> int:
        with self._reading() as session:
            return session.scalar(
                select(func.count()).select_from(CaseRow).where(
                    CaseRow.desk_code == desk_code, CaseRow.opened_on == day)) or 0


def _boxes_json(boxes: FingerBoxes | None) -> dict[str, Any] | None:
    if boxes is None:
        return None
    return {"boxes": {str(position): list(box) for position, box in boxes.boxes.items()},
            "missing": sorted(boxes.missing)}


def _boxes(stored: dict[str, Any] | None) -> FingerBoxes | None:
    if stored is None:
        return None
    boxes: dict[int, Box] = {}
    for position, box in stored["boxes"].items():
        x, y, width, height = (int(value) for value in box)
        boxes[int(position)] = (x, y, width, height)
    return FingerBoxes(boxes, frozenset(int(p) for p in stored["missing"]))
