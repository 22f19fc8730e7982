"""Amounts in Vietnamese words ("bằng chữ") for the fee receipt."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.printing.text import amount_in_words, money_in_words

DIGIT_WORDS = {"không": 0, "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6,
               "bảy": 7, "tám": 8, "chín": 9}


@pytest.mark.parametrize(("amount", "words"), [
    (0, "không"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi bốn"),
    (25, "hai mươi lăm"),
    (95, "chín mươi lăm"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (1_005, "một nghìn không trăm linh năm"),
    (1_010, "một nghìn không trăm mười"),
    (15_000, "mười lăm nghìn"),
    (25_000, "hai mươi lăm nghìn"),
    (30_000, "ba mươi nghìn"),
    (35_000, "ba mươi lăm nghìn"),
    (50_000, "năm mươi nghìn"),
    (70_000, "bảy mươi nghìn"),
    (100_000, "một trăm nghìn"),
    (1_000_000, "một triệu"),
    (1_000_001, "một triệu không trăm linh một"),
    (1_200_500, "một triệu hai trăm nghìn năm trăm"),
    (21_021_021, "hai mươi mốt triệu không trăm hai mươi mốt nghìn không trăm hai mươi mốt"),
    (1_000_000_000, "một tỷ"),
    (2_000_000_015, "hai tỷ không trăm mười lăm"),
    (1_001_005_000, "một tỷ không trăm linh một triệu không trăm linh năm nghìn"),
    (999_999_999_999, "chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu "
                      "chín trăm chín mươi chín nghìn chín trăm chín mươi chín"),
    (1_000_000_000_000, "một nghìn tỷ"),
])
def test_reading(amount: int, words: str) -> None:
    assert amount_in_words(amount) == words


@pytest.mark.parametrize(("amount", "words"), [
    (0, "Không đồng"),
    (15_000, "Mười lăm nghìn đồng"),
    (30_000, "Ba mươi nghìn đồng"),
    (70_000, "Bảy mươi nghìn đồng"),
    (1_200_500, "Một triệu hai trăm nghìn năm trăm đồng"),
])
def test_money_is_capitalised_and_in_dong(amount: int, words: str) -> None:
    assert money_in_words(amount) == words


def test_negative_amounts_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        amount_in_words(-1)


def _units_after(word: str, tens: int) -> int:
    """The units word after a tens word, only in the spelling the rules allow there."""
    if word == "mốt" and tens >= 2:
        return 1
    if word == "lăm" and tens >= 1:
        return 5
    if word in DIGIT_WORDS and word != "không" and not (tens >= 1 and word == "năm") \
            and not (tens >= 2 and word == "một"):
        return DIGIT_WORDS[word]
    raise AssertionError(f"{word!r} after tens {tens}")


def _parse_triple(words: list[str], *, inner: bool) -> int:
    """Strict reader of one group: [d trăm] [linh u | mười [u] | d mươi [u] | u]; a group after
    a higher one must say its hundreds ("không trăm")."""
    value, rest = 0, list(words)
    if len(rest) >= 2 and rest[1] == "trăm":
        value, rest = DIGIT_WORDS[rest[0]] * 100, rest[2:]
    else:
        assert not inner, words
    if not rest:
        return value
    if rest[0] == "linh":
        assert len(rest) == 2 and len(words) == 4, words
        return value + _units_after(rest[1], 0)
    if rest[0] == "mười":
        tens, rest = 1, rest[1:]
    elif len(rest) >= 2 and rest[1] == "mươi":
        tens, rest = DIGIT_WORDS[rest[0]], rest[2:]
        assert tens >= 2, words
    else:
        assert rest == words and len(rest) == 1, words  # a bare unit only leads a number
        return DIGIT_WORDS[rest[0]]
    assert len(rest) <= 1, words
    return value + tens * 10 + (_units_after(rest[0], tens) if rest else 0)


def _parse(words: list[str], *, inner: bool = False) -> int:
    """Read the words back: tỷ splits recursively, then triệu and nghìn."""
    if "tỷ" in words:
        at = len(words) - 1 - words[::-1].index("tỷ")
        rest = words[at + 1:]
        return (_parse(words[:at], inner=inner) * 1_000_000_000
                + (_parse(rest, inner=True) if rest else 0))
    total = 0
    for unit, size in (("triệu", 1_000_000), ("nghìn", 1_000)):
        if unit in words:
            at = words.index(unit)
            total += _parse_triple(words[:at], inner=inner) * size
            words, inner = words[at + 1:], True
    return total + (_parse_triple(words, inner=inner) if words else 0)


@given(st.integers(min_value=1, max_value=10**15))
def test_words_read_back_to_the_amount(amount: int) -> None:
    words = amount_in_words(amount)
    assert words == words.strip() and "  " not in words
    assert _parse(words.split()) == amount


@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_spelling_rules_hold(amount: int) -> None:
    words = f" {amount_in_words(amount)} "
    for wrong in (" mươi một ", " mười năm ", " mươi năm ", " linh lăm ", " tư ", " mười mốt ",
                  " linh mốt "):
        assert wrong not in words, (amount, words)
