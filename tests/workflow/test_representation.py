"""The legal representative: an adult other than the applicant; a parent the registry names
is proven there, anyone else by the document shown (legal.md §1.8, R-1..R-3)."""

from __future__ import annotations

import shutil
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.lawbook import Lawbook, load_lawbook
from kiosk.workflow.people import Citizen, Sex
from kiosk.workflow.representation import (
    Parent,
    Relationship,
    RepresentationRules,
    assess_representative,
    registry_relationship,
    same_name,
)

ON = date(2026, 11, 25)
BIRTH_CERTIFICATE = "Giấy khai sinh số 123/2016"


def person(id_number: str, full_name: str, born: date, sex: Sex = Sex.MALE, *,
           father: str = "", mother: str = "") -> Citizen:
    return Citizen(id_number, full_name, born, sex, "Việt Nam", "UBND phường Láng Hạ",
                   "Bắc Ninh", "Kinh", "Không", "Hà Nội", father_name=father,
                   mother_name=mother)


CHILD = person("001216007788", "Đỗ Minh Khang", date(2016, 5, 20),
               father="Đỗ Văn Tuấn", mother="Lê Thị Thu Hà")
FATHER = person("001084004321", "Đỗ Văn Tuấn", date(1984, 7, 14))
MOTHER = person("001186005566", "Lê Thị Thu Hà", date(1986, 2, 3), Sex.FEMALE)


@pytest.fixture
def rules(lawbook: Lawbook) -> RepresentationRules:
    return lawbook.representation


def violation(rules: RepresentationRules, who: Citizen, relationship: Relationship,
              evidence: str = "", applicant: Citizen = CHILD) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        assess_representative(applicant, who, relationship, evidence, on=ON, rules=rules)
    return caught.value


def test_the_father_the_registry_names_needs_no_paper(rules: RepresentationRules) -> None:
    decided = assess_representative(CHILD, FATHER, Relationship.FATHER, "", on=ON, rules=rules)
    found = decided.value
    assert (found.full_name, found.id_number, found.relationship.value) == (
        "Đỗ Văn Tuấn", "001084004321", "cha")
    assert found.evidence == "CSDLQG" and found.proven_by_registry
    basis = "; ".join(decided.basis)
    assert "Luật Căn cước 2023 Điều 23 khoản 2, khoản 3" in basis
    assert "Bộ luật Dân sự 2015 Điều 136 khoản 1" in basis
    assert "Điều 9 khoản 15" in basis  # the registry holds the parents


def test_a_document_typed_for_a_registry_parent_is_not_stored(
        rules: RepresentationRules) -> None:
    decided = assess_representative(CHILD, MOTHER, Relationship.MOTHER, BIRTH_CERTIFICATE,
                                    on=ON, rules=rules)
    assert decided.value.evidence == "CSDLQG"


@pytest.mark.parametrize(
    ("born", "accepted"),
    [
        (date(2008, 11, 25), True),  # 18 on the day itself (đủ 18 tuổi)
        (date(2008, 11, 26), False),  # 18 tomorrow
        (date(2012, 8, 30), False),  # 14
    ],
)
def test_the_representative_is_an_adult(rules: RepresentationRules, born: date,
                                        accepted: bool) -> None:
    sibling = person("001208001234", "Đỗ Minh Quân", born)
    if accepted:
        decided = assess_representative(CHILD, sibling, Relationship.GUARDIAN,
                                        "Quyết định cử người giám hộ số 12/QĐ-UBND", on=ON,
                                        rules=rules)
        assert decided.value.evidence == "Quyết định cử người giám hộ số 12/QĐ-UBND"
    else:
        refused = violation(rules, sibling, Relationship.GUARDIAN, "Quyết định số 12/QĐ-UBND")
        assert refused.code == "representative.minor"
        assert "Đỗ Minh Quân" in refused.message and "18 tuổi" in refused.message
        assert "Bộ luật Dân sự 2015 Điều 20" in refused.basis


def test_a_minor_parent_named_by_the_registry_is_still_refused(
        rules: RepresentationRules) -> None:
    young = replace(FATHER, date_of_birth=date(2009, 1, 1))
    assert violation(rules, young, Relationship.FATHER).code == "representative.minor"


def test_the_applicant_cannot_represent_himself(rules: RepresentationRules) -> None:
    adult = person("001096012345", "Nguyễn Văn Bình", date(1996, 3, 15))
    refused = violation(rules, adult, Relationship.GUARDIAN, "Quyết định số 1", applicant=adult)
    assert refused.code == "representative.self"
    assert "chính công dân" in refused.message


