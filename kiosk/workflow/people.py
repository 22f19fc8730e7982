"""Citizens as the population database gives them, and the cards they hold."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


def nfc(text: str) -> str:
    """Vietnamese text is stored NFC so that comparisons and PDFs agree."""
    return unicodedata.normalize("NFC", text)


def tidy(text: str) -> str:
    """NFC, each run of whitespace one space, none at the ends: typed text as it is kept."""
    return " ".join(nfc(text).split())


def name_key(text: str) -> str:
    """What two names (or words) are compared by: :func:`tidy` and case-folded; diacritics
    are kept, since they tell Vietnamese names apart (Hà and Hạ are two people)."""
    return tidy(text).casefold()


class Sex(StrEnum):
    MALE = "nam"
    FEMALE = "nu"

    @property
    def label(self) -> str:
        return "Nam" if self is Sex.MALE else "Nữ"


class CardKind(StrEnum):
    CMND = "cmnd"  # chứng minh nhân dân (9 or 12 digits); invalid since 01/01/2025
    CCCD = "cccd"  # căn cước công dân (2016-2024)
    CAN_CUOC = "can_cuoc"  # thẻ căn cước (Luật Căn cước 2023, from 01/07/2024)

    @property
    def label(self) -> str:
        return {
            CardKind.CMND: "Chứng minh nhân dân",
            CardKind.CCCD: "Căn cước công dân",
            CardKind.CAN_CUOC: "Thẻ căn cước",
        }[self]


CARDS_OF_THIS_LAW = (CardKind.CCCD, CardKind.CAN_CUOC)  # a CMND leads to a first issue


@dataclass(frozen=True)
class Card:
    """A card the citizen holds or held."""

    kind: CardKind
    number: str
    issued_on: date
    expires_on: date | None  # None: no expiry ("không thời hạn")


@dataclass(frozen=True)
class Citizen:
    """A snapshot of one person's record in CSDLQG về dân cư (Luật Căn cước Điều 9)."""

    id_number: str  # số định danh cá nhân, 12 digits
    full_name: str
    date_of_birth: date
    sex: Sex
    nationality: str
    place_of_birth_registration: str
    hometown: str
    ethnicity: str
    religion: str
    permanent_residence: str
    temporary_residence: str = ""
    current_residence: str = ""
    former_id_number: str = ""  # old 9-digit CMND
    card: Card | None = None
    is_vietnamese_citizen: bool = True
    other_name: str = ""  # tên gọi khác
    father_name: str = ""
    mother_name: str = ""

    def __post_init__(self) -> None:
        for name in (
            "full_name", "nationality", "place_of_birth_registration", "hometown",
            "ethnicity", "religion", "permanent_residence", "temporary_residence",
            "current_residence", "other_name", "father_name", "mother_name",
        ):
            object.__setattr__(self, name, nfc(getattr(self, name)))

    @property
    def residence_to_print(self) -> str:
        """TT 17/2024/TT-BCA Điều 4: permanent, else temporary, else current residence."""
        return self.permanent_residence or self.temporary_residence or self.current_residence
