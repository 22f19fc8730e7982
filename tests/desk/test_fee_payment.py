"""Settling the fee: cash, a transfer with its reference, or an exemption claimed with a
document; each printed on the receipt, recorded with the payment and kept on resume."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.app import Context
from kiosk.desk.casefile import CaseFile
from kiosk.desk.desk import CounterDesk
from kiosk.storage.cases import CaseRepository
from kiosk.storage.crypto import KeyProblem, KeyRing, key_path
from kiosk.storage.rotation import rotate
from kiosk.workflow.case import Step
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.fee_claims import ExemptionClaim, PaymentMethod
from kiosk.workflow.permissions import Permission
from kiosk.workflow.procedures import Reason
from tests.desk.steps import approved
from tests.desk.steps import signed as served_to_signature

EXEMPT = Permission.EXEMPT_FEE

LOST_CARD = "092199004455"  # Phạm Ngọc Ánh, 26: cấp lại, 35.000 đồng in 2026
DISABLED = ExemptionClaim("disabled", "Giấy xác nhận khuyết tật  số 0123/GXN-UBND")


def signed(desk: CounterDesk, number: str = LOST_CARD, reason: Reason = Reason.LOST
           ) -> CaseFile:
    case = served_to_signature(desk, number, reason)
    assert case.step is Step.RECEIPT_SIGNED
    return case


def text_of(pdf: Path) -> str:
    """The text as laid out (a label and its value on one line), spaces collapsed."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                         check=True)
    return re.sub(r"[ \t]+", " ", out.stdout.decode("utf-8"))


def receipt_text(tmp_path: Path, code: str) -> str:
    pdf = tmp_path / "prints" / f"BL-{code}.pdf"
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout
    assert b"Pages:           1\n" in pages  # one A4 page, whatever is printed
    return text_of(pdf)


def payment_row(desk: CounterDesk, code: str) -> sa.Row:
    with desk.cases._engine.connect() as connection:
        return connection.execute(sa.text(
            "SELECT p.amount, p.basis, p.notes, p.method, p.sealed, c.fee_amount FROM payments p"
            " JOIN cases c ON c.id = p.case_id WHERE c.code = :code"), {"code": code}).one()


def audit_of(desk: CounterDesk, code: str) -> list[dict[str, object]]:
    with desk.cases._engine.connect() as connection:
        return [json.loads(details) for (details,) in connection.execute(sa.text(
            "SELECT details FROM audit_log WHERE action = 'fee' AND case_code = :code"),
            {"code": code})]


def test_cash_is_the_default_and_printed(context: Context, tmp_path: Path) -> None:
    desk = context.desk
    case = signed(desk)
    desk.settle_fee(case)
    assert case.step is Step.FEE_SETTLED
    text = receipt_text(tmp_path, case.code)
    for expected in ("35.000 đồng", "Ba mươi lăm nghìn đồng", "Hình thức nộp: Tiền mặt",
                     "Thông tư 73/2024/TT-BTC Điều 4 khoản 1 điểm c"):
        assert expected in text, expected
    assert "mã giao dịch" not in text and "Miễn lệ phí" not in text
    paid = desk.cases.load(case.code).payments
    assert [(p.amount, p.method, p.reference, p.exemption) for p in paid] == \
        [(35_000, "cash", "", None)]
    row = payment_row(desk, case.code)
    assert row.method == "cash" and row.sealed is None  # nothing personal to seal
    assert audit_of(desk, case.code) == [{"amount": 35_000, "claimed": False, "method": "cash"}]


def test_a_transfer_prints_and_seals_its_reference(context: Context, tmp_path: Path) -> None:
    desk = context.desk
    case = signed(desk)
    desk.settle_fee(case, PaymentMethod.TRANSFER, " FT2632 9123 4567 ")
    text = receipt_text(tmp_path, case.code)
    assert "Hình thức nộp: Chuyển khoản, mã giao dịch FT263291234567" in text
    stored = desk.cases.load(case.code).payments[0]
    assert (stored.method, stored.reference) == ("transfer", "FT263291234567")
    row = payment_row(desk, case.code)
    assert row.method == "transfer" and b"FT263291234567" not in bytes(row.sealed)
    assert desk.resume(case.code).fee.value == 35_000


def test_a_transfer_without_a_reference_prints_nothing(context: Context,
                                                        tmp_path: Path) -> None:
    desk = context.desk
    case = signed(desk)
    with pytest.raises(RuleViolation, match="Nhập mã giao dịch chuyển khoản"):
        desk.settle_fee(case, PaymentMethod.TRANSFER, "")
    assert case.step is Step.RECEIPT_SIGNED and "BL" not in case.printed
    assert desk.cases.step_of(case.code) == "receipt_signed"
    assert not (tmp_path / "prints" / f"BL-{case.code}.pdf").exists()