def test_a_mother_the_registry_does_not_name_shows_the_birth_certificate(
        rules: RepresentationRules) -> None:
    other = person("001188007700", "Phạm Thị Mai", date(1988, 9, 9), Sex.FEMALE)
    refused = violation(rules, other, Relationship.MOTHER)
    assert refused.code == "representative.evidence"
    assert "Lê Thị Thu Hà, không phải Phạm Thị Mai" in refused.message
    assert "Giấy khai sinh" in refused.message  # says what to type
    assert "Nghị định 70/2024/NĐ-CP Điều 21 khoản 1" in refused.basis

    decided = assess_representative(CHILD, other, Relationship.MOTHER,
                                    f"  {BIRTH_CERTIFICATE.replace(' ', '   ')} ", on=ON,
                                    rules=rules)
    assert decided.value.evidence == BIRTH_CERTIFICATE  # whitespace collapsed
    assert not decided.value.proven_by_registry


def test_a_parent_missing_from_the_registry_needs_the_document(
        rules: RepresentationRules) -> None:
    orphan_record = replace(CHILD, father_name="")
    refused = violation(rules, FATHER, Relationship.FATHER, applicant=orphan_record)
    assert "chưa có thông tin cha" in refused.message


def test_a_guardian_always_shows_a_document(rules: RepresentationRules) -> None:
    # Even the registry's father, chosen as guardian: guardianship is not in the parent fields.
    refused = violation(rules, FATHER, Relationship.GUARDIAN)
    assert refused.code == "representative.evidence"
    assert "Quyết định cử người giám hộ" in refused.message
    short = violation(rules, FATHER, Relationship.GUARDIAN, "QĐ 1")
    assert "ít nhất 6 ký tự" in short.message
    claimed = violation(rules, FATHER, Relationship.GUARDIAN, "csdlqg")
    assert claimed.code == "representative.not_in_registry"
    decided = assess_representative(CHILD, FATHER, Relationship.GUARDIAN,
                                    "Trích lục đăng ký giám hộ số 45/TLGH", on=ON, rules=rules)
    assert decided.value.evidence == "Trích lục đăng ký giám hộ số 45/TLGH"
    assert "Bộ luật Dân sự 2015 Điều 136 khoản 2, Điều 46–54" in decided.basis


def test_names_compare_nfc_case_and_space_insensitive() -> None:
    decomposed = unicodedata.normalize("NFD", "Đỗ Văn Tuấn")
    assert decomposed != "Đỗ Văn Tuấn"
    assert same_name(decomposed, "Đỗ Văn Tuấn")
    assert same_name("  ĐỖ   VĂN\tTUẤN ", "Đỗ Văn Tuấn")
    assert not same_name("Đỗ Văn Tuân", "Đỗ Văn Tuấn")  # another tone is another name
    assert not same_name("Do Van Tuan", "Đỗ Văn Tuấn")
    assert not same_name("", "")  # no name recorded proves nothing


def test_the_registry_proves_a_parent_typed_in_another_form(
        rules: RepresentationRules) -> None:
    shouting = replace(FATHER, full_name="ĐỖ  VĂN TUẤN")
    assert registry_relationship(CHILD, shouting, rules) is Relationship.FATHER
    decomposed_mother = replace(MOTHER, full_name=unicodedata.normalize("NFD", "Lê Thị Thu Hà"))
    assert registry_relationship(CHILD, decomposed_mother, rules) is Relationship.MOTHER
    stranger = person("001190001111", "Trần Văn Nam", date(1990, 1, 1))
    assert registry_relationship(CHILD, stranger, rules) is None
    decided = assess_representative(CHILD, decomposed_mother, Relationship.MOTHER, "", on=ON,
                                    rules=rules)
    assert decided.value.evidence == "CSDLQG"


def test_the_relationships_offered_are_data(rules: RepresentationRules) -> None:
    assert [(i.relationship.value, i.label, i.registry_parent) for i in rules.relationships] \
        == [("cha", "Cha", Parent.FATHER), ("mẹ", "Mẹ", Parent.MOTHER),
            ("người giám hộ", "Người giám hộ", None)]
    assert all(unicodedata.is_normalized("NFC", r.value) for r in Relationship)
    assert all(i.basis and i.document for i in rules.relationships)


def test_a_relationship_missing_from_the_data_is_refused_at_load(resources: Path,
                                                                 tmp_path: Path) -> None:
    edited = tmp_path / "resources"
    shutil.copytree(resources / "law", edited / "law")
    shutil.copytree(resources / "calendar", edited / "calendar")
    data = edited / "law" / "representation.toml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text[:text.rindex("[[relationships]]")], encoding="utf-8")
    with pytest.raises(ValueError, match="every relationship"):
        load_lawbook(edited)
