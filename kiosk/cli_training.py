"""The trainer's commands (kiosk/cli.py adds them to the parser; kiosk/app.py runs them):
``kiosk scenarios list``, ``kiosk training report CODE``, ``kiosk training summary``, and
the lines ``kiosk demo`` prints about the trainee report."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.workflow.trainee_record import ClassSummary, TraineeReport

EXIT_OK = 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-25") from None


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    scenarios = commands.add_parser("scenarios", help="training scenarios (resources/scenarios)")
    scenario_commands = scenarios.add_subparsers(dest="scenarios_command", metavar="SUBCOMMAND",
                                                 required=True)
    listing = scenario_commands.add_parser(
        "list", parents=[common], help="name, title, expected procedure and device faults")
    listing.add_argument("--json", action="store_true", help="as JSON")
    training = commands.add_parser("training", help="trainee reports (trainer mode)")
    training_commands = training.add_subparsers(dest="training_command", metavar="SUBCOMMAND",
                                                required=True)
    report = training_commands.add_parser(
        "report", parents=[common],
        help="one case's trainee report: each decision against the scenario's")
    report.add_argument("code", metavar="CODE")
    report.add_argument("--pdf", type=Path, metavar="FILE", help="also print it to this PDF")
    report.add_argument("--json", action="store_true", help="as JSON")
    summary = training_commands.add_parser(
        "summary", parents=[common], help="the class: every trainee's cases and mistakes")
    summary.add_argument("--day", type=_day, metavar="DATE", help="only cases of this day")
    summary.add_argument("--pdf", type=Path, metavar="FILE", help="also print it to this PDF")
    summary.add_argument("--json", action="store_true", help="as JSON")


def scenarios_list(rows: list[dict[str, Any]], *, as_json: bool) -> int:
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        faults = ", ".join(f"{f['at']}:{f['fault']}×{len(f['attempts'])}" for f in row["faults"])
        print(f"{row['name']:30} {row['procedure']:8} {row['reason']:22} {row['title']}"
              + (f"  [{faults}]" if faults else ""))
    return EXIT_OK


def verdict_line(report: TraineeReport) -> str:
    if report.clean:
        return f"{report.case_code}: báo cáo học viên — không có lỗi"
    keys = ", ".join(f.key for f in report.mistakes)
    return f"{report.case_code}: báo cáo học viên — {len(report.mistakes)} lỗi ({keys})"


def _minutes(seconds: int) -> str:
    return f"{seconds // 60} phút {seconds % 60:02d} giây"


def report_show(report: TraineeReport, *, as_json: bool) -> int:
    if as_json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{report.case_code}  kịch bản {report.scenario}: {report.title}")
    print(f"  học viên {report.trainee}, ngày {report.played_on:%d/%m/%Y}, "
          f"{_minutes(report.seconds)}")
    for finding in report.findings:
        print(f"  [{finding.verdict.label}] {finding.title}: dự kiến «{finding.expected}», "
              f"đã làm «{finding.made}»")
    for tries in report.captures:
        print(f"  thu nhận {tries.label}: {tries.attempts} lần, {tries.device_errors} lỗi "
              f"thiết bị")
    for error in report.errors:
        print(f"  lỗi hiển thị tại {error.where}: {error.label}")
    print(verdict_line(report))
    return EXIT_OK


def summary_show(summary: ClassSummary, *, as_json: bool) -> int:
    if as_json:
        print(json.dumps({
            "day": summary.day.isoformat() if summary.day else None,
            "cases": len(summary.reports), "clean": summary.clean,
            "trainees": [vars(t) for t in summary.trainees],
            "frequent_mistakes": [vars(m) for m in summary.frequent],
            "reports": [{"case": r.case_code, "trainee": r.trainee, "scenario": r.scenario,
                         "clean": r.clean, "mistakes": [f.key for f in r.mistakes]}
                        for r in summary.reports],
        }, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not summary.reports:
        print("Chưa có báo cáo học viên nào.")
    for totals in summary.trainees:
        print(f"{totals.trainee:16} {totals.cases} hồ sơ, {totals.clean} không lỗi, "
              f"{totals.mistakes} lỗi, {_minutes(totals.seconds)}")
    for frequent in summary.frequent:
        print(f"  lỗi thường gặp: {frequent.title} ({frequent.key}) — {frequent.count} lần")
    return EXIT_OK
