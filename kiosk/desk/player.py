"""A scripted trainee plays a scenario through the desk, headless: the "perfect trainee" makes
every decision the scenario expects and handles every device fault as a clerk would (plug the
cable back, load paper, capture again, ask a supervisor to accept after the retries); a
"careless trainee" makes exactly the mistakes it is given, and no others."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from kiosk.desk.casefile import SLAP_POSITIONS, CaseFile, Position
from kiosk.desk.desk import CounterDesk
from kiosk.desk.scenario import Scenario
from kiosk.desk.training import SLAP_OF, FaultScript, Simulators, TrainingJournal, next_attempt
from kiosk.devices.base import SLAP_FINGERS, DeviceError, DeviceNotConnected, Finger, Slap
from kiosk.registry.base import LookupQuery
from kiosk.workflow.case import Step
from kiosk.workflow.delivery import DeliveryMethod
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.fee_claims import ExemptionClaim, PaymentMethod
from kiosk.workflow.permissions import Actor, Authorization, Permission, Role
from kiosk.workflow.procedures import Procedure, Reason

T = TypeVar("T")
Report = Callable[[str], None]
CAPTURE_ORDER = ("face", "left_four", "right_four", "thumbs", "iris")
MAX_ATTEMPTS = 8  # a position still failing after this many is a broken scenario, not a lesson
MAX_DEVICE_ERRORS = 6  # device errors in a row at one capture or print
SUPERVISOR_USERNAME = "giam-sat"  # the scripted supervisor's account


class PlayError(Exception):
    """The scenario cannot be played to its end as written; ``message`` says where."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Mistake(StrEnum):
    """The mistakes a careless trainee can be scripted to make."""

    WRONG_REASON = "wrong_reason"  # selects another reason (the value) than the one asked for
    SKIPPED_ADJUSTMENT = "skipped_adjustment"  # does not ask for the CSDLQG adjustment first
    SKIPPED_CAPACITY = "skipped_capacity"  # does not declare the court decision on capacity
    REFUSED_WHEN_NOT_DUE = "refused_when_not_due"  # tries to refuse (the rules block it)
    MISSED_FINGER_EXCEPTION = "missed_finger_exception"  # has the slap accepted below the
    # threshold instead of declaring the finger the citizen lacks
    ACCEPTED_TOO_SOON = "accepted_too_soon"  # asks to accept a poor capture after one try
    WRONG_DELIVERY = "wrong_delivery"  # the counter when the citizen asked for the post
    FEE_NOT_EXEMPTED = "fee_not_exempted"  # collects the fee despite the exemption shown
    EXEMPTED_WITHOUT_GROUNDS = "exempted_without_grounds"  # exempts (the value) without cause


@dataclass(frozen=True)
class Slip:
    """One scripted mistake; ``value`` says which reason or exemption it picks."""

    mistake: Mistake
    value: str = ""

    @classmethod
    def parse(cls, text: str) -> Slip:
        """``wrong_reason:damaged``, ``fee_not_exempted``, ..."""
        name, _, value = text.partition(":")
        try:
            return cls(Mistake(name.strip()), value.strip())
        except ValueError:
            known = ", ".join(m.value for m in Mistake)
            raise ValueError(f"không có lỗi mẫu «{name}»; chọn một trong: {known}") from None

    def check(self, scenario: Scenario) -> None:
        """Raise ValueError unless this mistake can be made in ``scenario``."""
        expected = scenario.expected
        possible = {
            Mistake.WRONG_REASON: self.value in {r.value for r in Reason}
            and self.value != scenario.visit.asks.value,
            Mistake.SKIPPED_ADJUSTMENT: bool(expected.adjustment),
            Mistake.SKIPPED_CAPACITY: scenario.capacity is not None,
            Mistake.REFUSED_WHEN_NOT_DUE: not expected.refused,
            Mistake.MISSED_FINGER_EXCEPTION: bool(expected.missing_fingers),
            Mistake.ACCEPTED_TOO_SOON: bool(expected.accept_low_quality),
            Mistake.WRONG_DELIVERY: expected.delivery is DeliveryMethod.POST,
            Mistake.FEE_NOT_EXEMPTED: expected.exemption is not None,
            Mistake.EXEMPTED_WITHOUT_GROUNDS: expected.exemption is None
            and bool(expected.fee) and bool(self.value),
        }[self.mistake]
        if not possible:
            raise ValueError(f"kịch bản {scenario.name} không cho phép lỗi mẫu "
                             f"{self.mistake.value}{':' + self.value if self.value else ''}")

    def finding(self, scenario: Scenario) -> str:
        """The key of the report row this mistake must show up in (trainee.Finding.key)."""
        if self.mistake is Mistake.MISSED_FINGER_EXCEPTION:
            finger = Finger(sorted(scenario.expected.missing_fingers)[0])
            slap = next(s for s, fingers in SLAP_FINGERS.items() if finger in fingers)
            return f"capture:{SLAP_POSITIONS[slap].value}"
        return {
            Mistake.WRONG_REASON: "procedure", Mistake.SKIPPED_ADJUSTMENT: "adjustment",
            Mistake.SKIPPED_CAPACITY: "capacity",
            Mistake.REFUSED_WHEN_NOT_DUE: "blocked:refuse.no_grounds",
            Mistake.ACCEPTED_TOO_SOON: "blocked:capture.low_quality_too_soon",
            Mistake.WRONG_DELIVERY: "delivery", Mistake.FEE_NOT_EXEMPTED: "fee",
            Mistake.EXEMPTED_WITHOUT_GROUNDS: "fee",
        }[self.mistake]


