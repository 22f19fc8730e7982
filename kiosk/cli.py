"""The scriptable face of the kiosk: argument parsing and the headless commands.

The composition root (:mod:`kiosk.app`) parses with :func:`build_parser`, builds the desk and
calls the command here; whatever the window can do, these commands do through the same desk.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.config import Settings, describe
from kiosk.desk.desk import CaseFile, CounterDesk, Position
from kiosk.devices.base import Slap
from kiosk.registry.base import LookupQuery
from kiosk.workflow.procedures import REASONS, Reason

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MAX_ATTEMPTS = 3


class UsageError(Exception):
    """A bad argument value; exits 2 with a message that names it."""


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-25") from None


def _non_negative(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds >= 0")
    return value


def _common_options(*, suppress: bool) -> argparse.ArgumentParser:
    """Options every command takes, before or after its name (``kiosk demo --data-dir D``)."""
    common = argparse.ArgumentParser(add_help=False)

    def default(value: Any) -> Any:
        # A sub-command's copy must not reset what was given before the command name.
        return argparse.SUPPRESS if suppress else value

    common.add_argument("--data-dir", type=Path, default=default(None),
                        help="data directory (default: KIOSK_DATA_DIR or the per-user data "
                        "directory)")
    common.add_argument("--config", type=Path, default=default(None),
                        help="configuration file (default: DATA_DIR/kiosk.toml)")
    common.add_argument("--environment", default=default(None),
                        choices=["production", "staging", "development", "training"])
    common.add_argument("--simulator", action="store_true", default=default(False),
                        help="trainer mode: training, every device and the registry simulated")
    # Separate lists: argparse copies a sub-command's namespace over the main one.
    common.add_argument("--set", dest="sub_overrides" if suppress else "overrides",
                        action="append", metavar="KEY=VALUE", default=default([]),
                        help="override one setting, e.g. desk.code=HK02")
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", parents=[_common_options(suppress=False)],
        description="Kiosk tiếp nhận hồ sơ thẻ căn cước. Without a command: open the window.")
    parser.add_argument("--screenshot", type=Path, metavar="PNG",
                        help="open the window, save a screenshot of it, and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = _common_options(suppress=True)

    demo = commands.add_parser("demo", parents=[common],
                               help="run one whole case headless with simulators")
    demo.add_argument("--scenario", default="ordinary-renewal",
                      help="scenario name in resources/scenarios (default: ordinary-renewal)")
    demo.add_argument("--out", type=Path, default=Path("kiosk-demo"),
                      help="folder for the summary JSON and the printed PDFs")
    demo.add_argument("--step-delay", type=_non_negative, default=0.0, metavar="S",
                      help="seconds to pause between steps (to watch a case unfold)")
    demo.add_argument("--date", type=_iso_date, help="pretend today is this date (YYYY-MM-DD)")

    config = commands.add_parser("config", help="configuration")
    config_commands = config.add_subparsers(dest="config_command", metavar="SUBCOMMAND",
                                            required=True)
    show = config_commands.add_parser("show", parents=[common],
                                      help="print the effective settings")
    show.add_argument("--json", action="store_true", help="as JSON")
    return parser


def config_show(settings: Settings, as_json: bool) -> int:
    rows = describe(settings)
    if as_json:
        payload = {key: value for key, value, _ in rows}
        payload["data_dir"] = str(settings.data_dir)
        payload["config_file"] = str(settings.source) if settings.source else None
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"# data directory: {settings.data_dir}")
    print(f"# configuration file: {settings.source or '(none: defaults)'}")
    for key, value, description in rows:
        print(f"{key} = {json.dumps(value, ensure_ascii=False)}  # {description}")
    return EXIT_OK


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
        raise UsageError(f"--scenario {name!r}: no such scenario (known: {known})")
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return Scenario(name, data["title"], data["id_number"], Reason(data["reason"]))


def _capture_until_acceptable(desk: CounterDesk, case: CaseFile) -> None:
    cancel = threading.Event()
    for _ in range(MAX_ATTEMPTS):
        if desk.capture_face(case, cancel).quality.acceptable:
            break
    for slap in Slap:
        for _ in range(MAX_ATTEMPTS):
            if desk.capture_slap(case, slap, cancel).quality.acceptable:
                break
    for _ in range(MAX_ATTEMPTS):
        desk.capture_irises(case, cancel)
        if not {Position.IRIS_LEFT, Position.IRIS_RIGHT} & set(case.missing_positions()):
            break


def run_demo(desk: CounterDesk, scenario: Scenario, out: Path, step_delay: float) -> int:
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
    if case.required_positions():
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
    summary = demo_summary(case, scenario, {"CC01": receipt_path, "CC02": slip_path},
                           desk.profile.training)
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{case.code}: {case.step.label} — {out / 'summary.json'}")
    return EXIT_OK


def demo_summary(case: CaseFile, scenario: Scenario, documents: dict[str, str],
                 training: bool) -> dict[str, Any]:
    a = case.decided
    return {
        "code": case.code,
        "status": case.step.value,
        "training": training,
        "scenario": scenario.name,
        "citizen": {"full_name": case.citizen.full_name, "id_number": case.citizen.id_number},
        "procedure": {
            "code": a.procedure.value, "label": a.procedure.label,
            "reason": a.reason.value, "reason_label": REASONS[a.reason].label,
            "basis": list(case.assessment.basis) if case.assessment else [],
        },
        "fee": {
            "amount": case.fee.value if case.fee else None, "currency": "VND",
            "basis": list(case.fee.basis) if case.fee else [],
        },
        "due_date": case.due.value.isoformat() if case.due else None,
        "captures": {
            p.value: {"quality": r.quality.score, "attempt": r.attempt}
            for p, r in sorted(case.best.items())
        },
        "documents": documents,
    }


def fail(message: str, code: int = EXIT_FAILED) -> int:
    print(f"kiosk: {message}", file=sys.stderr)
    return code
