"""The reason proposed from the card CSDLQG shows: it only preselects, and whatever it
proposes the rules accept as it stands (no substitution, no refusal)."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.workflow.decide import decide
from kiosk.workflow.lawbook import Lawbook
from kiosk.workflow.people import CardKind, Sex
from kiosk.workflow.procedures import Reason
from kiosk.workflow.request import REQUEST_PROCEDURE, AssessRequest, BirthPrecision, CardHeld

ON = date(2026, 11, 25)
ADULT = date(1996, 3, 15)  # 30


def propose(lawbook: Lawbook, card: CardHeld, birth: date = ADULT, *, citizen: bool = True
            ) -> tuple[Reason | None, str]:
    proposal = lawbook.proposals.propose(card, birth, ON, citizen=citizen, ages=lawbook.ages)
    return proposal.reason, proposal.text


@pytest.mark.parametrize(("card", "birth", "expected", "words"), [
    (CardHeld(None), ADULT, Reason.FIRST_ISSUE, "chưa có thẻ"),
    (CardHeld(CardKind.CMND, date(2012, 5, 2)), ADULT, Reason.FIRST_ISSUE, "chưa có thẻ"),
    (CardHeld(CardKind.CCCD, date(2021, 6, 1)), ADULT, Reason.CCCD_CONVERSION,
     "còn giá trị đến 15/03/2036"),  # 40th birthday covers it (V-1)
    (CardHeld(CardKind.CCCD, date(2016, 6, 1)), date(2001, 11, 20), Reason.MILESTONE,
     "hết giá trị sử dụng ngày 20/11/2026"),  # turned 25 five days ago
    (CardHeld(CardKind.CAN_CUOC, date(2025, 7, 1), date(2025, 8, 1)), ADULT,
     Reason.MILESTONE, "01/08/2025"),  # the printed expiry wins
    (CardHeld(CardKind.CAN_CUOC, date(2025, 7, 1)), ADULT, None, "hỏi công dân lý do"),
])
def test_proposed_from_the_card(lawbook: Lawbook, card: CardHeld, birth: date,
                                expected: Reason | None, words: str) -> None:
    reason, text = propose(lawbook, card, birth)
    assert reason is expected
    assert words in text
    if reason is None:
        return
    procedure = lawbook.procedures.reasons[reason].procedure
    kind = next(k for k, p in REQUEST_PROCEDURE.items() if p is procedure)
    decision = decide(AssessRequest(
        on=ON, birth=birth, birth_precision=BirthPrecision.DAY, request=kind,
        reason=None if reason is Reason.FIRST_ISSUE else reason, sex=Sex.MALE, citizen=True,
        card=card, id_number="001096012345"), lawbook)
    assert decision.reason is reason  # the rules keep what was proposed


def test_nothing_for_someone_who_is_not_a_citizen(lawbook: Lawbook) -> None:
    assert propose(lawbook, CardHeld(None), citizen=False) == (None, "")


def test_every_case_is_data(lawbook: Lawbook) -> None:
    cases = lawbook.proposals.cases
    assert set(cases) == {"no_card", "overdue", "cccd", "valid"}
    assert all(text.strip() for _reason, text in cases.values())
