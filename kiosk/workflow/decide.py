"""The decision for one application (legal.md §10): procedure, fee, biometrics, people,
dates and forms, each with its legal basis, plus warnings the clerk must read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.workflow.age import age_on, card_expiry, valid_until
from kiosk.workflow.decisions import Decided
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.fees import FeeQuestion, assess_fee
from kiosk.workflow.idnumber import check_former_id, check_id_number
from kiosk.workflow.lawbook import Lawbook
from kiosk.workflow.people import CARDS_OF_THIS_LAW, CardKind
from kiosk.workflow.procedures import Procedure, Reason
from kiosk.workflow.request import AssessRequest, BirthPrecision, RequestError, RequestKind


@dataclass(frozen=True)
class Biometrics:
    face: bool
    fingerprints: bool
    iris: bool
    reuse_last: bool

    @property
    def capture(self) -> bool:
        return self.face or self.fingerprints or self.iris


NO_BIOMETRICS = Biometrics(False, False, False, False)


@dataclass(frozen=True)
class Decision:
    procedure: Procedure
    reason: Reason
    age: int
    legal_basis: tuple[str, ...]
    fee: Decided[int]
    biometrics: Biometrics
    representative_required: bool
    applicant_present_required: bool
    collect_old_card: bool
    due: Decided[date] | None
    card_expiry: Decided[date | None] | None
    forms: tuple[str, ...]
    warnings: tuple[str, ...]

    def to_record(self) -> dict[str, Any]:
        """Everything, for storage; ``from_record`` gives the same Decision back."""
        def decided(value: Decided[Any] | None) -> dict[str, Any] | None:
            if value is None:
                return None
            raw = value.value
            return {"value": raw.isoformat() if isinstance(raw, date) else raw,
                    "basis": list(value.basis), "notes": list(value.notes)}

        return {
            "procedure": self.procedure.value, "reason": self.reason.value, "age": self.age,
            "legal_basis": list(self.legal_basis), "fee": decided(self.fee),
            "biometrics": [self.biometrics.face, self.biometrics.fingerprints,
                           self.biometrics.iris, self.biometrics.reuse_last],
            "representative_required": self.representative_required,
            "applicant_present_required": self.applicant_present_required,
            "collect_old_card": self.collect_old_card, "due": decided(self.due),
            "card_expiry": decided(self.card_expiry), "forms": list(self.forms),
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Decision:
        """Raises KeyError, ValueError or TypeError on a damaged record."""
        def decided(raw: dict[str, Any] | None, as_date: bool) -> Any:
            if raw is None:
                return None
            value = raw["value"]
            if as_date and value is not None:
                value = date.fromisoformat(value)
            return Decided(value, tuple(raw["basis"]), tuple(raw["notes"]))

        face, fingerprints, iris, reuse = (bool(flag) for flag in data["biometrics"])
        fee = decided(data["fee"], as_date=False)
        if not isinstance(fee.value, int):
            raise TypeError("fee value is not a whole number")
        return cls(
            procedure=Procedure(data["procedure"]), reason=Reason(data["reason"]),
            age=int(data["age"]), legal_basis=tuple(data["legal_basis"]), fee=fee,
            biometrics=Biometrics(face, fingerprints, iris, reuse),
            representative_required=bool(data["representative_required"]),
            applicant_present_required=bool(data["applicant_present_required"]),
            collect_old_card=bool(data["collect_old_card"]),
            due=decided(data["due"], as_date=True),
            card_expiry=decided(data["card_expiry"], as_date=True),
            forms=tuple(data["forms"]), warnings=tuple(data["warnings"]),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "procedure": self.procedure.value,
            "reason": self.reason.value,
            "age": self.age,
            "legal_basis": list(self.legal_basis),
            "fee_vnd": self.fee.value,
            "fee_basis": "; ".join(self.fee.basis),
            "biometrics": {"face": self.biometrics.face,
                           "fingerprints": self.biometrics.fingerprints,
                           "iris": self.biometrics.iris,
                           "reuse_last": self.biometrics.reuse_last},
            "representative_required": self.representative_required,
            "applicant_present_required": self.applicant_present_required,
            "collect_old_card": self.collect_old_card,
            "due_date": self.due.value.isoformat() if self.due else None,
            "card_expiry": (self.card_expiry.value.isoformat()
                            if self.card_expiry and self.card_expiry.value else None),
            "forms": list(self.forms),
            "warnings": list(self.warnings),
        }


def _citations(bases: list[str]) -> tuple[str, ...]:
    """Each citation once, in order, even when compound bases share one ("A; B", "C; B")."""
    return tuple(dict.fromkeys(part.strip() for basis in bases for part in basis.split(";")))


def _refusal(law: Lawbook, reason: Reason, age: int, warnings: list[str]) -> Decision:
    fee = assess_fee(law.fees, FeeQuestion(reason, date.min, age))
    return Decision(Procedure.REFUSE, reason, age, (law.procedures.reasons[reason].basis,), fee,
                    NO_BIOMETRICS, False, False, False, None, None, ("CC03",), tuple(warnings))


def _identity_warnings(req: AssessRequest, law: Lawbook) -> list[str]:
    warnings = []
    if req.birth_precision is not BirthPrecision.DAY:
        unknown = "ngày" if req.birth_precision is BirthPrecision.MONTH else "ngày và tháng"
        warnings.append(f"Hồ sơ không có {unknown} sinh: tuổi được tính từ "
                        f"{req.birth:%d/%m/%Y} ({law.ages.unknown_basis}); kiểm tra với CSDLQG.")
    try:
        if req.id_number:
            warnings += check_id_number(req.id_number, law.ids, birth=req.birth, sex=req.sex)
        if req.former_id_number:
            check_former_id(req.former_id_number)
    except RuleViolation as violation:
        field = "id_number" if violation.code == "id_number.format" else "former_id_number"
        raise RequestError(field, violation.message) from None
    return warnings


def decide(req: AssessRequest, law: Lawbook) -> Decision:  # noqa: PLR0912, PLR0915
    """Apply the rules of legal.md §10 to one request."""
    ages = law.ages
    age = age_on(req.birth, req.on)
    warnings = _identity_warnings(req, law)
    if not req.citizen:  # E-3
        warnings.append("Người gốc Việt Nam chưa xác định quốc tịch làm thủ tục cấp giấy chứng "
                        "nhận căn cước (Luật Căn cước 2023 Điều 30).")
        return _refusal(law, Reason.NOT_CITIZEN, age, warnings)
    card = req.card
    holds_card = card.kind in CARDS_OF_THIS_LAW
    basis: list[str] = []
    if req.request is RequestKind.FIRST:
        if holds_card:
            warnings.append("Công dân đã có thẻ: chọn cấp đổi hoặc cấp lại.")
            return _refusal(law, Reason.ALREADY_HAS_CARD, age, warnings)
        reason = Reason.FIRST_ISSUE
    else:
        assert req.reason is not None
        reason = req.reason
        if not holds_card:  # E-1 / E-2: no card of this law yet
            warnings.append("Công dân chưa có thẻ căn cước hoặc căn cước công dân: làm thủ tục "
                            "cấp thẻ lần đầu.")
            reason = Reason.FIRST_ISSUE
    if reason is Reason.CCCD_CONVERSION and card.kind is CardKind.CAN_CUOC:
        warnings.append("Thẻ đang dùng đã là thẻ căn cước: áp dụng cấp đổi theo yêu cầu.")
        reason = Reason.HOLDER_REQUEST

    # Milestones: has the holder reached a milestone the card does not cover?
    expiry_of_card = (valid_until(card.issued, card.expires, req.birth, ages) if holds_card
                      else card.expires)
    overdue = holds_card and expiry_of_card is not None and expiry_of_card <= req.on
    fee_reason = reason
    if overdue and reason in (Reason.LOST, Reason.DAMAGED):  # P-10
        warnings.append("Thẻ mất/hỏng nhưng đã đến tuổi đổi thẻ hoặc thẻ hết hạn: làm cấp đổi "
                        "(Luật Căn cước 2023 Điều 24 khoản 2 điểm a, trừ trường hợp Điều 21).")
        reason = fee_reason = Reason.MILESTONE
    elif overdue and reason in (Reason.HOLDER_REQUEST, Reason.CCCD_CONVERSION):  # P-1
        warnings.append("Công dân đã đến tuổi phải đổi thẻ: làm cấp đổi do đủ tuổi, miễn lệ phí.")
        reason = fee_reason = Reason.MILESTONE
    elif overdue and reason is not Reason.MILESTONE and holds_card:
        warnings.append("Thẻ đã hết hạn do đến tuổi đổi thẻ: miễn lệ phí theo Luật Căn cước "
                        "2023 Điều 38 khoản 3 điểm a.")
        fee_reason = Reason.MILESTONE
    elif reason is Reason.MILESTONE and holds_card and expiry_of_card is not None \
            and not overdue:
        warnings.append(f"Thẻ còn giá trị đến {expiry_of_card:%d/%m/%Y}: chưa đến tuổi đổi "
                        "thẻ, áp dụng cấp đổi theo yêu cầu.")
        reason = fee_reason = Reason.HOLDER_REQUEST
    if overdue and expiry_of_card is not None and expiry_of_card < req.on:
        text, penalty_basis = law.penalty
        warnings.append(f"Thẻ hết hạn từ {expiry_of_card:%d/%m/%Y}. {text} ({penalty_basis}).")

    info = law.procedures.reasons[reason]
    basis.append(info.basis)
    if req.request is RequestKind.FIRST or reason is Reason.FIRST_ISSUE:
        if age < ages.mandatory_from:
            warnings.append("Dưới 14 tuổi: cấp thẻ theo yêu cầu của công dân hoặc người đại diện.")
        basis.append(ages.mandatory_basis)

    # Biometrics (B-1..B-3).
    if age < ages.capture_from:
        biometrics = NO_BIOMETRICS
        basis.append(ages.capture_basis)
        warnings.append("Dưới 6 tuổi: không thu nhận sinh trắc học, thẻ không có ảnh; người đại "
                        "diện nộp hồ sơ trực tuyến (VNeID, Cổng DVC quốc gia), trừ trường hợp "
                        "liên thông đăng ký khai sinh.")
    elif reason in (Reason.LOST, Reason.DAMAGED):
        biometrics = Biometrics(False, False, False, reuse_last=True)
    else:
        biometrics = Biometrics(True, True, True, reuse_last=False)
        basis.append("Luật Căn cước 2023 Điều 23 khoản 1 điểm b, Điều 25 khoản 1")

    # People (R-1..R-3).
    representative = age < ages.representative_below or req.lost_capacity
    if age < ages.representative_below:
        basis.append(ages.representative_basis)
    if req.lost_capacity:
        basis.append(ages.lost_capacity_basis)
    present = biometrics.capture
    if present and age < ages.representative_below:
        basis.append(ages.present_basis)

    # Old card (O-1): every cấp đổi, a damaged card, and a CMND being replaced.
    collect = (info.procedure is Procedure.CAP_DOI
               or (reason is Reason.DAMAGED and holds_card)
               or card.kind is CardKind.CMND)
    if collect:
        basis.append("Luật Căn cước 2023 Điều 25 khoản 3; Nghị định 70/2024/NĐ-CP Điều 21 "
                      "khoản 3")
    if reason in (Reason.NAME_OR_DOB_CHANGE, Reason.IDENTITY_CHANGE) \
            and not req.db_adjustment_needed:
        warnings.append("Kiểm tra CSDLQG về dân cư đã cập nhật thay đổi; nếu chưa, công dân "
                        "xuất trình giấy tờ pháp lý và điều chỉnh trước.")

    fee = assess_fee(law.fees, FeeQuestion(
        fee_reason, req.on, age, req.channel, req.digital_citizen, req.exemptions))

    # Dates (T-1, T-2, V-1): the card is issued at the latest on the return date.
    days = law.return_working_days
    due_basis = list(law.return_basis)
    if req.db_adjustment_needed:
        days += law.adjustment_working_days
        due_basis.append(law.adjustment_basis)
        warnings.append(f"Điều chỉnh thông tin trong CSDLQG về dân cư trước: cộng "
                        f"{law.adjustment_working_days} ngày làm việc.")
    due = law.calendar.add_working_days(req.on, days, tuple(due_basis))
    warnings += list(due.notes)
    expiry = card_expiry(req.birth, due.value, ages)
    basis += [*due.basis, ages.validity_basis]
    return Decision(
        procedure=info.procedure, reason=reason, age=age, legal_basis=_citations(basis),
        fee=fee, biometrics=biometrics, representative_required=representative,
        applicant_present_required=present, collect_old_card=collect, due=due,
        card_expiry=expiry, forms=("CC01", "CC02"), warnings=tuple(dict.fromkeys(warnings)),
    )
