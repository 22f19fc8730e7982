"""Delivery by post through the desk: saved with the CC01 that states it, sealed at rest,
printed on CC01 and CC02, resumed after a restart, re-sealed by a key rotation."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.app import Context
from kiosk.desk.casefile import CaseFile
from kiosk.workflow.delivery import COUNTER, DeliveryMethod
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.procedures import Reason
from tests.desk.steps import ready_for_capture

ADDRESS = ("Công ty TNHH Thủy sản Mekong, số 25 đường Hòa Bình, Phường Ninh Kiều, "
           "Thành phố Cần Thơ")
PHONE = "0912345678"


def at_receipt(context: Context) -> CaseFile:
    """A lost card (the last biometrics reused): straight to the receipt step."""
    desk = context.desk
    case = ready_for_capture(desk, "092199004455", Reason.LOST)
    desk.finish_biometrics(case)
    return case


def text_of(pdf: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   check=True).stdout.decode("utf-8").split())


def test_a_postal_choice_is_printed_saved_and_resumed(context: Context, tmp_path: Path) -> None:
    desk = context.desk
    case = at_receipt(context)
    assert case.delivery == COUNTER
    post = desk.choose_delivery(DeliveryMethod.POST, ADDRESS, "0912 345 678")
    desk.print_receipt(case, post)
    assert case.delivery == post and case.delivery.phone == PHONE
    prints = tmp_path / "prints"
    cc01 = text_of(prints / f"CC01-{case.code}.pdf")
    assert "Nhận qua dịch vụ bưu chính" in cc01 and PHONE in cc01
    assert "Công ty TNHH Thủy sản Mekong" in cc01 and "Thành phố Cần Thơ" in cc01

    resumed = desk.resume(case.code)  # a restart keeps the choice
    assert resumed.delivery == post
    desk.confirm_receipt_signed(resumed)
    desk.settle_fee(resumed)
    desk.issue_slip(resumed)
    cc02 = text_of(prints / f"CC02-{case.code}.pdf")
    assert "Hình thức nhận kết quả" in cc02 and "Nhận qua dịch vụ bưu chính" in cc02
    assert "Công dân trả cước dịch vụ chuyển phát" in cc02 and PHONE in cc02
    assert "Nơi trả kết quả" not in cc02


def test_the_address_and_phone_are_sealed_at_rest(context: Context) -> None:
    desk = context.desk
    case = at_receipt(context)
    desk.print_receipt(case, desk.choose_delivery(DeliveryMethod.POST, ADDRESS, PHONE))
    desk.confirm_receipt_signed(case)
    desk.settle_fee(case)
    desk.issue_slip(case)
    engine = desk.cases._engine  # reading the raw row is the point
    with engine.connect() as connection:
        method, sealed = connection.execute(sa.text(
            "SELECT delivery_method, delivery_sealed FROM cases")).one()
        places = connection.execute(sa.text("SELECT return_place FROM slips")).scalars().all()
    assert method == "post"
    for secret in ("Mekong", "Hòa Bình", PHONE):
        assert secret.encode() not in bytes(sealed)
        assert all(secret not in place for place in places)
    assert places == ["Nhận qua dịch vụ bưu chính"]


def test_a_refused_address_saves_nothing(context: Context) -> None:
    desk = context.desk
    case = at_receipt(context)
    with pytest.raises(RuleViolation, match="chưa đủ"):
        desk.print_receipt(case, desk.choose_delivery(DeliveryMethod.POST, "Cần Thơ"))
    assert "CC01" not in case.printed and case.delivery == COUNTER
    assert desk.resume(case.code).delivery == COUNTER


def test_the_counter_names_the_return_place(context: Context, tmp_path: Path) -> None:
    desk = context.desk
    case = at_receipt(context)
    desk.print_receipt(case)
    prints = tmp_path / "prints"
    assert "Hình thức: Nhận tại nơi làm thủ tục." in text_of(prints / f"CC01-{case.code}.pdf")
    assert desk.resume(case.code).delivery == COUNTER
    desk.confirm_receipt_signed(case)
    desk.settle_fee(case)
    desk.issue_slip(case)
    cc02 = text_of(prints / f"CC02-{case.code}.pdf")
    assert "Nơi trả kết quả" in cc02 and "bưu chính" not in cc02
