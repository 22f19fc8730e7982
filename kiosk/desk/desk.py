"""One counter desk: look up, decide, capture, print, collect, close — each step saved."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

import numpy as np
import numpy.typing as npt

from kiosk.biometrics.encoding import decode_png, encode_png
from kiosk.biometrics.face import FaceAnalysis, analyse_face
from kiosk.biometrics.fingers import MISSING_REASONS, slap_layout
from kiosk.biometrics.portrait import crop_portrait
from kiosk.biometrics.quality import QualityReport, face_report, judge_iris, judge_slap
from kiosk.desk.casefile import (
    EXCEPTION_PREFIX,
    EYE_POSITIONS,
    FINGER_POSITIONS,
    LOW_QUALITY_PREFIX,
    SLAP_POSITIONS,
    WITHDRAWN,
    CaptureResult,
    CaseFile,
    FingerForm,
    LowQualityPolicy,
    Position,
    note_exception,
)
from kiosk.desk.encodings import EncodingsAhead
from kiosk.desk.faceguide import FaceGuide
from kiosk.desk.fingercheck import FingerChecks
from kiosk.desk.kept import (
    Rank,
    accepted_low_quality,
    declared_missing,
    kept_attempts,
    low_quality_reason,
    outranks,
    rank,
)
from kiosk.desk.paperwork import Paperwork
from kiosk.desk.profile import DeskProfile, DeviceSet
from kiosk.desk.records import finger_boxes
from kiosk.desk.snapshots import citizen_from_json, citizen_to_json
from kiosk.devices.base import DeviceInfo, DeviceKind, Finger, PrintJob, Slap
from kiosk.printing.cc01 import render_receipt
from kiosk.printing.cc02 import render_appointment_slip
from kiosk.printing.cc03 import render_refusal_notice
from kiosk.printing.dc02 import render_request_form
from kiosk.printing.fee_receipt import render_fee_receipt
from kiosk.printing.fonts import register_fonts
from kiosk.registry.base import CitizenNotFound, Found, LookupQuery, PopulationRegistry
from kiosk.registry.cardqr import CardQr, differences
from kiosk.storage.audit import AuditLog
from kiosk.storage.cases import (
    CaseRepository,
    CaseSummary,
    Change,
    FingerBoxes,
    NewCapture,
    NewDocument,
    NewPayment,
    NewSlip,
    StoredAdjustment,
    StoredCapacity,
    StoredCase,
    StoredDelivery,
)
from kiosk.storage.errors import CorruptRecord
from kiosk.workflow.adjustment import (
    Adjustment,
    check_adjustment,
    recorded_adjustment,
)
from kiosk.workflow.age import age_on
from kiosk.workflow.capacity import (
    CapacityClaim,
    CapacityDeclaration,
    check_capacity,
    recorded_capacity,
)
from kiosk.workflow.case import FINAL_STEPS, Event, Step, next_step
from kiosk.workflow.decide import Decision, decide
from kiosk.workflow.decisions import Decided
from kiosk.workflow.delivery import Delivery, DeliveryMethod
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.fee_claims import (
    NOTHING_COLLECTED,
    AcceptedClaim,
    ExemptionClaim,
    PaymentMethod,
    assess_claim,
    check_payment,
    claimable_for,
)
from kiosk.workflow.fees import Exemption
from kiosk.workflow.idnumber import check_id_number
from kiosk.workflow.lawbook import Lawbook
from kiosk.workflow.people import Citizen
from kiosk.workflow.permissions import Actor, Authorization, Permission, PermissionBook
from kiosk.workflow.procedures import Procedure, Reason
from kiosk.workflow.proposal import Proposal
from kiosk.workflow.representation import (
    Relationship,
    Representation,
    assess_representative,
    check_person,
)
from kiosk.workflow.request import REQUEST_PROCEDURE, AssessRequest, BirthPrecision, CardHeld

log = logging.getLogger(__name__)  # case codes and steps only: never personal data


FEE_RECEIPT = "BL"  # the fee receipt's document code (biên lai)


def _kept(result: CaptureResult | None) -> Rank | None:
    return None if result is None else rank(result.quality.acceptable, result.quality.score,
                                             result.accepted_by is not None)


@dataclass(frozen=True)
class DayQueue:
    """The desk's day at a glance (summaries, no images). ``working``: open cases opened
    today; ``waiting``: open cases carried over from an earlier day (the citizen is to come
    back, or the case is to be cancelled); ``done``: cases closed, refused or cancelled today."""

    day: date
    working: tuple[CaseSummary, ...]
    waiting: tuple[CaseSummary, ...]
    done: tuple[CaseSummary, ...]


class CounterDesk:
    """The use cases of one desk, on one case at a time per caller."""

    def __init__(
        self, *, profile: DeskProfile, lawbook: Lawbook, registry: PopulationRegistry,
        devices: DeviceSet, cases: CaseRepository, clock: Callable[[], datetime],
        clerk_name: str, audit: AuditLog | None = None, operator: str = "",
        finger_checks: FingerChecks | None = None,
        on_closed: Callable[[str], None] | None = None,
        low_quality: LowQualityPolicy | None = None,
        permissions: PermissionBook,
    ) -> None:
        self.profile = profile
        # Told each case code that closes (the composition root asks the export outbox
        # for its packet); a failure there never stops the close.
        self.on_closed = on_closed
        # Where and after how many attempts a capture below the threshold may be accepted
        # (SecurityPolicy, resources/security/permissions.toml); None: nowhere.
        self.low_quality = low_quality or LowQualityPolicy(1, frozenset())
        # Checked again here before every supervised action, whoever the caller is.
        self.permissions = permissions
        self.lawbook = lawbook
        self.registry = registry
        self.devices = devices
        self.cases = cases
        self.clock = clock
        self.clerk_name = clerk_name
        self.audit = audit
        # Who acts: the signed-in username; until the sign-in window exists, the desk itself.
        self.operator = operator or f"desk:{profile.desk_code}"
        self._lock = threading.Lock()  # captures run on worker threads
        self.finger_checks = finger_checks  # per-finger NFIQ 2 review of slaps (None: off)
        # Each new best capture's JPEG 2000 for the export packet, made in the background;
        # none for training, which is never exported (None: the packet encodes).
        self.encodings = None if profile.training else EncodingsAhead(cases)
        self.paperwork = Paperwork(profile=profile, lawbook=lawbook, registry=registry,
                                   clock=clock, clerk=lambda: self.clerk_name)

    def shutdown(self) -> None:
        """Release the devices and the NIST tools' process (the window or command ends)."""
        self.devices.close()
        if self.finger_checks is not None:
            self.finger_checks.close()
        if self.encodings is not None:
            self.encodings.close()

    def _audit(self, action: str, case_code: str | None, **details: str | int | bool) -> None:
        """Codes and counts only: the audit trail refuses anything that could be personal."""
        self._audit_by(None, action, case_code, **details)

    def _audit_by(self, authorization: Authorization | None, action: str,
                  case_code: str | None, **details: str | int | bool) -> None:
        """A supervised action names who acted and who approved (its own column)."""
        if self.audit is None:
            return
        actor, approver = self.operator, None
        if authorization is not None:
            actor = authorization.actor.username
            approver = authorization.approver.username if authorization.approver else None
        self.audit.append(at=self.clock(), actor=actor, action=action, case_code=case_code,
                          approver=approver, details=details)

    def _permitted(self, authorization: Authorization | None, permission: Permission) -> Actor:
        """Who answers for a supervised action, verified against the permission book."""
        return self.permissions.verify(authorization, permission)

    # -- lookup and decision -------------------------------------------------------------
    def find_citizens(self, query: LookupQuery) -> list[Citizen]:
        """Everyone CSDLQG finds for ``query``: people can share a name and a birth date, so
        the clerk chooses among several. None raises CitizenNotFound saying what to try next."""
        found = self.registry.find(query)
        by = ("id_number" if query.id_number else
              "former_id_number" if query.former_id_number else
              "application_code" if query.application_code else "name_and_birth_date")
        cached = {"from_cache": True} if cache_synced_at(found) is not None else {}
        self._audit("lookup", None, by=by, found=len(found), **cached)
        if not found:
            then = ("Kiểm tra lại số đã nhập; nếu đúng, hướng dẫn công dân khai phiếu DC01."
                    if query.id_number or query.former_id_number else
                    "Kiểm tra lại mã hồ sơ trực tuyến; nếu đúng, tra cứu bằng số định danh cá "
                    "nhân của công dân." if query.application_code else
                    "Kiểm tra lại họ tên (đủ dấu, đủ chữ đệm) và ngày sinh, hoặc tra cứu bằng số "
                    "định danh cá nhân, số CMND cũ hay mã QR trên thẻ; nếu vẫn không thấy, "
                    "hướng dẫn công dân khai phiếu DC01.")
            raise CitizenNotFound(
                f"Không tìm thấy công dân có {query.describe()} trong CSDLQG về dân cư. {then}")
        return found

    def identify(self, query: LookupQuery) -> CaseFile | list[Citizen]:
        """One person found for ``query``: their case, opened; several (a shared name and
        birth date): the people, for the clerk to choose among (then open_case). None raises
        CitizenNotFound, as find_citizens does."""
        people = self.find_citizens(query)
        if len(people) > 1:
            return people
        case = self.open_case(people[0])
        case.cache_synced_at = cache_synced_at(people)
        return case

    def open_case_from_card(self, card: CardQr) -> CaseFile:
        """Open the case of the holder of the card whose QR code was scanned. What the card
        says stays with the case in memory only (never saved), so the procedure page can warn
        where it differs from CSDLQG; the audit records which fields differ, as codes."""
        try:
            citizen = self.find_citizen(LookupQuery(id_number=card.id_number))
        except CitizenNotFound:
            raise CitizenNotFound(
                f"Không tìm thấy số định danh {card.id_number} (đọc từ mã QR trên thẻ) trong "
                "CSDLQG về dân cư. Đối chiếu với số in trên thẻ; nếu đúng, hướng dẫn công dân "
                "khai phiếu DC01.") from None
        case = self.open_case(citizen)
        case.card = card
        differ = differences(card, citizen)
        self._audit("card_compared", case.code, differs=len(differ) > 0,
                    fields=".".join(field.value for field in differ))
        return case

    def find_citizen(self, query: LookupQuery) -> Citizen:
        """The one citizen ``query`` finds (a number); several raise CitizenNotFound."""
        found = self.find_citizens(query)
        if len(found) > 1:
            raise CitizenNotFound(
                "Có nhiều công dân trùng họ tên và ngày sinh; tra cứu bằng số định danh cá nhân.")
        return found[0]

    def open_case(self, citizen: Citizen) -> CaseFile:
        now = self.clock()
        step = next_step(Step.INTAKE, Event.IDENTIFY)
        code = self.cases.open_case(
            desk_code=self.profile.desk_code, opened_at=now, citizen_id_number=citizen.id_number,
            citizen=citizen_to_json(citizen), training=self.profile.training,
            first_step=step.value, event=Event.IDENTIFY.value, intake_step=Step.INTAKE.value,
        )
        log.info("case %s opened at %s", code, step)
        self._audit("case_opened", code, step=step.value)
        return self.follow_reader(CaseFile(code=code, step=step, citizen=citizen, opened_at=now))

    def request_for(self, citizen: Citizen, reason: Reason, *, db_adjustment: bool = False,
                    lost_capacity: bool = False) -> AssessRequest:
        """The rules' view of this citizen asking for ``reason`` at this counter today;
        ``db_adjustment``: the CSDLQG record is adjusted first (its days add to the period);
        ``lost_capacity``: declared to have lost capacity (a legal representative files)."""
        procedure = self.lawbook.procedures.reasons[reason].procedure
        kind = next(k for k, p in REQUEST_PROCEDURE.items() if p is procedure)
        return AssessRequest(
            on=self.clock().date(), birth=citizen.date_of_birth,
            birth_precision=BirthPrecision.DAY, request=kind,
            reason=None if procedure is Procedure.CAP else reason, sex=citizen.sex,
            citizen=citizen.is_vietnamese_citizen, card=_card_held(citizen),
            id_number=citizen.id_number, former_id_number=citizen.former_id_number,
            db_adjustment_needed=db_adjustment, lost_capacity=lost_capacity,
        )

    def propose(self, case: CaseFile) -> Proposal:
        """The reason the card CSDLQG shows suggests, for the procedure page to preselect."""
        citizen = case.citizen
        return self.lawbook.proposals.propose(
            _card_held(citizen), citizen.date_of_birth, self.clock().date(),
            citizen=citizen.is_vietnamese_citizen, ages=self.lawbook.ages)

    def preview(self, case: CaseFile, reason: Reason, adjustment: bool | None = None,
                capacity: bool | None = None) -> Decision:
        """What choosing ``reason`` would decide, without saving: for the procedure page.
        ``adjustment``: whether a CSDLQG adjustment comes first; ``capacity``: whether the
        citizen is declared to have lost capacity (None: as the case records, for both)."""
        adjusting = case.adjustment is not None if adjustment is None else adjustment
        lost = case.capacity is not None if capacity is None else capacity
        return decide(self.request_for(case.citizen, reason, db_adjustment=adjusting,
                                       lost_capacity=lost), self.lawbook)

    def _granted(self, case: CaseFile, reason: Reason, code: str, then: str) -> Decision:
        """The decision for ``reason``, or the refusal as a reason the clerk can act on
        (``code`` may name the refusal's reason as {reason})."""
        decision = self.preview(case, reason)
        if decision.procedure is Procedure.REFUSE:
            raise RuleViolation(
                code.format(reason=decision.reason.value),
                f"{self.lawbook.procedures.reasons[decision.reason].label}: {then}",
                "; ".join(decision.legal_basis))
        return decision

    def decide(self, case: CaseFile, reason: Reason) -> CaseFile:
        decision = self._granted(case, reason, "refuse.{reason}",
                                 "lập thông báo từ chối (mẫu CC03).")
        self._advance(case, Event.DECIDE, Change(fields={
            "procedure": decision.procedure.value, "reason": decision.reason.value,
            "fee_amount": decision.fee.value, "decision": decision.to_record(),
        }))
        case.decision = decision
        self._audit("decision", case.code, procedure=decision.procedure.value,
                    reason=decision.reason.value, fee=decision.fee.value)
        return case

    def refuse(self, case: CaseFile, requested: Reason, authorization: Authorization) -> str:
        """Refuse in writing what the citizen asked for (Luật Căn cước Điều 23 khoản 4): the
        rules must give grounds; CC03 is printed and saved as the case ends, signed by who
        answers for REFUSE_APPLICATION (the supervisor who approved, else the signed-in one)."""
        signer = self._permitted(authorization, Permission.REFUSE_APPLICATION)
        decision = self.preview(case, requested)
        if decision.procedure is not Procedure.REFUSE:
            raise RuleViolation(
                "refuse.no_grounds",
                f"Không có căn cứ từ chối: yêu cầu được giải quyết theo thủ tục "
                f"{self.lawbook.procedures.label(decision.procedure).lower()}.")
        notice = self.paperwork.refusal_notice(case, decision, signer.shown_name, requested)
        pdf = render_refusal_notice(notice, self.profile.resources_dir)
        result = self.devices.printer.print_document(PrintJob("CC03", pdf, case.code))
        self._advance(case, Event.REFUSE, Change(
            fields={"procedure": decision.procedure.value, "reason": decision.reason.value,
                    "fee_amount": 0, "decision": decision.to_record()},
            document=NewDocument("CC03", pdf, result.location, result.printer)))
        case.decision = decision
        case.printed.append("CC03")
        self._audit_by(authorization, "refusal", case.code,
                       reason=decision.reason.value)
        self._forget_fingers(case)
        return result.location

    def record_representative(self, case: CaseFile, *, full_name: str, id_number: str,
                              relationship: str, evidence: str) -> CaseFile:
        """The legal representative and the evidence shown (or "CSDLQG" when verified there)."""
        self.cases.set_representative(case.code, full_name=full_name, id_number=id_number,
                                      relationship=relationship, evidence=evidence,
                                      at=self.clock())
        case.representative = full_name
        case.representative_id = id_number
        return case

    def find_representative(self, case: CaseFile, id_number: str) -> Citizen:
        """The person with this 12-digit number in CSDLQG, once the rules allow them to
        represent the applicant (an adult, not the applicant); nothing is saved."""
        check_id_number(id_number, self.lawbook.ids)  # the format; structure warnings aside
        try:
            person = self.find_citizen(LookupQuery(id_number=id_number))
        except CitizenNotFound:
            raise CitizenNotFound(
                f"Không tìm thấy người có số định danh {id_number} trong CSDLQG về dân cư. "
                "Kiểm tra lại số trên thẻ căn cước của người đại diện.") from None
        check_person(case.citizen, person, on=self.clock().date(),
                     rules=self.lawbook.representation)
        return person

    def accept_representative(self, case: CaseFile, person: Citizen, relationship: Relationship,
                              evidence: str) -> Decided[Representation]:
        """Record ``person`` (found in CSDLQG) once the representation rules accept them: an
        adult, not the applicant, the link proven by the registry or by the document typed."""
        accepted = assess_representative(case.citizen, person, relationship, evidence,
                                         on=self.clock().date(),
                                         rules=self.lawbook.representation)
        found = accepted.value
        # Back, then another person or relationship: the case's one record is replaced.
        self.record_representative(
            case, full_name=found.full_name, id_number=found.id_number,
            relationship=found.relationship.value, evidence=found.evidence)
        self._audit("representative", case.code, relationship=found.relationship.name.lower(),
                    registry=found.proven_by_registry)
        return accepted

    def check_adjustment(self, fields: tuple[str, ...], documents: str) -> Decided[Adjustment]:
        """The adjustment as the clerk ticked and typed it, checked; nothing is saved."""
        return check_adjustment(fields, documents, self.lawbook.adjustment)

    def request_adjustment(self, case: CaseFile, fields: tuple[str, ...],
                           documents: str) -> Decided[Adjustment]:
        """Record that the CSDLQG record differs from the citizen's papers in ``fields``
        (codes of adjustment.toml), with the supporting documents shown: DC02 then ticks
        item 7 and lists them, and the decision counts the adjustment's working days
        (NĐ 70/2024 Điều 6 khoản 3). Recorded before the procedure is decided (the
        procedure page, with Decide), so the decision saved and its return date always
        include it; after the decision the clerk goes back to the procedure first. Asking
        again replaces the fields and documents."""
        accepted = self.check_adjustment(fields, documents)
        self._save_adjustment(case, accepted.value)
        return accepted

    def set_adjustment(self, case: CaseFile, fields: tuple[str, ...],
                       documents: str) -> CaseFile:
        """The adjustment as the procedure page shows it, recorded before the procedure is
        (re)decided: checked first, so a refused one moves nothing; then a case already
        decided goes back to IDENTIFIED, and the adjustment is requested, or withdrawn when
        ``fields`` is empty (the record agrees with the papers)."""
        asked = self.check_adjustment(fields, documents).value if fields else None
        if case.step is Step.PROCEDURE_DECIDED:
            self.go_back(case, Step.IDENTIFIED)
        if asked is None:
            return self.withdraw_adjustment(case)
        self._save_adjustment(case, asked)
        return case

    def _save_adjustment(self, case: CaseFile, asked: Adjustment) -> None:
        """Record ``asked`` (checked) unless it is what the case records already."""
        if asked == case.adjustment:
            return  # as recorded: nothing to write, whatever the step
        self._check_adjustment_step(case)
        self.cases.set_adjustment(case.code, StoredAdjustment(asked.codes, asked.documents))
        case.adjustment = asked
        # Which fields, as codes; never the documents (personal data).
        self._audit("adjustment", case.code, fields=len(asked.codes),
                    **dict.fromkeys(asked.codes, True))

    def withdraw_adjustment(self, case: CaseFile) -> CaseFile:
        """The record agrees with the papers after all: no adjustment, no extra days."""
        if case.adjustment is None:
            return case
        self._check_adjustment_step(case)
        self.cases.set_adjustment(case.code, None)
        case.adjustment = None
        self._audit("adjustment", case.code, fields=0)
        return case

    def check_capacity(self, case: CaseFile, claim: CapacityClaim
                       ) -> Decided[CapacityDeclaration]:
        """The declaration of lost capacity as the clerk made it, checked; nothing saved."""
        return check_capacity(claim, birth=case.citizen.date_of_birth,
                              today=self.clock().date(), rules=self.lawbook.capacity)

    def set_capacity(self, case: CaseFile, claim: CapacityClaim | None) -> CaseFile:
        """Record the clerk's declaration that the citizen lost capacity or has difficulty
        in cognition or self-control, with the court decision shown (R-3), or withdraw it
        (None), before the procedure is (re)decided: checked first, so a refused one moves
        nothing; a case already decided goes back to IDENTIFIED. Withdrawn for an adult, the
        representative recorded for it goes too (nobody then signs in the citizen's place)."""
        declared = None if claim is None else self.check_capacity(case, claim).value
        if declared == case.capacity:
            return case  # as recorded: nothing to write, whatever the step
        if case.step is Step.PROCEDURE_DECIDED:
            self.go_back(case, Step.IDENTIFIED)
        if case.step is not Step.IDENTIFIED:
            raise RuleViolation(
                "capacity.wrong_step",
                "Chỉ ghi nhận công dân mất năng lực hành vi dân sự (hoặc có khó khăn trong nhận "
                "thức, làm chủ hành vi) trước khi xác định thủ tục: quay lại bước xác định thủ "
                "tục rồi xác nhận lại.")
        self.cases.set_capacity(case.code, None if declared is None else StoredCapacity(
            declared.kind.kind.value, declared.number, declared.issued_on.isoformat()))
        case.capacity = declared
        # Whether, never which decision nor its number: the kind tells the person's health.
        self._audit("capacity", case.code, declared=declared is not None)
        child = (age_on(case.citizen.date_of_birth, self.clock().date())
                 < self.lawbook.ages.representative_below)
        if declared is None and case.representative is not None and not child:
            self.cases.clear_representative(case.code)
            case.representative = case.representative_id = None
            self._audit("representative_withdrawn", case.code)
        return case

    @staticmethod
    def _check_adjustment_step(case: CaseFile) -> None:
        if case.step is not Step.IDENTIFIED:
            raise RuleViolation(
                "adjustment.wrong_step",
                "Chỉ ghi nhận điều chỉnh thông tin CSDLQG về dân cư trước khi xác định thủ "
                "tục: quay lại bước xác định thủ tục rồi xác nhận lại.")

    def print_request_form(self, case: CaseFile, reason: Reason | None = None) -> str:
        """Print DC02 for the citizen (or representative) to sign; saved with the case. With
        ``reason``, before the procedure is decided: the form requests what the rules give
        for it (the citizen signs the request, then the clerk decides)."""
        if case.step.is_final:
            raise RuleViolation("request_form.closed", "Hồ sơ đã kết thúc.")
        decision = None if reason is None else self._granted(
            case, reason, "request_form.refused",
            "yêu cầu này không được giải quyết, không in phiếu DC02; chọn lại lý do hoặc lập "
            "thông báo từ chối (mẫu CC03).")
        pdf = render_request_form(self.paperwork.request_form(case, decision),
                                  self.profile.resources_dir)
        result = self.devices.printer.print_document(PrintJob("DC02", pdf, case.code))
        self.cases.add_document(case.code, NewDocument("DC02", pdf, result.location,
                                                       result.printer), self.clock())
        case.printed.append("DC02")
        self._audit("print", case.code, form="DC02")
        return result.location

    def check_representative(self, case: CaseFile) -> CaseFile:
        self._advance(case, Event.CHECK_REPRESENTATIVE)
        return case

    # -- biometrics (blocking: call from a worker thread) ---------------------------------
    def capture_face(self, case: CaseFile, cancel: threading.Event) -> CaptureResult:
        capture = self.devices.face.capture_face(
            timeout_s=self.profile.capture_timeout_s, cancel=cancel)
        return self._take_face(case, capture.image, capture.device)

    def accept_face_frame(self, case: CaseFile, image: npt.NDArray[np.uint8],
                          analysis: FaceAnalysis | None = None) -> CaptureResult:
        """A preview frame the auto-capture chose (FaceGuide), judged and kept like a still;
        ``analysis``: the guide's analysis of it, so the face is not looked for again."""
        return self._take_face(case, image, self.devices.face.info(), analysis)

    def warm_up(self) -> None:
        """Load at start what the first case would otherwise load mid-way (call off the UI
        thread): this year's and next year's holidays, the face detector's cascades, the
        forms' fonts. Each holds the interpreter for 100-200 ms when cold."""
        today = self.clock().date()
        for year in (today.year, today.year + 1):  # a return date may fall in January
            self.lawbook.calendar.is_working_day(date(year, 1, 2))
        analyse_face(np.zeros((480, 640, 3), dtype=np.uint8))
        register_fonts(self.profile.resources_dir)  # parsing four TTF files: ~150 ms

    def face_guide(self) -> FaceGuide:
        """Per-frame guidance and auto-capture for one preview session."""
        return FaceGuide()

    def _take_face(self, case: CaseFile, image: npt.NDArray[np.uint8],
                   device: DeviceInfo, analysis: FaceAnalysis | None = None) -> CaptureResult:
        if analysis is None:  # once: the verdict and the portrait crop share it
            analysis = analyse_face(image)
        report = face_report(analysis)
        result = self._store(case, Position.FACE, image, report, device)
        if report.acceptable:
            with self._lock:
                case.portrait_jpeg = crop_portrait(image, analysis=analysis)
        return result

    def capture_slap(self, case: CaseFile, slap: Slap, cancel: threading.Event) -> CaptureResult:
        self.follow_reader(case)  # a single-finger reader refuses: the page then asks one by one
        missing = case.missing_on(slap)
        capture = self.devices.fingerprint.capture_slap(
            slap, timeout_s=self.profile.capture_timeout_s, cancel=cancel, missing=missing)
        layout = slap_layout(capture.image)  # once: the judge and the per-finger review
        report = judge_slap(capture.image, slap.finger_count - len(missing), hand=slap.hand,
                            layout=layout)
        if self.finger_checks is not None:
            report = self.finger_checks.review(case.code, slap.value, capture.image, report,
                                               missing=frozenset(int(f) for f in missing),
                                               layout=layout)
        # Kept for the export packet: named as the review named them (about 1 ms).
        boxes = finger_boxes(slap.value, frozenset(int(f) for f in missing), layout)
        return self._store(case, SLAP_POSITIONS[slap], capture.image, report, capture.device,
                           boxes=boxes)

    def finger_form(self) -> FingerForm:
        """How the fingerprint reader in use takes fingers: 4-4-2 slaps, or one by one."""
        slaps = self.devices.fingerprint.info().takes_slaps
        return FingerForm.SLAPS if slaps else FingerForm.SINGLE

    def follow_reader(self, case: CaseFile) -> CaseFile:
        """Ask for the fingers in the form of the reader in use now (the clerk may switch
        readers mid-case: what either form took still counts)."""
        case.finger_form = self.finger_form()
        return case

    def capture_finger(self, case: CaseFile, finger: Finger,
                       cancel: threading.Event) -> CaptureResult:
        """One finger alone (a single-finger reader), kept at its own position: the whole
        image judged (one finger, clear ridges), then the finger as a slap's fingers are
        (NFIQ 2, ridge checks, not a finger the case holds already)."""
        self._check_capture_step(case)
        if finger in case.missing_fingers:
            raise RuleViolation(
                "capture.finger_declared_missing",
                f"{finger.label} đã được khai báo không lấy được vân tay "
                f"({MISSING_REASONS[case.missing_fingers[finger]]}): rút lại khai báo (nút «Ngón "
                "không lấy được vân tay…») trước khi quét ngón này.")
        self.follow_reader(case)
        capture = self.devices.fingerprint.capture_finger(
            finger, timeout_s=self.profile.capture_timeout_s, cancel=cancel)
        layout = slap_layout(capture.image)  # once: the judge and the finger review
        report = judge_slap(capture.image, 1, layout=layout)
        if self.finger_checks is not None:
            report = self.finger_checks.review_finger(case.code, int(finger), capture.image,
                                                      report, layout)
        return self._store(case, FINGER_POSITIONS[finger], capture.image, report,
                           capture.device)

    def declare_missing_finger(self, case: CaseFile, finger: Finger, reason: str | None,
                               authorization: Authorization) -> None:
        """Record that ``finger`` cannot be captured and why (``reason`` a key of
        MISSING_REASONS), or withdraw that with None; the slap then expects one finger less.
        Either way under MARK_BIOMETRIC_EXCEPTION."""
        self._permitted(authorization, Permission.MARK_BIOMETRIC_EXCEPTION)
        if reason is not None and reason not in MISSING_REASONS:
            raise RuleViolation("capture.missing_reason",
                                f"Lý do không lấy được vân tay không hợp lệ: {reason!r}.")
        self._check_capture_step(case)
        self.cases.add_capture(case.code, NewCapture(
            position=f"{EXCEPTION_PREFIX}{finger.value}", image_png=b"", quality=0,
            acceptable=True, problems=(), device_backend="", device_model="", device_serial="",
            exception_reason=reason or WITHDRAWN), self.clock())
        with self._lock:
            note_exception(case, finger, reason)
        self._audit_by(authorization, "finger_exception", case.code,
                       position=int(finger), reason=reason or WITHDRAWN)

    def accept_low_quality(self, case: CaseFile, position: Position,
                           authorization: Authorization) -> CaptureResult:
        """Keep the best attempt at ``position`` although it is below the quality threshold,
        once the case's rules allow it (CaseFile.check_low_quality), under ACCEPT_LOW_QUALITY;
        saved beside the attempts with the username of who answers for it, so a resumed case
        keeps it, and a later acceptable attempt still replaces it."""
        approver = self._permitted(authorization, Permission.ACCEPT_LOW_QUALITY).username
        self._check_capture_step(case)
        with self._lock:
            kept = case.check_low_quality(position, self.low_quality)
        self.cases.add_capture(case.code, NewCapture(
            position=f"{LOW_QUALITY_PREFIX}{position.value}", image_png=b"",
            quality=kept.quality.score, acceptable=True, problems=(),
            device_backend=kept.device.backend, device_model="", device_serial="",
            exception_reason=low_quality_reason(kept.attempt, approver)), self.clock())
        accepted = replace(kept, accepted_by=approver)
        with self._lock:
            case.best[position] = accepted
        log.info("case %s: %s attempt %d accepted below the threshold", case.code, position,
                 kept.attempt)
        self._audit_by(authorization, "low_quality_accepted", case.code,
                       position=position.value, attempt=kept.attempt, quality=kept.quality.score)
        return accepted

    def capture_irises(self, case: CaseFile, cancel: threading.Event) -> list[CaptureResult]:
        capture = self.devices.iris.capture_irises(
            timeout_s=self.profile.capture_timeout_s, cancel=cancel)
        return [
            self._store(case, EYE_POSITIONS[eye], image, judge_iris(image, eye=eye.value),
                        capture.device)
            for eye, image in sorted(capture.images.items())
        ]

    def _store(
        self, case: CaseFile, position: Position, image: npt.NDArray[np.uint8],
        report: QualityReport, device: DeviceInfo, *, boxes: FingerBoxes | None = None,
    ) -> CaptureResult:
        self._check_capture_step(case)
        png = encode_png(image)
        attempt = self.cases.add_capture(case.code, NewCapture(
            position=position.value, image_png=png, quality=report.score,
            acceptable=report.acceptable, problems=report.problems,
            device_backend=device.backend, device_model=device.model,
            device_serial=device.serial, finger_boxes=boxes,
        ), self.clock())
        result = CaptureResult(position, attempt, report, device, image)
        with self._lock:
            case.attempts[position] = max(attempt, case.attempts.get(position, 0))
            kept = outranks(rank(report.acceptable, report.score),
                            _kept(case.best.get(position)))
            if kept:
                case.best[position] = result
        if kept and self.encodings is not None:  # the attempt the packet would carry now
            self.encodings.submit(case.code, position.value, attempt, png)
        log.info("case %s: %s attempt %d quality %d", case.code, position, attempt, report.score)
        self._audit("capture", case.code, position=position.value, attempt=attempt,
                    quality=report.score, acceptable=report.acceptable, device=device.backend)
        return result

    @staticmethod
    def _check_capture_step(case: CaseFile) -> None:
        if case.step is not Step.REPRESENTATIVE_CHECKED:
            raise RuleViolation("capture.wrong_step",
                                "Chỉ thu nhận sinh trắc học sau khi đã xác định thủ tục.")

    def finish_biometrics(self, case: CaseFile) -> CaseFile:
        self._advance(case, Event.CAPTURE_BIOMETRICS)
        return case

    # -- paper and money -------------------------------------------------------------------
    def choose_delivery(self, method: DeliveryMethod, address: str = "",
                        phone: str = "") -> Delivery:
        """The clerk's typed choice, checked (raises RuleViolation); nothing is saved yet:
        the choice is saved with the CC01 that prints it."""
        return self.lawbook.delivery.choose(method, address, phone)

    def receipt_pdf(self, case: CaseFile, delivery: Delivery | None = None) -> bytes:
        """CC01 as it would print now, for a preview: nothing is printed or saved."""
        shown = case if delivery is None else replace(case, delivery=delivery)
        return render_receipt(self.paperwork.receipt_form(shown), self.profile.resources_dir)

    def print_receipt(self, case: CaseFile, delivery: Delivery | None = None) -> str:
        """Print CC01 for the citizen to check and sign; may be repeated (reprint). A new
        ``delivery`` is saved first: the signed CC01 always states the recorded choice."""
        if case.step is not Step.BIOMETRICS_CAPTURED:
            raise RuleViolation("receipt.wrong_step",
                                "Chỉ in phiếu thu nhận (CC01) sau khi hoàn tất thu nhận.")
        if delivery is not None and delivery != case.delivery:
            self.cases.set_delivery(case.code, StoredDelivery(
                delivery.method.value, delivery.address, delivery.phone))
            case.delivery = delivery
            self._audit("delivery", case.code, method=delivery.method.value)
        form = self.paperwork.receipt_form(case)
        if "CC01" in case.printed:
            form = replace(form, reprint=True)
        pdf = render_receipt(form, self.profile.resources_dir)
        result = self.devices.printer.print_document(PrintJob("CC01", pdf, case.code))
        self.cases.add_document(case.code, NewDocument("CC01", pdf, result.location,
                                                       result.printer), self.clock())
        case.printed.append("CC01")
        self._audit("print", case.code, form="CC01")
        return result.location

    def confirm_receipt_signed(self, case: CaseFile) -> CaseFile:
        self._advance(case, Event.SIGN_RECEIPT)
        return case

    def fee_claims(self, case: CaseFile) -> tuple[Exemption, ...]:
        """The exemptions this citizen may claim with a document (none when nothing is due)."""
        return claimable_for(self.lawbook.fees, case.decided, ethnicity=case.citizen.ethnicity)

    def assess_claim(self, case: CaseFile, claim: ExemptionClaim) -> AcceptedClaim:
        """What ``claim`` makes of the fee, or a RuleViolation saying why it does not apply;
        nothing is saved: for the fee page, as the clerk ticks and types."""
        return assess_claim(self.lawbook.fees, case.decided, claim,
                            ethnicity=case.citizen.ethnicity)

    def settle_fee(self, case: CaseFile, method: PaymentMethod = PaymentMethod.CASH,
                   reference: str = "", claim: ExemptionClaim | None = None,
                   authorization: Authorization | None = None) -> CaseFile:
        """Settle the fee and print its receipt (biên lai): collected in cash or by transfer
        (the bank's transaction reference, checked), free by law (amount 0, no method), or
        exempt on ``claim``, re-decided by the rules, under EXEMPT_FEE (``authorization``)."""
        if case.fee is None:
            raise RuleViolation("fee.not_assessed", "Chưa xác định lệ phí cho hồ sơ này.")
        if case.step is not Step.RECEIPT_SIGNED:
            raise RuleViolation("fee.wrong_step",
                                "Chỉ thu lệ phí sau khi công dân đã ký phiếu thu nhận (CC01).")
        accepted = None
        if claim is not None:  # a claim the rules refuse is refused before anyone approves
            accepted = self.assess_claim(case, claim)
            self._permitted(authorization, Permission.EXEMPT_FEE)
        fee = case.fee if accepted is None else accepted.fee
        exemption, evidence = (None, "") if accepted is None else (accepted.exemption.id,
                                                                   accepted.evidence)
        payment = check_payment(method, reference) if fee.value else NOTHING_COLLECTED
        receipt = self.paperwork.fee_receipt(case, payment=payment, claim=accepted)
        pdf = render_fee_receipt(receipt, self.profile.resources_dir)
        result = self.devices.printer.print_document(PrintJob(FEE_RECEIPT, pdf, case.code))
        paid_by = payment.method.value if payment.method else None
        self._advance(case, Event.SETTLE_FEE, Change(
            fields={"fee_amount": fee.value},
            payment=NewPayment(fee.value, fee.basis, fee.notes, receipt.number, paid_by,
                               payment.reference, exemption, evidence),
            document=NewDocument(FEE_RECEIPT, pdf, result.location, result.printer)))
        case.decision = replace(case.decided, fee=fee)  # CC02 states the fee as settled
        case.printed.append(FEE_RECEIPT)
        # Whether an exemption was claimed, never which: the group is sensitive personal data.
        self._audit_by(authorization if claim else None, "fee", case.code,
                       amount=fee.value, method=paid_by or "none", claimed=claim is not None)
        return case

    def issue_slip(self, case: CaseFile) -> str:
        """Compute the return date, print CC02 and save both in one step."""
        now = self.clock()
        # The dossier is complete now: the period runs from today (the decision may be older).
        due = self.preview(case, case.decided.reason).due
        assert due is not None
        pdf = render_appointment_slip(self.paperwork.appointment_slip(case, due.value, now),
                                      self.profile.resources_dir)
        result = self.devices.printer.print_document(PrintJob("CC02", pdf, case.code))
        self._advance(case, Event.ISSUE_SLIP, Change(
            fields={"due_date": due.value},
            document=NewDocument("CC02", pdf, result.location, result.printer),
            slip=NewSlip(due.value, self.paperwork.return_place(case))))
        case.due = due
        case.printed.append("CC02")
        return result.location

    def reprint_slip(self, case: CaseFile, authorization: Authorization) -> str:
        """CC02 again, as first issued (its date and return date), marked "BẢN IN LẠI", under
        REPRINT (the clerk's own role holds it; an admin's does not)."""
        self._permitted(authorization, Permission.REPRINT)
        if case.due is None or "CC02" not in case.printed:
            raise RuleViolation("reprint.not_issued", "Chưa in giấy hẹn (CC02) cho hồ sơ này.")
        issued_at = next(at for form, _where, at in self.cases.load(case.code).documents
                         if form == "CC02")
        pdf = render_appointment_slip(
            self.paperwork.appointment_slip(case, case.due.value, issued_at, reprint=True),
            self.profile.resources_dir)
        result = self.devices.printer.print_document(PrintJob("CC02", pdf, case.code))
        self.cases.add_document(case.code, NewDocument("CC02", pdf, result.location,
                                                       result.printer), self.clock())
        self._audit_by(authorization, "print", case.code, form="CC02", reprint=True)
        return result.location

    def close(self, case: CaseFile) -> CaseFile:
        self._advance(case, Event.CLOSE)
        self._forget_fingers(case)
        if self.encodings is not None:  # the packet may be built at once
            self.encodings.settle(case.code)
        if self.on_closed is not None:
            try:
                self.on_closed(case.code)
            except OSError as error:  # the case is closed and saved; the outbox can catch up
                log.warning("case %s closed but not queued for export: %s", case.code,
                            type(error))
        return case

    def _forget_fingers(self, case: CaseFile) -> None:
        if self.finger_checks is not None:
            self.finger_checks.forget(case.code)

    def go_back(self, case: CaseFile, target: Step) -> CaseFile:
        """Step back to ``target`` through the table's explicit Back transitions."""
        while case.step is not target:
            self._advance(case, Event.BACK)
        return case

    def cancel(self, case: CaseFile, authorization: Authorization) -> CaseFile:
        """End the case unfinished, under CANCEL_CASE; what was captured stays in its history."""
        self._permitted(authorization, Permission.CANCEL_CASE)
        self._advance(case, Event.CANCEL)
        self._forget_fingers(case)
        return case

    def open_cases(self) -> list[CaseSummary]:
        return self.cases.open_cases(frozenset(s.value for s in FINAL_STEPS))

    def day_queue(self) -> DayQueue:
        """This desk's cases of today (by the desk's clock), grouped as :class:`DayQueue`."""
        day = self.clock().date()
        finals = frozenset(s.value for s in FINAL_STEPS)
        cases = self.cases.day_queue(self.profile.desk_code, day, finals)
        still_open = [c for c in cases if c.step not in finals]
        done = sorted((c for c in cases if c.step in finals),
                      key=lambda c: c.updated_at or c.opened_at, reverse=True)  # latest first
        return DayQueue(day, working=tuple(c for c in still_open if c.opened_at.date() >= day),
                        waiting=tuple(c for c in still_open if c.opened_at.date() < day),
                        done=tuple(done))

    def resume(self, code: str) -> CaseFile:
        """The case as last committed, with everything captured so far."""
        stored = self.cases.load(code)
        try:
            return self._rebuild(stored)
        except (KeyError, ValueError, TypeError) as error:
            raise CorruptRecord(
                f"Hồ sơ {code} có dữ liệu đã lưu bị hỏng nên không mở tiếp được. Dữ liệu không "
                "bị thay đổi; báo quản trị viên (ghi lại mã hồ sơ) và tiếp nhận lại nếu cần.",
                detail=type(error).__name__) from error

    def _rebuild(self, stored: StoredCase) -> CaseFile:
        case = CaseFile(code=stored.code, step=Step(stored.step),
                        citizen=citizen_from_json(stored.citizen), opened_at=stored.opened_at)
        if stored.decision is not None:
            case.decision = Decision.from_record(stored.decision)
        case.missing_fingers = {Finger(finger): reason for finger, reason
                                in declared_missing(stored.captures).items()}
        accepted = accepted_low_quality(stored.captures)
        for capture in stored.captures:
            if capture.exception_reason is None:
                tried = Position(capture.position)
                case.attempts[tried] = max(capture.attempt, case.attempts.get(tried, 0))
        for name, capture in kept_attempts(stored.captures).items():
            position = Position(name)
            taken = accepted.get(name)
            report = QualityReport(capture.quality, capture.acceptable, capture.problems)
            kind = {Position.FACE: DeviceKind.FACE, Position.IRIS_LEFT: DeviceKind.IRIS,
                    Position.IRIS_RIGHT: DeviceKind.IRIS}.get(position, DeviceKind.FINGERPRINT)
            device = DeviceInfo(kind, capture.device_backend, capture.device_model,
                                capture.device_serial, capture.device_backend == "simulator")
            case.best[position] = CaptureResult(
                position, capture.attempt, report, device, decode_png(capture.image_png),
                taken[1] if taken is not None and taken[0] == capture.attempt else None)
        face = case.best.get(Position.FACE)
        if face is not None and face.quality.acceptable:
            case.portrait_jpeg = crop_portrait(face.image)
        case.printed = [form for form, _where, _when in stored.documents]
        case.representative = stored.representative
        case.representative_id = stored.representative_id_number
        if stored.delivery is not None:
            d = stored.delivery
            case.delivery = Delivery(DeliveryMethod(d.method), d.address, d.phone)
        if stored.adjustment is not None:
            case.adjustment = recorded_adjustment(stored.adjustment.fields,
                                                  stored.adjustment.documents,
                                                  self.lawbook.adjustment)
        if stored.capacity is not None:
            c = stored.capacity
            case.capacity = recorded_capacity(c.kind, c.number, c.issued_on,
                                              self.lawbook.capacity)
        if stored.due_date is not None:
            case.due = Decided(stored.due_date, self.lawbook.return_basis)
        if stored.payments and case.decision is not None:  # the fee as settled (a claim)
            paid = stored.payments[-1]
            case.decision = replace(case.decision,
                                    fee=Decided(paid.amount, paid.basis, paid.notes))
        self.follow_reader(case)
        log.info("case %s resumed at %s", case.code, case.step)
        return case

    # -- the one way a case moves ------------------------------------------------------------
    def _advance(self, case: CaseFile, event: Event, change: Change | None = None) -> None:
        target = next_step(case.step, event, case.facts())
        self.cases.advance(case.code, expected=case.step.value, event=event.value,
                           target=target.value, at=self.clock(), change=change)
        log.info("case %s: %s -> %s", case.code, case.step, target)
        details: dict[str, str | int | bool] = {"event": event.value, "to": target.value}
        if event is Event.ISSUE_SLIP:
            details["form"] = "CC02"
        self._audit("step", case.code, **details)
        case.step = target


def _card_held(citizen: Citizen) -> CardHeld:
    """The rules' view of the card CSDLQG records for ``citizen``."""
    card = citizen.card
    return CardHeld(None) if card is None else CardHeld(card.kind, card.issued_on,
                                                        card.expires_on)


def cache_synced_at(found: list[Citizen]) -> str | None:
    """When a lookup was answered from the offline cache, the time it was last synced ("" not
    known); None when CSDLQG itself answered (kiosk.registry.base.Found)."""
    return found.cache_synced_at if isinstance(found, Found) and found.from_cache else None
