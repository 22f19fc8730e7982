"""Adjusting the record in CSDLQG về dân cư before the card procedure (legal.md §4.2 DC02
item 7, §5.1, §8.5, rules table T-2): which registry fields differ from the citizen's papers,
and the documents shown that prove the right values. The fields, their labels and the bases
are data (resources/law/adjustment.toml); the extra working days are the decision's
(``AssessRequest.db_adjustment_needed``, resources/law/time_limits.toml [db_adjustment])."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kiosk.workflow.decisions import Decided
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.people import nfc, tidy


class RegistryField(StrEnum):
    """A field of the CSDLQG record the clerk may ask to adjust; the codes are what the case
    stores. Three of them are printed on a card too (kiosk/registry/cardqr.py CARD_FIELDS)."""

    FULL_NAME = "full_name"
    DATE_OF_BIRTH = "date_of_birth"
    SEX = "sex"
    PLACE_OF_BIRTH_REGISTRATION = "place_of_birth_registration"
    HOMETOWN = "hometown"
    ETHNICITY = "ethnicity"
    RELIGION = "religion"
    NATIONALITY = "nationality"
    RESIDENCE = "residence"
    PARENTS = "parents"


@dataclass(frozen=True)
class FieldInfo:
    field: RegistryField
    label: str  # what the clerk sees and DC02 prints
    document: str  # an example of the paper that proves the right value
    basis: str


@dataclass(frozen=True)
class AdjustmentRules:
    """resources/law/adjustment.toml."""

    fields: tuple[FieldInfo, ...]  # in the order they are offered and printed
    basis: str
    min_documents: int
    max_documents: int
    documents_basis: str
    documents_example: str
    dc02_item: int  # the DC02 section III item ticked ("Điều chỉnh thông tin ...")

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> AdjustmentRules:
        infos = tuple(FieldInfo(RegistryField(str(f["code"])), str(f["label"]),
                                str(f["document"]), str(f["basis"])) for f in data["fields"])
        listed = [info.field for info in infos]
        if sorted(listed) != sorted(RegistryField):
            raise ValueError("adjustment.toml: list every registry field exactly once")
        documents = data["documents"]
        low, high = int(documents["min_length"]), int(documents["max_length"])
        if not 0 < low <= high:
            raise ValueError("adjustment.toml: need 0 < documents.min_length <= max_length")
        return cls(infos, str(data["basis"]), low, high, str(documents["basis"]),
                   str(documents["example"]), int(data["dc02"]["item"]))

    def info(self, field: RegistryField) -> FieldInfo:
        return next(i for i in self.fields if i.field is field)


@dataclass(frozen=True)
class Adjustment:
    """What the case records: the fields to adjust (in the rules' order) and the supporting
    documents shown, as typed (personal data: stored sealed, never logged or audited)."""

    fields: tuple[FieldInfo, ...]
    documents: str

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(info.field.value for info in self.fields)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(info.label for info in self.fields)


def check_adjustment(fields: Iterable[str], documents: str,
                     rules: AdjustmentRules) -> Decided[Adjustment]:
    """The adjustment the clerk asks for, checked: at least one field, every one a known
    code, the documents typed. Raises RuleViolation saying what to do next."""
    codes = list(dict.fromkeys(nfc(code).strip() for code in fields))
    known = {info.field.value: info for info in rules.fields}
    if not codes:
        raise RuleViolation(
            "adjustment.no_fields",
            "Chưa chọn thông tin nào cần điều chỉnh: đánh dấu các thông tin trong CSDLQG về "
            "dân cư khác giấy tờ của công dân, hoặc bỏ yêu cầu điều chỉnh.", rules.basis)
    unknown = [code for code in codes if code not in known]
    if unknown:
        offered = "; ".join(info.label for info in rules.fields)
        raise RuleViolation(
            "adjustment.unknown_field",
            f"Không có thông tin «{', '.join(unknown)}» trong danh mục điều chỉnh thông tin "
            f"CSDLQG về dân cư. Chọn trong danh mục: {offered}.", rules.basis)
    chosen = tuple(info for info in rules.fields if info.field.value in codes)
    shown = tidy(documents)
    if len(shown) < rules.min_documents:
        examples = "; ".join(dict.fromkeys(info.document for info in chosen))
        length = f", ít nhất {rules.min_documents} ký tự" if shown else ""
        raise RuleViolation(
            "adjustment.documents",
            f"Nhập tên, số và ngày cấp giấy tờ công dân xuất trình để chứng minh thông tin "
            f"đúng{length} (ví dụ: {rules.documents_example}; giấy tờ phù hợp: {examples}).",
            rules.documents_basis)
    if len(shown) > rules.max_documents:
        raise RuleViolation(
            "adjustment.documents_too_long",
            f"Giấy tờ kèm theo dài {len(shown)} ký tự, tối đa {rules.max_documents} ký tự để "
            "in trên phiếu DC02: ghi ngắn gọn tên, số và ngày cấp của từng giấy tờ.",
            rules.documents_basis)
    basis = (rules.basis, *dict.fromkeys(info.basis for info in chosen), rules.documents_basis)
    return Decided(Adjustment(chosen, shown), tuple(dict.fromkeys(basis)))


def recorded_adjustment(codes: Iterable[str], documents: str,
                        rules: AdjustmentRules) -> Adjustment:
    """An adjustment as stored, back with its labels (a resumed case); raises ValueError on a
    code the rules no longer list (a damaged record)."""
    wanted = [RegistryField(code) for code in codes]
    if not wanted:
        raise ValueError("a recorded adjustment lists no field")
    return Adjustment(tuple(info for info in rules.fields if info.field in wanted), documents)
