"""Where the card goes: the counter, or by post to an address the citizen gives (they pay the
courier). The clerk's typed address is checked here; the law's words are data in
resources/law/delivery.toml."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.people import tidy


class DeliveryMethod(StrEnum):
    COUNTER = "counter"
    POST = "post"


@dataclass(frozen=True)
class Delivery:
    """The citizen's choice; ``address`` and ``phone`` only for the post."""

    method: DeliveryMethod = DeliveryMethod.COUNTER
    address: str = ""
    phone: str = ""

    @property
    def by_post(self) -> bool:
        return self.method is DeliveryMethod.POST


COUNTER = Delivery()

_PHONE = re.compile(r"0\d{9}")  # a Vietnamese number as dialled at home: 10 digits from 0


def _clean(text: str) -> str:
    """NFC, single spaces, no stray spaces around commas."""
    return re.sub(r"\s*,\s*", ", ", tidy(text)).strip(", ")


@dataclass(frozen=True)
class DeliveryRules:
    basis: str
    labels: Mapping[DeliveryMethod, str]
    courier_note: str
    courier_basis: str
    min_parts: int
    max_length: int

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> DeliveryRules:
        return cls(
            basis=str(data["basis"]),
            labels={DeliveryMethod.COUNTER: str(data["counter"]["label"]),
                    DeliveryMethod.POST: str(data["post"]["label"])},
            courier_note=str(data["post"]["fee_note"]),
            courier_basis=str(data["post"]["fee_basis"]),
            min_parts=int(data["address"]["min_parts"]),
            max_length=int(data["address"]["max_length"]),
        )

    def label(self, delivery: Delivery) -> str:
        return self.labels[delivery.method]

    def choose(self, method: DeliveryMethod, address: str = "", phone: str = "") -> Delivery:
        """The checked choice, its text cleaned; raises a reason the clerk can act on."""
        if method is DeliveryMethod.COUNTER:
            return COUNTER
        address = _clean(address)
        phone = "".join(phone.split()).replace(".", "").replace("-", "")
        if not address:
            raise RuleViolation("delivery.no_address",
                                "Nhập địa chỉ nhận thẻ qua bưu chính, hoặc chọn nhận tại nơi "
                                "làm thủ tục.", self.basis)
        parts = [p for p in address.split(",") if p.strip()]
        if len(parts) < self.min_parts or not any(c.isalpha() for c in parts[-1]):
            raise RuleViolation(
                "delivery.address_incomplete",
                "Địa chỉ nhận thẻ chưa đủ: ghi số nhà/đường (thôn, tổ), xã/phường và "
                "tỉnh/thành phố, cách nhau bằng dấu phẩy.", self.basis)
        if len(address) > self.max_length:
            raise RuleViolation(
                "delivery.address_too_long",
                f"Địa chỉ nhận thẻ dài quá {self.max_length} ký tự: bỏ bớt phần không cần "
                "cho bưu tá.", self.basis)
        if phone and not _PHONE.fullmatch(phone):
            raise RuleViolation(
                "delivery.bad_phone",
                "Số điện thoại người nhận phải gồm 10 chữ số, bắt đầu bằng số 0 (có thể để "
                "trống).", self.basis)
        return Delivery(DeliveryMethod.POST, address, phone)
