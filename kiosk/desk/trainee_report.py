"""The trainee report of one case played under a scenario: each expected decision against the
one made (kiosk/workflow/trainee.py), with its legal basis; time per step and retries per
capture from the audit trail; the errors the trainee was shown; the verdict. Read off the
saved case and its audit rows, so it judges a case played in the window or headless alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from itertools import pairwise
from typing import Any

from kiosk.biometrics.fingers import FINGER_NAMES, MISSING_REASONS
from kiosk.desk.casefile import POSITION_LABELS, SLAP_POSITIONS
from kiosk.desk.desk import CounterDesk
from kiosk.desk.kept import accepted_low_quality, declared_missing
from kiosk.desk.scenario import CAPTURE_CUES, ScenarioNotFound, load_scenario
from kiosk.desk.snapshots import citizen_from_json
from kiosk.desk.training import ERROR, FAULT, SCENARIO
from kiosk.devices.base import SLAP_FINGERS, Finger
from kiosk.storage.cases import StoredCase
from kiosk.storage.training import StoredReport, TrainingReports
from kiosk.workflow.capacity import CapacityKind
from kiosk.workflow.case import Step
from kiosk.workflow.decide import decide
from kiosk.workflow.lawbook import Lawbook
from kiosk.workflow.representation import Relationship
from kiosk.workflow.trainee import Bases, Choices, Handling, Labels, Outcome, compare
from kiosk.workflow.trainee_record import (
    CaptureTries,
    InjectedFault,
    ShownError,
    StepTime,
    TraineeReport,
)

# What the trainee saw when the rules refused an action (RuleViolation codes).
BLOCKED_LABELS = {
    "refuse.no_grounds": "Lập thông báo từ chối (CC03) khi yêu cầu được giải quyết",
    "capture.low_quality_too_soon": "Đề nghị chấp nhận ảnh dưới ngưỡng trước khi thu nhận đủ "
                                    "số lần quy định",
    "capture.low_quality_position": "Đề nghị chấp nhận ảnh khuôn mặt dưới ngưỡng",
    "capture.low_quality_passed": "Đề nghị chấp nhận ngoại lệ cho ảnh đã đạt",
    "fee.claim.not_needed": "Đề nghị miễn lệ phí cho hồ sơ không phải nộp lệ phí",
    "fee.claim.by_age": "Miễn lệ phí theo giấy tờ cho đối tượng xác định theo tuổi",
    "fee.claim.ethnicity": "Miễn lệ phí cho đối tượng mà dân tộc trong CSDLQG loại trừ",
    "representative.minor": "Nhận người chưa thành niên làm người đại diện",
    "representative.self": "Nhận chính công dân làm người đại diện",
    "representative.evidence": "Nhận người đại diện không có giấy tờ chứng minh",
    "representative.not_in_registry": "Ghi «CSDLQG» khi CSDLQG không chứng minh quan hệ",
    "representative.required": "Chuyển bước khi chưa ghi nhận người đại diện",
    "representative.adult_applicant": "Ghi cha, mẹ làm người đại diện cho người đã thành niên "
                                      "(phải là người giám hộ)",
    "capacity.kind": "Khai báo mất năng lực hành vi dân sự không chọn quyết định của Tòa án",
    "capacity.number": "Khai báo mất năng lực hành vi dân sự không có số quyết định",
    "capacity.date": "Khai báo mất năng lực hành vi dân sự không có ngày quyết định",
    "capacity.date_range": "Ngày quyết định của Tòa án không hợp lệ",
    "capture.incomplete": "Chuyển bước khi chưa thu nhận đủ sinh trắc học",
    "permission.needs_approval": "Thực hiện thao tác cần người giám sát xác nhận",
}
DEVICE_LABELS = {
    "DeviceNotConnected": "Thiết bị mất kết nối (rút cáp)",
    "DeviceNotReady": "Thiết bị chưa sẵn sàng (máy in hết giấy, đèn chưa sẵn sàng)",
    "DeviceBusy": "Thiết bị báo bận",
    "DeviceTimeout": "Thiết bị không trả lời",
    "NothingDetected": "Thiết bị không thấy ngón tay, khuôn mặt hoặc mắt",
    "CorruptPayload": "Dữ liệu thiết bị gửi về bị hỏng",
    "UntrustedDevice": "Chữ ký thiết bị không hợp lệ",
    "StaleResponse": "Đồng hồ thiết bị lệch",
}
CUE_LABELS = {**{p.value: label for p, label in POSITION_LABELS.items()},
              "iris": "Mống mắt (hai mắt)"}
FORM_LABELS = {"DC02": "In phiếu đề nghị (DC02)", "CC01": "In phiếu thu nhận (CC01)",
               "BL": "In biên lai lệ phí", "CC02": "In giấy hẹn (CC02)",
               "CC03": "In thông báo từ chối (CC03)"}
# What the clerk does while the case stands at each step: the time there is spent on it.
ACTIVITIES = {
    Step.IDENTIFIED: "Xác định thủ tục (sau khi tra cứu)",
    Step.PROCEDURE_DECIDED: "Người đại diện, phiếu đề nghị DC02",
    Step.REPRESENTATIVE_CHECKED: "Thu nhận sinh trắc học",
    Step.BIOMETRICS_CAPTURED: "In và ký phiếu thu nhận CC01",
    Step.RECEIPT_SIGNED: "Thu hoặc miễn lệ phí",
    Step.FEE_SETTLED: "In giấy hẹn CC02",
    Step.SLIP_ISSUED: "Thu hồi thẻ cũ, kết thúc hồ sơ",
}
DEVICE_KINDS = {"face": "Camera", "fingerprint": "Máy quét vân tay",
                "iris": "Máy quét mống mắt", "printer": "Máy in"}
LIVE = "live"  # the cue of a fault the trainer injected by hand


def where(at: str) -> str:
    """A capture cue, form, step or "live", as the trainee and the trainer name it."""
    if at in CUE_LABELS:
        return CUE_LABELS[at]
    if at in FORM_LABELS:
        return FORM_LABELS[at]
    if at == LIVE:
        return "Giảng viên tạo trực tiếp"
    return ACTIVITIES.get(Step(at), Step(at).label) if at in {s.value for s in Step} else at


class NotJudged(Exception):
    """The case has no trainee report (yet); ``message`` says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# -- the audit trail ------------------------------------------------------------------------
