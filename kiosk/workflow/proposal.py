"""The reason the procedure page proposes from the card CSDLQG shows, before the clerk asks:
first issue without a card of this law, the milestone renewal once the card has run out, the
conversion for a CCCD holder; nothing for a valid căn cước card (the citizen says why they came).
A proposal only preselects; the clerk may choose any reason and the rules decide
(kiosk/workflow/decide.py). Texts and reasons: resources/law/procedures.toml [proposal]."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.workflow.age import AgeRules, valid_until
from kiosk.workflow.people import CARDS_OF_THIS_LAW, CardKind
from kiosk.workflow.procedures import Reason
from kiosk.workflow.request import CardHeld

CASES = ("no_card", "overdue", "cccd", "valid")


@dataclass(frozen=True)
class Proposal:
    reason: Reason | None  # None: nothing to propose, the clerk asks
    text: str  # why, for the clerk ("" when there is nothing to say)


@dataclass(frozen=True)
class ProposalBook:
    cases: dict[str, tuple[Reason | None, str]]

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> ProposalBook:
        missing = set(CASES) - set(data)
        if missing:
            raise ValueError(f"procedures.toml [proposal] lacks {sorted(missing)}")
        return cls({name: (Reason(entry["reason"]) if "reason" in entry else None,
                           str(entry["text"])) for name, entry in data.items()})

    def _say(self, case: str, expiry: date | None = None) -> Proposal:
        reason, text = self.cases[case]
        return Proposal(reason, text.format(expiry=f"{expiry:%d/%m/%Y}" if expiry else ""))

    def propose(self, card: CardHeld, birth: date, on: date, *, citizen: bool,
                ages: AgeRules) -> Proposal:
        if not citizen:  # the rules refuse whatever is chosen, with their grounds
            return Proposal(None, "")
        if card.kind not in CARDS_OF_THIS_LAW:
            return self._say("no_card")
        expiry = valid_until(card.issued, card.expires, birth, ages)
        if expiry is not None and expiry <= on:
            return self._say("overdue", expiry)
        if card.kind is CardKind.CCCD:
            return self._say("cccd", expiry)
        return self._say("valid", expiry) if expiry else Proposal(None, "")
