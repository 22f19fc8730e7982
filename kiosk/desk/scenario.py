"""Scripted cases: a scenario names a synthetic citizen and a reason; the desk serves it whole.

``kiosk demo`` runs one headless; trainers will run them from the window.
"""

from __future__ import annotations

import json
import threading
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.desk.desk import CaseFile, CounterDesk, Position
from kiosk.devices.base import Slap
from kiosk.registry.base import LookupQuery
from kiosk.workflow.procedures import Reason

MAX_ATTEMPTS = 3


class ScenarioNotFound(Exception):
    pass


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    id_number: str
    reason: Reason


def load_scenario(resources_dir: Path, name: str) -> Scenario:
    folder = resources_dir / "scenarios"
    path = folder / f"{name}.toml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.toml")))
        raise ScenarioNotFound(f"--scenario {name!r}: no such scenario (known: {known})")
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return Scenario(name, data["title"], data["id_number"], Reason(data["reason"]))


def _capture_until_acceptable(desk: CounterDesk, case: CaseFile) -> None:
    cancel = threading.Event()
    wanted = set(case.required_positions())
    if Position.FACE in wanted:
        for _ in range(MAX_ATTEMPTS):
            if desk.capture_face(case, cancel).quality.acceptable:
                break
    slaps = {Slap.LEFT_FOUR: Position.LEFT_FOUR, Slap.RIGHT_FOUR: Position.RIGHT_FOUR,
             Slap.THUMBS: Position.THUMBS}
    for slap, position in slaps.items():
        for _ in range(MAX_ATTEMPTS if position in wanted else 0):
            if desk.capture_slap(case, slap, cancel).quality.acceptable:
                break
    irises = {Position.IRIS_LEFT, Position.IRIS_RIGHT}
    for _ in range(MAX_ATTEMPTS if irises & wanted else 0):
        desk.capture_irises(case, cancel)
        if not irises & set(case.missing_positions()):
            break


def run_scenario(desk: CounterDesk, scenario: Scenario, out: Path, step_delay: float
                 ) -> CaseFile:
    """One whole case through every layer; writes summary.json beside the printed PDFs."""
    def pause() -> None:
        if step_delay:
            time.sleep(step_delay)

    citizen = desk.find_citizen(LookupQuery.from_text(scenario.id_number))
    case = desk.open_case(citizen)
    pause()
    desk.decide(case, scenario.reason)
    pause()
    desk.check_representative(case)
    pause()
    _capture_until_acceptable(desk, case)
    desk.finish_biometrics(case)
    pause()
    receipt_path = desk.print_receipt(case)
    desk.confirm_receipt_signed(case)
    pause()
    desk.settle_fee(case)
    pause()
    slip_path = desk.issue_slip(case)
    desk.close(case)
    summary = case_summary(desk, case, scenario, {"CC01": receipt_path, "CC02": slip_path})
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
        "captures": {
            p.value: {"quality": r.quality.score, "attempt": r.attempt}
            for p, r in sorted(case.best.items())
        },
        "documents": documents,
    }
