"""The CSDLQG adjustment through the desk: recorded before the procedure is decided, sealed at
rest, resumed, re-sealed by a key rotation; the decision and CC02 count its 2 working days;
DC02 ticks item 7 and lists the fields and the documents, on one A4 page."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.app import Context
from kiosk.desk.casefile import CaseFile
from kiosk.storage.audit import AuditLog
from kiosk.storage.cases import CaseRepository
from kiosk.storage.crypto import KeyRing, key_path
from kiosk.storage.models import AuditRow
from kiosk.storage.rotation import rotate
from kiosk.workflow.case import Step
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.procedures import Reason
from tests.desk.steps import capture_all, opened

DOCUMENTS = "Giấy khai sinh số 123/1996, cấp ngày 20/3/1996"
ADJUSTMENT_BASIS = "Nghị định 70/2024/NĐ-CP Điều 6 khoản 3 (sửa đổi bởi Nghị định 58/2026/NĐ-CP)"


def text_of(pdf: Path | str) -> str:
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   check=True).stdout.decode("utf-8").split())


def pages_of(pdf: Path | str) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout
    found = re.search(rb"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert found is not None
    return int(found.group(1))


def audit_rows(audit: AuditLog | None, action: str) -> list[dict[str, object]]:
    assert audit is not None and audit.verify().intact
    with audit._sessions() as session:
        return [row.details for row in session.query(AuditRow).filter_by(action=action)]


def adjusted(context: Context, fields: tuple[str, ...] = ("full_name", "date_of_birth"),
             documents: str = DOCUMENTS) -> CaseFile:
    desk = context.desk
    case = opened(desk)
    desk.request_adjustment(case, fields, documents)
    return case


def test_the_adjustment_is_recorded_and_the_decision_counts_its_days(context: Context) -> None:
    desk = context.desk
    plain = opened(desk, "001096012345")
    desk.decide(plain, Reason.CCCD_CONVERSION)
    case = adjusted(context)
    assert case.adjustment is not None
    assert case.adjustment.codes == ("full_name", "date_of_birth")
    assert case.adjustment.documents == DOCUMENTS
    preview = desk.preview(case, Reason.CCCD_CONVERSION)
    assert preview.due == desk.preview(case, Reason.CCCD_CONVERSION, True).due
    assert desk.preview(case, Reason.CCCD_CONVERSION, False).due == plain.decided.due
    desk.decide(case, Reason.CCCD_CONVERSION)
    before, after = plain.decided.due, case.decided.due
    assert before is not None and after is not None
    assert (before.value, after.value) == (date(2026, 12, 4), date(2026, 12, 8))
    assert ADJUSTMENT_BASIS in after.basis and ADJUSTMENT_BASIS in case.decided.legal_basis
    assert any("cộng 2 ngày làm việc" in w for w in case.decided.warnings)
    # The decision as saved says so too (a restart reads it back).
    resumed = desk.resume(case.code)
    assert resumed.decided.due == after
    assert resumed.adjustment == case.adjustment
    # Which fields, as codes; never the documents.
    assert audit_rows(desk.audit, "adjustment") == [
        {"fields": 2, "full_name": True, "date_of_birth": True}]


def test_the_slip_gives_the_later_return_date(context: Context, tmp_path: Path) -> None:
    desk = context.desk
    case = adjusted(context, ("sex",))
    desk.decide(case, Reason.CCCD_CONVERSION)
    desk.check_representative(case)
    capture_all(desk, case)
    desk.finish_biometrics(case)
    desk.print_receipt(case)
    case = desk.resume(case.code)  # a restart between the steps keeps the adjustment
    desk.confirm_receipt_signed(case)
    desk.settle_fee(case)
    desk.issue_slip(case)
    assert case.due is not None and case.due.value == date(2026, 12, 8)
    assert "08 tháng 12 năm 2026" in text_of(tmp_path / "prints" / f"CC02-{case.code}.pdf")


def test_the_documents_are_sealed_at_rest_and_rotation_reseals_them(
        context: Context, tmp_path: Path) -> None:
    desk = context.desk
    case = adjusted(context, ("parents",), "Quyết định công nhận cha con số 45/QĐ-UBND")
    engine = desk.cases._engine  # reading the raw row is the point
    with engine.connect() as connection:
        sealed = connection.execute(sa.text("SELECT adjustment_sealed FROM cases")).scalar_one()
    for secret in ("45/QĐ-UBND", "Quyết định", "parents"):
        assert secret.encode() not in bytes(sealed)
    old = KeyRing.from_json(key_path(tmp_path / "data").read_text())
    assert rotate(engine, tmp_path / "data") > 0
    new = KeyRing.from_json(key_path(tmp_path / "data").read_text())
    assert new.key_id != old.key_id
    stored = CaseRepository(engine, new).load(case.code).adjustment
    assert stored is not None
    assert stored.fields == ("parents",)
    assert stored.documents == "Quyết định công nhận cha con số 45/QĐ-UBND"
    with engine.connect() as connection:
        resealed = connection.execute(sa.text("SELECT adjustment_sealed FROM cases")).scalar_one()
    assert bytes(resealed) != bytes(sealed)


def test_dc02_ticks_item_7_and_lists_the_fields_and_documents(context: Context) -> None:
    desk = context.desk
    case = adjusted(context)
    where = desk.print_request_form(case, Reason.CCCD_CONVERSION)  # signed before deciding
    text = text_of(where)
    assert "7. Điều chỉnh thông tin trong Cơ sở dữ liệu quốc gia về dân cư" in text
    # pdftotext reads the label column, then the values.
    assert "– Thông tin cần điều chỉnh: – Giấy tờ kèm theo:" in text
    assert f"Họ, chữ đệm và tên; Ngày, tháng, năm sinh {DOCUMENTS}" in text
    assert "Cấp đổi thẻ căn cước" in text
    assert pages_of(where) == 1
    form = desk.paperwork.request_form(case, desk.preview(case, Reason.CCCD_CONVERSION))
    assert form.requested_items == frozenset({1, 7})
    desk.decide(case, Reason.CCCD_CONVERSION)
    again = desk.paperwork.request_form(desk.resume(case.code))
    assert again.requested_items == frozenset({1, 7}) and again.reprint
    assert again.adjustment_documents == DOCUMENTS


def test_without_an_adjustment_dc02_ticks_item_1_only(context: Context) -> None:
    desk = context.desk
    case = opened(desk)
    desk.decide(case, Reason.CCCD_CONVERSION)
    form = desk.paperwork.request_form(case)
    assert form.requested_items == frozenset({1}) and form.adjustment_fields == ()
    text = text_of(desk.print_request_form(case))
    assert "Thông tin cần điều chỉnh" not in text and "Giấy tờ kèm theo" not in text


def test_every_field_and_the_longest_documents_with_a_representative_fit_one_page(
        context: Context) -> None:
    desk = context.desk
    case = opened(desk, "001216007788")  # a child: section II is filled too
    rules = desk.lawbook.adjustment
    longest = ("Giấy khai sinh số 123/2016 cấp ngày 20/5/2016; " * 5)[:rules.max_documents]
    desk.request_adjustment(case, tuple(info.field.value for info in rules.fields), longest)
    desk.decide(case, Reason.FIRST_ISSUE)
    desk.record_representative(case, full_name="Nguyễn Văn Bình", id_number="001096012345",
                               relationship="cha", evidence="CSDLQG")
    where = desk.print_request_form(case)
    assert pages_of(where) == 1
    text = text_of(where)
    assert "Quê quán; Dân tộc; Tôn giáo; Quốc tịch; Nơi cư trú; Thông tin về cha, mẹ" in text


def test_a_refused_adjustment_records_nothing(context: Context) -> None:
    desk = context.desk
    case = opened(desk)
    with pytest.raises(RuleViolation) as refused:
        desk.request_adjustment(case, ("full_name",), "")
    assert refused.value.code == "adjustment.documents"
    with pytest.raises(RuleViolation, match="Chưa chọn thông tin"):
        desk.request_adjustment(case, (), DOCUMENTS)
    assert case.adjustment is None and desk.resume(case.code).adjustment is None
    assert audit_rows(desk.audit, "adjustment") == []


def test_after_the_decision_the_clerk_goes_back_first(context: Context) -> None:
    desk = context.desk
    case = opened(desk)
    desk.decide(case, Reason.CCCD_CONVERSION)
    with pytest.raises(RuleViolation) as refused:
        desk.request_adjustment(case, ("sex",), DOCUMENTS)
    assert refused.value.code == "adjustment.wrong_step"
    assert "quay lại bước xác định thủ tục" in refused.value.message
    desk.go_back(case, Step.IDENTIFIED)
    desk.request_adjustment(case, ("sex",), DOCUMENTS)
    desk.decide(case, Reason.CCCD_CONVERSION)
    assert case.decided.due is not None and case.decided.due.value == date(2026, 12, 8)
    # Asking again for the same thing writes nothing, whatever the step.
    desk.request_adjustment(case, ("sex",), DOCUMENTS)
    assert len(audit_rows(desk.audit, "adjustment")) == 1


def test_a_withdrawn_adjustment_gives_the_days_back(context: Context) -> None:
    desk = context.desk
    case = adjusted(context)
    desk.withdraw_adjustment(case)
    assert case.adjustment is None and desk.resume(case.code).adjustment is None
    desk.decide(case, Reason.CCCD_CONVERSION)
    assert case.decided.due is not None and case.decided.due.value == date(2026, 12, 4)
    assert desk.withdraw_adjustment(case) is case  # nothing recorded: nothing to do
    assert audit_rows(desk.audit, "adjustment")[-1] == {"fields": 0}


def test_dc02_is_not_printed_for_a_refused_reason(context: Context) -> None:
    desk = context.desk
    case = opened(desk)  # Bình holds a card: a first issue is refused (CC03)
    with pytest.raises(RuleViolation) as refused:
        desk.print_request_form(case, Reason.FIRST_ISSUE)
    assert refused.value.code == "request_form.refused"
    assert desk.cases.document_codes(case.code) == []


def test_set_adjustment_goes_back_from_the_decision_then_records_or_withdraws(
        context: Context) -> None:
    """As the procedure page asks it: a decided case goes back first; no fields withdraws."""
    desk = context.desk
    case = opened(desk)
    desk.decide(case, Reason.CCCD_CONVERSION)
    assert desk.set_adjustment(case, ("sex",), DOCUMENTS) is case
    assert case.step is Step.IDENTIFIED
    assert case.adjustment is not None and case.adjustment.codes == ("sex",)
    desk.decide(case, Reason.CCCD_CONVERSION)
    desk.set_adjustment(case, (), "")
    assert case.step is Step.IDENTIFIED and case.adjustment is None
    assert desk.resume(case.code).adjustment is None
    assert [row["fields"] for row in audit_rows(desk.audit, "adjustment")] == [1, 0]


def test_set_adjustment_refused_moves_nothing(context: Context) -> None:
    desk = context.desk
    case = opened(desk)
    desk.decide(case, Reason.CCCD_CONVERSION)
    with pytest.raises(RuleViolation) as refused:
        desk.set_adjustment(case, ("full_name",), "")
    assert refused.value.code == "adjustment.documents"
    assert case.step is Step.PROCEDURE_DECIDED and desk.cases.step_of(case.code) == (
        "procedure_decided")
    assert audit_rows(desk.audit, "adjustment") == []