def test_a_claimed_exemption_is_printed_recorded_sealed_and_resumed(
        context: Context, tmp_path: Path) -> None:
    desk = context.desk
    case = signed(desk)
    assert [e.id for e in desk.fee_claims(case)] == [
        "disabled", "meritorious", "border_commune", "special_zone", "poor_household"]
    desk.settle_fee(case, PaymentMethod.TRANSFER, "", DISABLED,  # no money: no method
                    approved(desk, EXEMPT))
    assert case.fee is not None and case.fee.value == 0
    text = receipt_text(tmp_path, case.code)
    for expected in ("Số tiền: Miễn lệ phí", "Lý do miễn: Người khuyết tật",
                     "Giấy tờ chứng minh: Giấy xác nhận khuyết tật số 0123/GXN-UBND",
                     "Căn cứ: Thông tư 73/2024/TT-BTC Điều 5 khoản 1"):
        assert expected in text, expected
    assert "Hình thức nộp" not in text and "bằng chữ" not in text

    stored = desk.cases.load(case.code).payments[0]
    assert (stored.amount, stored.method, stored.exemption, stored.evidence) == (
        0, None, "disabled", "Giấy xác nhận khuyết tật số 0123/GXN-UBND")
    assert stored.notes == ("Miễn lệ phí: Người khuyết tật",)
    row = payment_row(desk, case.code)
    assert (row.amount, row.fee_amount, row.method) == (0, 0, None)
    assert json.loads(row.basis) == json.loads(row.notes) == []  # they name the group
    assert "khuyết tật".encode() not in bytes(row.sealed) and b"0123" not in bytes(row.sealed)
    assert audit_of(desk, case.code) == [{"amount": 0, "claimed": True, "method": "none"}]

    resumed = desk.resume(case.code)  # a restart keeps the fee as settled
    assert resumed.fee is not None and resumed.fee.value == 0
    assert resumed.fee.notes == ("Miễn lệ phí: Người khuyết tật",)
    desk.issue_slip(resumed)
    slip = text_of(tmp_path / "prints" / f"CC02-{case.code}.pdf")
    assert "Miễn lệ phí: Người khuyết tật" in slip and "35.000" not in slip


def test_a_claim_the_rules_refuse_moves_nothing(context: Context, tmp_path: Path) -> None:
    desk = context.desk
    case = signed(desk)
    claim = ExemptionClaim("ethnic_minority_hardship_commune", "Thường trú xã Ea Sol")
    with pytest.raises(RuleViolation, match="ghi dân tộc Kinh"):
        desk.settle_fee(case, claim=claim, authorization=approved(desk, EXEMPT))
    with pytest.raises(RuleViolation, match="Nhập cả số của giấy tờ"):
        desk.settle_fee(case, claim=ExemptionClaim("poor_household", "Sổ hộ nghèo"),
                        authorization=approved(desk, EXEMPT))
    assert case.step is Step.RECEIPT_SIGNED and case.fee is not None
    assert case.fee.value == 35_000 and desk.cases.load(case.code).payments == ()
    assert not (tmp_path / "prints" / f"BL-{case.code}.pdf").exists()


def test_free_by_law_needs_no_method_and_no_claim(context: Context, tmp_path: Path) -> None:
    desk = context.desk
    case = signed(desk, "001322009911", Reason.FIRST_ISSUE)  # a child's first card (4)
    assert desk.fee_claims(case) == ()
    with pytest.raises(RuleViolation, match="không phải nộp lệ phí"):
        desk.settle_fee(case, claim=DISABLED, authorization=approved(desk, EXEMPT))
    desk.settle_fee(case, PaymentMethod.TRANSFER, "")  # the method of nothing is not asked
    stored = desk.cases.load(case.code).payments[0]
    assert (stored.amount, stored.method, stored.exemption) == (0, None, None)
    assert "Luật Căn cước 2023 Điều 38 khoản 2" in stored.basis
    text = receipt_text(tmp_path, case.code)
    assert "Miễn lệ phí" in text and "Hình thức nộp" not in text
    assert "Giấy tờ chứng minh" not in text


def test_key_rotation_reseals_the_claim(context: Context, tmp_path: Path) -> None:
    desk = context.desk
    case = signed(desk)
    desk.settle_fee(case, claim=DISABLED, authorization=approved(desk, EXEMPT))
    data = tmp_path / "data"
    old = KeyRing.from_json(key_path(data).read_text())
    rotate(desk.cases._engine, data)
    new = KeyRing.from_json(key_path(data).read_text())
    assert CaseRepository(desk.cases._engine, new).load(case.code).payments[0].exemption == \
        "disabled"
    with pytest.raises(KeyProblem):
        CaseRepository(desk.cases._engine, old).load(case.code)