@dataclass(frozen=True)
class Trainee:
    """How the scripted trainee plays: perfectly, or with these slips."""

    slips: tuple[Slip, ...] = ()

    def slip(self, mistake: Mistake) -> Slip | None:
        return next((s for s in self.slips if s.mistake is mistake), None)


PERFECT = Trainee()


def _supervised(desk: CounterDesk, permission: Permission, supervisor: str,
                call: Callable[[Authorization], T]) -> T:
    """Every supervised desk call of the player goes through here: the trainee at the desk
    acts, the scenario's supervisor approves (as the window's approval dialog would), and
    the desk checks the authorization again."""
    clerk = Actor(desk.operator, Role.CLERK)
    approver = Actor(SUPERVISOR_USERNAME, Role.SUPERVISOR, supervisor)
    return call(desk.permissions.authorize(permission, clerk, approver))


class Player:
    def __init__(self, desk: CounterDesk, scenario: Scenario, *, trainee: Trainee,
                 script: FaultScript, journal: TrainingJournal, simulators: Simulators | None,
                 report: Report, committed: Callable[[CaseFile, str], None]) -> None:
        self.desk, self.scenario, self.trainee = desk, scenario, trainee
        self.script, self.journal, self.simulators = script, journal, simulators
        self.report, self.committed = report, committed
        self.expected = scenario.expected
        self._tried: set[Mistake] = set()  # blocked mistakes are tried once

    def _once(self, mistake: Mistake) -> Slip | None:
        slip = self.trainee.slip(mistake)
        if slip is None or mistake in self._tried:
            return None
        self._tried.add(mistake)
        return slip

    def _blocked(self, case: CaseFile, at: str, call: Callable[[], object]) -> None:
        """An action the rules are expected to refuse: the refusal is shown and recorded."""
        try:
            call()
        except RuleViolation as error:
            self.journal.error(case.code, error, at)
            self.report(f"{case.code} error {error.code}")

    def _supervised(self, permission: Permission, call: Callable[[Authorization], T]) -> T:
        return _supervised(self.desk, permission, self.expected.supervisor, call)

    # -- the case, step by step --------------------------------------------------------------
    def serve(self, case: CaseFile) -> None:
        steps = {Step.IDENTIFIED: self.decide, Step.PROCEDURE_DECIDED: self.representative,
                 Step.REPRESENTATIVE_CHECKED: self.biometrics,
                 Step.BIOMETRICS_CAPTURED: self.receipt, Step.RECEIPT_SIGNED: self.fee,
                 Step.FEE_SETTLED: self.slip, Step.SLIP_ISSUED: self.desk.close}
        while not case.step.is_final:
            before = case.step
            steps[case.step](case)
            if case.step is before:
                raise PlayError(f"{case.code}: bước {before.value} không chuyển tiếp được.")
            self.committed(case, case.step.value)

    def decide(self, case: CaseFile) -> None:
        desk, visit = self.desk, self.scenario.visit
        wrong = self.trainee.slip(Mistake.WRONG_REASON)
        asked = Reason(wrong.value) if wrong else visit.asks
        if (self.expected.adjustment and case.adjustment is None
                and not self.trainee.slip(Mistake.SKIPPED_ADJUSTMENT)):
            desk.request_adjustment(case, self.expected.adjustment, visit.adjustment_documents)
        decision = self.scenario.capacity
        if decision is not None and not self.trainee.slip(Mistake.SKIPPED_CAPACITY):
            desk.set_capacity(case, decision.claim())  # the rules then want the guardian
        if self._once(Mistake.REFUSED_WHEN_NOT_DUE):
            self._blocked(case, case.step.value, lambda: self._supervised(
                Permission.REFUSE_APPLICATION, lambda a: desk.refuse(case, asked, a)))
            if case.step.is_final:
                return
        if desk.preview(case, asked).procedure is Procedure.REFUSE:
            self._print(case, "CC03", lambda: self._supervised(
                Permission.REFUSE_APPLICATION, lambda a: desk.refuse(case, asked, a)))
        else:
            desk.decide(case, asked)

    def representative(self, case: CaseFile) -> None:
        desk, companion = self.desk, self.scenario.representative
        if (companion is not None and case.decided.representative_required
                and case.representative is None):
            person = desk.find_representative(case, companion.id_number)
            desk.accept_representative(case, person, companion.relationship, companion.evidence)
        if "DC02" not in case.printed:  # a counter request: the citizen signs DC02
            self._print(case, "DC02", lambda: desk.print_request_form(case))
        desk.check_representative(case)

    def biometrics(self, case: CaseFile) -> None:
        for at in CAPTURE_ORDER:
            positions = ((Position.IRIS_LEFT, Position.IRIS_RIGHT) if at == "iris"
                         else (Position(at),))
            self._settle(case, at, positions)
        self.desk.finish_biometrics(case)

    def receipt(self, case: CaseFile) -> None:
        desk, visit = self.desk, self.scenario.visit
        if "CC01" not in case.printed:
            method = self.expected.delivery
            if self.trainee.slip(Mistake.WRONG_DELIVERY):
                method = DeliveryMethod.COUNTER
            delivery = (desk.choose_delivery(method, visit.address, visit.phone)
                        if method is DeliveryMethod.POST else desk.choose_delivery(method))
            self._print(case, "CC01", lambda: desk.print_receipt(case, delivery))
        desk.confirm_receipt_signed(case)

    def fee(self, case: CaseFile) -> None:
        desk, visit = self.desk, self.scenario.visit
        claim = None
        if self.expected.exemption and not self.trainee.slip(Mistake.FEE_NOT_EXEMPTED):
            claim = ExemptionClaim(self.expected.exemption, visit.exemption_evidence)
        unfounded = self.trainee.slip(Mistake.EXEMPTED_WITHOUT_GROUNDS)
        if unfounded:
            group = next(e for e in desk.lawbook.fees.exemptions if e.id == unfounded.value)
            claim = ExemptionClaim(group.id, f"{group.evidence} số 15/2026"[:120])
        method, reference = PaymentMethod(visit.payment), visit.transfer_reference
        if claim is None:
            self._print(case, "BL", lambda: desk.settle_fee(case, method, reference))
        else:
            given = claim
            self._print(case, "BL", lambda: self._supervised(
                Permission.EXEMPT_FEE,
                lambda a: desk.settle_fee(case, method, reference, given, a)))

    def slip(self, case: CaseFile) -> None:
        self._print(case, "CC02", lambda: self.desk.issue_slip(case))

    # -- devices -------------------------------------------------------------------------------
    def _remedy(self, device: str, error: DeviceError) -> None:
        """What the clerk does before trying again: plug the cable back, load paper."""
        if self.simulators is None or device not in self.simulators.kinds():
            return
        if isinstance(error, DeviceNotConnected) and not self.simulators.connected(device):
            self.simulators.reconnect(device)
        if device == "printer" and not self.simulators.has_paper():
            self.simulators.load_paper()

    def _device_error(self, case: CaseFile, device: str, at: str, error: DeviceError,
                      count: int) -> None:
        self.journal.error(case.code, error, at)
        self.report(f"{case.code} error {type(error).__name__}")
        if count >= MAX_DEVICE_ERRORS:
            raise PlayError(f"{at}: thiết bị lỗi {count} lần liên tiếp ({error.message}).")
        self._remedy(device, error)

    def _print(self, case: CaseFile, form: str, call: Callable[[], T]) -> T:
        for count in range(1, MAX_DEVICE_ERRORS + 1):
            self.script.before_print(case, form)
            try:
                return call()
            except DeviceError as error:
                self._device_error(case, "printer", form, error, count)
        raise AssertionError("unreachable: _device_error raises at the last try")

    def _settle(self, case: CaseFile, at: str, positions: tuple[Position, ...]) -> None:
        """Capture at ``at`` until its positions pass, deciding between tries like a clerk:
        declare the finger the citizen lacks, ask a supervisor to accept a poor capture."""
        errors = 0
        while any(p in case.missing_positions() for p in positions):
            tried = next_attempt(case, at) - 1
            if tried >= MAX_ATTEMPTS:
                raise PlayError(f"{at}: chưa đạt sau {tried} lần thu nhận; xem lại [[faults]] "
                                "và expected của kịch bản.")
            if tried and self._between_tries(case, at, positions):
                continue
            self.script.before_capture(case, at)
            try:
                self._capture(case, at)
            except DeviceError as error:
                errors += 1
                device = "iris" if at == "iris" else "face" if at == "face" else "fingerprint"
                self._device_error(case, device, at, error, errors)
                continue
            errors = 0
            self.committed(case, "capture")

    def _capture(self, case: CaseFile, at: str) -> None:
        cancel = threading.Event()
        if at == "face":
            self.desk.capture_face(case, cancel)
        elif at == "iris":
            self.desk.capture_irises(case, cancel)
        else:
            self.desk.capture_slap(case, SLAP_OF[at], cancel)

    def _between_tries(self, case: CaseFile, at: str, positions: tuple[Position, ...]) -> bool:
        """A decision after a failed try; True when one was taken (then look again)."""
        desk, expected = self.desk, self.expected
        missed = self.trainee.slip(Mistake.MISSED_FINGER_EXCEPTION) is not None
        if at in SLAP_OF and not missed:
            lacking = [Finger(f) for f in expected.missing_fingers
                       if Finger(f) in SLAP_FINGERS[SLAP_OF[at]]
                       and Finger(f) not in case.missing_fingers]
            for finger in lacking:
                reason = expected.missing_fingers[finger.value]
                self._supervised(Permission.MARK_BIOMETRIC_EXCEPTION,
                                 partial(desk.declare_missing_finger, case, finger, reason))
            if lacking:
                return True
        failing = [p for p in positions if p in case.missing_positions()]
        wanted = [p for p in failing if p.value in expected.accept_low_quality
                  or (missed and at in SLAP_OF and self._lacks_finger(SLAP_OF[at]))]
        if wanted and self._once(Mistake.ACCEPTED_TOO_SOON):
            self._blocked(case, at, lambda: self._supervised(
                Permission.ACCEPT_LOW_QUALITY,
                lambda a: desk.accept_low_quality(case, wanted[0], a)))
            return True
        ready = [p for p in wanted if case.may_accept_low_quality(p, desk.low_quality)]
        for position in ready:
            self._supervised(Permission.ACCEPT_LOW_QUALITY,
                             partial(desk.accept_low_quality, case, position))
        return bool(ready)

    def _lacks_finger(self, slap: Slap) -> bool:
        return any(Finger(f) in SLAP_FINGERS[slap] for f in self.expected.missing_fingers)


