from datetime import date
from pathlib import Path

import pytest

from kiosk.registry.base import LookupQuery, RegistryError
from kiosk.registry.synthetic import SyntheticRegistry


@pytest.fixture(scope="module")
def registry(resources: Path) -> SyntheticRegistry:
    return SyntheticRegistry.from_file(resources / "training" / "citizens.toml")


def test_by_id_number_former_cmnd_and_name(registry: SyntheticRegistry) -> None:
    by_id = registry.find(LookupQuery.from_text("0010 9601 2345"))
    assert [c.full_name for c in by_id] == ["Nguyễn Văn Bình"]
    assert registry.find(LookupQuery.from_text("013456789")) == by_id
    by_name = registry.find(LookupQuery(full_name="  nguyễn văn  bình ",
                                        date_of_birth=date(1996, 3, 15)))
    assert by_name == by_id
    # Diacritics tell names apart: "Nguyen Van Binh" is someone else.
    assert registry.find(LookupQuery(full_name="Nguyen Van Binh",
                                     date_of_birth=date(1996, 3, 15))) == []


def test_bad_input_says_what_to_type() -> None:
    with pytest.raises(RegistryError, match="12 chữ số"):
        LookupQuery.from_text("12345")


def test_synthetic_ids_match_sex_and_century(registry: SyntheticRegistry) -> None:
    for c in registry.everyone():
        digit = int(c.id_number[3])
        assert digit % 2 == (0 if c.sex.value == "nam" else 1), c.id_number
        assert c.id_number[4:6] == f"{c.date_of_birth.year % 100:02d}", c.id_number
