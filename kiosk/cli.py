"""The scriptable face of the kiosk: argument parsing and the headless commands.

The composition root (:mod:`kiosk.app`) parses with :func:`build_parser`, builds the desk and
calls the command here; whatever the window can do, these commands do through the same desk.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from kiosk import cli_training
from kiosk.config import Settings, describe

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """Bad input to a command; exits 2 with a message that names it."""


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


def _biometrics_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    biometrics = commands.add_parser("biometrics", help="a closed case's biometric records")
    biometric_commands = biometrics.add_subparsers(dest="biometrics_command",
                                                   metavar="SUBCOMMAND", required=True)
    nist = biometric_commands.add_parser(
        "nist", parents=[common],
        help="write the case's ANSI/NIST-ITL 1-2011 transaction (Type-1, 2, 10, 14, 17)")
    nist.add_argument("code", metavar="CODE")
    nist.add_argument("--out", type=Path, required=True, help="the .an2 file to write")
    nist.add_argument("--no-nfiq", action="store_true",
                      help="leave out each finger's NFIQ 2 (faster; no child process)")
    iso = biometric_commands.add_parser(
        "iso", parents=[common], help="write the case's ISO/IEC 19794-4/-5/-6 records")
    iso.add_argument("code", metavar="CODE")
    iso.add_argument("--out", type=Path, required=True, help="folder for the records")
    for command in (nist, iso):
        command.add_argument("--user", help="who takes a real case's biometrics out (EXPORT: "
                             "a supervisor or an admin; the password is asked); a training "
                             "case's synthetic ones need nobody")


def _export_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    export = commands.add_parser(
        "export", parents=[common],
        help="build a closed case's packet for the centre: signed by the desk, encrypted")
    export.add_argument("code", metavar="CODE", nargs="?")
    export.add_argument("--out", type=Path, help="folder to write CODE.kpk into")
    export.add_argument("--queue", action="store_true", help="put the packet in the outbox")
    export.add_argument("--public-key", action="store_true",
                        help="print the desk's signing public key (hex) for the centre")
    export.add_argument("--user", help="who copies the packet out with --out (EXPORT: a "
                                       "supervisor or admin; password on stdin or asked)")
    outbox = commands.add_parser("outbox", help="packets waiting for the central system")
    outbox_commands = outbox.add_subparsers(dest="outbox_command", metavar="SUBCOMMAND",
                                            required=True)
    outbox_commands.add_parser("status", parents=[common], help="queued and sent packets")
    send = outbox_commands.add_parser("send", parents=[common],
                                      help="send every queued packet (to export.url)")
    send.add_argument("--user", help="who copies the packets with --folder (EXPORT: a "
                                     "supervisor or admin; password on stdin or asked)")
    send.add_argument("--folder", type=Path,
                      help="copy to this folder or drive instead (offline teams)")
    retention = commands.add_parser("retention", help="erase what the kiosk may no longer keep")
    retention_commands = retention.add_subparsers(dest="retention_command",
                                                  metavar="SUBCOMMAND", required=True)
    purge = retention_commands.add_parser(
        "purge", parents=[common],
        help="erase the biometric images of cases the centre confirmed more than "
             "retention.days_after_confirmation days ago")
    purge.add_argument("--dry-run", action="store_true", help="list, erase nothing")


def _positive_count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number >= 1")
    return int(text)


def _whole_count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number >= 0")
    return int(text)


def _registry_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    registry = commands.add_parser(
        "registry",
        help="the population registry: generate, sample, lookup, sync (the offline cache)")
    registry_commands = registry.add_subparsers(dest="registry_command", metavar="SUBCOMMAND",
                                                required=True)
    generate = registry_commands.add_parser(
        "generate", parents=[common],
        help="add N invented citizens (and the training file's) to the local registry")
    generate.add_argument("--count", type=_whole_count, required=True, metavar="N")
    generate.add_argument("--seed", type=int, default=0, metavar="S",
                          help="the same seed gives the same people (default 0)")
    generate.add_argument("--as-of", type=_iso_date, metavar="DATE",
                          help="the day the population is as of (default: today)")
    generate.add_argument("--applications-day", type=_iso_date, metavar="DATE",
                          help="also make online applications booked on this day (replacing "
                          "that day's); with --count 0, from the people already there")
    generate.add_argument("--applications", type=_positive_count, default=40, metavar="N",
                          help="how many applications on that day (default 40)")
    sample = registry_commands.add_parser("sample", parents=[common],
                                          help="print one citizen picked at random")
    sample.add_argument("--seed", type=int, help="pick reproducibly")
    sample.add_argument("--json", action="store_true", help="as JSON")
    lookup = registry_commands.add_parser("lookup", parents=[common],
                                          help="print the citizen with this ID (or CMND) number")
    lookup.add_argument("number", metavar="ID")
    lookup.add_argument("--json", action="store_true", help="as JSON")
    applications = registry_commands.add_parser(
        "applications", parents=[common],
        help="list the online applications (codes for a trainer to hand out)")
    applications.add_argument("--day", type=_iso_date, metavar="DATE",
                              help="booked on this day only")
    applications.add_argument("--json", action="store_true", help="as JSON")
    sync = registry_commands.add_parser(
        "sync", parents=[common],
        help="fill the offline cache (registry.url) with the people of these communes from "
        "the central service (registry.base_url); run again to resume or to update")
    sync.add_argument("--communes", required=True, metavar="CODE[,CODE…]",
                      help="5-digit commune codes, comma-separated")
    sync.add_argument("--page-size", type=_positive_count, default=500, metavar="N",
                      help="people per request and per batch stored (default 500)")


def registry_show(record: Any, *, as_json: bool) -> int:
    """One registry record (``kiosk registry sample|lookup``): the operator asked for it."""
    from kiosk.registry.records import CardStatus  # noqa: PLC0415 - only this command

    data = record.to_json()
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    citizen = record.citizen
    precision = {"day": "", "month": " (không rõ ngày)", "year": " (chỉ rõ năm)"}
    born = citizen.date_of_birth
    shown = {"day": f"{born:%d/%m/%Y}", "month": f"{born:%m/%Y}", "year": f"{born:%Y}"}
    print(f"{citizen.full_name}  ({citizen.id_number})"
          + ("  [giả lập]" if record.synthetic else ""))
    print(f"  ngày sinh: {shown[record.birth_precision]}{precision[record.birth_precision]}"
          f"  giới tính: {citizen.sex.label}  dân tộc: {citizen.ethnicity}  tôn giáo: "
          f"{citizen.religion}")
    if citizen.former_id_number:
        print(f"  số CMND cũ: {citizen.former_id_number}")
    print(f"  nơi đăng ký khai sinh: {citizen.place_of_birth_registration}")
    print(f"  quê quán: {citizen.hometown}")
    print(f"  nơi thường trú: {citizen.permanent_residence}")
    for role, label in (("father", "cha"), ("mother", "mẹ")):
        parent = data[role]
        if parent["full_name"]:
            print(f"  {label}: {parent['full_name']}"
                  + (f" ({parent['id_number']})" if parent["id_number"] else ""))
    if record.representative is not None:
        shown = record.representative
        print(f"  người đại diện hợp pháp: {shown.full_name} ({shown.id_number}), "
              f"{shown.relationship.value}; {shown.proof}")
    for card in data["cards"]:
        expires = card["expires_on"] or "không thời hạn"
        print(f"  thẻ {card['kind']:9} {card['number']}  cấp {card['issued_on']}  hết hạn "
              f"{expires}  {CardStatus(card['status']).label}")
    for flag in data["discrepancies"]:
        print(f"  ! {flag['code']}: {flag['note']}")
    return EXIT_OK


def applications_show(applications: list[Any], *, as_json: bool) -> int:
    """``kiosk registry applications``: one line each, for the trainer who hands them out."""
    if as_json:
        print(json.dumps([a.to_json() for a in applications], ensure_ascii=False, indent=2))
        return EXIT_OK
    for a in applications:
        by_post = "  bưu chính" if a.delivery.by_post else ""
        print(f"{a.code}  {a.booked_on:%d/%m/%Y} {a.slot_from:%H:%M}-{a.slot_to:%H:%M}  "
              f"{a.procedure.value:7} {a.reason.value:18} {a.id_number}  {a.full_name}{by_post}")
    print(f"{len(applications)} hồ sơ trực tuyến")
    return EXIT_OK


def _keys_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    keys = commands.add_parser("keys", help="the key that seals personal data at rest")
    key_commands = keys.add_subparsers(dest="keys_command", metavar="SUBCOMMAND", required=True)
    key_commands.add_parser("rotate", parents=[common],
                            help="re-seal all personal data and biometrics under a new key")
    key_commands.add_parser(
        "protect", parents=[common],
        help="wrap the key file with a passphrase (read twice from stdin; the current one, "
        "if any, from KIOSK_KEY_PASSPHRASE)")


def _demo_command(commands: Any, common: argparse.ArgumentParser) -> None:
    demo = commands.add_parser("demo", parents=[common],
                               help="play one training scenario headless with simulators")
    demo.add_argument("--scenario", default="ordinary-renewal",
                      help="scenario name in resources/scenarios (default: ordinary-renewal; "
                      "kiosk scenarios list)")
    demo.add_argument("--out", type=Path, default=Path("kiosk-demo"),
                      help="folder for the summary JSON and the printed PDFs")
    demo.add_argument("--step-delay", type=_non_negative, default=0.0, metavar="S",
                      help="seconds to pause between steps (to watch a case unfold)")
    demo.add_argument("--date", type=_iso_date,
                      help="pretend today is this date (default: the scenario's day)")
    demo.add_argument("--resume", metavar="CODE",
                      help="continue the open case CODE to the end (after a crash or a stop)")
    demo.add_argument("--trainee", metavar="USERNAME",
                      help="whose case it is in the trainee report (default: the desk)")
    demo.add_argument("--mistake", action="append", default=[], metavar="SLIP",
                      help="play a careless trainee making this mistake, e.g. "
                      "wrong_reason:damaged or fee_not_exempted (repeatable)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", parents=[_common_options(suppress=False)],
        description="Kiosk tiếp nhận hồ sơ thẻ căn cước. Without a command: open the window.")
    parser.add_argument("--screenshot", type=Path, metavar="PNG",
                        help="open the window, save a screenshot of it, and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = _common_options(suppress=True)

    _demo_command(commands, common)

    cases = commands.add_parser("cases", help="cases stored at this installation")
    case_commands = cases.add_subparsers(dest="cases_command", metavar="SUBCOMMAND",
                                         required=True)
    listing = case_commands.add_parser("list", parents=[common],
                                       help="open cases (code, status, step, citizen, opened, "
                                       "desk)")
    listing.add_argument("--all", action="store_true", help="closed cases too (newest first)")
    listing.add_argument("--json", action="store_true", help="as JSON")
    show_case = case_commands.add_parser("show", parents=[common], help="one case in full")
    show_case.add_argument("code", metavar="CODE")
    show_case.add_argument("--json", action="store_true", help="as JSON")

    assess = commands.add_parser(
        "assess", parents=[common],
        help="decide one application from a JSON request (stdin or --file); print JSON")
    assess.add_argument("--file", type=Path, help="read the request from this file")

    users = commands.add_parser("users", help="accounts (admin)")
    user_commands = users.add_subparsers(dest="users_command", metavar="SUBCOMMAND",
                                         required=True)
    add = user_commands.add_parser(
        "add", parents=[common], help="add an account; passwords are read from stdin "
        "(the admin's first unless this is the first account, then the new one)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=["clerk", "supervisor", "trainer", "admin"])
    add.add_argument("--name", required=True, help="full name shown in the window")
    add.add_argument("--admin", help="the admin who authorises it (not for the first account)")
    listing_users = user_commands.add_parser("list", parents=[common], help="list accounts")
    listing_users.add_argument("--json", action="store_true")
    for name, text in (("disable", "disable an account"),
                       ("reset", "set a new password (read from stdin after the admin's)")):
        one = user_commands.add_parser(name, parents=[common], help=text)
        one.add_argument("username")
        one.add_argument("--admin", required=True)

    audit = commands.add_parser("audit", help="the audit trail")
    audit_commands = audit.add_subparsers(dest="audit_command", metavar="SUBCOMMAND",
                                          required=True)
    audit_commands.add_parser("verify", parents=[common],
                              help="check the hash chain; exit 1 naming the first broken row")

    devices = commands.add_parser("devices", help="attached devices")
    device_commands = devices.add_subparsers(dest="devices_command", metavar="SUBCOMMAND",
                                             required=True)
    listing_devices = device_commands.add_parser("list", parents=[common],
                                                 help="kind, backend, model, serial, status")
    listing_devices.add_argument("--json", action="store_true")
    trial = device_commands.add_parser("test", parents=[common],
                                       help="capture once; write the images and their quality")
    trial.add_argument("kind", choices=["face", "fingerprint", "iris"])
    trial.add_argument("--out", type=Path, required=True, help="folder for the images")

    _biometrics_commands(commands, common)

    _export_commands(commands, common)

    _keys_commands(commands, common)

    _registry_commands(commands, common)

    cli_training.add_commands(commands, common)

    config = commands.add_parser("config", help="configuration")
    config_commands = config.add_subparsers(dest="config_command", metavar="SUBCOMMAND",
                                            required=True)
    show = config_commands.add_parser("show", parents=[common],
                                      help="print the effective settings")
    show.add_argument("--json", action="store_true", help="as JSON")
    change = config_commands.add_parser(
        "set", parents=[common],
        help="change one setting in the configuration file (admin; password on stdin or asked)")
    change.add_argument("key", help="the setting, e.g. printer.backend")
    change.add_argument("value", help="its value, read as TOML (\"text\", 3, true, [..]) "
                                      "else as text")
    change.add_argument("--admin", required=True, help="the admin's username")
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


def assess(resources_dir: Path, source: Path | None, stdin: TextIO, today: date,
           weekdays: list[str]) -> int:
    """``kiosk assess``: one JSON request in, one JSON decision out; bad input exits 2."""
    # Only the pure workflow is imported here: the command must start in well under 300 ms.
    from kiosk.workflow.decide import decide  # noqa: PLC0415
    from kiosk.workflow.errors import RuleViolation  # noqa: PLC0415
    from kiosk.workflow.lawbook import load_lawbook  # noqa: PLC0415
    from kiosk.workflow.request import RequestError, parse_request  # noqa: PLC0415

    def error(field: str, message: str) -> int:
        print(json.dumps({"error": message, "field": field}, ensure_ascii=False))
        return EXIT_USAGE

    try:
        text = source.read_text(encoding="utf-8") if source else stdin.read()
    except (OSError, UnicodeDecodeError) as problem:
        return error("file", f"cannot read {source}: {type(problem).__name__}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as problem:
        return error("request", f"not valid JSON: {problem.msg} at line {problem.lineno}")
    law = load_lawbook(resources_dir, weekdays=weekdays)
    try:
        request = parse_request(
            data, today=today, claimable=law.fees.claimable,
            reason_procedure={r: i.procedure for r, i in law.procedures.reasons.items()},
            unknown_day=law.ages.unknown_day, unknown_month=law.ages.unknown_month)
        decision = decide(request, law)
    except RequestError as problem:
        return error(problem.field, problem.message)
    except RuleViolation as problem:  # e.g. a date outside the supported calendar
        return error("on", problem.message)
    print(json.dumps(decision.to_json(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _status(step: str) -> str:
    return step if step in {"closed", "refused", "cancelled"} else "open"


def cases_list(repository: Any, final_steps: frozenset[str], *, include_final: bool,
               as_json: bool) -> int:
    """``kiosk cases list``: code, status, step, citizen, opened, desk."""
    rows = repository.open_cases(final_steps, include_final=include_final)
    if as_json:
        print(json.dumps([{
            "code": r.code, "status": _status(r.step), "step": r.step,
            "citizen": {"full_name": r.citizen_name, "id_number": r.citizen_id_number},
            "opened": r.opened_at.isoformat(timespec="seconds"), "desk": r.desk_code,
            "training": r.training,
        } for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("Không có hồ sơ đang mở." if not include_final else "Chưa có hồ sơ nào.")
    for r in rows:
        print(f"{r.code}  {_status(r.step):9}  {r.step:24}  {r.citizen_name} "
              f"({r.citizen_id_number})  {r.opened_at:%d/%m/%Y %H:%M}  {r.desk_code}"
              f"{'  [đào tạo]' if r.training else ''}")
    return EXIT_OK


def cases_show(repository: Any, code: str, *, as_json: bool) -> int:
    """``kiosk cases show CODE``: the committed case, its history, captures and documents."""
    stored = repository.load(code)
    data = {
        "code": stored.code, "status": _status(stored.step), "step": stored.step,
        "desk": stored.desk_code, "training": stored.training,
        "opened": stored.opened_at.isoformat(timespec="seconds"),
        "updated": stored.updated_at.isoformat(timespec="seconds"),
        "citizen": {"full_name": stored.citizen.get("full_name"),
                    "id_number": stored.citizen.get("id_number")},
        "procedure": stored.procedure, "reason": stored.reason,
        "fee_vnd": stored.fee_amount,
        "due_date": stored.due_date.isoformat() if stored.due_date else None,
        "delivery": asdict(stored.delivery) if stored.delivery else None,
        "history": stored.history(),
        "captures": [{"position": c.position, "attempt": c.attempt, "quality": c.quality,
                      "acceptable": c.acceptable, "device": c.device_model}
                     for c in stored.captures],
        "documents": [{"form": f, "printed_to": w, "at": at.isoformat(timespec="seconds")}
                      for f, w, at in stored.documents],
    }
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{data['code']}  {data['status']} ({data['step']})  {data['citizen']['full_name']} "
          f"({data['citizen']['id_number']})")
    print(f"  thủ tục: {data['procedure']} / {data['reason']}  lệ phí: {data['fee_vnd']}  "
          f"hẹn trả: {data['due_date']}")
    if stored.delivery is not None and stored.delivery.method == "post":
        print(f"  nhận qua bưu chính: {stored.delivery.address} {stored.delivery.phone}")
    for h in data["history"]:
        print(f"  {h['at']}  {h['from']} --{h['event']}--> {h['to']}")
    for c in data["captures"]:
        print(f"  thu nhận {c['position']} lần {c['attempt']}: {c['quality']}/100 "
              f"{'đạt' if c['acceptable'] else 'chưa đạt'}")
    for d in data["documents"]:
        print(f"  in {d['form']} lúc {d['at']}: {d['printed_to']}")
    return EXIT_OK


def users_list(users: list[Any], *, as_json: bool) -> int:
    rows = [{"username": u.username, "name": u.display_name, "role": u.role,
             "disabled": u.disabled,
             "locked_until": u.locked_until.isoformat(timespec="minutes")
             if u.locked_until else None} for u in users]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    for row in [] if as_json else rows:
        state = "vô hiệu" if row["disabled"] else (f"khóa đến {row['locked_until']}"
                                                   if row["locked_until"] else "hoạt động")
        print(f"{row['username']:16} {row['role']:11} {state:22} {row['name']}")
    return EXIT_OK


def audit_report(result: Any) -> int:
    """``kiosk audit verify``: 0 when intact; 1 naming the first broken row."""
    if result.intact:
        print(f"audit trail intact: {result.rows} rows")
        return EXIT_OK
    print(f"audit trail broken at row {result.first_broken}: {result.problem}", file=sys.stderr)
    return EXIT_FAILED


def fail(message: str, code: int = EXIT_FAILED) -> int:
    print(f"kiosk: {message}", file=sys.stderr)
    return code
