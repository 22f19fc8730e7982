"""An exemption claimed at the counter with a document, and how a fee due is paid."""

from __future__ import annotations

import unicodedata

import pytest

from kiosk.workflow.decide import Decision
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.fee_claims import (
    EVIDENCE_LENGTH,
    ExemptionClaim,
    Payment,
    PaymentMethod,
    assess_claim,
    check_payment,
    claimable_for,
)
from kiosk.workflow.lawbook import Lawbook
from tests.workflow.conftest import assess, cccd

ADULT_BIRTH = "1996-03-15"  # 30 on 25/11/2026
ADULT_CARD = cccd("2021-04-10", "2036-03-15")


def renewal(law: Lawbook) -> Decision:
    """Cấp đổi at the holder's request: 25.000 đồng in 2026 (TT 64/2025 halves 50.000)."""
    return assess(law, birth_date=ADULT_BIRTH, request="renew", reason="holder_request",
                  card=ADULT_CARD)


def test_the_decided_fee_is_due_without_a_claim(lawbook: Lawbook) -> None:
    assert renewal(lawbook).fee.value == 25_000


@pytest.mark.parametrize(("code", "evidence", "basis"), [
    ("disabled", "Giấy xác nhận khuyết tật số 123/GXN-UBND", "Điều 5 khoản 1"),
    ("meritorious", "Thẻ thương binh số TB-45678", "Điều 5 khoản 2"),
    ("poor_household", "Giấy chứng nhận hộ nghèo số 12/2026", "Điều 5 khoản 3"),
    ("border_commune", "Thường trú xã Sín Thầu (CSDLQG)", "Điều 5 khoản 3"),
    ("special_zone", "Thường trú đặc khu Phú Quốc", "Điều 5 khoản 3"),
])
def test_an_accepted_claim_frees_the_fee_and_names_its_basis(
        lawbook: Lawbook, code: str, evidence: str, basis: str) -> None:
    accepted = assess_claim(lawbook.fees, renewal(lawbook), ExemptionClaim(code, evidence),
                            ethnicity="Kinh")
    assert accepted.fee.value == 0
    assert accepted.exemption.id == code
    assert accepted.fee.basis == (accepted.exemption.basis,)
    assert f"Thông tư 73/2024/TT-BTC {basis}" in accepted.fee.basis[0]
    assert accepted.fee.notes == (f"Miễn lệ phí: {accepted.exemption.label}",)
    assert accepted.evidence == evidence


def test_the_evidence_is_recorded_tidy_and_composed(lawbook: Lawbook) -> None:
    typed = unicodedata.normalize("NFD", "Giấy xác nhận khuyết tật  số\t7")  # and spaces
    accepted = assess_claim(lawbook.fees, renewal(lawbook), ExemptionClaim("disabled", typed),
                            ethnicity="Kinh")
    assert accepted.evidence == "Giấy xác nhận khuyết tật số 7"
    assert unicodedata.is_normalized("NFC", accepted.evidence)


def test_an_ethnic_minority_claim_needs_a_minority_in_the_registry(lawbook: Lawbook) -> None:
    claim = ExemptionClaim("ethnic_minority_hardship_commune", "Thường trú xã Ea Sol (xã ĐBKK)")
    accepted = assess_claim(lawbook.fees, renewal(lawbook), claim, ethnicity="Ê Đê")
    assert accepted.fee.value == 0
    with pytest.raises(RuleViolation) as refused:
        assess_claim(lawbook.fees, renewal(lawbook), claim, ethnicity="kinh")
    assert refused.value.code == "fee.claim.ethnicity"
    assert "CSDLQG về dân cư ghi dân tộc kinh" in refused.value.message
    assert "Nghị định 05/2011/NĐ-CP" in refused.value.basis


