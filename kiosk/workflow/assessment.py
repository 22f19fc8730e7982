"""Which procedure applies, what to capture, whether a representative files (legal.md §10)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kiosk.workflow.age import MILESTONES, age_on, anniversary
from kiosk.workflow.decisions import Decided
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.people import CardKind, Citizen
from kiosk.workflow.procedures import REASONS, Procedure, Reason


class Modality(StrEnum):
    FACE = "face"
    FINGERPRINTS = "fingerprints"
    IRISES = "irises"

    @property
    def label(self) -> str:
        return {
            Modality.FACE: "Ảnh khuôn mặt",
            Modality.FINGERPRINTS: "Vân tay",
            Modality.IRISES: "Mống mắt",
        }[self]


class BiometricsPlan(StrEnum):
    CAPTURE = "capture"  # capture face, fingerprints and irises anew
    REUSE_LAST = "reuse_last"  # lost/damaged card: reuse the last capture (Điều 25 khoản 4)
    NONE = "none"  # under 6: nothing is captured (Điều 23 khoản 2 điểm a)


@dataclass(frozen=True)
class Assessment:
    procedure: Procedure
    reason: Reason
    age: int
    biometrics: BiometricsPlan
    representative_required: bool
    collect_old_card: bool

    @property
    def modalities(self) -> tuple[Modality, ...]:
        return tuple(Modality) if self.biometrics is BiometricsPlan.CAPTURE else ()


def _passed_milestone_since(citizen: Citizen, on: date) -> bool:
    card = citizen.card
    if card is None:
        return False
    birth = citizen.date_of_birth
    return any(card.issued_on < anniversary(birth, m) <= on for m in MILESTONES)


def assess(citizen: Citizen, reason: Reason, on: date) -> Decided[Assessment]:
    """Decide the case for ``reason`` on ``on``, or raise a reason the clerk can read."""
    if not citizen.is_vietnamese_citizen:
        raise RuleViolation(
            "refuse.not_citizen",
            "Người này không phải công dân Việt Nam nên không được cấp thẻ căn cước. "
            "Lập thông báo từ chối (mẫu CC03).",
            "Luật Căn cước 2023 Điều 19 khoản 1",
        )
    card = citizen.card
    info = REASONS[reason]
    basis = [info.basis]
    notes: list[str] = []
    if info.procedure is Procedure.CAP and card is not None:
        raise RuleViolation(
            "reason.already_has_card",
            f"Công dân đã có {card.kind.label} số {card.number}; chọn cấp đổi hoặc cấp lại.",
            info.basis,
        )
    if info.procedure is not Procedure.CAP and card is None:
        raise RuleViolation(
            "reason.no_card",
            "Công dân chưa được cấp thẻ; chọn thủ tục cấp thẻ căn cước lần đầu.",
            info.basis,
        )
    if reason is Reason.CCCD_CONVERSION and card is not None and card.kind is not CardKind.CCCD:
        raise RuleViolation(
            "reason.not_cccd",
            f"Thẻ đang dùng là {card.kind.label}, không phải thẻ căn cước công dân.",
            info.basis,
        )
    expired = card is not None and card.expires_on is not None and card.expires_on <= on
    if reason is Reason.LOST_OR_DAMAGED and (expired or _passed_milestone_since(citizen, on)):
        # "trừ trường hợp quy định tại Điều 21": the case is a milestone renewal.
        reason, info = Reason.MILESTONE_AGE, REASONS[Reason.MILESTONE_AGE]
        basis.append(info.basis)
        notes.append("Thẻ mất/hỏng nhưng đã đến tuổi đổi thẻ hoặc hết hạn: chuyển sang cấp đổi.")
    age = age_on(citizen.date_of_birth, on)
    if age < 6:
        plan = BiometricsPlan.NONE
        basis.append("Luật Căn cước 2023 Điều 23 khoản 2 điểm a")
    elif reason is Reason.LOST_OR_DAMAGED:
        plan = BiometricsPlan.REUSE_LAST
        basis.append("Luật Căn cước 2023 Điều 25 khoản 4")
    else:
        plan = BiometricsPlan.CAPTURE
        basis.append("Luật Căn cước 2023 Điều 23 khoản 1 điểm b, Điều 25 khoản 1")
    representative = age < 14
    if representative:
        basis.append("Luật Căn cước 2023 Điều 23 khoản 2; Nghị định 70/2024/NĐ-CP Điều 21 khoản 1")
    collect = info.procedure is Procedure.CAP_DOI
    if collect:
        basis.append("Luật Căn cước 2023 Điều 25 khoản 3")
    assessment = Assessment(info.procedure, reason, age, plan, representative, collect)
    return Decided(assessment, tuple(basis), tuple(notes))
