"""The text of a form (titles, labels, legal lines) as data from ``resources/forms``."""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path
from typing import Any


class FormText:
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getitem__(self, dotted: str) -> str:
        value: Any = self._data
        for part in dotted.split("."):
            value = value[part]
        return unicodedata.normalize("NFC", str(value))


def load_form_text(resources_dir: Path, code: str) -> FormText:
    with (resources_dir / "forms" / f"{code.lower()}.toml").open("rb") as handle:
        return FormText(tomllib.load(handle))
