"""An adult who lost capacity (R-3) through the desk: without the declaration the adult files
alone; with it the decision requires the guardian, the declaration is sealed at rest, resumed,
audited without personal data and printed on CC01; without its court decision it is refused
and nothing moves; withdrawn, the guardian goes too."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.app import Context
from kiosk.desk.casefile import CaseFile
from kiosk.desk.desk import CounterDesk
from kiosk.storage.cases import CaseRepository, StoredCapacity
from kiosk.storage.crypto import KeyRing, key_path
from kiosk.storage.rotation import rotate
from kiosk.workflow.capacity import CapacityClaim
from kiosk.workflow.case import Step
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.procedures import Reason
from kiosk.workflow.representation import Relationship
from tests.desk.steps import capture_all, opened
from tests.desk.test_adjustment import audit_rows, pages_of, text_of

ADULT = "001095007531"  # Trần Văn Lợi, 30, no card yet
GUARDIAN = "001170004826"  # Trần Thị Hoa, his sister
NUMBER = "27/2025/QĐST-DS"
CLAIM = CapacityClaim("cognitive_difficulty", NUMBER, "14/03/2025")
CAPACITY_BASIS = "Bộ luật Dân sự 2015 Điều 22, 23"  # age.toml lost_capacity_basis, its 2nd part
APPOINTED = f"Quyết định số {NUMBER} ngày 14/03/2025 của Tòa án nhân dân khu vực 1 - Hà Nội"


def declared(desk: CounterDesk, claim: CapacityClaim = CLAIM) -> CaseFile:
    case = opened(desk, ADULT)
    desk.set_capacity(case, claim)
    return case


def with_guardian(desk: CounterDesk, case: CaseFile) -> None:
    person = desk.find_representative(case, GUARDIAN)
    desk.accept_representative(case, person, Relationship.GUARDIAN, APPOINTED)


def test_without_the_declaration_the_adult_files_alone(context: Context) -> None:
    desk = context.desk
    case = opened(desk, ADULT)
    desk.decide(case, Reason.FIRST_ISSUE)
    assert not case.decided.representative_required
    assert CAPACITY_BASIS not in case.decided.legal_basis
    assert desk.request_for(case.citizen, Reason.FIRST_ISSUE).lost_capacity is False
    desk.check_representative(case)
    assert case.step is Step.REPRESENTATIVE_CHECKED
    assert desk.cases.load(case.code).capacity is None


def test_the_declaration_requires_the_guardian_and_survives_a_restart(
        context: Context) -> None:
    desk = context.desk
    case = opened(desk, ADULT)
    assert desk.preview(case, Reason.FIRST_ISSUE, capacity=True).representative_required
    assert not desk.preview(case, Reason.FIRST_ISSUE).representative_required  # not yet
    desk.set_capacity(case, CLAIM)
    assert case.capacity is not None and case.capacity.number == NUMBER
    desk.decide(case, Reason.FIRST_ISSUE)
    decision = case.decided
    assert decision.representative_required and decision.applicant_present_required
    assert CAPACITY_BASIS in decision.legal_basis
    assert (decision.fee.value, decision.biometrics.capture) == (0, True)

    with pytest.raises(RuleViolation) as refused:  # the guardian is recorded first
        desk.check_representative(case)
    assert refused.value.code == "representative.required"
    person = desk.find_representative(case, GUARDIAN)
    with pytest.raises(RuleViolation) as parent:  # an adult's parent is no representative
        desk.accept_representative(case, person, Relationship.MOTHER, APPOINTED)
    assert parent.value.code == "representative.adult_applicant"
    desk.accept_representative(case, person, Relationship.GUARDIAN, APPOINTED)
    desk.check_representative(case)

    resumed = desk.resume(case.code)  # a restart reads the declaration and the decision back
    assert resumed.capacity == case.capacity
    assert resumed.decided.representative_required
    assert resumed.representative == "Trần Thị Hoa"
    assert resumed.step is Step.REPRESENTATIVE_CHECKED
    # Whether it was declared, never which decision nor its number.
    assert audit_rows(desk.audit, "capacity") == [{"declared": True}]


def test_the_declaration_is_sealed_and_a_key_rotation_reseals_it(context: Context,
                                                                 tmp_path: Path) -> None:
    desk = context.desk
    case = declared(desk)
    engine = desk.cases._engine  # reading the raw row is the point
    query = sa.text("SELECT capacity_sealed FROM cases")
    with engine.connect() as connection:
        sealed = bytes(connection.execute(query).scalar_one())
    for secret in (NUMBER, "cognitive_difficulty", "2025-03-14"):
        assert secret.encode() not in sealed
    assert rotate(engine, tmp_path / "data") > 0
    new = KeyRing.from_json(key_path(tmp_path / "data").read_text())
    stored = CaseRepository(engine, new).load(case.code).capacity
    assert stored == StoredCapacity("cognitive_difficulty", NUMBER, "2025-03-14")
    with engine.connect() as connection:
        assert bytes(connection.execute(query).scalar_one()) != sealed


def test_a_declaration_without_its_court_decision_is_refused_and_nothing_moves(
        context: Context) -> None:
    desk = context.desk
    case = opened(desk, ADULT)
    for claim, words in (
            (CapacityClaim("", NUMBER, "14/03/2025"), "chọn giấy tờ chứng minh"),
            (CapacityClaim("cognitive_difficulty", "", "14/03/2025"),
             "Nhập số của quyết định của Tòa án"),
            (CapacityClaim("cognitive_difficulty", NUMBER, ""), "Ngày ra quyết định")):
        with pytest.raises(RuleViolation) as refused:
            desk.set_capacity(case, claim)
        assert words in refused.value.message
    assert case.capacity is None and case.step is Step.IDENTIFIED
    assert desk.cases.load(case.code).capacity is None
    assert audit_rows(desk.audit, "capacity") == []


def test_withdrawn_after_the_decision_it_goes_back_and_the_guardian_goes(
        context: Context) -> None:
    desk = context.desk
    case = declared(desk)
    desk.decide(case, Reason.FIRST_ISSUE)
    with_guardian(desk, case)
    assert case.step is Step.PROCEDURE_DECIDED
    desk.set_capacity(case, CLAIM)  # the same declaration again: nothing moves
    assert case.step is Step.PROCEDURE_DECIDED and case.representative is not None

    desk.set_capacity(case, None)  # ticked by mistake: the clerk unticks it
    assert case.step is Step.IDENTIFIED
    assert (case.capacity, case.representative, case.representative_id) == (None, None, None)
    stored = desk.cases.load(case.code)
    assert (stored.capacity, stored.representative) == (None, None)
    desk.decide(case, Reason.FIRST_ISSUE)
    assert not case.decided.representative_required
    assert audit_rows(desk.audit, "capacity") == [{"declared": True}, {"declared": False}]


def test_cc01_names_the_court_decision_beside_the_guardian(context: Context,
                                                           tmp_path: Path) -> None:
    desk = context.desk
    case = declared(desk)
    desk.decide(case, Reason.FIRST_ISSUE)
    with_guardian(desk, case)
    desk.check_representative(case)
    capture_all(desk, case)
    desk.finish_biometrics(case)
    pdf = tmp_path / "cc01.pdf"
    pdf.write_bytes(desk.receipt_pdf(case))
    text = text_of(pdf)
    assert ("Trần Thị Hoa (Số định danh cá nhân 001170004826); căn cứ: Quyết định của Tòa án "
            "tuyên bố có khó khăn trong nhận thức, làm chủ hành vi số 27/2025/QĐST-DS ngày "
            "14/03/2025") in text
    assert "NGƯỜI ĐẠI DIỆN HỢP PHÁP" in text  # the guardian signs
    assert pages_of(pdf) == 1
