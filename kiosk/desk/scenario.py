"""Scripted cases: a scenario names a synthetic citizen and a reason; the desk serves it whole.

``kiosk demo`` runs one headless; trainers will run them from the window.
"""

from __future__ import annotations

import json
import threading
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.desk.casefile import CaseFile, Position
from kiosk.desk.desk import CounterDesk
from kiosk.devices.base import Slap
from kiosk.registry.base import LookupQuery
from kiosk.workflow.case import Step
from kiosk.workflow.delivery import DeliveryMethod
from kiosk.workflow.permissions import Actor, Authorization, Permission, Role
from kiosk.workflow.procedures import Procedure, Reason
from kiosk.workflow.representation import Relationship

MAX_ATTEMPTS = 3


class ScenarioNotFound(Exception):
    pass


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    id_number: str
    reason: Reason
    approver: str = ""  # the supervisor who approves a refusal, when the rules refuse
    # The legal representative shown at the counter (id_number, relationship, and the
    # document shown when the registry does not prove the link), for a child or a person who
    # has lost capacity.
    representative: dict[str, str] | None = None
    # How the card is received (method "counter" or "post", address, phone); the counter
    # when absent.
    delivery: dict[str, str] | None = None


def load_scenario(resources_dir: Path, name: str) -> Scenario:
    folder = resources_dir / "scenarios"
    path = folder / f"{name}.toml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.toml")))
        raise ScenarioNotFound(f"--scenario {name!r}: no such scenario (known: {known})")
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return Scenario(name, data["title"], data["id_number"], Reason(data["reason"]),
                    data.get("approver", ""), data.get("representative"), data.get("delivery"))


Report = Callable[[str], None]


def _capture_missing(desk: CounterDesk, case: CaseFile, after: Callable[[], None]) -> None:
    """Capture what is still missing, up to MAX_ATTEMPTS per position (resume-safe)."""
    cancel = threading.Event()
    slaps = {Position.LEFT_FOUR: Slap.LEFT_FOUR, Position.RIGHT_FOUR: Slap.RIGHT_FOUR,
             Position.THUMBS: Slap.THUMBS}
    for _ in range(MAX_ATTEMPTS):
        missing = case.missing_positions()
        if not missing:
            return
        if Position.FACE in missing:
            desk.capture_face(case, cancel)
            after()
        for position, slap in slaps.items():
            if position in missing:
                desk.capture_slap(case, slap, cancel)
                after()
        if {Position.IRIS_LEFT, Position.IRIS_RIGHT} & set(missing):
            desk.capture_irises(case, cancel)
            after()


def supervised(desk: CounterDesk, permission: Permission, supervisor: str = "") -> Authorization:
    """A scripted clerk's action approved by the scenario's supervisor (named on CC03), as
    the window would ask them: the desk checks the roles again."""
    clerk = Actor(desk.operator, Role.CLERK)
    approver = Actor("giam-sat", Role.SUPERVISOR, supervisor or "Cán bộ giám sát")
    return desk.permissions.authorize(permission, clerk, approver)


def _serve_step(desk: CounterDesk, case: CaseFile, scenario: Scenario,
                after_capture: Callable[[], None]) -> None:
    """Take the case one step on, the way a clerk following the scenario would."""
    step = case.step
    if step is Step.IDENTIFIED:
        if desk.preview(case, scenario.reason).procedure is Procedure.REFUSE:
            desk.refuse(case, scenario.reason,
                        supervised(desk, Permission.REFUSE_APPLICATION, scenario.approver))
        else:
            desk.decide(case, scenario.reason)
    elif step is Step.PROCEDURE_DECIDED:
        if (scenario.representative and case.decided.representative_required
                and case.representative is None):
            shown = scenario.representative
            person = desk.find_representative(case, shown["id_number"])
            desk.accept_representative(case, person, Relationship(shown["relationship"]),
                                       shown.get("evidence", ""))
        if "DC02" not in case.printed:  # a counter request: the citizen signs DC02
            desk.print_request_form(case)
        desk.check_representative(case)
    elif step is Step.REPRESENTATIVE_CHECKED:
        _capture_missing(desk, case, after_capture)
        desk.finish_biometrics(case)
    elif step is Step.BIOMETRICS_CAPTURED:
        if "CC01" not in case.printed:
            choice = scenario.delivery or {}
            desk.print_receipt(case, desk.choose_delivery(
                DeliveryMethod(choice.get("method", "counter")), choice.get("address", ""),
                choice.get("phone", "")))
        desk.confirm_receipt_signed(case)
    elif step is Step.RECEIPT_SIGNED:
        desk.settle_fee(case)
    elif step is Step.FEE_SETTLED:
        desk.issue_slip(case)
    elif step is Step.SLIP_ISSUED:
        desk.close(case)


def run_scenario(desk: CounterDesk, scenario: Scenario, out: Path, step_delay: float, *,
                 resume: str | None = None, report: Report = lambda _text: None) -> CaseFile:
    """Serve one case to the end through every layer, or continue the open case ``resume``.

    Each committed step is announced through ``report`` and followed by ``step_delay`` seconds,
    so a trainer can watch a case unfold (and a test can interrupt it at every step).
    """
    def committed(what: str) -> None:
        report(f"{case.code} {what}")
        if step_delay:
            time.sleep(step_delay)

    if resume is None:
        citizen = desk.find_citizen(LookupQuery.from_text(scenario.id_number))
        case = desk.open_case(citizen)
        committed(case.step.value)
    else:
        case = desk.resume(resume)
        committed(f"resumed {case.step.value}")
    while not case.step.is_final:
        _serve_step(desk, case, scenario, lambda: committed("capture"))
        committed(case.step.value)
    documents = {form: where for form, where, _ in desk.cases.load(case.code).documents}
    summary = case_summary(desk, case, scenario, documents)
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
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
