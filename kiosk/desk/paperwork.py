"""What each printed form says about a case: the form data built from the case, the law and
the desk's settings (the printing layer turns it into PDF). Nothing here prints or saves."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from kiosk.biometrics.fingers import MISSING_SHORT
from kiosk.desk.casefile import (
    FINGER_POSITIONS,
    SLAP_OF,
    SLAP_POSITIONS,
    CaptureResult,
    CaseFile,
    Position,
)
from kiosk.desk.profile import DeskProfile
from kiosk.devices.base import Finger
from kiosk.printing.forms import (
    AppointmentSlip,
    FeeReceipt,
    ReceiptForm,
    RefusalNotice,
    Representative,
    RequestForm,
)
from kiosk.printing.formtext import FormText, load_form_text
from kiosk.registry.base import CitizenNotFound, LookupQuery, PopulationRegistry
from kiosk.workflow.decide import Decision
from kiosk.workflow.fee_claims import NOTHING_COLLECTED, AcceptedClaim, Payment
from kiosk.workflow.lawbook import Lawbook
from kiosk.workflow.procedures import Reason


def _status(result: CaptureResult | None, words: FormText) -> str:
    """"Đạt (87)": taken and acceptable, with its quality score (0-100); accepted below the
    threshold (ACCEPT_LOW_QUALITY); or not taken — in cc01.toml's words."""
    if result is None or not result.passed:
        return words["status.not_taken"]
    if not result.quality.acceptable:
        return words["status.accepted_low"]
    return words["status.passed"].format(score=result.quality.score)


def _capture_statuses(case: CaseFile, words: FormText) -> list[tuple[str, str]]:
    """CC01's biometric lines for the face and each eye."""
    plan = case.decided.biometrics
    rows: list[tuple[str, str]] = []
    if plan.face:
        rows.append((Position.FACE.label, _status(case.best.get(Position.FACE), words)))
    if plan.iris:
        rows += [(p.label, _status(case.best.get(p), words))
                 for p in (Position.IRIS_LEFT, Position.IRIS_RIGHT)]
    return rows


def _photo_note(case: CaseFile) -> str:
    """Why the photo box may stay empty (ReceiptForm.photo_note)."""
    plan = case.decided.biometrics
    if plan.reuse_last:
        return "reused"
    if not plan.face:
        return "under_6"
    return ""


def _finger_grid(case: CaseFile, words: FormText) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """CC01's fingers, right hand then left, thumb to little finger: the quality of the
    finger taken alone when it passed (a single-finger reader), else its slap's; or why it
    could not be taken."""
    if not case.decided.biometrics.fingerprints:
        return (), ()
    cells = []
    for finger in Finger:
        reason = case.missing_fingers.get(finger)
        alone = case.best.get(FINGER_POSITIONS[finger])
        taken = alone if alone is not None and alone.passed else \
            case.best.get(SLAP_POSITIONS[SLAP_OF[finger]])
        cells.append(MISSING_SHORT[reason] if reason else _status(taken, words))
    return tuple(cells[:5]), tuple(cells[5:])


