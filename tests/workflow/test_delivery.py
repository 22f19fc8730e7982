"""The delivery choice: the counter needs nothing; the post needs a whole address."""

from __future__ import annotations

import unicodedata

import pytest

from kiosk.workflow.delivery import COUNTER, Delivery, DeliveryMethod
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.lawbook import Lawbook

POST = DeliveryMethod.POST
ADDRESS = "Số 7 đường 30 tháng 4, Phường Ninh Kiều, Thành phố Cần Thơ"


def test_the_counter_ignores_any_address_left_on_screen(lawbook: Lawbook) -> None:
    assert lawbook.delivery.choose(DeliveryMethod.COUNTER, "x", "1") == COUNTER
    assert lawbook.delivery.label(COUNTER) == "Nhận tại nơi làm thủ tục"


def test_a_postal_address_is_cleaned_and_kept_in_nfc(lawbook: Lawbook) -> None:
    typed = "  " + unicodedata.normalize("NFD", ADDRESS).replace(", ", " ,  ") + " , "
    chosen = lawbook.delivery.choose(POST, typed, "0912 345.678")
    assert chosen == Delivery(POST, ADDRESS, "0912345678")
    assert chosen.by_post
    assert lawbook.delivery.label(chosen) == "Nhận qua dịch vụ bưu chính"


@pytest.mark.parametrize(("address", "phone", "code"), [
    ("", "", "delivery.no_address"),
    ("   ", "", "delivery.no_address"),
    ("Số 7 đường 30 tháng 4 Ninh Kiều Cần Thơ", "", "delivery.address_incomplete"),
    ("Số 7, Phường Ninh Kiều", "", "delivery.address_incomplete"),
    ("Số 7, Phường Ninh Kiều, 900000", "", "delivery.address_incomplete"),
    ("Số 7, Phường Ninh Kiều, " + "Cần Thơ " * 40, "", "delivery.address_too_long"),
    (ADDRESS, "091234567", "delivery.bad_phone"),
    (ADDRESS, "+84912345678", "delivery.bad_phone"),
    (ADDRESS, "09123456789", "delivery.bad_phone"),
])
def test_an_unusable_choice_says_what_to_fix(lawbook: Lawbook, address: str, phone: str,
                                             code: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        lawbook.delivery.choose(POST, address, phone)
    assert refused.value.code == code
    assert refused.value.basis == "Luật Căn cước 2023 Điều 23 khoản 1 điểm đ"
    assert refused.value.message == unicodedata.normalize("NFC", refused.value.message)


def test_the_phone_may_be_left_empty(lawbook: Lawbook) -> None:
    assert lawbook.delivery.choose(POST, ADDRESS).phone == ""


def test_courier_wording_is_data_with_its_source(lawbook: Lawbook) -> None:
    assert "cước" in lawbook.delivery.courier_note
    assert lawbook.delivery.courier_basis.startswith("Luật Căn cước 2023 Điều 23")
