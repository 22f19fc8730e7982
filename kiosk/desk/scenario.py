"""Training scenarios: who comes to the counter, what they ask and bring, how the devices
misbehave, and what a careful clerk decides (resources/scenarios/*.toml; docs/scenarios.md).

The loader checks every field against the legal data and the training registry, and names
the file and the field of anything wrong. ``kiosk demo`` plays a scenario headless
(kiosk/desk/player.py); trainers run them at a trainee's desk (kiosk/desk/trainer.py).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from kiosk.biometrics.fingers import MISSING_REASONS
from kiosk.devices.base import Finger
from kiosk.registry.base import LookupQuery
from kiosk.registry.synthetic import SyntheticRegistry
from kiosk.workflow.capacity import CapacityClaim
from kiosk.workflow.delivery import DeliveryMethod
from kiosk.workflow.lawbook import Lawbook, load_lawbook
from kiosk.workflow.procedures import REFUSALS, Procedure, Reason
from kiosk.workflow.representation import Relationship

if TYPE_CHECKING:
    from kiosk.desk.casefile import CaseFile
    from kiosk.desk.desk import CounterDesk

# The rows of the rules table of shared/reference/legal.md §10; every one is exercised by at
# least one scenario (tests/desk/test_scenarios.py).
RULE_ROWS = (
    "E-1", "E-2", "E-3", "P-1", "P-2", "P-3", "P-4", "P-5", "P-6", "P-7", "P-8", "P-9", "P-10",
    "P-11", "B-1", "B-2", "B-3", "B-4", "R-1", "R-2", "R-3", "V-1", "F-1", "F-2", "T-1", "T-2",
    "T-3", "L-1", "D-1", "D-2", "O-1", "O-2", "X-1",
)
# Where a fault can be cued, and the device it falls on: a capture (iris: both eyes, one
# capture) or the printing of a form.
CAPTURE_CUES = {"face": "face", "left_four": "fingerprint", "right_four": "fingerprint",
                "thumbs": "fingerprint", "iris": "iris"}
FORM_CUES = ("DC02", "CC01", "BL", "CC02", "CC03")
LOW_QUALITY_POSITIONS = ("left_four", "right_four", "thumbs", "iris_left", "iris_right")
BIOMETRIC_PLANS = ("capture", "reuse", "none")
SUPERVISOR = "Cán bộ giám sát"  # who approves when the scenario names no one


class ScenarioNotFound(Exception):
    pass


class ScenarioError(Exception):
    """A scenario file that cannot be played; the message names the file and the field."""

    def __init__(self, path: Path, field: str, message: str) -> None:
        self.message = f"Kịch bản {path.name}, trường «{field}»: {message}"
        super().__init__(self.message)


@dataclass(frozen=True)
class FaultCue:
    """A device fault on cue: at a capture position or the printing of a form, on these
    attempts there (1 = the first; a device error does not use up an attempt)."""

    at: str
    fault: str  # a fault name of the simulators (device_simulators/behaviour.py Fault)
    attempts: tuple[int, ...]
    note: str = ""

    @property
    def device(self) -> str:
        return CAPTURE_CUES.get(self.at, "printer")


@dataclass(frozen=True)
class Companion:
    """The legal representative who comes with (or for) the citizen."""

    id_number: str
    relationship: Relationship
    evidence: str  # the document shown; "" when CSDLQG names the parent


@dataclass(frozen=True)
class CourtDecision:
    """The court decision the citizen's guardian shows: the citizen lost capacity, or has
    difficulty in cognition or self-control (R-3); the careful clerk declares it."""

    kind: str  # a kind code of resources/law/capacity.toml
    number: str
    issued_on: date

    def claim(self) -> CapacityClaim:
        """The declaration as the clerk types it on the procedure page."""
        return CapacityClaim(self.kind, self.number, f"{self.issued_on:%d/%m/%Y}")


@dataclass(frozen=True)
class Visit:
    """Who comes, what they ask for and what they bring."""

    id_number: str
    asks: Reason  # the request, as the clerk selects it
    present: bool = True  # the citizen stands at the counter (not only the representative)
    brings: tuple[str, ...] = ()  # what the trainer hands over or reads out
    exemption_evidence: str = ""  # the document shown for a fee exemption
    adjustment_documents: str = ""  # the documents proving the changed data
    address: str = ""  # for delivery by post
    phone: str = ""
    payment: str = "cash"  # "cash" or "transfer"
    transfer_reference: str = ""


@dataclass(frozen=True)
class Expected:
    """The careful clerk's decisions, and what the rules make of them on the scenario's day."""

    procedure: Procedure
    reason: Reason  # as decided (the rules may turn the request into another reason)
    biometrics: str  # "capture", "reuse" (the last captured) or "none"
    fee: int | None = None  # VND on the scenario's day; None for a refusal
    exemption: str | None = None  # claimed with exemption_evidence
    representative: Relationship | None = None
    adjustment: tuple[str, ...] = ()
    delivery: DeliveryMethod = DeliveryMethod.COUNTER
    finger_exceptions: Mapping[str, str] | None = None  # ISO finger -> reason
    accept_low_quality: tuple[str, ...] = ()  # positions accepted below the threshold
    due_date: date | None = None
    card_expiry: date | str | None = None  # a date, "none" (no expiry) or None (not checked)
    collect_old_card: bool | None = None
    warnings: tuple[str, ...] = ()  # texts the rules' warnings must contain
    supervisor: str = SUPERVISOR  # who approves supervised actions (signs CC03)

    @property
    def refused(self) -> bool:
        return self.procedure is Procedure.REFUSE

    @property
    def missing_fingers(self) -> Mapping[str, str]:
        return self.finger_exceptions or {}


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    story: str
    on: date  # the day the story is set: the expected values hold on that day
    rules: tuple[str, ...]
    visit: Visit
    representative: Companion | None
    faults: tuple[FaultCue, ...]
    expected: Expected
    capacity: CourtDecision | None = None  # declared by the careful clerk

    # The names the first version's callers use (benchmarks).
    @property
    def id_number(self) -> str:
        return self.visit.id_number

    @property
    def reason(self) -> Reason:
        return self.visit.asks

    @property
    def approver(self) -> str:
        return self.expected.supervisor


def scenario_names(resources_dir: Path) -> list[str]:
    return sorted(p.stem for p in (resources_dir / "scenarios").glob("*.toml"))


def load_scenario(resources_dir: Path, name: str,
                  faults: Mapping[str, Collection[str]] | None = None, *,
                  lawbook: Lawbook | None = None) -> Scenario:
    """The scenario ``name``; ``faults``: the fault names each simulated device kind plays
    (the composition root passes them; None leaves the names unchecked)."""
    path = resources_dir / "scenarios" / f"{name}.toml"
    if not path.is_file():
        known = ", ".join(scenario_names(resources_dir))
        raise ScenarioNotFound(f"--scenario {name!r}: no such scenario (known: {known})")
    registry = SyntheticRegistry.from_file(resources_dir / "training" / "citizens.toml")
    law = lawbook or load_lawbook(resources_dir)
    return _Reader(path, law, registry, faults).scenario()


def load_all(resources_dir: Path, faults: Mapping[str, Collection[str]] | None = None
             ) -> list[Scenario]:
    law = load_lawbook(resources_dir)
    return [load_scenario(resources_dir, name, faults, lawbook=law)
            for name in scenario_names(resources_dir)]


# The fields each table of a scenario file may hold (anything else is a typo).
_TOP = frozenset({"title", "story", "on", "rules", "citizen", "representative", "faults",
                  "expected", "capacity"})
_CITIZEN = frozenset({"id_number", "asks", "present", "brings", "exemption_evidence",
                      "adjustment_documents", "address", "phone", "payment",
                      "transfer_reference"})
_COMPANION = frozenset({"id_number", "relationship", "evidence"})
_CAPACITY = frozenset({"kind", "number", "issued_on"})
_CUE = frozenset({"at", "fault", "attempts", "note"})
_EXPECTED = frozenset({"procedure", "reason", "biometrics", "fee", "exemption",
                       "representative", "adjustment", "delivery", "finger_exceptions",
                       "accept_low_quality", "due_date", "card_expiry", "collect_old_card",
                       "warnings", "supervisor"})


class _Reader:
    """Reads one file, field by field, raising ScenarioError at the first bad one."""

    def __init__(self, path: Path, law: Lawbook, registry: SyntheticRegistry,
                 faults: Mapping[str, Collection[str]] | None) -> None:
        self.path, self.law, self.registry, self.faults = path, law, registry, faults

    def fail(self, field: str, message: str) -> ScenarioError:
        return ScenarioError(self.path, field, message)

    def scenario(self) -> Scenario:
        try:
            with self.path.open("rb") as handle:
                data = tomllib.load(handle)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise self.fail("(cú pháp TOML)", f"{error}; sửa tệp theo docs/scenarios.md.") \
                from None
        self.keys(data, _TOP, "")
        visit = self.visit(self.table(data, "citizen"))
        companion = (self.companion(self.table(data, "representative"))
                     if "representative" in data else None)
        cues = data.get("faults", [])
        if not isinstance(cues, list):
            raise self.fail("faults", "phải là danh sách [[faults]].")
        expected = self.expected(self.table(data, "expected"), visit, companion)
        on = self.day(data, "on", required=True) or date.min
        capacity = (self.capacity(self.table(data, "capacity"), on, companion)
                    if "capacity" in data else None)
        rules = self.rules(data)
        if ("R-3" in rules) != (capacity is not None):
            raise self.fail("capacity", "bảng [capacity] (quyết định của Tòa án công dân xuất "
                            "trình) đi cùng dòng \"R-3\" trong rules, và ngược lại.")
        return Scenario(
            name=self.path.stem, title=self.text(data, "title"), story=self.text(data, "story"),
            on=on, rules=rules,
            visit=visit, representative=companion,
            faults=tuple(self.cue(cue, n) for n, cue in enumerate(cues, start=1)),
            expected=expected, capacity=capacity)

    # -- primitives --------------------------------------------------------------------------
    def keys(self, data: Mapping[str, Any], allowed: frozenset[str], prefix: str) -> None:
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise self.fail(prefix + unknown[0], "không có trong lược đồ kịch bản (gõ nhầm?); "
                            f"các trường hợp lệ: {', '.join(sorted(allowed))}.")

    def table(self, data: Mapping[str, Any], field: str) -> dict[str, Any]:
        value = data.get(field)
        if not isinstance(value, dict):
            raise self.fail(field, f"thiếu bảng [{field}].")
        return value

    def text(self, data: Mapping[str, Any], field: str, prefix: str = "", *,
             required: bool = True) -> str:
        value = data.get(field, None if required else "")
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(prefix + field, "phải là một chuỗi văn bản không rỗng.")
        return value.strip()

    def day(self, data: Mapping[str, Any], field: str, prefix: str = "", *,
            required: bool = False) -> date | None:
        value = data.get(field)
        if value is None and not required:
            return None
        if not isinstance(value, date):
            raise self.fail(prefix + field, "phải là ngày dạng 2026-11-25 (không đặt trong "
                            "dấu nháy).")
        return value

    def choice(self, value: Any, field: str, allowed: Collection[str]) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise self.fail(field, f"{value!r} không hợp lệ; chọn một trong: "
                            f"{', '.join(sorted(allowed))}.")
        return value

    def in_registry(self, number: Any, field: str) -> str:
        if not isinstance(number, str) or not self.registry.find(LookupQuery(id_number=number)):
            raise self.fail(field, f"{number!r} không có trong dữ liệu công dân đào tạo "
                            "(resources/training/citizens.toml); thêm người đó vào tệp này "
                            "trước.")
        return number

    # -- sections ----------------------------------------------------------------------------
    def rules(self, data: Mapping[str, Any]) -> tuple[str, ...]:
        rows = data.get("rules")
        if not isinstance(rows, list) or not rows:
            raise self.fail("rules", "liệt kê các dòng của bảng quy tắc legal.md §10 mà kịch "
                            "bản này luyện, ví dụ [\"P-9\", \"B-3\"].")
        for row in rows:
            self.choice(row, "rules", RULE_ROWS)
        return tuple(rows)

    def visit(self, data: Mapping[str, Any]) -> Visit:
        self.keys(data, _CITIZEN, "citizen.")
        asks = self.choice(data.get("asks"), "citizen.asks",
                           [r.value for r in Reason if r not in REFUSALS])
        brings = data.get("brings", [])
        if not isinstance(brings, list) or not all(isinstance(b, str) for b in brings):
            raise self.fail("citizen.brings", "phải là danh sách văn bản.")
        present = data.get("present", True)
        if not isinstance(present, bool):
            raise self.fail("citizen.present", "phải là true hoặc false.")
        payment = self.choice(data.get("payment", "cash"), "citizen.payment",
                              ("cash", "transfer"))
        optional = {key: self.text(data, key, "citizen.", required=False)
                    for key in ("exemption_evidence", "adjustment_documents", "address",
                                "phone", "transfer_reference")}
        if payment == "transfer" and not optional["transfer_reference"]:
            raise self.fail("citizen.transfer_reference",
                            "cần mã giao dịch khi công dân chuyển khoản.")
        return Visit(self.in_registry(data.get("id_number"), "citizen.id_number"),
                     Reason(asks), present, tuple(brings), payment=payment, **optional)

    def companion(self, data: Mapping[str, Any]) -> Companion:
        self.keys(data, _COMPANION, "representative.")
        relationship = self.choice(data.get("relationship"), "representative.relationship",
                                   [r.value for r in Relationship])
        return Companion(self.in_registry(data.get("id_number"), "representative.id_number"),
                         Relationship(relationship),
                         self.text(data, "evidence", "representative.", required=False))

    def capacity(self, data: Mapping[str, Any], on: date,
                 companion: Companion | None) -> CourtDecision:
        p = "capacity."
        self.keys(data, _CAPACITY, p)
        kind = self.choice(data.get("kind"), p + "kind",
                           [k.kind.value for k in self.law.capacity.kinds])
        issued = self.day(data, "issued_on", p, required=True) or date.min
        if issued > on:
            raise self.fail(p + "issued_on", "sau ngày của kịch bản (on).")
        if companion is None:
            raise self.fail(p[:-1], "cần bảng [representative]: người giám hộ đi cùng công dân.")
        return CourtDecision(kind, self.text(data, "number", p), issued)

    def cue(self, data: Any, number: int) -> FaultCue:
        prefix = f"faults[{number}]."
        if not isinstance(data, dict):
            raise self.fail(prefix[:-1], "mỗi [[faults]] là một bảng.")
        self.keys(data, _CUE, prefix)
        at = self.choice(data.get("at"), prefix + "at", [*CAPTURE_CUES, *FORM_CUES])
        device = CAPTURE_CUES.get(at, "printer")
        fault = data.get("fault")
        if self.faults is not None:
            self.choice(fault, prefix + "fault", self.faults.get(device, ()))
        elif not isinstance(fault, str) or not re.fullmatch(r"[a-z_]+", fault):
            raise self.fail(prefix + "fault", "phải là tên một lỗi thiết bị, ví dụ "
                            "\"low_quality\".")
        attempts = data.get("attempts", [1])
        if (not isinstance(attempts, list) or not attempts
                or not all(isinstance(a, int) and a >= 1 for a in attempts)
                or attempts != sorted(set(attempts))):
            raise self.fail(prefix + "attempts", "danh sách lần thử tăng dần, từ 1, ví dụ "
                            "[1, 2].")
        return FaultCue(at, str(fault), tuple(attempts),
                        self.text(data, "note", prefix, required=False))

    def expected(self, data: Mapping[str, Any], visit: Visit,
                 companion: Companion | None) -> Expected:
        p = "expected."
        self.keys(data, _EXPECTED, p)
        procedure = Procedure(self.choice(data.get("procedure"), p + "procedure",
                                          [x.value for x in Procedure]))
        reason = Reason(self.choice(data.get("reason"), p + "reason", [r.value for r in Reason]))
        if self.law.procedures.reasons[reason].procedure is not procedure:
            raise self.fail(p + "reason", f"lý do {reason.value} không thuộc thủ tục "
                            f"{procedure.value} (resources/law/procedures.toml).")
        refused = procedure is Procedure.REFUSE
        fee = data.get("fee")
        if refused != (fee is None) or (fee is not None and (
                not isinstance(fee, int) or isinstance(fee, bool) or fee < 0)):
            raise self.fail(p + "fee", "số tiền lệ phí (đồng, số nguyên) vào ngày của kịch bản;"
                            " bỏ trống khi từ chối.")
        exemption = data.get("exemption")
        if exemption is not None:
            self.choice(exemption, p + "exemption", self.law.fees.claimable)
            if not visit.exemption_evidence:
                raise self.fail("citizen.exemption_evidence",
                                "cần giấy tờ công dân xuất trình để được miễn lệ phí.")
        representative = data.get("representative")
        if representative is not None:
            representative = Relationship(self.choice(
                representative, p + "representative", [r.value for r in Relationship]))
            if companion is None or companion.relationship is not representative:
                raise self.fail(p + "representative", "khác với bảng [representative] (ai "
                                "đi cùng công dân).")
        adjustment = data.get("adjustment", [])
        codes = [f.field.value for f in self.law.adjustment.fields]
        if not isinstance(adjustment, list):
            raise self.fail(p + "adjustment", "danh sách mã trường cần điều chỉnh.")
        for code in adjustment:
            self.choice(code, p + "adjustment", codes)
        if adjustment and not visit.adjustment_documents:
            raise self.fail("citizen.adjustment_documents",
                            "cần giấy tờ chứng minh thông tin đã thay đổi.")
        delivery = DeliveryMethod(self.choice(data.get("delivery", "counter"), p + "delivery",
                                              [m.value for m in DeliveryMethod]))
        if delivery is DeliveryMethod.POST and not visit.address:
            raise self.fail("citizen.address", "cần địa chỉ nhận thẻ qua bưu chính.")
        return Expected(
            procedure=procedure, reason=reason,
            biometrics=self.choice(data.get("biometrics"), p + "biometrics", BIOMETRIC_PLANS),
            fee=fee, exemption=exemption, representative=representative,
            adjustment=tuple(sorted(adjustment)), delivery=delivery,
            finger_exceptions=self.fingers(data.get("finger_exceptions", {})),
            accept_low_quality=self.positions(data.get("accept_low_quality", [])),
            due_date=self.day(data, "due_date", p, required=not refused),
            card_expiry=self.expiry(data.get("card_expiry")),
            collect_old_card=self.flag(data, "collect_old_card"),
            warnings=self.texts(data.get("warnings", []), p + "warnings"),
            supervisor=self.text(data, "supervisor", p, required=False) or SUPERVISOR)

    def fingers(self, data: Any) -> dict[str, str]:
        field = "expected.finger_exceptions"
        if not isinstance(data, dict):
            raise self.fail(field, "bảng ngón -> lý do, ví dụ { \"8\" = \"amputated\" }.")
        for finger, reason in data.items():
            self.choice(finger, field, [f.value for f in Finger])
            self.choice(reason, f"{field}.{finger}", MISSING_REASONS)
        return dict(data)

    def positions(self, data: Any) -> tuple[str, ...]:
        if not isinstance(data, list):
            raise self.fail("expected.accept_low_quality", "danh sách vị trí thu nhận.")
        for position in data:
            self.choice(position, "expected.accept_low_quality", LOW_QUALITY_POSITIONS)
        return tuple(data)

    def expiry(self, value: Any) -> date | str | None:
        if value is None or isinstance(value, date) or value == "none":
            return cast(date | str | None, value)
        raise self.fail("expected.card_expiry", "ngày hết hạn dạng 2036-03-15, hoặc \"none\" "
                        "khi thẻ không thời hạn.")

    def flag(self, data: Mapping[str, Any], field: str) -> bool | None:
        value = data.get(field)
        if value is not None and not isinstance(value, bool):
            raise self.fail(f"expected.{field}", "phải là true hoặc false.")
        return value

    def texts(self, value: Any, field: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(field, "phải là danh sách văn bản.")
        return tuple(value)


def run_scenario(desk: CounterDesk, scenario: Scenario, out: Path, step_delay: float,
                 **options: Any) -> CaseFile:
    """Play ``scenario`` as a careful clerk would (kiosk/desk/player.py, which imports this
    module: imported here at the call)."""
    from kiosk.desk.player import play  # noqa: PLC0415

    return play(desk, scenario, out, step_delay, **options)
