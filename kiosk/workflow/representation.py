"""Who may act as the legal representative of a child or of a person who lost capacity, and
what proves it (legal.md §1.8, R-1..R-3): the population registry, or a document shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from kiosk.workflow.age import age_on
from kiosk.workflow.decisions import Decided
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.people import Citizen, name_key, nfc, tidy


class Relationship(StrEnum):
    """Codes are what the case stores; labels and bases are data (representation.toml)."""

    FATHER = "cha"
    MOTHER = "mẹ"
    GUARDIAN = "người giám hộ"


class Parent(StrEnum):
    """The parent fields of a CSDLQG record (Luật Căn cước 2023 Điều 9 khoản 15)."""

    FATHER = "father"
    MOTHER = "mother"


@dataclass(frozen=True)
class RelationshipInfo:
    relationship: Relationship
    label: str
    registry_parent: Parent | None  # the registry field whose name proves the link
    basis: str
    document: str  # an example of the document that proves it, for the clerk
    minors_only: bool = False  # represents a child only (a parent); an adult has a guardian


@dataclass(frozen=True)
class RepresentationRules:
    """resources/law/representation.toml."""

    relationships: tuple[RelationshipInfo, ...]  # in the order they are offered
    basis: str
    adult_from: int
    adult_basis: str
    registry_evidence: str  # stored as the evidence when the registry proves the link
    registry_basis: str
    min_evidence: int
    document_basis: str

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> RepresentationRules:
        infos = tuple(
            RelationshipInfo(Relationship(nfc(str(r["value"]))), str(r["label"]),
                             Parent(r["registry_parent"]) if r["registry_parent"] else None,
                             str(r["basis"]), str(r["document"]), bool(r["minors_only"]))
            for r in data["relationships"])
        listed = [info.relationship for info in infos]
        if sorted(listed) != sorted(Relationship):
            raise ValueError("representation.toml: list every relationship exactly once")
        adult, evidence = data["adult"], data["evidence"]
        return cls(infos, str(data["basis"]), int(adult["from_age"]), str(adult["basis"]),
                   str(evidence["registry"]), str(evidence["registry_basis"]),
                   int(evidence["min_length"]), str(evidence["document_basis"]))

    def info(self, relationship: Relationship) -> RelationshipInfo:
        return next(i for i in self.relationships if i.relationship is relationship)


@dataclass(frozen=True)
class Representation:
    """What the desk records: the person, the relationship and the evidence."""

    full_name: str
    id_number: str
    relationship: Relationship
    evidence: str
    proven_by_registry: bool


def same_name(first: str, second: str) -> bool:
    """Names compare by :func:`name_key` (NFC, case and spacing aside); no name is no match."""
    return bool(name_key(first)) and name_key(first) == name_key(second)


def registry_parent_name(applicant: Citizen, parent: Parent) -> str:
    return applicant.father_name if parent is Parent.FATHER else applicant.mother_name


def registry_relationship(applicant: Citizen, person: Citizen,
                          rules: RepresentationRules) -> Relationship | None:
    """The relationship the registry proves by name (a parent it names), if any."""
    for info in rules.relationships:
        parent = info.registry_parent
        if parent is not None and same_name(person.full_name,
                                            registry_parent_name(applicant, parent)):
            return info.relationship
    return None


def proven_by_registry(applicant: Citizen, person: Citizen, relationship: Relationship,
                       rules: RepresentationRules) -> bool:
    parent = rules.info(relationship).registry_parent
    return parent is not None and same_name(person.full_name,
                                            registry_parent_name(applicant, parent))


def check_person(applicant: Citizen, person: Citizen, *, on: date,
                 rules: RepresentationRules) -> None:
    """Whoever the relationship: an adult other than the applicant, or a reason why not."""
    if person.id_number == applicant.id_number:
        raise RuleViolation(
            "representative.self",
            "Người đại diện không thể là chính công dân làm thủ tục. Tra cứu số định danh "
            "của cha, mẹ hoặc người giám hộ.", rules.basis)
    age = age_on(person.date_of_birth, on)
    if age < rules.adult_from:
        raise RuleViolation(
            "representative.minor",
            f"{person.full_name} mới {age} tuổi, chưa đủ {rules.adult_from} tuổi nên không thể "
            "là người đại diện hợp pháp. Tra cứu cha, mẹ hoặc người giám hộ đã thành niên.",
            rules.adult_basis)


def relationships_for(applicant: Citizen, *, on: date,
                      rules: RepresentationRules) -> tuple[RelationshipInfo, ...]:
    """The relationships that can make someone ``applicant``'s representative on ``on``: an
    adult's (who lost capacity) is a guardian, not a parent as such."""
    adult = age_on(applicant.date_of_birth, on) >= rules.adult_from
    return tuple(info for info in rules.relationships if not (adult and info.minors_only))


def assess_representative(applicant: Citizen, person: Citizen, relationship: Relationship,
                          evidence: str, *, on: date,
                          rules: RepresentationRules) -> Decided[Representation]:
    """Accept ``person`` as ``applicant``'s representative on ``on``, with the evidence
    to store: the registry when it names the parent, else the document the clerk typed."""
    check_person(applicant, person, on=on, rules=rules)
    info = rules.info(relationship)
    if info not in relationships_for(applicant, on=on, rules=rules):
        offered = ", ".join(i.label.lower() for i in relationships_for(applicant, on=on,
                                                                     rules=rules))
        raise RuleViolation(
            "representative.adult_applicant",
            f"{applicant.full_name} đã đủ {rules.adult_from} tuổi: {info.label.lower()} không "
            f"còn là người đại diện theo pháp luật của con đã thành niên. Chọn quan hệ "
            f"{offered} và nhập giấy tờ cử, chỉ định người giám hộ.", info.basis)
    basis = [rules.basis, info.basis]
    registry = proven_by_registry(applicant, person, relationship, rules)
    if registry:
        shown = rules.registry_evidence
        basis.append(rules.registry_basis)
    else:
        shown = tidy(evidence)
        _check_document(applicant, person, info, shown, rules)
        basis.append(rules.document_basis)
    return Decided(Representation(person.full_name, person.id_number, relationship, shown,
                                  registry), tuple(basis))


def _check_document(applicant: Citizen, person: Citizen, info: RelationshipInfo, shown: str,
                    rules: RepresentationRules) -> None:
    if info.registry_parent is not None:
        named = registry_parent_name(applicant, info.registry_parent)
        why = (f"CSDLQG về dân cư ghi {info.label.lower()} của {applicant.full_name} là "
               f"{named}, không phải {person.full_name}" if named else
               f"CSDLQG về dân cư chưa có thông tin {info.label.lower()} của "
               f"{applicant.full_name}")
    else:
        why = f"{info.label}: quan hệ giám hộ phải có giấy tờ chứng minh"
    example = f"ví dụ: {info.document}"
    if same_name(shown, rules.registry_evidence):
        raise RuleViolation(
            "representative.not_in_registry",
            f"{why}, không ghi «{rules.registry_evidence}» làm chứng cứ. Nhập tên và số giấy "
            f"tờ đã xuất trình ({example}).", rules.document_basis)
    if len(shown) < rules.min_evidence:
        length = f", ít nhất {rules.min_evidence} ký tự" if shown else ""
        raise RuleViolation(
            "representative.evidence",
            f"{why}. Nhập tên và số giấy tờ đã xuất trình{length} ({example}).",
            rules.document_basis)