def test_the_page_lists_only_what_this_citizen_may_claim(lawbook: Lawbook) -> None:
    ids = [e.id for e in claimable_for(lawbook.fees, renewal(lawbook), ethnicity="Kinh")]
    assert ids == ["disabled", "meritorious", "border_commune", "special_zone",
                   "poor_household"]  # the order of fees.toml; no ethnic-minority line
    minority = claimable_for(lawbook.fees, renewal(lawbook), ethnicity="Tày")
    assert "ethnic_minority_hardship_commune" in [e.id for e in minority]
    assert all(e.evidence and e.basis for e in minority)  # what to ask for, and why


def test_nothing_to_claim_when_nothing_is_due(lawbook: Lawbook) -> None:
    first = assess(lawbook, birth_date=ADULT_BIRTH, request="first")
    assert first.fee.value == 0
    assert claimable_for(lawbook.fees, first, ethnicity="Kinh") == ()
    with pytest.raises(RuleViolation) as refused:
        assess_claim(lawbook.fees, first, ExemptionClaim("disabled", "GXN số 123"),
                     ethnicity="Kinh")
    assert refused.value.code == "fee.claim.not_needed"
    assert "Luật Căn cước 2023 Điều 38 khoản 2" in refused.value.basis


@pytest.mark.parametrize(("code", "evidence", "refusal", "words"), [
    ("disabled", "   ", "fee.claim.evidence_missing", "Giấy xác nhận khuyết tật"),
    ("disabled", "GXN 1", "fee.claim.evidence_short", f"ít nhất {EVIDENCE_LENGTH[0]} ký tự"),
    ("disabled", "Giấy xác nhận khuyết tật", "fee.claim.evidence_number",
     "Nhập cả số của giấy tờ"),
    ("poor_household", "Sổ hộ nghèo " + "x" * 120, "fee.claim.evidence_long", "tối đa 120"),
    ("meritorious", "Bằng số 12\x00", "fee.claim.evidence_characters", "không in được"),
    ("under_16", "Giấy khai sinh số 123", "fee.claim.by_age", "theo ngày sinh"),
    ("orphan", "Giấy xác nhận số 123", "fee.claim.unknown", "không có trong danh mục"),
])
def test_a_claim_the_rules_refuse_says_what_to_do(
        lawbook: Lawbook, code: str, evidence: str, refusal: str, words: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        assess_claim(lawbook.fees, renewal(lawbook), ExemptionClaim(code, evidence),
                     ethnicity="Kinh")
    assert refused.value.code == refusal
    assert words in refused.value.message


def test_residence_claims_need_no_number(lawbook: Lawbook) -> None:
    accepted = assess_claim(lawbook.fees, renewal(lawbook),
                            ExemptionClaim("border_commune", "CSDLQG: xã biên giới"),
                            ethnicity="Kinh")
    assert accepted.fee.value == 0


def test_cash_needs_nothing_more() -> None:
    assert check_payment(PaymentMethod.CASH, "") == Payment(PaymentMethod.CASH)
    assert check_payment(PaymentMethod.CASH, "FT123") == Payment(PaymentMethod.CASH)


@pytest.mark.parametrize(("typed", "kept"), [
    ("FT26329123456789", "FT26329123456789"),
    ("  FT2632 9123 4567 ", "FT263291234567"),  # as read aloud from the phone, in groups
    ("VCB-20261125/0042", "VCB-20261125/0042"),
])
def test_a_transfer_keeps_its_reference(typed: str, kept: str) -> None:
    assert check_payment(PaymentMethod.TRANSFER, typed) == Payment(PaymentMethod.TRANSFER, kept)


@pytest.mark.parametrize(("typed", "refusal"), [
    ("", "fee.transfer.reference_missing"),
    ("  ", "fee.transfer.reference_missing"),
    ("FT12", "fee.transfer.reference_length"),
    ("FT" + "1" * 40, "fee.transfer.reference_length"),
    ("Chuyển khoản 123", "fee.transfer.reference_characters"),
    ("FT#123456", "fee.transfer.reference_characters"),
    ("ABCDEFGH", "fee.transfer.reference_digits"),
])
def test_a_transfer_reference_the_rules_refuse(typed: str, refusal: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_payment(PaymentMethod.TRANSFER, typed)
    assert refused.value.code == refusal
    assert "mã giao dịch" in refused.value.message.lower()
