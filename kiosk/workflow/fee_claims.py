"""Settling the fee at the counter: an exemption the citizen claims with a document
(Thông tư 73/2024/TT-BTC Điều 5), and how a fee due is paid (cash, or a bank transfer)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from kiosk.workflow.decide import Decision
from kiosk.workflow.decisions import Decided
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.fees import Exemption, FeeSchedule
from kiosk.workflow.people import name_key, tidy

EVIDENCE_LENGTH = (6, 120)  # characters: "GXN 12" .. a document's name, number and issuer
REFERENCE_LENGTH = (6, 40)  # a bank's transaction reference (mã giao dịch)
REFERENCE_CHARACTERS = re.compile(r"[A-Za-z0-9./_-]+")


@dataclass(frozen=True)
class ExemptionClaim:
    """What the clerk ticked and typed: a claimable exemption's code (fees.toml) and the
    document the citizen showed (its name and number)."""

    exemption: str
    evidence: str


@dataclass(frozen=True)
class AcceptedClaim:
    """A claim the rules accept: the fee it leaves (0, with the exemption's basis), the
    exemption, and the evidence as it is recorded (whitespace tidied, NFC)."""

    fee: Decided[int]
    exemption: Exemption
    evidence: str


def _ruled_out_by_ethnicity(exemption: Exemption, ethnicity: str) -> bool:
    return bool(exemption.not_for_ethnicity and ethnicity
                and name_key(exemption.not_for_ethnicity) == name_key(ethnicity))


def claimable_for(schedule: FeeSchedule, decision: Decision, *,
                  ethnicity: str) -> tuple[Exemption, ...]:
    """The exemptions this citizen may claim with a document, in the order of fees.toml: none
    when nothing is due, and none the registry's own data rules out (ethnicity)."""
    if decision.fee.value == 0:
        return ()
    return tuple(e for e in schedule.exemptions
                 if e.id in schedule.claimable and not _ruled_out_by_ethnicity(e, ethnicity))


def _evidence(text: str, exemption: Exemption) -> str:
    cleaned = tidy(text)
    shortest, longest = EVIDENCE_LENGTH
    if not cleaned:
        raise RuleViolation(
            "fee.claim.evidence_missing",
            f"Nhập giấy tờ công dân xuất trình để được miễn lệ phí: {exemption.evidence}.",
            exemption.basis)
    if any(unicodedata.category(c).startswith("C") for c in cleaned):
        raise RuleViolation("fee.claim.evidence_characters",
                            "Giấy tờ chứng minh có ký tự không in được: xóa và nhập lại.")
    if len(cleaned) < shortest:
        raise RuleViolation(
            "fee.claim.evidence_short",
            f"Ghi rõ tên và số giấy tờ đã xuất trình (ít nhất {shortest} ký tự).")
    if len(cleaned) > longest:
        raise RuleViolation(
            "fee.claim.evidence_long",
            f"Ghi ngắn gọn tên và số giấy tờ (tối đa {longest} ký tự).")
    if exemption.evidence_number and not any(c.isdigit() for c in cleaned):
        raise RuleViolation(
            "fee.claim.evidence_number",
            f"Nhập cả số của giấy tờ đã xuất trình ({exemption.evidence}).", exemption.basis)
    return cleaned


def assess_claim(schedule: FeeSchedule, decision: Decision, claim: ExemptionClaim, *,
                 ethnicity: str) -> AcceptedClaim:
    """The fee once ``claim`` is accepted, or a RuleViolation saying why it is not: nothing
    is due anyway, the group is unknown or follows from the birth date, the registry's
    ethnicity rules it out, or the document typed does not say what was shown."""
    if decision.fee.value == 0:
        raise RuleViolation(
            "fee.claim.not_needed",
            "Hồ sơ này không phải nộp lệ phí: không cần giấy tờ miễn lệ phí.",
            "; ".join(decision.fee.basis))
    exemption = next((e for e in schedule.exemptions if e.id == claim.exemption), None)
    if exemption is None:
        raise RuleViolation(
            "fee.claim.unknown",
            "Đối tượng miễn lệ phí này không có trong danh mục: chọn lại đối tượng.",
            schedule.exemptions_basis)
    if exemption.id not in schedule.claimable:
        raise RuleViolation(
            "fee.claim.by_age",
            f"«{exemption.label}» được xác định theo ngày sinh trong CSDLQG về dân cư, "
            "không miễn theo giấy tờ.", exemption.basis)
    if _ruled_out_by_ethnicity(exemption, ethnicity):
        raise RuleViolation(
            "fee.claim.ethnicity",
            f"CSDLQG về dân cư ghi dân tộc {ethnicity}: công dân không thuộc đối tượng "
            f"«{exemption.label}». Chọn đối tượng khác hoặc bỏ đề nghị miễn lệ phí.",
            exemption.ethnicity_basis)
    evidence = _evidence(claim.evidence, exemption)
    return AcceptedClaim(exemption.decided(), exemption, evidence)


class PaymentMethod(StrEnum):
    CASH = "cash"  # tiền mặt
    TRANSFER = "transfer"  # chuyển khoản


@dataclass(frozen=True)
class Payment:
    """How the fee was paid; ``method`` None when nothing was collected (no fee due)."""

    method: PaymentMethod | None
    reference: str = ""  # the bank's transaction reference of a transfer


NOTHING_COLLECTED = Payment(None)


def check_payment(method: PaymentMethod, reference: str) -> Payment:
    """The clerk's choice, checked: cash needs nothing; a transfer needs the transaction
    reference of the bank's notice, which the receipt prints."""
    if method is PaymentMethod.CASH:
        return Payment(PaymentMethod.CASH)
    cleaned = "".join(unicodedata.normalize("NFC", reference).split())
    shortest, longest = REFERENCE_LENGTH
    if not cleaned:
        raise RuleViolation(
            "fee.transfer.reference_missing",
            "Nhập mã giao dịch chuyển khoản (trong thông báo giao dịch của ngân hàng) trước "
            "khi in biên lai.")
    if not REFERENCE_CHARACTERS.fullmatch(cleaned):
        raise RuleViolation(
            "fee.transfer.reference_characters",
            "Mã giao dịch chỉ gồm chữ cái không dấu, chữ số và các dấu - . / _: kiểm tra lại.")
    if not shortest <= len(cleaned) <= longest:
        raise RuleViolation(
            "fee.transfer.reference_length",
            f"Mã giao dịch dài từ {shortest} đến {longest} ký tự: kiểm tra lại.")
    if not any(c.isdigit() for c in cleaned):
        raise RuleViolation("fee.transfer.reference_digits",
                            "Mã giao dịch phải có chữ số: kiểm tra lại.")
    return Payment(PaymentMethod.TRANSFER, cleaned)
