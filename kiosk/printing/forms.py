"""The data each printed form needs; the desk fills these from the case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Agency:
    ministry: str  # "BỘ CÔNG AN"
    parent: str  # "CÔNG AN THÀNH PHỐ HÀ NỘI"
    name: str  # "CÔNG AN PHƯỜNG HOÀN KIẾM"
    place: str  # "Hà Nội" in "Hà Nội, ngày 25 tháng 11 năm 2026"


@dataclass(frozen=True)
class ReceiptForm:
    """CC01 Phiếu thu nhận thông tin căn cước."""

    agency: Agency
    case_code: str
    received_at: datetime
    procedure: str
    reason: str
    full_name: str
    date_of_birth: date
    sex: str
    id_number: str
    former_id_number: str
    place_of_birth_registration: str
    hometown: str
    ethnicity: str
    religion: str
    nationality: str
    residence: str
    portrait_jpeg: bytes | None
    biometrics: tuple[tuple[str, str], ...]  # (modality, status): the face, the eyes
    # Each finger's status, right hand then left, thumb to little finger; empty when no
    # fingerprints are taken (a child under 6, a lost card reusing the last capture).
    fingers: tuple[tuple[str, ...], tuple[str, ...]]
    delivery: str
    clerk_name: str
    training: bool


@dataclass(frozen=True)
class AppointmentSlip:
    """CC02 Giấy hẹn trả kết quả giải quyết thủ tục về căn cước."""

    agency: Agency
    case_code: str
    issued_at: datetime
    full_name: str
    id_number: str
    procedure: str
    reason: str
    documents_received: tuple[str, ...]
    fee_amount: int
    fee_note: str
    return_date: date
    return_place: str
    clerk_name: str
    training: bool