Row = dict[str, Any]


def _at(row: Row) -> datetime:
    return datetime.fromisoformat(row["at"])


def scenario_of(rows: list[Row]) -> str | None:
    return next((r["details"]["scenario"] for r in rows if r["action"] == SCENARIO), None)


def trainee_of(rows: list[Row]) -> str:
    return next((r["actor"] for r in rows if r["action"] == "case_opened"), "?")


def step_times(rows: list[Row]) -> tuple[list[StepTime], int]:
    """Seconds spent at each step (summed when Back returned to it), and in all."""
    entered = [(r["details"]["step"] if r["action"] == "case_opened" else r["details"]["to"],
                _at(r)) for r in rows if r["action"] in ("case_opened", "step")]
    spent: dict[str, int] = {}
    for (step, at), (_next, left) in pairwise(entered):
        spent[step] = spent.get(step, 0) + int((left - at).total_seconds())
    total = int((entered[-1][1] - entered[0][1]).total_seconds()) if entered else 0
    return [StepTime(step, ACTIVITIES.get(Step(step), Step(step).label), seconds)
            for step, seconds in spent.items()], total


def capture_tries(rows: list[Row]) -> list[CaptureTries]:
    stored: dict[str, int] = {}
    for row in rows:
        if row["action"] == "capture":
            position = row["details"]["position"]
            cue = "iris" if position.startswith("iris") else position
            # Both eyes come from one capture: count the pair once.
            if position != "iris_right":
                stored[cue] = stored.get(cue, 0) + 1
    errors: dict[str, int] = {}
    for row in rows:
        if (row["action"] == ERROR and row["details"]["kind"] == "device"
                and row["details"]["at"] in CAPTURE_CUES):
            errors[row["details"]["at"]] = errors.get(row["details"]["at"], 0) + 1
    return [CaptureTries(cue, CUE_LABELS[cue], stored.get(cue, 0), errors.get(cue, 0))
            for cue in CAPTURE_CUES if cue in stored or cue in errors]


