"""Tables of the case file. Personal data is kept in the citizen snapshot and captures only."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class CaseRow(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    desk_code: Mapped[str] = mapped_column(String(8), index=True)
    opened_on: Mapped[date] = mapped_column(index=True)
    sequence: Mapped[int]
    step: Mapped[str] = mapped_column(String(40), index=True)
    training: Mapped[bool]
    opened_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # The snapshot taken at lookup, sealed (AES-GCM); found again by a keyed hash of the ID.
    citizen_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    citizen_index: Mapped[str] = mapped_column(String(64), index=True)
    procedure: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(20))
    decision: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    fee_amount: Mapped[int | None]
    due_date: Mapped[date | None]
    # Counter or post; the postal address and phone sealed together (personal data).
    delivery_method: Mapped[str | None] = mapped_column(String(10))
    delivery_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    # The CSDLQG adjustment asked for before the card procedure: the field codes and the
    # supporting documents shown, sealed together (the documents are personal data).
    adjustment_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    # The clerk's declaration that the citizen lost capacity or has difficulty in cognition or
    # self-control, with the court decision shown (kind, number, date), sealed together.
    capacity_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)

    transitions: Mapped[list[TransitionRow]] = relationship(
        back_populates="case", order_by="TransitionRow.id", cascade="all, delete-orphan")
    captures: Mapped[list[CaptureRow]] = relationship(
        back_populates="case", order_by="CaptureRow.id", cascade="all, delete-orphan")
    documents: Mapped[list[DocumentRow]] = relationship(
        back_populates="case", order_by="DocumentRow.id", cascade="all, delete-orphan")
    payments: Mapped[list[PaymentRow]] = relationship(
        back_populates="case", order_by="PaymentRow.id", cascade="all, delete-orphan")
    representative: Mapped[RepresentativeRow | None] = relationship(
        back_populates="case", cascade="all, delete-orphan")
    slips: Mapped[list[SlipRow]] = relationship(
        back_populates="case", order_by="SlipRow.id", cascade="all, delete-orphan")
    prints: Mapped[list[PrintLogRow]] = relationship(
        back_populates="case", order_by="PrintLogRow.id", cascade="all, delete-orphan")

    __table_args__ = (UniqueConstraint("desk_code", "opened_on", "sequence"),)


class TransitionRow(Base):
    __tablename__ = "case_transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    source: Mapped[str] = mapped_column(String(40))
    event: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime]
    case: Mapped[CaseRow] = relationship(back_populates="transitions")


class CaptureRow(Base):
    __tablename__ = "captures"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    position: Mapped[str] = mapped_column(String(40))  # face, left_four, right_four, thumbs, ...
    attempt: Mapped[int]
    image_png: Mapped[bytes] = mapped_column(LargeBinary)
    quality: Mapped[int]
    acceptable: Mapped[bool]
    problems: Mapped[list[str]] = mapped_column(JSON)
    device_backend: Mapped[str] = mapped_column(String(40))
    device_model: Mapped[str] = mapped_column(String(120))
    device_serial: Mapped[str] = mapped_column(String(120))
    captured_at: Mapped[datetime]
    # A biometric exception (missing finger, eye): recorded instead of an acceptable image.
    exception: Mapped[bool] = mapped_column(default=False, server_default="0")
    exception_reason: Mapped[str | None] = mapped_column(Text)
    # The image as the interchange records carry it (lossless JPEG 2000), made in the
    # background after the verdict, sealed with the SHA-256 of the PNG it was made from, so
    # the export packet does not encode it again. NULL: not made (older cases, training).
    jp2_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    # A slap's finger boxes as its review found them, with the fingers declared missing at
    # the time (the boxes are named after them). NULL: not recorded; the packet segments.
    finger_boxes: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    case: Mapped[CaseRow] = relationship(back_populates="captures")


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    form_code: Mapped[str] = mapped_column(String(10))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    printed_to: Mapped[str] = mapped_column(String(500))
    printed_at: Mapped[datetime]
    case: Mapped[CaseRow] = relationship(back_populates="documents")


class PaymentRow(Base):
    """The fee settled: collected (cash or transfer) or exempt, with the receipt printed.

    In clear: what accounting needs (amount, method, receipt, time) and the basis and notes
    of a fee the rules decided alone. Sealed together: a transfer's reference (a bank
    transaction, Nghị định 13/2023/NĐ-CP Điều 2 khoản 4) and an exemption claimed with a
    document: which group (disability, ethnicity, poverty, người có công: sensitive personal
    data), the document typed, and that fee's basis and notes, which name the group; the
    clear basis and notes of such a payment are then empty."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    amount: Mapped[int]
    basis: Mapped[list[str]] = mapped_column(JSON)
    notes: Mapped[list[str]] = mapped_column(JSON)
    settled_at: Mapped[datetime]
    receipt_number: Mapped[str | None] = mapped_column(String(40))
    # "cash" or "transfer"; NULL when nothing was collected (no fee due) and for payments
    # recorded before the method was asked (they were cash).
    method: Mapped[str | None] = mapped_column(String(10))
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    case: Mapped[CaseRow] = relationship(back_populates="payments")


