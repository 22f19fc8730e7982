"""A refusal needs grounds from the rules, prints CC03 with them, and ends the case."""

from __future__ import annotations

import re
import subprocess

import pytest

from kiosk.app import Context
from kiosk.registry.base import LookupQuery
from kiosk.workflow.case import Step
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.permissions import Permission
from kiosk.workflow.procedures import Reason
from tests.desk.steps import approved


def test_refusal_prints_cc03_with_reason_basis_and_approver(context: Context) -> None:
    desk = context.desk
    case = desk.open_case(desk.find_citizen(LookupQuery.from_text("079085001122")))
    where = desk.refuse(case, Reason.FIRST_ISSUE, approved(desk, Permission.REFUSE_APPLICATION,
                                                   name="Phạm Thị Giám Sát"))
    assert case.step is Step.REFUSED
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", where, "-"], capture_output=True,
                                              check=True).stdout.decode("utf-8"))
    for expected in ("THÔNG BÁO", "Trần Quốc Hưng", "Cấp thẻ căn cước lần đầu",
                     "Đã được cấp thẻ", "Luật Căn cước 2023 Điều 23, Điều 24",
                     "TRƯỞNG CÔNG AN PHƯỜNG", "Phạm Thị Giám Sát"):
        assert expected in text
    assert desk.cases.document_codes(case.code) == ["CC03"]
    assert desk.resume(case.code).step is Step.REFUSED


def test_no_refusal_without_grounds(context: Context) -> None:
    desk = context.desk
    case = desk.open_case(desk.find_citizen(LookupQuery.from_text("001096012345")))
    with pytest.raises(RuleViolation, match="Không có căn cứ từ chối"):
        desk.refuse(case, Reason.CCCD_CONVERSION, approved(desk, Permission.REFUSE_APPLICATION,
                                                   name="Phạm Thị Giám Sát"))
    assert case.step is Step.IDENTIFIED


def test_the_fee_receipt_of_an_exempt_child_names_the_exemption(context: Context) -> None:
    desk = context.desk
    case = desk.open_case(desk.find_citizen(LookupQuery.from_text("001216007788")))
    desk.decide(case, Reason.FIRST_ISSUE)
    receipt = desk.paperwork.fee_receipt(case)
    assert receipt.amount == 0 and receipt.exempt
    assert receipt.exemption and receipt.basis


def test_request_form_is_prefilled_with_the_representative_from_the_registry(
        context: Context) -> None:
    desk = context.desk
    case = desk.open_case(desk.find_citizen(LookupQuery.from_text("001216007788")))
    desk.decide(case, Reason.FIRST_ISSUE)
    desk.record_representative(case, full_name="Nguyễn Văn Bình", id_number="001096012345",
                               relationship="cha", evidence="CSDLQG")
    form = desk.paperwork.request_form(desk.resume(case.code))
    assert form.representative is not None
    assert (form.representative.full_name, form.representative.sex) == ("Nguyễn Văn Bình", "Nam")
    assert form.representative.date_of_birth is not None
    where = desk.print_request_form(case)
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", where, "-"], capture_output=True,
                                              check=True).stdout.decode("utf-8"))
    assert "PHIẾU ĐỀ NGHỊ GIẢI QUYẾT THỦ TỤC VỀ CĂN CƯỚC" in text
    assert "Nguyễn Văn Bình" in text and "15/03/1996" in text
    assert desk.cases.document_codes(case.code) == ["DC02"]