def shown_errors(rows: list[Row]) -> list[ShownError]:
    found = []
    for row in rows:
        if row["action"] != ERROR:
            continue
        d = row["details"]
        labels = BLOCKED_LABELS if d["kind"] == "rule" else DEVICE_LABELS
        found.append(ShownError(d["at"], where(d["at"]), d["kind"], d["code"],
                                labels.get(d["code"], d["code"])))
    return found


def injected_faults(rows: list[Row], labels: Mapping[str, str] | None = None
                    ) -> list[InjectedFault]:
    """``labels``: fault name -> the trainer's wording (the simulators know them)."""
    named = labels or {}
    return [InjectedFault(d["at"], where(d["at"]), DEVICE_KINDS.get(d["device"], d["device"]),
                          d["fault"], named.get(d["fault"], d["fault"]), int(d["attempt"]),
                          bool(d["cued"]))
            for d in (r["details"] for r in rows if r["action"] == FAULT)]


# -- what was made, and what was expected ----------------------------------------------------
def _slap_position(finger: str) -> str:
    slap = next(s for s, fingers in SLAP_FINGERS.items() if Finger(finger) in fingers)
    return SLAP_POSITIONS[slap].value


def _handlings(missing: dict[str, str], accepted: set[str]) -> dict[str, Handling]:
    by_position: dict[str, list[tuple[str, str]]] = {}
    for finger, reason in missing.items():
        by_position.setdefault(_slap_position(finger), []).append((finger, reason))
    return {position: Handling(tuple(sorted(by_position.get(position, []))),
                               position in accepted)
            for position in set(by_position) | accepted}


def _made(stored: StoredCase, rows: list[Row]) -> tuple[Choices, Outcome]:
    relationship = None
    if stored.representative_id_number:
        said = next((r["details"]["relationship"] for r in reversed(rows)
                     if r["action"] == "representative"), None)
        relationship = Relationship[said.upper()].value if said else None
    payment = stored.payments[-1] if stored.payments else None
    choices = Choices(
        procedure=stored.procedure or "", reason=stored.reason or "",
        adjustment=tuple(sorted(stored.adjustment.fields)) if stored.adjustment else (),
        representative=relationship, exemption=payment.exemption if payment else None,
        delivery=stored.delivery.method if stored.delivery else "counter",
        capacity=stored.capacity.kind if stored.capacity else None,
        captures=_handlings(declared_missing(stored.captures),
                            set(accepted_low_quality(stored.captures))))
    fee = payment.amount if payment else None
    return choices, Outcome(fee, payment.basis if payment else (), stored.due_date)


def _played_on(stored: StoredCase) -> date:
    """The day the dossier was completed (the slip issued), else the day it was opened."""
    issued = [at for _source, _event, target, at in stored.transitions
              if target == Step.SLIP_ISSUED.value]
    return (issued[-1] if issued else stored.opened_at).date()


def labels_of(law: Lawbook) -> Labels:
    book = law.procedures
    return Labels(
        reasons={r.value: f"{book.label(info.procedure)} — {info.label}"
                 for r, info in book.reasons.items()},
        relationships={i.relationship.value: i.label for i in law.representation.relationships},
        exemptions={e.id: e.label for e in law.fees.exemptions},
        deliveries={m.value: label for m, label in law.delivery.labels.items()},
        fields={f.field.value: f.label for f in law.adjustment.fields},
        positions={p.value: label for p, label in POSITION_LABELS.items()},
        fingers={str(n): name.capitalize() for n, name in FINGER_NAMES.items()},
        missing_reasons=MISSING_REASONS, blocked=BLOCKED_LABELS,
        capacities={k.kind.value: k.label for k in law.capacity.kinds})


