"""The three procedures, refusal, and their reasons. Codes are the API; labels are data."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Procedure(StrEnum):
    CAP = "cap"  # first issue
    CAP_DOI = "cap_doi"  # renewal / exchange
    CAP_LAI = "cap_lai"  # re-issue
    REFUSE = "refuse"  # written refusal, form CC03


class Reason(StrEnum):
    FIRST_ISSUE = "first_issue"
    MILESTONE = "milestone"
    NAME_OR_DOB_CHANGE = "name_or_dob_change"
    IDENTITY_CHANGE = "identity_change"
    PRINTED_ERROR = "printed_error"
    PRINTED_ERROR_AGENCY = "printed_error_agency"
    ADMIN_UNIT_CHANGE = "admin_unit_change"
    ID_NUMBER_RESET = "id_number_reset"
    HOLDER_REQUEST = "holder_request"
    CCCD_CONVERSION = "cccd_conversion"
    LOST = "lost"
    DAMAGED = "damaged"
    REGAINED_NATIONALITY = "regained_nationality"
    NOT_CITIZEN = "not_citizen"
    ALREADY_HAS_CARD = "already_has_card"


REFUSALS = frozenset({Reason.NOT_CITIZEN, Reason.ALREADY_HAS_CARD})


@dataclass(frozen=True)
class ReasonInfo:
    procedure: Procedure
    label: str
    basis: str


@dataclass(frozen=True)
class ProcedureBook:
    """Labels and legal bases of procedures and reasons (resources/law/procedures.toml)."""

    procedures: dict[Procedure, tuple[str, str]]  # label, basis
    reasons: dict[Reason, ReasonInfo]

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> ProcedureBook:
        procedures = {Procedure(k): (str(v["label"]), str(v["basis"]))
                      for k, v in data["procedures"].items()}
        reasons = {Reason(k): ReasonInfo(Procedure(v["procedure"]), str(v["label"]),
                                         str(v["basis"]))
                   for k, v in data["reasons"].items()}
        missing = (set(Procedure) - set(procedures)) | (set(Reason) - set(reasons))
        if missing:
            raise ValueError(f"procedures.toml lacks {sorted(missing)}")
        return cls(procedures, reasons)

    def label(self, procedure: Procedure) -> str:
        return self.procedures[procedure][0]

    def reasons_for(self, procedure: Procedure) -> list[Reason]:
        return [r for r, info in self.reasons.items()
                if info.procedure is procedure and r not in REFUSALS]
