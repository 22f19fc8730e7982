"""No request makes the rules crash: they decide, or they name the bad field."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.lawbook import Lawbook, load_lawbook
from kiosk.workflow.request import KNOWN_FIELDS, RequestError
from tests.conftest import RESOURCES
from tests.workflow.conftest import assess

LAW: Lawbook = load_lawbook(RESOURCES)
REASONS = ["milestone", "name_or_dob_change", "identity_change", "printed_error",
           "printed_error_agency", "admin_unit_change", "id_number_reset", "holder_request",
           "cccd_conversion", "lost", "damaged", "regained_nationality"]
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
junk = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12),
                 st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3),
                                                                      st.integers(), max_size=2))


@st.composite
def plausible(draw: st.DrawFn) -> dict[str, Any]:
    on = draw(st.dates(min_value=date(2024, 7, 1), max_value=date(2099, 12, 31)))
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=on))
    kind = draw(st.sampled_from(["first", "renew", "reissue"]))
    request: dict[str, Any] = {"on": on.isoformat(), "birth_date": birth.isoformat(),
                               "request": kind}
    if kind != "first":
        request["reason"] = draw(st.sampled_from(REASONS))
    card_kind = draw(st.sampled_from(["none", "cmnd", "cccd", "can_cuoc"]))
    if card_kind != "none":
        issued = draw(st.dates(min_value=birth, max_value=on))
        expires = draw(st.one_of(st.none(), st.dates(min_value=issued,
                                                     max_value=issued + timedelta(days=40000))))
        request["card"] = {"kind": card_kind, "issued": issued.isoformat(),
                           "expires": expires.isoformat() if expires else None}
    for flag in ("citizen", "digital_citizen", "db_adjustment_needed", "lost_capacity"):
        request[flag] = draw(st.booleans())
    request["channel"] = draw(st.sampled_from(["counter", "online"]))
    request["exemptions"] = draw(st.lists(st.sampled_from(sorted(LAW.fees.claimable)),
                                          max_size=2))
    return request


def _decide_or_name(request: dict[str, Any]) -> None:
    try:
        decision = assess(LAW, **request)
    except RequestError as error:
        assert error.field and error.message
        return
    except RuleViolation as violation:  # a date beyond the supported calendar
        assert violation.message
        return
    out = decision.to_json()
    assert out["fee_vnd"] >= 0 and out["fee_basis"]
    assert out["procedure"] in {"cap", "cap_doi", "cap_lai", "refuse"}
    if out["procedure"] != "refuse":
        assert out["due_date"] > request["on"]
        assert out["procedure"] != "cap_lai" or out["reason"] in {
            "lost", "damaged", "regained_nationality"}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plausible())
def test_plausible_requests_always_decide(request: dict[str, Any]) -> None:
    _decide_or_name(request)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(KNOWN_FIELDS)), junk, max_size=8))
def test_junk_is_named_never_a_crash(request: dict[str, Any]) -> None:
    _decide_or_name(request)


@settings(max_examples=100, deadline=None)
@given(on=dates, birth=dates)
def test_far_dates(on: date, birth: date) -> None:
    _decide_or_name({"on": on.isoformat(), "birth_date": birth.isoformat(), "request": "first"})
