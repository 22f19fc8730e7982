"""Checks of the 12-digit personal ID number (legal.md §6.5): format hard, structure soft."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.people import Sex


@dataclass(frozen=True)
class IdNumberRules:
    provinces: dict[str, str]
    century_sex: dict[int, tuple[int, Sex]]
    basis: str

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> IdNumberRules:
        return cls(
            {str(k): str(v) for k, v in data["provinces"].items()},
            {int(k): (int(v[0]), Sex(v[1])) for k, v in data["century_sex"].items()},
            str(data["basis"]),
        )


def check_id_number(number: str, rules: IdNumberRules, *, birth: date | None = None,
                    sex: Sex | None = None) -> list[str]:
    """Raise when not 12 digits (ID-1); return warnings for ID-2..ID-5."""
    if not re.fullmatch(r"\d{12}", number):
        raise RuleViolation("id_number.format",
                            "Số định danh cá nhân phải gồm đúng 12 chữ số.", rules.basis)
    warnings = []
    if number[:3] not in rules.provinces:
        warnings.append(f"Mã {number[:3]} không có trong danh mục 63 tỉnh: có thể là mã nơi "
                        "đăng ký khai sinh ở nước ngoài; kiểm tra lại số.")
    century, coded_sex = rules.century_sex[int(number[3])]
    if birth is not None:
        if birth.year // 100 * 100 != century:
            warnings.append(f"Chữ số thứ 4 ({number[3]}) chỉ thế kỷ sinh {century // 100 + 1}, "
                            f"nhưng năm sinh là {birth.year}.")
        if number[4:6] != f"{birth.year % 100:02d}":
            warnings.append(f"Chữ số 5-6 ({number[4:6]}) không khớp năm sinh {birth.year}.")
    if sex is not None and sex is not coded_sex:
        warnings.append(f"Chữ số thứ 4 ({number[3]}) chỉ giới tính {coded_sex.label}, khác "
                        f"giới tính {sex.label} trong hồ sơ: có thể cần xác lập lại số định danh.")
    return warnings


def check_former_id(number: str) -> None:
    """An old CMND: 9 digits (or the 12-digit CMND of 2012-2016)."""
    if not re.fullmatch(r"\d{9}|\d{12}", number):
        raise RuleViolation("former_id.format", "Số CMND cũ phải gồm 9 hoặc 12 chữ số.")