def play(desk: CounterDesk, scenario: Scenario, out: Path, step_delay: float, *,
         resume: str | None = None, report: Report = lambda _text: None,
         simulators: Simulators | None = None, trainee: Trainee = PERFECT) -> CaseFile:
    """Serve one case of ``scenario`` to the end through every layer, or continue the open
    case ``resume``; write ``out/summary.json``. Each committed step is announced through
    ``report`` and followed by ``step_delay`` seconds, so a trainer can watch a case unfold
    (and a test can interrupt it at every step)."""
    for slip in trainee.slips:
        slip.check(scenario)
    journal = TrainingJournal(desk.audit, desk.clock, lambda: desk.operator)
    script = FaultScript(scenario.faults, simulators, journal)

    def committed(case: CaseFile, what: str) -> None:
        report(f"{case.code} {what}")
        if step_delay:
            time.sleep(step_delay)

    if resume is None:
        case = desk.open_case(desk.find_citizen(LookupQuery.from_text(scenario.visit.id_number)))
        journal.scenario(case.code, scenario.name)
        committed(case, case.step.value)
    else:
        case = desk.resume(resume)
        committed(case, f"resumed {case.step.value}")
    Player(desk, scenario, trainee=trainee, script=script, journal=journal,
           simulators=simulators, report=report, committed=committed).serve(case)
    documents = {form: where for form, where, _ in desk.cases.load(case.code).documents}
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(
        json.dumps(case_summary(desk, case, scenario, documents), ensure_ascii=False,
                   indent=2) + "\n", encoding="utf-8")
    return case


def case_summary(desk: CounterDesk, case: CaseFile, scenario: Scenario,
                 documents: dict[str, str]) -> dict[str, Any]:
    d = case.decided
    book = desk.lawbook.procedures
    return {
        "code": case.code,
        "status": case.step.value,
        "training": desk.profile.training,
        "scenario": scenario.name,
        "citizen": {"full_name": case.citizen.full_name, "id_number": case.citizen.id_number},
        "procedure": {
            "code": d.procedure.value, "label": book.label(d.procedure),
            "reason": d.reason.value, "reason_label": book.reasons[d.reason].label,
            "basis": list(d.legal_basis),
        },
        "fee": {"amount": d.fee.value, "currency": "VND", "basis": list(d.fee.basis)},
        "due_date": case.due.value.isoformat() if case.due else None,
        "delivery": case.delivery.method.value,
        "captures": {
            p.value: {"quality": r.quality.score, "attempt": r.attempt}
            for p, r in sorted(case.best.items())
        },
        "documents": documents,
    }
