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
    delivery: str  # how the card is received: "Nhận tại nơi làm thủ tục", by post...
    clerk_name: str
    training: bool
    reprint: bool = False  # marked "BẢN IN LẠI"
    # The legal representative, who signs for a child or a person without capacity.
    representative_name: str = ""
    representative_id: str = ""
    # Why an adult has one: the court decision declaring the loss of capacity (or the
    # difficulty in cognition or self-control), as CapacityDeclaration.document words it.
    representative_capacity: str = ""
    # Why the photo box is empty: "" (a portrait, or none yet), "reused" (the last capture
    # serves, cấp lại) or "under_6" (no portrait on the card); the wording is in cc01.toml.
    photo_note: str = ""
    other_name: str = ""
    father_name: str = ""
    mother_name: str = ""
    # By post: the address and the receiver's phone (CC02 names the counter's place).
    delivery_address: str = ""
    delivery_phone: str = ""
    by_post: bool = False


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
    reprint: bool = False  # marked "BẢN IN LẠI"
    # By post: the method's words, the address (and phone) and who pays the courier;
    # all empty when the card is collected at ``return_place``.
    delivery: str = ""
    postal_address: str = ""
    postal_phone: str = ""
    courier_note: str = ""


@dataclass(frozen=True)
class RefusalNotice:
    """CC03 Thông báo về việc từ chối giải quyết thủ tục về căn cước."""

    agency: Agency
    case_code: str
    issued_at: datetime
    full_name: str
    id_number: str
    residence: str
    procedure: str
    reason: str
    received_at: datetime
    refusal_reasons: tuple[tuple[str, str], ...]  # (reason, legal basis)
    approver_title: str  # "TRƯỞNG CÔNG AN PHƯỜNG", "CÁN BỘ GIÁM SÁT"
    approver_name: str
    training: bool
    reprint: bool = False

    def __post_init__(self) -> None:
        # Luật Căn cước Điều 23 khoản 4: a refusal must state its reasons.
        if not self.refusal_reasons:
            raise ValueError("CC03: a refusal needs at least one reason")


@dataclass(frozen=True)
class Representative:
    """The person carrying out the procedure for the applicant (DC02 section II)."""

    full_name: str
    date_of_birth: date | None  # None when the registry does not hold the representative
    sex: str
    id_number: str


@dataclass(frozen=True)
class RequestForm:
    """DC02 Phiếu đề nghị giải quyết thủ tục về căn cước, prefilled for a counter filing."""

    agency: Agency
    case_code: str
    signed_at: datetime
    full_name: str
    date_of_birth: date
    sex: str
    id_number: str
    residence: str
    representative: Representative | None
    procedure: str
    reason: str
    result_address: str
    training: bool
    # Numbers of the section III items ticked; 1 is "Cấp, cấp đổi, cấp lại thẻ căn cước".
    requested_items: frozenset[int] = frozenset({1})
    reprint: bool = False
    # A CSDLQG adjustment asked for (item 7): the labels of the fields to adjust and the
    # supporting documents shown, listed under "Nội dung cụ thể"; empty when none.
    adjustment_fields: tuple[str, ...] = ()
    adjustment_documents: str = ""


@dataclass(frozen=True)
class FeeReceipt:
    """Biên lai thu lệ phí: the amount collected, or why none was (exemption)."""

    agency: Agency
    number: str  # e.g. the case code + "-BL"
    case_code: str
    issued_at: datetime
    payer_name: str
    payer_id_number: str
    payer_address: str
    procedure: str
    amount: int  # VND; 0 when exempt
    basis: str  # legal basis of the fee, or of the exemption
    exemption: str  # why no fee is due ("" when the fee is paid)
    collector_name: str
    training: bool
    reprint: bool = False
    method: str = ""  # how a fee paid was paid: "cash" or "transfer" ("" not stated)
    reference: str = ""  # a transfer's transaction reference
    evidence: str = ""  # the document shown for an exemption claimed with one

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError("fee receipt: negative amount")
        # A zero on a money receipt must say why; a paid fee has no exemption reason.
        if (self.amount == 0) != bool(self.exemption):
            raise ValueError("fee receipt: exemption reason iff the amount is zero")
        if self.method not in ("", "cash", "transfer"):
            raise ValueError(f"fee receipt: unknown payment method {self.method!r}")
        # Nothing collected has no method; only a transfer has a reference; only an
        # exemption has a document.
        if self.amount == 0 and self.method:
            raise ValueError("fee receipt: a payment method for a fee not collected")
        if bool(self.reference) != (self.method == "transfer"):
            raise ValueError("fee receipt: a transaction reference iff paid by transfer")
        if self.evidence and self.amount:
            raise ValueError("fee receipt: an exemption document on a fee collected")

    @property
    def exempt(self) -> bool:
        return self.amount == 0