class Paperwork:
    """Builds each form's data; ``clerk`` names whoever is signed in at the desk now."""

    def __init__(self, *, profile: DeskProfile, lawbook: Lawbook, registry: PopulationRegistry,
                 clock: Callable[[], datetime], clerk: Callable[[], str]) -> None:
        self.profile = profile
        self.lawbook = lawbook
        self.registry = registry
        self.clock = clock
        self._clerk = clerk
        # The wording the desk chooses among (statuses, the no-fee line), read once.
        self._cc01 = load_form_text(profile.resources_dir, "CC01")
        self._receipt = load_form_text(profile.resources_dir, "fee_receipt")

    @property
    def clerk_name(self) -> str:
        return self._clerk()

    def receipt_form(self, case: CaseFile) -> ReceiptForm:
        c, a = case.citizen, case.decided
        words = self._cc01
        if a.biometrics.capture:
            statuses = _capture_statuses(case, words)
        else:
            statuses = [(words["status.biometrics"], words["status.reused"]
                         if a.biometrics.reuse_last else words["status.under_6"])]
        return ReceiptForm(
            agency=self.profile.agency, case_code=case.code, received_at=self.clock(),
            procedure=self.lawbook.procedures.label(a.procedure),
            reason=self.lawbook.procedures.reasons[a.reason].label, full_name=c.full_name,
            date_of_birth=c.date_of_birth, sex=c.sex.label,
            id_number=c.id_number, former_id_number=c.former_id_number,
            place_of_birth_registration=c.place_of_birth_registration, hometown=c.hometown,
            ethnicity=c.ethnicity, religion=c.religion, nationality=c.nationality,
            residence=c.residence_to_print, portrait_jpeg=case.portrait_jpeg,
            biometrics=tuple(statuses), fingers=_finger_grid(case, words),
            delivery=self.lawbook.delivery.label(case.delivery),
            delivery_address=case.delivery.address, delivery_phone=case.delivery.phone,
            by_post=case.delivery.by_post,
            clerk_name=self.clerk_name, training=self.profile.training,
            representative_name=case.representative or "",
            representative_id=case.representative_id or "",
            representative_capacity=case.capacity.document if case.capacity else "",
            photo_note=_photo_note(case), other_name=c.other_name,
            father_name=c.father_name, mother_name=c.mother_name,
        )

    def refusal_notice(self, case: CaseFile, decision: Decision, approver: str,
                       requested: Reason) -> RefusalNotice:
        book = self.lawbook.procedures
        c = case.citizen
        return RefusalNotice(
            agency=self.profile.agency, case_code=case.code, issued_at=self.clock(),
            full_name=c.full_name, id_number=c.id_number, residence=c.residence_to_print,
            procedure=book.label(book.reasons[requested].procedure),
            reason=book.reasons[requested].label, received_at=case.opened_at,
            refusal_reasons=((book.reasons[decision.reason].label,
                              "; ".join(decision.legal_basis)),),
            approver_title=self.profile.head_title, approver_name=approver,
            training=self.profile.training)

    def _representative(self, case: CaseFile) -> Representative | None:
        if case.representative is None or case.representative_id is None:
            return None
        try:
            person = self.registry.find(LookupQuery.from_text(case.representative_id))
        except CitizenNotFound:
            person = []
        if len(person) != 1:  # shown papers, not in the registry: name and number only
            return Representative(case.representative, None, "", case.representative_id)
        return Representative(case.representative, person[0].date_of_birth,
                              person[0].sex.label, case.representative_id)

    def request_form(self, case: CaseFile, decision: Decision | None = None) -> RequestForm:
        """DC02 prefilled from the case, for a request made at the counter (not online):
        the procedure decided, or ``decision`` (what the rules give before it is decided).
        A CSDLQG adjustment asked for ticks its item and is listed with its documents."""
        c, a = case.citizen, decision or case.decided
        book = self.lawbook.procedures
        asked = case.adjustment
        items = frozenset({1})
        if asked is not None:
            items |= {self.lawbook.adjustment.dc02_item}
        return RequestForm(
            agency=self.profile.agency, case_code=case.code, signed_at=self.clock(),
            full_name=c.full_name, date_of_birth=c.date_of_birth, sex=c.sex.label,
            id_number=c.id_number, residence=c.residence_to_print,
            representative=self._representative(case), procedure=book.label(a.procedure),
            reason=book.reasons[a.reason].label, result_address=self.profile.return_place,
            training=self.profile.training, reprint="DC02" in case.printed,
            requested_items=items, adjustment_fields=asked.labels if asked else (),
            adjustment_documents=asked.documents if asked else "")

    def fee_receipt(self, case: CaseFile, *, payment: Payment = NOTHING_COLLECTED,
                    claim: AcceptedClaim | None = None) -> FeeReceipt:
        """The receipt for the fee collected and how it was paid, or for the exemption and
        its basis: the law's, or the one ``claim``ed with the document it names."""
        fee, c, a = claim.fee if claim else case.fee, case.citizen, case.decided
        assert fee is not None
        reason = (claim.exemption.label if claim
                  else "; ".join(fee.notes) or self._receipt["no_fee"])
        return FeeReceipt(
            agency=self.profile.agency, number=f"{case.code}-BL", case_code=case.code,
            # The representative pays and signs for a child.
            issued_at=self.clock(), payer_name=case.representative or c.full_name,
            payer_id_number=case.representative_id or c.id_number,
            payer_address=c.residence_to_print,
            procedure=self.lawbook.procedures.label(a.procedure), amount=fee.value,
            basis="; ".join(fee.basis),
            exemption="" if fee.value else reason,
            collector_name=self.clerk_name, training=self.profile.training,
            method=payment.method.value if payment.method else "",
            reference=payment.reference,
            evidence=claim.evidence if claim else "")

    @staticmethod
    def fee_note(case: CaseFile) -> str:
        """Why the amount is what it is: exemption notes, then the legal basis."""
        if case.fee is None:
            return ""
        return "; ".join((*case.fee.notes, "Căn cứ: " + "; ".join(case.fee.basis)))

    def return_place(self, case: CaseFile) -> str:
        """Where the card goes: the post (the address is on the slip, sealed) or the counter."""
        if case.delivery.by_post:
            return self.lawbook.delivery.label(case.delivery)
        return self.profile.return_place

    def appointment_slip(self, case: CaseFile, due: date, issued_at: datetime,
                          reprint: bool = False) -> AppointmentSlip:
        a, post = case.decided, case.delivery
        documents = ["Phiếu thu nhận thông tin căn cước (CC01) đã ký"]
        if a.collect_old_card and case.citizen.card is not None:
            documents.append(f"{case.citizen.card.kind.label} số {case.citizen.card.number}")
        return AppointmentSlip(
            agency=self.profile.agency, case_code=case.code, issued_at=issued_at,
            full_name=case.citizen.full_name, id_number=case.citizen.id_number,
            procedure=self.lawbook.procedures.label(a.procedure),
            reason=self.lawbook.procedures.reasons[a.reason].label,
            documents_received=tuple(documents), fee_amount=case.fee.value if case.fee else 0,
            fee_note=self.fee_note(case), return_date=due,
            return_place=self.profile.return_place, clerk_name=self.clerk_name,
            training=self.profile.training, reprint=reprint,
            delivery=self.lawbook.delivery.label(post) if post.by_post else "",
            postal_address=post.address, postal_phone=post.phone,
            courier_note=(f"{self.lawbook.delivery.courier_note} "
                          f"({self.lawbook.delivery.courier_basis})" if post.by_post else ""),
        )
