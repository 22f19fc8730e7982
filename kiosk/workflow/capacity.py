"""A citizen who has lost civil act capacity, or has difficulty in cognition or self-control
(legal.md §1.5, §1.8, rules table R-3): the clerk's declaration and the court decision that
shows it. The kinds of decision, their labels and bases are data
(resources/law/capacity.toml); what the declaration changes is the decision's
(``AssessRequest.lost_capacity``: a legal representative files)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from kiosk.workflow.decisions import Decided
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.people import tidy


class CapacityKind(StrEnum):
    """Which court decision was shown; the codes are what the case stores."""

    LOST_CAPACITY = "lost_capacity"  # Bộ luật Dân sự 2015 Điều 22
    COGNITIVE_DIFFICULTY = "cognitive_difficulty"  # Bộ luật Dân sự 2015 Điều 23


@dataclass(frozen=True)
class KindInfo:
    kind: CapacityKind
    label: str  # the document, as CC01 prints it
    basis: str
    short: str  # what the court declared, as the procedure page offers it


@dataclass(frozen=True)
class CapacityRules:
    """resources/law/capacity.toml."""

    label: str  # the two kinds of person, in the Code's words
    label_basis: str
    basis: str
    kinds: tuple[KindInfo, ...]  # in the order they are offered
    min_number: int
    max_number: int
    number_example: str
    document_basis: str

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> CapacityRules:
        kinds = tuple(KindInfo(CapacityKind(str(k["code"])), str(k["label"]), str(k["basis"]),
                               str(k["short"])) for k in data["kinds"])
        if sorted(k.kind for k in kinds) != sorted(CapacityKind):
            raise ValueError("capacity.toml: list every kind of decision exactly once")
        document = data["document"]
        low, high = int(document["min_length"]), int(document["max_length"])
        if not 0 < low <= high:
            raise ValueError("capacity.toml: need 0 < document.min_length <= max_length")
        return cls(str(data["label"]), str(data["label_basis"]), str(data["basis"]), kinds,
                   low, high, str(document["example"]), str(document["basis"]))

    def info(self, kind: CapacityKind) -> KindInfo:
        return next(k for k in self.kinds if k.kind is kind)


@dataclass(frozen=True)
class CapacityClaim:
    """The declaration as the clerk made it: the kind code chosen ("" none), the decision's
    number and its date as typed (dd/mm/yyyy, or the eight digits)."""

    kind: str
    number: str
    issued_on: str


@dataclass(frozen=True)
class CapacityDeclaration:
    """What the case records (personal data: stored sealed, never logged or audited)."""

    kind: KindInfo
    number: str
    issued_on: date

    @property
    def document(self) -> str:
        """The decision as CC01 and the pages name it."""
        return f"{self.kind.label} số {self.number} ngày {self.issued_on:%d/%m/%Y}"


_DAY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})|(\d{2})(\d{2})(\d{4})")


def typed_day(text: str) -> date | None:
    """dd/mm/yyyy (also with . or -, or one-digit day and month) or ddmmyyyy; None when the
    text is no such date."""
    found = _DAY.fullmatch(text.strip())
    if found is None:
        return None
    day, month, year = (int(part) for part in found.groups() if part is not None)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def check_capacity(claim: CapacityClaim, *, birth: date, today: date,
                   rules: CapacityRules) -> Decided[CapacityDeclaration]:
    """The declaration, checked: a kind of decision chosen, its number and its date (after the
    birth, not after today). Raises RuleViolation saying what to do next."""
    kinds = {k.kind.value: k for k in rules.kinds}
    example = f"ví dụ: {rules.kinds[0].label} số {rules.number_example} ngày 14/03/2025"
    info = kinds.get(claim.kind.strip())
    if info is None:
        offered = "; ".join(k.label for k in rules.kinds)
        raise RuleViolation(
            "capacity.kind",
            f"{rules.label}: chọn giấy tờ chứng minh công dân xuất trình ({offered}), hoặc bỏ "
            "đánh dấu nếu công dân không thuộc trường hợp này.", rules.label_basis)
    number = tidy(claim.number)
    if len(number) < rules.min_number:
        length = f", ít nhất {rules.min_number} ký tự" if number else ""
        raise RuleViolation(
            "capacity.number",
            f"Nhập số của quyết định của Tòa án công dân xuất trình{length} ({example}).",
            rules.document_basis)
    if len(number) > rules.max_number:
        raise RuleViolation(
            "capacity.number_too_long",
            f"Số quyết định dài {len(number)} ký tự, tối đa {rules.max_number} ký tự: chỉ ghi "
            f"số như in trên quyết định (ví dụ {rules.number_example}).", rules.document_basis)
    issued = typed_day(claim.issued_on)
    if issued is None:
        typed = f" «{tidy(claim.issued_on)}» không phải ngày hợp lệ:" if claim.issued_on.strip() \
            else ""
        raise RuleViolation(
            "capacity.date",
            f"Ngày ra quyết định{typed} nhập ngày/tháng/năm như in trên quyết định của Tòa án "
            f"({example}).", rules.document_basis)
    if issued > today or issued < birth:
        when = "sau ngày hôm nay" if issued > today else "trước ngày sinh của công dân"
        raise RuleViolation(
            "capacity.date_range",
            f"Ngày ra quyết định {issued:%d/%m/%Y} {when}: kiểm tra lại ngày in trên quyết "
            "định của Tòa án.", rules.document_basis)
    basis = (rules.basis, info.basis, rules.document_basis)
    return Decided(CapacityDeclaration(info, number, issued), tuple(dict.fromkeys(basis)))


def recorded_capacity(kind: str, number: str, issued_on: str,
                      rules: CapacityRules) -> CapacityDeclaration:
    """A declaration as stored (ISO date), back with its label (a resumed case); raises
    ValueError on a kind the rules no longer list or a damaged date."""
    return CapacityDeclaration(rules.info(CapacityKind(kind)), number,
                               date.fromisoformat(issued_on))
