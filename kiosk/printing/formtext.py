"""The text of a form (titles, labels, legal lines) as data from ``resources/forms``."""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path
from typing import Any


class FormText:
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def _at(self, dotted: str) -> Any:
        value: Any = self._data
        for part in dotted.split("."):
            value = value[part]
        return value

    def __getitem__(self, dotted: str) -> str:
        return unicodedata.normalize("NFC", str(self._at(dotted)))

    def order(self, dotted: str) -> list[str]:
        """A list of names (field keys, in the order the form prints them)."""
        return [unicodedata.normalize("NFC", str(item)) for item in self._at(dotted)]

    def table(self, dotted: str) -> list[dict[str, str]]:
        """An array of tables (e.g. numbered fields with their labels), text in NFC."""
        return [{key: unicodedata.normalize("NFC", str(value)) for key, value in row.items()}
                for row in self._at(dotted)]


def load_form_text(resources_dir: Path, code: str) -> FormText:
    with (resources_dir / "forms" / f"{code.lower()}.toml").open("rb") as handle:
        return FormText(tomllib.load(handle))
