"""The lookup interface every registry backend implements."""

from __future__ import annotations

import re
from collections.abc import Iterable
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


class ApplicationNotFound(RegistryError):
    """No online application has the code the clerk typed."""

    @classmethod
    def for_code(cls, code: str) -> ApplicationNotFound:
        """The one message every registry gives (the SQL registry, the central service)."""
        return cls(f"Không có hồ sơ trực tuyến mã {code} trong dữ liệu dân cư: kiểm tra lại mã "
                   "trên giấy hẹn hoặc tin nhắn của công dân, hoặc tra cứu theo số định danh.")


def application_code_of(text: str) -> str:
    """A code as typed, spaces dropped and upper-cased (how every registry compares it)."""
    return "".join(text.split()).upper()


# An online application's code (mã hồ sơ), as docs/registry.md describes it: G22.99-yymmdd-
# and a running number (4 to 6 digits: real codes are not published, so the lookup is lenient).
APPLICATION_CODE = re.compile(r"G22\.\d{2}-\d{6}-\d{4,6}")


class RegistryOffline(RegistryError):
    """CSDLQG could not be reached or did not answer sensibly (down, slow, garbage): the
    service may answer again later, and a mobile team's offline cache may answer now."""


class Found(list[Citizen]):
    """What :meth:`PopulationRegistry.find` returns: the people, and whether they came from
    the offline cache (CSDLQG unreachable) rather than from CSDLQG itself, with the day that
    cache was last synchronised, so the clerk can be told the data may be out of date."""

    def __init__(self, people: Iterable[Citizen] = (), *, from_cache: bool = False,
                 cache_synced_at: str = "") -> None:
        super().__init__(people)
        self.from_cache = from_cache
        self.cache_synced_at = cache_synced_at  # ISO date-time of the last full sync, or ""


@dataclass(frozen=True)
class LookupQuery:
    """What the clerk typed: a 12-digit ID, a 9-digit CMND, a name with a birth date, or
    the code of an online application (its citizen is who is looked up)."""

    id_number: str = ""
    former_id_number: str = ""
    full_name: str = ""
    date_of_birth: date | None = None
    place: str = ""  # with a name: part of the place of birth registration or hometown
    application_code: str = ""  # mã hồ sơ of an online application (APPLICATION_CODE)

    @classmethod
    def from_text(cls, text: str) -> LookupQuery:
        digits = re.sub(r"\s+", "", text)
        if re.fullmatch(r"\d{12}", digits):
            return cls(id_number=digits)
        if re.fullmatch(r"\d{9}", digits):
            return cls(former_id_number=digits)
        if APPLICATION_CODE.fullmatch(digits.upper()):
            return cls(application_code=digits.upper())
        raise RegistryError(
            "Nhập số định danh cá nhân (12 chữ số) hoặc số CMND cũ (9 chữ số), "
            "mã hồ sơ trực tuyến (dạng G22.99-251120-000123), "
            "hoặc tra cứu theo họ tên và ngày sinh."
        )

    def describe(self) -> str:
        """For the clerk, never for logs: it may contain personal data."""
        if self.id_number:
            return f"số định danh {self.id_number}"
        if self.former_id_number:
            return f"số CMND {self.former_id_number}"
        if self.application_code:
            return f"hồ sơ trực tuyến {self.application_code}"
        place = f", {nfc(self.place)}" if self.place.strip() else ""
        return f"{nfc(self.full_name)}, sinh {self.date_of_birth:%d/%m/%Y}{place}"


class PopulationRegistry(Protocol):
    def find(self, query: LookupQuery) -> list[Citizen]: ...

    @property
    def simulated(self) -> bool: ...
