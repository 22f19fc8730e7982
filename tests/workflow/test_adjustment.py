"""The CSDLQG adjustment the clerk asks for (DC02 item 7): fields from the fixed list,
documents typed, every refusal in Vietnamese saying what to do; the list is data."""

from __future__ import annotations

import tomllib
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kiosk.registry.cardqr import CARD_FIELDS
from kiosk.workflow.adjustment import (
    AdjustmentRules,
    RegistryField,
    check_adjustment,
    recorded_adjustment,
)
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.lawbook import Lawbook
from tests.workflow.conftest import assess

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
ADJUSTMENT_TOML = RESOURCES / "law" / "adjustment.toml"
ADULT_CARD = {"kind": "cccd", "issued": "2021-04-10", "expires": "2036-03-15"}


@pytest.fixture
def rules(lawbook: Lawbook) -> AdjustmentRules:
    return lawbook.adjustment


def raw() -> dict[str, Any]:
    with ADJUSTMENT_TOML.open("rb") as handle:
        return tomllib.load(handle)


def test_the_fixed_list_is_data_with_labels_and_bases(rules: AdjustmentRules) -> None:
    assert [info.field.value for info in rules.fields] == [
        "full_name", "date_of_birth", "sex", "place_of_birth_registration", "hometown",
        "ethnicity", "religion", "nationality", "residence", "parents"]
    assert rules.info(RegistryField.HOMETOWN).label == "Quê quán"
    assert all(info.basis.startswith("Luật Căn cước 2023 Điều 9") for info in rules.fields)
    assert "Nghị định 70/2024/NĐ-CP Điều 6 khoản 3" in rules.basis
    assert rules.dc02_item == 7
    # The three fields a card's QR code carries are adjustable under the same codes.
    assert {f.value for f in CARD_FIELDS} <= {f.value for f in RegistryField}
    text = ADJUSTMENT_TOML.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text


def test_the_data_must_list_every_field_once() -> None:
    data = raw()
    data["fields"] = data["fields"][:-1]
    with pytest.raises(ValueError, match="exactly once"):
        AdjustmentRules.from_mapping(data)
    data = raw()
    data["documents"]["min_length"] = 0
    with pytest.raises(ValueError, match="min_length"):
        AdjustmentRules.from_mapping(data)


def test_an_accepted_adjustment_keeps_the_rules_order_and_cleans_the_documents(
        rules: AdjustmentRules) -> None:
    nfd = unicodedata.normalize("NFD", "Giấy khai sinh  số 123/2016 ")
    accepted = check_adjustment(["parents", "full_name", "full_name"], nfd, rules)
    asked = accepted.value
    assert asked.codes == ("full_name", "parents")
    assert asked.labels == ("Họ, chữ đệm và tên", "Thông tin về cha, mẹ")
    assert asked.documents == "Giấy khai sinh số 123/2016"
    assert accepted.basis[0] == rules.basis
    assert "Luật Căn cước 2023 Điều 9 khoản 15" in accepted.basis
    assert rules.documents_basis in accepted.basis


@pytest.mark.parametrize(("fields", "documents", "code", "says"), [
    ((), "Giấy khai sinh số 123/2016", "adjustment.no_fields", "Chưa chọn thông tin nào"),
    (("full_name", "blood_group"), "Giấy khai sinh số 123/2016", "adjustment.unknown_field",
     "Không có thông tin «blood_group»"),
    (("full_name",), "", "adjustment.documents", "Nhập tên, số và ngày cấp giấy tờ"),
    (("full_name",), "  GKS ", "adjustment.documents", "ít nhất 6 ký tự"),
    (("sex",), "Giấy khai sinh " * 20, "adjustment.documents_too_long", "tối đa 200 ký tự"),
])
def test_refusals_say_what_to_do_in_vietnamese(rules: AdjustmentRules, fields: tuple[str, ...],
                                               documents: str, code: str, says: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_adjustment(fields, documents, rules)
    assert refused.value.code == code
    assert says in refused.value.message
    assert refused.value.basis
    message = refused.value.message
    assert unicodedata.normalize("NFC", message) == message


def test_missing_documents_name_the_papers_that_prove_the_fields(
        rules: AdjustmentRules) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_adjustment(["ethnicity"], "", rules)
    assert "quyết định xác định lại dân tộc" in refused.value.message
    assert rules.documents_example in refused.value.message


def test_a_recorded_adjustment_comes_back_with_its_labels(rules: AdjustmentRules) -> None:
    asked = recorded_adjustment(["residence", "sex"], "Giấy khai sinh số 1/2000", rules)
    assert asked.codes == ("sex", "residence")
    assert asked.labels == ("Giới tính", "Nơi cư trú")
    with pytest.raises(ValueError):
        recorded_adjustment(["blood_group"], "x", rules)
    with pytest.raises(ValueError):
        recorded_adjustment([], "x", rules)


def test_the_adjustment_adds_its_working_days_to_the_return_date(lawbook: Lawbook) -> None:
    """T-2: +2 working days before the T-1 clock, with its basis (NĐ 70/2024 Điều 6 k3)."""
    plain = assess(lawbook, birth_date="1996-03-15", request="renew", reason="cccd_conversion",
                   card=ADULT_CARD)
    adjusted = assess(lawbook, birth_date="1996-03-15", request="renew",
                      reason="cccd_conversion", card=ADULT_CARD, db_adjustment_needed=True)
    assert plain.due is not None and adjusted.due is not None
    assert plain.due.value == date(2026, 12, 4)  # Friday, 7 working days after 25/11
    assert adjusted.due.value == date(2026, 12, 8)  # then Monday and Tuesday
    assert lawbook.adjustment_working_days == 2
    assert lawbook.adjustment_basis in adjusted.due.basis
    assert lawbook.adjustment_basis not in plain.due.basis
