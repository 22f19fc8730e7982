"""The scenario files: every one loads, together they exercise every row of the rules table
(shared/reference/legal.md §10) and every kind of simulated device fault, what each expects
is what the rules decide on its day, and a broken file names itself and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from device_simulators.controls import fault_names
from kiosk.desk.scenario import (
    RULE_ROWS,
    Scenario,
    ScenarioError,
    load_all,
    load_scenario,
)
from kiosk.registry.base import LookupQuery
from kiosk.registry.synthetic import SyntheticRegistry
from kiosk.workflow.decide import decide
from kiosk.workflow.lawbook import Lawbook
from kiosk.workflow.procedures import Procedure, Reason
from kiosk.workflow.request import REQUEST_PROCEDURE, AssessRequest, BirthPrecision, CardHeld

FIRST_SIX = ("ordinary-renewal", "holder-request", "lost-card", "child-with-representative",
             "child-under-6", "refusal")


@pytest.fixture(scope="module")
def scenarios(resources: Path) -> list[Scenario]:
    return load_all(resources, fault_names())


def test_at_least_fifteen_scenarios_and_the_first_six_by_their_names(
        scenarios: list[Scenario]) -> None:
    names = {s.name for s in scenarios}
    assert len(scenarios) >= 15
    assert set(FIRST_SIX) <= names


def test_every_row_of_the_rules_table_is_exercised(scenarios: list[Scenario]) -> None:
    covered = {row for s in scenarios for row in s.rules}
    assert covered == set(RULE_ROWS)
    assert len(RULE_ROWS) == 33  # E-1..3, P-1..11, B-1..4, R-1..3, V-1, F-1..2, T-1..3, ...


def test_every_kind_of_device_and_the_named_faults_are_cued(scenarios: list[Scenario]) -> None:
    cued = {(c.device, c.fault) for s in scenarios for c in s.faults}
    assert {device for device, _ in cued} == {"face", "fingerprint", "iris", "printer"}
    for wanted in [("fingerprint", "low_quality"), ("face", "disconnected"),
                   ("printer", "out_of_paper"), ("fingerprint", "missing_finger"),
                   ("fingerprint", "disconnected"), ("iris", "low_quality")]:
        assert wanted in cued, wanted
    # The cases the approved renders and the crash test replay stay free of faults.
    for name in ("ordinary-renewal", "lost-card", "child-with-representative",
                 "child-under-6", "refusal"):
        assert next(s for s in scenarios if s.name == name).faults == ()


def request(scenario: Scenario, registry: SyntheticRegistry, law: Lawbook) -> AssessRequest:
    citizen = registry.find(LookupQuery(id_number=scenario.visit.id_number))[0]
    procedure = law.procedures.reasons[scenario.visit.asks].procedure
    kind = next(k for k, p in REQUEST_PROCEDURE.items() if p is procedure)
    card = citizen.card
    return AssessRequest(
        on=scenario.on, birth=citizen.date_of_birth, birth_precision=BirthPrecision.DAY,
        request=kind, reason=None if procedure is Procedure.CAP else scenario.visit.asks,
        sex=citizen.sex, citizen=citizen.is_vietnamese_citizen,
        card=CardHeld(None) if card is None else CardHeld(card.kind, card.issued_on,
                                                          card.expires_on),
        id_number=citizen.id_number, former_id_number=citizen.former_id_number,
        db_adjustment_needed=bool(scenario.expected.adjustment),
        lost_capacity=scenario.capacity is not None)


def test_what_each_scenario_expects_is_what_the_rules_decide_on_its_day(
        scenarios: list[Scenario], resources: Path, lawbook: Lawbook) -> None:
    registry = SyntheticRegistry.from_file(resources / "training" / "citizens.toml")
    for scenario in scenarios:
        expected, name = scenario.expected, scenario.name
        decision = decide(request(scenario, registry, lawbook), lawbook)
        assert (decision.procedure, decision.reason) == (expected.procedure,
                                                         expected.reason), name
        if expected.refused:
            continue
        fee = 0 if expected.exemption else decision.fee.value
        assert fee == expected.fee, name
        assert decision.due is not None and decision.due.value == expected.due_date, name
        plan = ("reuse" if decision.biometrics.reuse_last else
                "capture" if decision.biometrics.capture else "none")
        assert plan == expected.biometrics, name
        # Who comes with the citizen is who the rules want (R-1, R-3: the declaration).
        assert (expected.representative is not None) == decision.representative_required, name
        if expected.card_expiry is not None:
            assert decision.card_expiry is not None
            assert (decision.card_expiry.value or "none") == expected.card_expiry, name
        if expected.collect_old_card is not None:
            assert decision.collect_old_card is expected.collect_old_card, name
        for text in expected.warnings:
            assert any(text in warning for warning in decision.warnings), (name, text)


@pytest.fixture
def scratch(resources: Path, tmp_path: Path) -> Path:
    """A resources folder with the real law and citizens and no scenario yet."""
    for part in ("law", "calendar", "training"):
        (tmp_path / part).symlink_to(resources / part)
    (tmp_path / "scenarios").mkdir()
    return tmp_path


GOOD = (Path(__file__).resolve().parents[2] / "resources" / "scenarios" /
        "missing-finger.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("change", "field", "words"), [
    (("asks = \"identity_change\"", "asks = \"identity-change\""), "citizen.asks",
     "không hợp lệ"),
    (("id_number = \"001075003864\"", "id_number = \"001075009999\""), "citizen.id_number",
     "citizens.toml"),
    (("fault = \"missing_finger\"", "fault = \"out_of_paper\""), "faults[1].fault",
     "missing_finger"),
    (("attempts = [1, 2, 3]", "attempts = [2, 1]"), "faults[1].attempts", "tăng dần"),
    (("fee = 25000", "fee = \"25000\""), "expected.fee", "số nguyên"),
    (("reason = \"identity_change\"", "reason = \"lost\""), "expected.reason",
     "không thuộc thủ tục"),
    (("\"8\" = \"amputated\"", "\"8\" = \"cut\""), "expected.finger_exceptions.8",
     "amputated"),
    (("due_date = 2026-12-04", "due_date = \"04/12/2026\""), "expected.due_date",
     "2026-11-25"),
    (("title = ", "titel = "), "titel", "gõ nhầm"),
    (("rules = [\"P-3\"", "rules = [\"P-33\""), "rules", "P-33"),
])
def test_a_broken_file_names_itself_and_the_field(scratch: Path, change: tuple[str, str],
                                                 field: str, words: str) -> None:
    old, new = change
    assert old in GOOD
    (scratch / "scenarios" / "broken.toml").write_text(GOOD.replace(old, new, 1),
                                                       encoding="utf-8")
    with pytest.raises(ScenarioError) as raised:
        load_scenario(scratch, "broken", fault_names())
    assert raised.value.message.startswith(f"Kịch bản broken.toml, trường «{field}»")
    assert words in raised.value.message


def test_r3_goes_with_the_court_decision_and_a_guardian(scratch: Path,
                                                        resources: Path) -> None:
    good = (resources / "scenarios" / "guardian-for-adult.toml").read_text(encoding="utf-8")
    decision = good[good.index("[capacity]"):good.index("[representative]")]
    for name, text, field, words in (
            ("no-table", good.replace(decision, ""), "capacity", "R-3"),
            ("no-row", good.replace('"R-3", ', ""), "capacity", "R-3"),
            ("kind", good.replace('kind = "cognitive_difficulty"', 'kind = "limited"'),
             "capacity.kind", "lost_capacity"),
            ("later", good.replace("issued_on = 2025-03-14", "issued_on = 2026-11-26"),
             "capacity.issued_on", "sau ngày của kịch bản")):
        (scratch / "scenarios" / f"{name}.toml").write_text(text, encoding="utf-8")
        with pytest.raises(ScenarioError) as raised:
            load_scenario(scratch, name, fault_names())
        assert raised.value.message.startswith(f"Kịch bản {name}.toml, trường «{field}»"), name
        assert words in raised.value.message, name
    played = load_scenario(resources, "guardian-for-adult", fault_names())
    assert played.capacity is not None
    assert played.capacity.claim().issued_on == "14/03/2025"


def test_delivery_by_post_needs_the_address(scratch: Path) -> None:
    text = GOOD.replace("[expected]\n", "[expected]\ndelivery = \"post\"\n")
    (scratch / "scenarios" / "post.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"citizen\.address"):
        load_scenario(scratch, "post", fault_names())


def test_toml_that_does_not_parse_is_named(scratch: Path) -> None:
    (scratch / "scenarios" / "bad.toml").write_text("title = \n", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"bad\.toml.*cú pháp TOML"):
        load_scenario(scratch, "bad")


def test_the_names_the_first_players_used_still_answer(scenarios: list[Scenario]) -> None:
    refusal = next(s for s in scenarios if s.name == "refusal")
    assert (refusal.id_number, refusal.reason, refusal.approver) == (
        "079085001122", Reason.FIRST_ISSUE, "Phạm Thị Giám Sát")
