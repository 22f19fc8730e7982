"""Vietnamese money and date wording for forms and the window."""

from __future__ import annotations

import unicodedata
from dataclasses import fields, is_dataclass, replace
from datetime import date
from typing import Any, TypeVar, cast

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def format_vnd(amount: int) -> str:
    """15000 -> "15.000 đồng" (dot thousands separator)."""
    return f"{amount:,}".replace(",", ".") + " đồng"


def day_month_year(day: date) -> str:
    """NĐ 30/2020/NĐ-CP: a zero before days below 10 and before months 1 and 2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def date_line(place: str, day: date) -> str:
    """"Hà Nội, ngày 25 tháng 11 năm 2026"."""
    return f"{place}, {day_month_year(day)}"


def long_date(day: date) -> str:
    """"Thứ Sáu, ngày 04 tháng 12 năm 2026"."""
    return f"{WEEKDAYS[day.weekday()]}, {day_month_year(day)}"


DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
BILLION = 1_000_000_000
# Groups below a billion, highest first; "tỷ" is applied recursively so any size reads.
_GROUPS = ((1_000_000, "triệu"), (1_000, "nghìn"), (1, ""))


def _units(tens: int, units: int) -> list[str]:
    """The units word after a tens word: "mốt" after twenty and up, "lăm" after any ten."""
    if units == 0:
        return []
    if units == 1 and tens >= 2:
        return ["mốt"]
    if units == 5 and tens >= 1:
        return ["lăm"]
    return [DIGITS[units]]


def _triple(value: int, *, inner: bool) -> list[str]:
    """Read 1..999; an inner group (one follows a higher group) keeps "không trăm" and "linh"."""
    hundreds, tens, units = value // 100, value // 10 % 10, value % 10
    words: list[str] = []
    if hundreds or inner:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    return words + _units(tens, units)


def _below_billion(value: int, *, inner: bool) -> list[str]:
    words: list[str] = []
    for size, unit in _GROUPS:
        group = value // size % 1000
        if group:
            words += _triple(group, inner=inner or bool(words))
            words += [unit] if unit else []
    return words


def amount_in_words(amount: int) -> str:
    """12_005 -> "mười hai nghìn không trăm linh năm" (lower case, without the currency)."""
    if amount < 0:
        raise ValueError(f"amount_in_words: negative amount {amount}")
    if amount == 0:
        return DIGITS[0]
    billions, rest = divmod(amount, BILLION)
    words = [amount_in_words(billions), "tỷ"] if billions else []
    return " ".join(words + _below_billion(rest, inner=bool(billions)))


def money_in_words(amount: int) -> str:
    """15_000 -> "Mười lăm nghìn đồng": the "bằng chữ" line of a receipt."""
    words = amount_in_words(amount)
    return f"{words[0].upper()}{words[1:]} đồng"


T = TypeVar("T")


def nfc(value: T) -> T:
    """The same data with every string in NFC, through nested dataclasses and tuples.

    Decomposed input (NFD, e.g. from an IME set to "Unicode tổ hợp") prints with the accents
    misplaced by the PDF fonts and would not match the database, so forms normalise first.
    """
    result: Any = value
    if isinstance(value, str):
        result = unicodedata.normalize("NFC", value)
    elif isinstance(value, tuple):
        result = tuple(nfc(item) for item in value)
    elif is_dataclass(value) and not isinstance(value, type):
        result = replace(value, **{f.name: nfc(getattr(value, f.name)) for f in fields(value)})
    return cast(T, result)
