"""The lookup interface every registry backend implements."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from kiosk.workflow.people import Citizen, nfc


class RegistryError(Exception):
    """The lookup could not be made; ``message`` is Vietnamese and says what to do next."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CitizenNotFound(RegistryError):
    pass


@dataclass(frozen=True)
class LookupQuery:
    """What the clerk typed: a 12-digit ID, a 9-digit CMND, or a name with a birth date."""

    id_number: str = ""
    former_id_number: str = ""
    full_name: str = ""
    date_of_birth: date | None = None

    @classmethod
    def from_text(cls, text: str) -> LookupQuery:
        digits = re.sub(r"\s+", "", text)
        if re.fullmatch(r"\d{12}", digits):
            return cls(id_number=digits)
        if re.fullmatch(r"\d{9}", digits):
            return cls(former_id_number=digits)
        raise RegistryError(
            "Nhập số định danh cá nhân (12 chữ số) hoặc số CMND cũ (9 chữ số), "
            "hoặc tra cứu theo họ tên và ngày sinh."
        )

    def describe(self) -> str:
        """For the clerk, never for logs: it may contain personal data."""
        if self.id_number:
            return f"số định danh {self.id_number}"
        if self.former_id_number:
            return f"số CMND {self.former_id_number}"
        return f"{nfc(self.full_name)}, sinh {self.date_of_birth:%d/%m/%Y}"


class PopulationRegistry(Protocol):
    def find(self, query: LookupQuery) -> list[Citizen]: ...

    @property
    def simulated(self) -> bool: ...
