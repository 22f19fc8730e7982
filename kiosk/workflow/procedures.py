"""The three procedures and their reasons (Luật Căn cước 2023 Điều 23-25)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Procedure(StrEnum):
    CAP = "cap"  # first issue
    CAP_DOI = "cap_doi"  # renewal / exchange
    CAP_LAI = "cap_lai"  # re-issue

    @property
    def label(self) -> str:
        return {
            Procedure.CAP: "Cấp thẻ căn cước",
            Procedure.CAP_DOI: "Cấp đổi thẻ căn cước",
            Procedure.CAP_LAI: "Cấp lại thẻ căn cước",
        }[self]


class Reason(StrEnum):
    FIRST_ISSUE = "cap"
    MILESTONE_AGE = "doi_a"
    NAME_OR_BIRTH_DATE_CHANGED = "doi_b"
    IDENTITY_FEATURES_OR_SEX_CHANGED = "doi_c"
    PRINTED_ERROR = "doi_d"
    ADMINISTRATIVE_UNIT_CHANGED = "doi_dd"
    ID_NUMBER_REESTABLISHED = "doi_e"
    HOLDER_REQUEST = "doi_g"
    CCCD_CONVERSION = "doi_cccd"
    LOST_OR_DAMAGED = "lai_a"
    NATIONALITY_REGAINED = "lai_b"


@dataclass(frozen=True)
class ReasonInfo:
    procedure: Procedure
    label: str
    basis: str


REASONS: dict[Reason, ReasonInfo] = {
    Reason.FIRST_ISSUE: ReasonInfo(
        Procedure.CAP, "Cấp thẻ căn cước lần đầu", "Luật Căn cước 2023 Điều 19, Điều 23"),
    Reason.MILESTONE_AGE: ReasonInfo(
        Procedure.CAP_DOI, "Đủ tuổi đổi thẻ (14, 25, 40, 60 tuổi)",
        "Luật Căn cước 2023 Điều 21 khoản 1, Điều 24 khoản 1 điểm a"),
    Reason.NAME_OR_BIRTH_DATE_CHANGED: ReasonInfo(
        Procedure.CAP_DOI, "Thay đổi, cải chính họ, chữ đệm, tên khai sinh hoặc ngày sinh",
        "Luật Căn cước 2023 Điều 24 khoản 1 điểm b"),
    Reason.IDENTITY_FEATURES_OR_SEX_CHANGED: ReasonInfo(
        Procedure.CAP_DOI,
        "Thay đổi nhân dạng; bổ sung ảnh khuôn mặt, vân tay; xác định lại giới tính",
        "Luật Căn cước 2023 Điều 24 khoản 1 điểm c"),
    Reason.PRINTED_ERROR: ReasonInfo(
        Procedure.CAP_DOI, "Có sai sót về thông tin in trên thẻ",
        "Luật Căn cước 2023 Điều 24 khoản 1 điểm d"),
    Reason.ADMINISTRATIVE_UNIT_CHANGED: ReasonInfo(
        Procedure.CAP_DOI, "Thay đổi thông tin do sắp xếp đơn vị hành chính",
        "Luật Căn cước 2023 Điều 24 khoản 1 điểm đ"),
    Reason.ID_NUMBER_REESTABLISHED: ReasonInfo(
        Procedure.CAP_DOI, "Xác lập lại số định danh cá nhân",
        "Luật Căn cước 2023 Điều 24 khoản 1 điểm e"),
    Reason.HOLDER_REQUEST: ReasonInfo(
        Procedure.CAP_DOI, "Theo yêu cầu của người được cấp thẻ",
        "Luật Căn cước 2023 Điều 24 khoản 1 điểm g"),
    Reason.CCCD_CONVERSION: ReasonInfo(
        Procedure.CAP_DOI, "Đổi thẻ căn cước công dân sang thẻ căn cước",
        "Luật Căn cước 2023 Điều 46 khoản 1; Nghị định 70/2024/NĐ-CP Điều 21 khoản 3"),
    Reason.LOST_OR_DAMAGED: ReasonInfo(
        Procedure.CAP_LAI, "Thẻ bị mất hoặc hư hỏng không sử dụng được",
        "Luật Căn cước 2023 Điều 24 khoản 2 điểm a"),
    Reason.NATIONALITY_REGAINED: ReasonInfo(
        Procedure.CAP_LAI, "Được trở lại quốc tịch Việt Nam",
        "Luật Căn cước 2023 Điều 24 khoản 2 điểm b"),
}


def reasons_for(procedure: Procedure) -> list[Reason]:
    return [reason for reason, info in REASONS.items() if info.procedure is procedure]
