"""Bad requests name the field; ID numbers are checked (legal.md §6.5)."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.workflow.lawbook import Lawbook
from kiosk.workflow.request import RequestError
from tests.workflow.conftest import assess

GOOD: dict[str, Any] = {"birth_date": "1996-03-15", "request": "renew",
                        "reason": "holder_request",
                        "card": {"kind": "cccd", "issued": "2021-04-10", "expires": "2036-03-15"}}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"on": "25/11/2026"}, "on"),
        ({"on": "2020-01-01"}, "on"),  # before Luật Căn cước 2023
        ({"on": 20261125}, "on"),
        ({"birth_date": "2030-01-01"}, "birth_date"),
        ({"birth_date": None}, "birth_date"),
        ({"request": "renewal"}, "request"),
        ({"reason": "stolen"}, "reason"),
        ({"reason": "lost"}, "reason"),  # a cấp lại reason on a renewal
        ({"reason": None}, "reason"),
        ({"sex": "m"}, "sex"),
        ({"channel": "post"}, "channel"),
        ({"citizen": "yes"}, "citizen"),
        ({"card": {"kind": "passport"}}, "card.kind"),
        ({"card": {"kind": "cccd", "issued": "2027-01-01"}}, "card.issued"),
        ({"card": {"kind": "cccd", "issued": "2021-01-01", "expires": "2020-01-01"}},
         "card.expires"),
        ({"card": "cccd"}, "card"),
        ({"exemptions": ["elderly"]}, "exemptions"),  # derived from the birth date, not claimed
        ({"exemptions": "poor_household"}, "exemptions"),
        ({"id_number": "00109601234"}, "id_number"),
        ({"id_number": "0010960123AB"}, "id_number"),
        ({"former_id_number": "1234"}, "former_id_number"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_input_names_the_field(lawbook: Lawbook, change: dict[str, Any], field: str) -> None:
    with pytest.raises(RequestError) as raised:
        assess(lawbook, **{**GOOD, **change})
    assert raised.value.field == field
    assert raised.value.message


def test_first_issue_takes_no_reason(lawbook: Lawbook) -> None:
    with pytest.raises(RequestError) as raised:
        assess(lawbook, birth_date="1996-03-15", request="first", reason="lost")
    assert raised.value.field == "reason"


def test_id_number_structure_gives_warnings_not_refusals(lawbook: Lawbook) -> None:
    clean = assess(lawbook, **GOOD, sex="male", id_number="001096012345",
                   former_id_number="013456789")
    assert not clean.warnings
    odd = assess(lawbook, **GOOD, sex="male", id_number="003195012345")
    assert odd.procedure.value == "cap_doi"
    joined = " ".join(odd.warnings)
    assert "003" in joined  # not one of the 63 province codes
    assert "năm sinh 1996" in joined  # digits 5-6 say 95
    assert "giới tính Nữ" in joined  # digit 4 = 1: a woman born in the 1900s
    century = assess(lawbook, **GOOD, id_number="001296012345")
    assert any("thế kỷ" in w for w in century.warnings)  # digit 4 = 2: born 2000-2099
