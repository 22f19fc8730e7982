"""Changing a fee, a rate period or a holiday is an edit of a data file, nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.workflow.lawbook import load_lawbook
from tests.workflow.conftest import assess

CONVERSION = {"birth_date": "1996-03-15", "request": "renew", "reason": "cccd_conversion",
              "card": {"kind": "cccd", "issued": "2021-04-10", "expires": "2036-03-15"}}


def copy_resources(resources: Path, tmp_path: Path) -> Path:
    target = tmp_path / "resources"
    shutil.copytree(resources / "law", target / "law")
    shutil.copytree(resources / "calendar", target / "calendar")
    return target


def test_an_edited_fee_amount_rate_period_and_holiday(resources: Path, tmp_path: Path) -> None:
    edited = copy_resources(resources, tmp_path)
    fees = edited / "law" / "fees.toml"
    text = fees.read_text(encoding="utf-8")
    text = text.replace("amount = 30000", "amount = 40000")  # a new base for conversions
    text = text.replace("until = 2026-12-31", "until = 2026-11-24")  # the 50 % ends early
    fees.write_text(text, encoding="utf-8")
    calendar = edited / "calendar" / "2026.toml"
    calendar.write_text(calendar.read_text(encoding="utf-8") + '''
[[closed]]
date = 2026-11-27
name = "Ngày nghỉ thêm (thử nghiệm)"
basis = "Thông báo giả định cho kiểm thử"
''', encoding="utf-8")

    original = assess(load_lawbook(resources), **CONVERSION)
    changed = assess(load_lawbook(edited), **CONVERSION)
    assert (original.fee.value, changed.fee.value) == (15_000, 40_000)
    assert original.to_json()["due_date"] == "2026-12-04"
    assert changed.to_json()["due_date"] == "2026-12-07"  # Fri 27/11 now closed
