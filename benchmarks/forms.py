"""How long each printed form takes to render (target: 50 ms median), for the five kinds of
case the approved renders cover. ``python -m benchmarks.forms [--repeat N]``."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.labelled import main_on_one_core, summary
from kiosk.app import build_context
from kiosk.config import load_settings
from kiosk.desk.scenario import load_scenario, run_scenario
from kiosk.printing import (
    render_appointment_slip,
    render_fee_receipt,
    render_receipt,
    render_refusal_notice,
    render_request_form,
)

SCENARIOS = ("ordinary-renewal", "child-with-representative", "child-under-6", "lost-card",
             "refusal")
NOW = datetime(2026, 11, 25, 9, 0)


def renders(scenario: str, folder: Path) -> dict[str, Callable[[], bytes]]:
    """Serve the scenario's case through the desk, then each of its forms as a render."""
    context = build_context(load_settings(folder / "data", simulator=True),
                            print_directory=folder / "prints", clock=lambda: NOW,
                            latency_s=0.0)
    desk, resources = context.desk, context.desk.profile.resources_dir
    plan = load_scenario(resources, scenario)
    case = run_scenario(desk, plan, folder / "out", 0.0)
    paper = desk.paperwork
    desk.shutdown()
    if case.decided.procedure.value == "refuse":
        notice = paper.refusal_notice(case, case.decided, plan.approver, plan.reason)
        return {"CC03": lambda: render_refusal_notice(notice, resources)}
    assert case.due is not None
    forms: dict[str, Callable[[], bytes]] = {}
    request, receipt = paper.request_form(case), paper.receipt_form(case)
    fee, slip = paper.fee_receipt(case), paper.appointment_slip(case, case.due.value, NOW)
    forms["DC02"] = lambda: render_request_form(request, resources)
    forms["CC01"] = lambda: render_receipt(receipt, resources)
    forms["BL"] = lambda: render_fee_receipt(fee, resources)
    forms["CC02"] = lambda: render_appointment_slip(slip, resources)
    return forms


def run(repeat: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for scenario in SCENARIOS:
            for form, render in renders(scenario, Path(scratch) / scenario).items():
                render()  # fonts registered, form text loaded: not timed
                samples = []
                for _ in range(repeat):
                    started = time.perf_counter()
                    render()
                    samples.append((time.perf_counter() - started) * 1000)
                results[f"{scenario} {form} (ms)"] = summary(samples)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    return main_on_one_core("python -m benchmarks.forms", run, 20, argv, option="repeat")


if __name__ == "__main__":
    raise SystemExit(main())
