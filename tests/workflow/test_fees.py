from datetime import date

import pytest

from kiosk.workflow.fees import Channel, FeeQuestion, assess_fee
from kiosk.workflow.lawbook import Lawbook
from kiosk.workflow.procedures import Reason


def fee(lawbook: Lawbook, reason: Reason, on: date, age: int = 30, **kw: object) -> int:
    return assess_fee(lawbook.fees, FeeQuestion(reason, on, age, **kw)).value  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("reason", "on", "channel", "amount"),
    [
        (Reason.CCCD_CONVERSION, date(2026, 11, 25), Channel.COUNTER, 15_000),  # TT 64/2025
        (Reason.HOLDER_REQUEST, date(2026, 11, 25), Channel.COUNTER, 25_000),
        (Reason.LOST_OR_DAMAGED, date(2026, 11, 25), Channel.COUNTER, 35_000),
        (Reason.HOLDER_REQUEST, date(2025, 3, 1), Channel.COUNTER, 50_000),  # in person, H1 2025
        (Reason.HOLDER_REQUEST, date(2025, 3, 1), Channel.ONLINE, 25_000),
        (Reason.HOLDER_REQUEST, date(2024, 11, 1), Channel.COUNTER, 25_000),  # TT 73 k2
        (Reason.HOLDER_REQUEST, date(2027, 1, 4), Channel.COUNTER, 50_000),  # reduction over
        (Reason.MILESTONE_AGE, date(2026, 11, 25), Channel.COUNTER, 0),
        (Reason.FIRST_ISSUE, date(2026, 11, 25), Channel.COUNTER, 0),
        (Reason.ADMINISTRATIVE_UNIT_CHANGED, date(2026, 11, 25), Channel.COUNTER, 0),
    ],
)
def test_fee_by_reason_date_and_channel(lawbook: Lawbook, reason: Reason, on: date,
                                        channel: Channel, amount: int) -> None:
    assert fee(lawbook, reason, on, channel=channel) == amount


def test_digital_citizen_online_waiver_is_most_favourable(lawbook: Lawbook) -> None:
    on = date(2026, 9, 1)
    assert fee(lawbook, Reason.LOST_OR_DAMAGED, on, channel=Channel.ONLINE,
               digital_citizen=True) == 0
    assert fee(lawbook, Reason.LOST_OR_DAMAGED, on, channel=Channel.COUNTER,
               digital_citizen=True) == 35_000


def test_age_exemptions(lawbook: Lawbook) -> None:
    on = date(2026, 11, 25)
    assert fee(lawbook, Reason.HOLDER_REQUEST, on, age=15) == 0
    assert fee(lawbook, Reason.HOLDER_REQUEST, on, age=16) == 25_000
    assert fee(lawbook, Reason.HOLDER_REQUEST, on, age=60) == 0


def test_agency_error_and_claimed_exemption(lawbook: Lawbook) -> None:
    on = date(2026, 11, 25)
    assert fee(lawbook, Reason.PRINTED_ERROR, on, agency_error=True) == 0
    assert fee(lawbook, Reason.PRINTED_ERROR, on) == 25_000
    decided = assess_fee(lawbook.fees, FeeQuestion(
        Reason.HOLDER_REQUEST, on, 30, exemptions_claimed=frozenset({"poor_household"})))
    assert decided.value == 0
    assert decided.notes == ("Miễn lệ phí: Thành viên hộ nghèo",)


def test_every_amount_names_its_legal_source(lawbook: Lawbook) -> None:
    decided = assess_fee(lawbook.fees, FeeQuestion(
        Reason.CCCD_CONVERSION, date(2026, 11, 25), 30))
    assert decided.basis == ("Thông tư 73/2024/TT-BTC Điều 4 khoản 1 điểm a",
                             "Thông tư 64/2025/TT-BTC Điều 1")
