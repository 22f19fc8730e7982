"""The QR payload of a CCCD / căn cước card, as a keyboard-wedge scanner types it."""

import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kiosk.registry.base import LookupQuery, RegistryError
from kiosk.registry.cardqr import (
    UNREADABLE,
    differences,
    looks_like_card_qr,
    parse_card_qr,
)
from kiosk.registry.synthetic import SyntheticRegistry
from kiosk.workflow.adjustment import RegistryField
from kiosk.workflow.people import Sex

# As printed on Nguyễn Văn Bình's CCCD of 2021: the address of that year, before the 2025
# reorganisation (the registry has the new one).
BINH = ("001096012345|013456789|Nguyễn Văn Bình|15031996|Nam|"
        "Số 12 ngõ 34 phố Hàng Bạc, Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội|10042021")


def test_a_realistic_payload() -> None:
    card = parse_card_qr(BINH)
    assert card.id_number == "001096012345"
    assert card.former_id_number == "013456789"
    assert card.full_name == "Nguyễn Văn Bình"
    assert card.date_of_birth == date(1996, 3, 15)
    assert card.sex is Sex.MALE
    assert card.residence.startswith("Số 12 ngõ 34 phố Hàng Bạc")
    assert card.issued_on == date(2021, 4, 10)


def test_no_former_cmnd() -> None:
    card = parse_card_qr("079085001122||Trần Quốc Hưng|02111985|Nam|Số 48 đường Lê Lợi|20092024")
    assert card.former_id_number == ""
    assert card.id_number == "079085001122"


def test_extra_trailing_fields_are_ignored() -> None:
    card = parse_card_qr(BINH + "|Nguyễn Văn Hòa|Lê Thị Mai||")
    assert card == parse_card_qr(BINH)


def test_spaces_and_the_line_end_a_scanner_adds_are_ignored() -> None:
    padded = " " + BINH.replace("|Nguyễn Văn Bình|", "|Nguyễn  Văn Bình |") + "\r\n"
    assert parse_card_qr(padded) == parse_card_qr(BINH)


def test_a_decomposed_name_is_stored_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", BINH)
    assert decomposed != BINH
    card = parse_card_qr(decomposed)
    assert card.full_name == "Nguyễn Văn Bình"
    assert unicodedata.is_normalized("NFC", card.full_name)
    assert unicodedata.is_normalized("NFC", card.residence)


def test_women_and_apostrophes_in_ede_names() -> None:
    card = parse_card_qr("066190003344||H'Hen Niê|20011990|Nữ|Buôn Ky|11022021")
    assert card.sex is Sex.FEMALE
    assert card.full_name == "H'Hen Niê"


@pytest.mark.parametrize("payload", [
    BINH.replace("15031996", "31021996"),  # no 31 February
    BINH.replace("15031996", "1503199"),
    BINH.replace("15031996", "15/03/1996"),
    BINH.replace("10042021", ""),  # the issue date
    BINH.replace("001096012345", "00109601234"),  # 11 digits
    BINH.replace("001096012345", "0010960123456"),  # 13 digits
    BINH.replace("001096012345", "00109601234X"),
    BINH.replace("013456789", "01345678"),  # an old CMND has 9 digits
    BINH.replace("Nguyễn Văn Bình", "Nguy?n V?n B?nh"),  # the scanner lost the diacritics
    BINH.replace("Nguyễn Văn Bình", ""),
    BINH.replace("|Nam|", "|M|"),
    "|".join(BINH.split("|")[:6]),  # too few fields
    "001096012345",
    "",
])
def test_what_is_not_a_card_payload_says_what_to_do(payload: str) -> None:
    with pytest.raises(RegistryError) as raised:
        parse_card_qr(payload)
    assert raised.value.message == UNREADABLE
    assert raised.value.message.startswith(
        "Không đọc được mã QR trên thẻ: quét lại hoặc nhập số định danh")


def test_a_payload_is_told_from_a_number_or_a_name() -> None:
    assert looks_like_card_qr(BINH)
    assert not looks_like_card_qr("0010 9601 2345")
    assert not looks_like_card_qr("Nguyễn Văn Bình")


def test_differences_with_the_registry(resources: Path) -> None:
    registry = SyntheticRegistry.from_file(resources / "training" / "citizens.toml")
    [binh] = registry.find(LookupQuery(id_number="001096012345"))
    card = parse_card_qr(BINH)
    assert differences(card, binh) == ()  # the old address on the card is not a difference
    assert differences(replace(card, full_name="NGUYỄN VĂN BÌNH"), binh) == ()  # capitals
    assert differences(replace(card, full_name="Nguyễn Văn Binh", date_of_birth=date(1996, 3, 16),
                               sex=Sex.FEMALE), binh) == (
        RegistryField.FULL_NAME, RegistryField.DATE_OF_BIRTH, RegistryField.SEX)
