"""The QR code printed on a CCCD or căn cước card, as a 2D scanner types it.

The payload is pipe-separated::

    ID12|CMND9|Họ và tên|ddmmyyyy (birth)|Giới tính|Nơi thường trú|ddmmyyyy (issue date)

The CMND part is empty when the holder never had a 9-digit CMND; newer cards append further
fields, which are ignored. The parser only reads what the card says: the registry record stays
the truth, and where the two differ the clerk is warned (:func:`differences`). The card's data is
personal: it is kept in memory with the case, never saved or logged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kiosk.registry.base import RegistryError
from kiosk.workflow.adjustment import RegistryField
from kiosk.workflow.people import Citizen, Sex, name_key, nfc

SEPARATOR = "|"
UNREADABLE = "Không đọc được mã QR trên thẻ: quét lại hoặc nhập số định danh cá nhân."
_FIELDS = 7  # ID, CMND, name, birth, sex, residence, issue date; more are tolerated
_SEXES = {"nam": Sex.MALE, "nữ": Sex.FEMALE}
_NAME_MARKS = frozenset(" '’-.")  # "H'Hen Niê": apostrophes occur in Ê Đê names
# The printed fields the card and the registry may disagree on (the adjustment's codes).
CARD_FIELDS = (RegistryField.FULL_NAME, RegistryField.DATE_OF_BIRTH, RegistryField.SEX)


@dataclass(frozen=True)
class CardQr:
    """What the card's QR code says; personal data, in memory only."""

    id_number: str
    former_id_number: str  # "" when the card carries no old CMND number
    full_name: str
    date_of_birth: date
    sex: Sex
    residence: str  # as printed when the card was issued: addresses change, it is not compared
    issued_on: date


def looks_like_card_qr(text: str) -> bool:
    """Whether typed text is a scanned payload rather than a number or a name."""
    return SEPARATOR in text


def parse_card_qr(text: str) -> CardQr:
    """Read a scanned payload; raise RegistryError (what to do next) when it is not one."""
    fields = [field.strip() for field in nfc(text).strip().split(SEPARATOR)]
    if len(fields) < _FIELDS:
        raise RegistryError(UNREADABLE)
    id_number, former, name, birth, sex, residence, issued = fields[:_FIELDS]
    if not re.fullmatch(r"\d{12}", id_number):
        raise RegistryError(UNREADABLE)
    if former and not re.fullmatch(r"\d{9}|\d{12}", former):
        raise RegistryError(UNREADABLE)
    full_name = " ".join(name.split())
    if not full_name or not all(ch.isalpha() or ch in _NAME_MARKS for ch in full_name):
        raise RegistryError(UNREADABLE)  # "?" or digits: the scanner lost the diacritics
    coded_sex = _SEXES.get(sex.casefold())
    if coded_sex is None:
        raise RegistryError(UNREADABLE)
    return CardQr(id_number=id_number, former_id_number=former, full_name=full_name,
                  date_of_birth=_date(birth), sex=coded_sex,
                  residence=" ".join(residence.split()), issued_on=_date(issued))


def _date(text: str) -> date:
    """``ddmmyyyy``, as printed in the payload."""
    if not re.fullmatch(r"\d{8}", text):
        raise RegistryError(UNREADABLE)
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise RegistryError(UNREADABLE) from None


def differences(card: CardQr, citizen: Citizen) -> tuple[RegistryField, ...]:
    """The printed fields on which the card differs from the registry record.

    The residence is left out: the card keeps the address of its issue date, which the 2025
    reorganisation of provinces and communes renamed without anything being wrong.
    """
    found = []
    # Cards print names in capitals: case and spacing do not matter, diacritics do.
    if name_key(card.full_name) != name_key(citizen.full_name):
        found.append(RegistryField.FULL_NAME)
    if card.date_of_birth != citizen.date_of_birth:
        found.append(RegistryField.DATE_OF_BIRTH)
    if card.sex is not citizen.sex:
        found.append(RegistryField.SEX)
    return tuple(found)