class RepresentativeRow(Base):
    """The legal representative who files for a child or a person who lost capacity."""

    __tablename__ = "representatives"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    relationship_: Mapped[str] = mapped_column("relationship", String(40))
    # Name, ID number and the evidence shown (or "CSDLQG"), sealed together.
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    checked_at: Mapped[datetime]
    case: Mapped[CaseRow] = relationship(back_populates="representative")


class SlipRow(Base):
    """The appointment slip (CC02) handed over: the promise the agency made."""

    __tablename__ = "slips"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    due_date: Mapped[date]
    return_place: Mapped[str] = mapped_column(Text)
    issued_at: Mapped[datetime]
    case: Mapped[CaseRow] = relationship(back_populates="slips")


class PrintLogRow(Base):
    """Every print attempt, reprints included, and where it went."""

    __tablename__ = "print_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    form_code: Mapped[str] = mapped_column(String(10))
    printer: Mapped[str] = mapped_column(String(200))
    location: Mapped[str] = mapped_column(String(500))
    reprint: Mapped[bool]
    printed_at: Mapped[datetime]
    case: Mapped[CaseRow] = relationship(back_populates="prints")


class CaseSequenceRow(Base):
    """The last sequence number given per desk and day: one atomic increment per new case."""

    __tablename__ = "case_sequences"

    desk_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    last: Mapped[int]


class UserRow(Base):
    """A person who signs in at the desk. Only the argon2id hash of the password is kept."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool]
    failed_logins: Mapped[int]
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime]


class AuditRow(Base):
    """One action, chained to the previous row by hash: edits, deletions and reordering show."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(40))
    approver: Mapped[str | None] = mapped_column(String(40))
    desk_code: Mapped[str] = mapped_column(String(8))
    case_code: Mapped[str | None] = mapped_column(String(40), index=True)
    action: Mapped[str] = mapped_column(String(40))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHeadRow(Base):
    """The chain's last row: updated with each append, so appends from several desks queue."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int]
    last_hash: Mapped[str] = mapped_column(String(64))


class TrainingReportRow(Base):
    """A trainee's report on one case played under a training scenario (kiosk/desk/
    trainee_report.py): codes, times and verdicts only, never the citizen's data."""

    __tablename__ = "training_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_code: Mapped[str] = mapped_column(String(40), unique=True)
    desk_code: Mapped[str] = mapped_column(String(8))
    scenario: Mapped[str] = mapped_column(String(60))
    trainee: Mapped[str] = mapped_column(String(40), index=True)
    played_on: Mapped[date] = mapped_column(index=True)
    created_at: Mapped[datetime]
    clean: Mapped[bool]
    mistakes: Mapped[int]
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
