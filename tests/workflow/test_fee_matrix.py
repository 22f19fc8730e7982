"""Every cell of legal.md §3.2 (VND per card), with the basis that produced it."""

from __future__ import annotations

import pytest

from kiosk.workflow.lawbook import Lawbook
from tests.workflow.conftest import assess, cccd

# Rows of the matrix as requests (a 30-year-old holding a CCCD valid to 40).
ROWS = {
    "first_issue": {"request": "first"},
    "milestone": {"request": "renew", "reason": "milestone",
                  "card": cccd("2015-07-01", "2021-03-15")},
    "admin_unit_change": {"request": "renew", "reason": "admin_unit_change"},
    "printed_error_agency": {"request": "renew", "reason": "printed_error_agency"},
    "cccd_conversion": {"request": "renew", "reason": "cccd_conversion"},
    "other_renewal": {"request": "renew", "reason": "holder_request"},
    "reissue": {"request": "reissue", "reason": "lost"},
    "exempt_person": {"request": "renew", "reason": "holder_request",
                      "exemptions": ["poor_household"]},
}
# Columns: (on, channel, digital citizen). 2026-09-01 with an online digital citizen is the
# TT 117/2026 column; 2027-01-04 is "from 01/01/2027" (non-qualifying).
COLUMNS = {
    "2024-11": ("2024-11-15", "counter", False),
    "2025-H1-counter": ("2025-03-03", "counter", False),
    "2025-H1-online": ("2025-03-03", "online", False),
    "2025-07..2026": ("2026-03-02", "counter", False),
    "tt117-digital-online": ("2026-09-01", "online", True),
    "2027": ("2027-01-04", "counter", False),
}
EXPECTED = {  # row -> amounts in COLUMNS order
    "first_issue": (0, 0, 0, 0, 0, 0),
    "milestone": (0, 0, 0, 0, 0, 0),
    "admin_unit_change": (0, 0, 0, 0, 0, 0),
    "printed_error_agency": (0, 0, 0, 0, 0, 0),
    "cccd_conversion": (15_000, 30_000, 15_000, 15_000, 0, 30_000),
    "other_renewal": (25_000, 50_000, 25_000, 25_000, 0, 50_000),
    "reissue": (35_000, 70_000, 35_000, 35_000, 0, 70_000),
    "exempt_person": (0, 0, 0, 0, 0, 0),
}
BASIS_OF_RATE = {
    "2024-11": "Thông tư 73/2024/TT-BTC Điều 4 khoản 2",
    "2025-H1-online": "Thông tư 73/2024/TT-BTC Điều 4 khoản 3",
    "2025-07..2026": "Thông tư 64/2025/TT-BTC Điều 1",
    "tt117-digital-online": "Thông tư 117/2026/TT-BTC Điều 1 khoản 4",
}
CELLS = [(row, column, amount) for row, amounts in EXPECTED.items()
         for column, amount in zip(COLUMNS, amounts, strict=True)]


@pytest.mark.parametrize(("row", "column", "amount"), CELLS,
                         ids=[f"{r}-{c}" for r, c, _ in CELLS])
def test_fee_matrix_cell(lawbook: Lawbook, row: str, column: str, amount: int) -> None:
    on, channel, digital = COLUMNS[column]
    fields = {"birth_date": "1996-03-15", "card": cccd("2021-04-10", "2036-03-15"), **ROWS[row]}
    if row == "first_issue":
        fields.pop("card")
    d = assess(lawbook, on=on, channel=channel, digital_citizen=digital, **fields)
    assert d.fee.value == amount
    assert d.fee.basis, "every amount names its basis"
    if amount and column in BASIS_OF_RATE:
        assert BASIS_OF_RATE[column] in d.fee.basis[-1]
    if amount == 0 and row == "exempt_person":
        assert "Điều 5" in d.fee.basis[0]
    if amount == 0 and row in ("first_issue", "milestone", "admin_unit_change",
                               "printed_error_agency"):
        assert "Điều 38" in d.fee.basis[0]


def test_digital_citizen_waiver_needs_online_filing(lawbook: Lawbook) -> None:
    d = assess(lawbook, on="2026-09-01", channel="counter", digital_citizen=True,
               birth_date="1996-03-15", request="reissue", reason="lost",
               card=cccd("2021-04-10", "2036-03-15"))
    assert d.fee.value == 35_000


def test_waiver_ends_28_february_2027(lawbook: Lawbook) -> None:
    fields = {"birth_date": "1996-03-15", "request": "reissue", "reason": "lost",
              "card": cccd("2021-04-10", "2036-03-15"), "channel": "online",
              "digital_citizen": True}
    assert assess(lawbook, on="2027-02-26", **fields).fee.value == 0
    assert assess(lawbook, on="2027-03-01", **fields).fee.value == 70_000
