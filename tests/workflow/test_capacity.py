"""The declaration of lost capacity (R-3): the court decision checked, and who may then
represent an adult."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.workflow.capacity import (
    CapacityClaim,
    CapacityDeclaration,
    CapacityKind,
    check_capacity,
    recorded_capacity,
    typed_day,
)
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.lawbook import Lawbook
from kiosk.workflow.people import Citizen, Sex
from kiosk.workflow.representation import Relationship, assess_representative, relationships_for
from tests.workflow.conftest import TODAY, assess

BIRTH = date(1995, 12, 1)


def checked(law: Lawbook, kind: str = "cognitive_difficulty", number: str = "27/2025/QĐ-TA",
            issued_on: str = "14/03/2025") -> CapacityDeclaration:
    return check_capacity(CapacityClaim(kind, number, issued_on), birth=BIRTH, today=TODAY,
                          rules=law.capacity).value


def test_a_complete_declaration_names_the_court_decision(lawbook: Lawbook) -> None:
    decided = check_capacity(CapacityClaim("lost_capacity", "  12/2024/QĐST-DS ", "5-1-2024"),
                             birth=BIRTH, today=TODAY, rules=lawbook.capacity)
    declaration = decided.value
    assert declaration.kind.kind is CapacityKind.LOST_CAPACITY
    assert (declaration.number, declaration.issued_on) == ("12/2024/QĐST-DS", date(2024, 1, 5))
    assert declaration.document == ("Quyết định của Tòa án tuyên bố mất năng lực hành vi dân "
                                    "sự số 12/2024/QĐST-DS ngày 05/01/2024")
    assert "Bộ luật Dân sự 2015 Điều 22 khoản 1" in decided.basis
    assert "Luật Căn cước 2023 Điều 23 khoản 3" in decided.basis[0]
    # Stored with an ISO date, read back the same (a resumed case).
    again = recorded_capacity("lost_capacity", declaration.number, "2024-01-05", lawbook.capacity)
    assert again == declaration


@pytest.mark.parametrize(("fields", "code", "words"), [
    ({"kind": ""}, "capacity.kind", "chọn giấy tờ chứng minh"),
    ({"kind": "limited_capacity"}, "capacity.kind", "Quyết định của Tòa án tuyên bố"),
    ({"number": ""}, "capacity.number", "Nhập số của quyết định của Tòa án"),
    ({"number": "12"}, "capacity.number", "ít nhất 3 ký tự"),
    ({"number": "1" * 41}, "capacity.number_too_long", "tối đa 40 ký tự"),
    ({"issued_on": ""}, "capacity.date", "nhập ngày/tháng/năm"),
    ({"issued_on": "31/02/2025"}, "capacity.date", "«31/02/2025» không phải ngày hợp lệ"),
    ({"issued_on": "26/11/2026"}, "capacity.date_range", "sau ngày hôm nay"),
    ({"issued_on": "30/11/1995"}, "capacity.date_range", "trước ngày sinh"),
])
def test_a_declaration_without_its_document_says_what_to_type(
        lawbook: Lawbook, fields: dict[str, str], code: str, words: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        checked(lawbook, **fields)
    assert refused.value.code == code
    assert words in refused.value.message
    assert refused.value.basis


def test_typed_days() -> None:
    assert typed_day("14/03/2025") == typed_day("14032025") == date(2025, 3, 14)
    assert typed_day("1.2.2025") == date(2025, 2, 1)
    assert typed_day("2025-03-14") is None  # not how the clerk reads a Vietnamese date
    assert typed_day("14/13/2025") is None


def test_the_declaration_requires_a_representative_for_an_adult(lawbook: Lawbook) -> None:
    plain = assess(lawbook, birth_date="1995-12-01", request="first")
    declared = assess(lawbook, birth_date="1995-12-01", request="first", lost_capacity=True)
    assert not plain.representative_required
    assert declared.representative_required
    assert "Bộ luật Dân sự 2015 Điều 22, 23" in declared.legal_basis
    assert "Bộ luật Dân sự 2015 Điều 22, 23" not in plain.legal_basis


def person(number: str, born: date, name: str) -> Citizen:
    return Citizen(id_number=number, full_name=name, date_of_birth=born, sex=Sex.FEMALE,
                   nationality="Việt Nam", place_of_birth_registration="", hometown="",
                   ethnicity="Kinh", religion="Không", permanent_residence="")


def test_an_adult_is_represented_by_a_guardian_not_a_parent(lawbook: Lawbook) -> None:
    rules = lawbook.representation
    adult = person("001095007531", BIRTH, "Trần Văn Lợi")
    child = person("001216007788", date(2016, 5, 20), "Đỗ Minh Khang")
    mother = person("001170004826", date(1970, 2, 17), "Trần Thị Hoa")
    assert [i.relationship for i in relationships_for(adult, on=TODAY, rules=rules)] == [
        Relationship.GUARDIAN]
    assert len(relationships_for(child, on=TODAY, rules=rules)) == 3
    with pytest.raises(RuleViolation) as refused:
        assess_representative(adult, mother, Relationship.MOTHER, "Giấy khai sinh số 1/1995",
                              on=TODAY, rules=rules)
    assert refused.value.code == "representative.adult_applicant"
    assert "người giám hộ" in refused.value.message
    accepted = assess_representative(adult, mother, Relationship.GUARDIAN,
                                     "Quyết định số 27/2025/QĐ-TA", on=TODAY, rules=rules)
    assert accepted.value.relationship is Relationship.GUARDIAN