def judge(desk: CounterDesk, code: str,
          fault_labels: Mapping[str, str] | None = None) -> TraineeReport:
    """The report of case ``code``; raises NotJudged when it is no training scenario's.
    ``fault_labels``: how the trainer's menu names each fault."""
    stored = desk.cases.load(code)
    rows = desk.audit.for_case(code) if desk.audit is not None else []
    name = scenario_of(rows)
    if not stored.training or name is None:
        raise NotJudged(f"Hồ sơ {code} không được thực hiện theo kịch bản đào tạo nào: không "
                        "có báo cáo học viên.")
    if not Step(stored.step).is_final:
        raise NotJudged(f"Hồ sơ {code} chưa kết thúc (bước {Step(stored.step).label}): học "
                        "viên hoàn tất hồ sơ rồi mới lập báo cáo.")
    law = desk.lawbook
    try:
        scenario = load_scenario(desk.profile.resources_dir, name, lawbook=law)
    except ScenarioNotFound:
        raise NotJudged(f"Không còn kịch bản «{name}» của hồ sơ {code} trong resources/"
                        "scenarios: không chấm được.") from None
    expected = scenario.expected
    played_on = _played_on(stored)
    wanted = Choices(
        procedure=expected.procedure.value, reason=expected.reason.value,
        adjustment=expected.adjustment,
        representative=expected.representative.value if expected.representative else None,
        exemption=expected.exemption, delivery=expected.delivery.value,
        captures=_handlings(dict(expected.missing_fingers), set(expected.accept_low_quality)),
        capacity=scenario.capacity.kind if scenario.capacity else None)
    # What the rules give for the expected choices on the day the case was played.
    citizen = citizen_from_json(stored.citizen)
    decision = decide(replace(desk.request_for(citizen, scenario.visit.asks,
                                               db_adjustment=bool(expected.adjustment),
                                               lost_capacity=scenario.capacity is not None),
                              on=played_on), law)
    fee: int | None = decision.fee.value
    fee_basis = decision.fee.basis
    if expected.exemption:
        group = next(e for e in law.fees.exemptions if e.id == expected.exemption).decided()
        fee, fee_basis = group.value, group.basis
    due = decision.due.value if decision.due else None
    if played_on == scenario.on:  # the story's own day: its figures, as the trainer reads
        fee, due = expected.fee, expected.due_date
    outcome = (Outcome(None) if expected.refused else
               Outcome(fee, fee_basis, due, decision.due.basis if decision.due else ()))
    made, made_outcome = _made(stored, rows)
    capture_basis = tuple(b for b in decision.legal_basis if "Điều 23 khoản 1 điểm b" in b) or (
        law.ages.capture_basis,)
    relationship = (law.representation.info(expected.representative).basis,
                    ) if expected.representative else ()
    bases = Bases(
        procedure=tuple(dict.fromkeys((law.procedures.procedures[expected.procedure][1],
                                       law.procedures.reasons[expected.reason].basis))),
        adjustment=(law.adjustment.basis,),
        representative=(law.representation.basis, *relationship),
        capture=capture_basis, delivery=(law.delivery.basis,),
        capacity=(law.ages.lost_capacity_basis, *(
            (law.capacity.info(CapacityKind(scenario.capacity.kind)).basis,)
            if scenario.capacity else ())))
    errors = shown_errors(rows)
    findings = compare(wanted, made, expected_outcome=outcome, made_outcome=made_outcome,
                       blocked=[e.code for e in errors if e.kind == "rule"],
                       labels=labels_of(law), bases=bases)
    steps, seconds = step_times(rows)
    return TraineeReport(
        case_code=code, desk_code=stored.desk_code, scenario=name, title=scenario.title,
        trainee=trainee_of(rows), played_on=played_on, scenario_day=scenario.on,
        outcome=stored.step, findings=tuple(findings), steps=tuple(steps),
        captures=tuple(capture_tries(rows)), errors=tuple(errors),
        faults=tuple(injected_faults(rows, fault_labels)), seconds=seconds)


def save(reports: TrainingReports, report: TraineeReport, now: datetime) -> None:
    reports.save(StoredReport(report.case_code, report.desk_code, report.scenario,
                              report.trainee, report.played_on, now, report.clean,
                              len(report.mistakes), report.to_json()))


def saved_or_judged(desk: CounterDesk, reports: TrainingReports, code: str,
                    now: datetime, fault_labels: Mapping[str, str] | None = None
                    ) -> TraineeReport:
    """The report saved for ``code``; judged and saved now when the case has none yet."""
    stored = reports.get(code)
    if stored is not None:
        return TraineeReport.from_json(stored.body)
    report = judge(desk, code, fault_labels)
    save(reports, report, now)
    return report
