from datetime import date

import pytest

from kiosk.workflow.age import age_on, card_expiry
from kiosk.workflow.lawbook import Lawbook
from tests.workflow.conftest import assess


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (date(1996, 3, 15), date(2026, 3, 14), 29),
        (date(1996, 3, 15), date(2026, 3, 15), 30),  # đủ tuổi on the birthday itself
        (date(2008, 2, 29), date(2022, 2, 28), 14),  # 29 Feb: birthday falls on 28 Feb
        (date(2008, 2, 29), date(2022, 2, 27), 13),
        (date(2020, 1, 1), date(2020, 1, 1), 0),
    ],
)
def test_age_in_full_years(birth: date, on: date, age: int) -> None:
    assert age_on(birth, on) == age


@pytest.mark.parametrize(
    ("issued", "expiry"),
    [
        (date(2006, 1, 1), date(2010, 5, 10)),  # age 9 -> 14th birthday
        (date(2008, 6, 1), date(2021, 5, 10)),  # age 12 (within 2 years of 14) -> 25th
        (date(2015, 1, 1), date(2021, 5, 10)),  # age 18 -> 25
        (date(2019, 5, 10), date(2036, 5, 10)),  # exactly 23 -> 40
        (date(2026, 11, 25), date(2036, 5, 10)),  # age 30 -> 40
        (date(2034, 5, 10), date(2056, 5, 10)),  # exactly 38 -> 60
        (date(2050, 1, 1), date(2056, 5, 10)),  # age 53 -> 60
    ],
)
def test_card_validity_bands(lawbook: Lawbook, issued: date, expiry: date) -> None:
    assert card_expiry(date(1996, 5, 10), issued, lawbook.ages).value == expiry


def test_card_issued_from_58_never_expires(lawbook: Lawbook) -> None:
    decided = card_expiry(date(1960, 1, 20), date(2018, 1, 20), lawbook.ages)
    assert decided.value is None
    assert "Điều 21" in decided.basis[0]


def test_leap_day_birth_expires_on_28_february(lawbook: Lawbook) -> None:
    assert card_expiry(date(2008, 2, 29), date(2026, 1, 5), lawbook.ages).value == \
        date(2033, 2, 28)


@pytest.mark.parametrize(("birth", "age", "unknown"), [("1960", 66, "ngày và tháng"),
                                                      ("1960-12", 65, "ngày")])
def test_unknown_day_or_month_is_counted_and_warned(lawbook: Lawbook, birth: str, age: int,
                                                    unknown: str) -> None:
    d = assess(lawbook, birth_date=birth, request="first")
    assert d.age == age
    assert any(f"không có {unknown} sinh" in w for w in d.warnings)
