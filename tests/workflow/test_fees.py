from datetime import date

from kiosk.workflow.fees import FeeQuestion, assess_fee
from kiosk.workflow.lawbook import Lawbook
from kiosk.workflow.procedures import Reason


def test_age_exemptions_follow_the_birth_date(lawbook: Lawbook) -> None:
    on = date(2026, 11, 25)
    for age, amount in ((15, 0), (16, 25_000), (59, 25_000), (60, 0)):
        assert assess_fee(lawbook.fees, FeeQuestion(Reason.HOLDER_REQUEST, on, age)).value == \
            amount, age


def test_claimed_exemption_names_itself(lawbook: Lawbook) -> None:
    decided = assess_fee(lawbook.fees, FeeQuestion(
        Reason.HOLDER_REQUEST, date(2026, 11, 25), 30,
        exemptions_claimed=frozenset({"poor_household"})))
    assert decided.value == 0
    assert decided.notes == ("Miễn lệ phí: Thành viên hộ nghèo",)


def test_claimable_exemptions_exclude_the_age_ones(lawbook: Lawbook) -> None:
    assert lawbook.fees.claimable == {"disabled", "meritorious",
                                      "ethnic_minority_hardship_commune", "border_commune",
                                      "special_zone", "poor_household"}
