"""Composition root: configuration → backends → desk → window or command.

Everything is built here and passed through constructors; nothing else creates devices,
registries or storage, and nothing is global. Heavy layers (Qt, OpenCV, SQLAlchemy, reportlab)
are imported only by the commands that need them, so ``kiosk assess`` starts fast.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import cli, cli_training, logsafe
from kiosk.config import ConfigError, Settings, load_settings, parse_override
from kiosk.paths import default_data_dir, resources_dir

if TYPE_CHECKING:
    from kiosk.desk.accounts import AccountService
    from kiosk.desk.desk import CounterDesk
    from kiosk.desk.profile import DeviceSet
    from kiosk.export.service import Exporter
    from kiosk.registry.base import PopulationRegistry
    from kiosk.storage.crypto import KeyRing

log = logging.getLogger(__name__)  # codes and kinds of failure only: never personal data

# Device backends by configuration name, imported only when chosen (a missing vendor
# library can then never break the other backends).
DEVICE_CLASSES: dict[tuple[str, str], str] = {
    ("face", "simulator"): "device_simulators.face:SimulatedFaceCamera",
    ("face", "opencv"): "kiosk.devices.webcam:OpenCVFaceCamera",
    ("fingerprint", "simulator"): "device_simulators.fingerprint:SimulatedFingerprintScanner",
    ("fingerprint", "simulator-single"):
        "device_simulators.fingerprint:SimulatedSingleFingerReader",
    ("iris", "simulator"): "device_simulators.iris:SimulatedIrisScanner",
}
TRAINER_LATENCY_S = 0.6  # a simulated capture takes about as long as a real one


def _load(path: str) -> Any:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class Context:
    settings: Settings
    desk: CounterDesk
    simulator_controls: dict[str, Any]  # kind -> SimulatorControl, for trainers
    accounts: AccountService
    trainer: Any = None  # kiosk.desk.trainer.TrainerConsole, in trainer mode only


# A training installation starts with this trainer account (synthetic data only; production
# starts with the admin created by `kiosk users add`).
TRAINING_ACCOUNT = ("giangvien", "dao-tao-2026", "Giảng viên đào tạo")


def build_devices(settings: Settings, *, print_directory: Path | None, latency_s: float
                  ) -> tuple[DeviceSet, dict[str, Any]]:
    from kiosk.desk.profile import DeviceSet  # noqa: PLC0415
    from kiosk.devices.base import DeviceKind  # noqa: PLC0415
    from kiosk.devices.manager import DeviceManager  # noqa: PLC0415
    from kiosk.devices.printers import CupsPrinter, FilePrinter  # noqa: PLC0415

    controls: dict[str, Any] = {}
    finders: dict[DeviceKind, dict[str, Any]] = {}
    defaults: dict[DeviceKind, str] = {}
    for kind in ("face", "fingerprint", "iris"):
        backend = settings[f"devices.{kind}"]
        defaults[DeviceKind(kind)] = backend
        finders[DeviceKind(kind)] = {backend: _finder(settings, kind, backend, controls,
                                                      latency_s)}
    manager = DeviceManager(finders, defaults)
    manager.refresh()
    if settings["printer.backend"] == "cups":
        printer: Any = CupsPrinter(settings["printer.name"], copies=settings["printer.copies"])
    elif settings["printer.backend"] == "qt":
        from kiosk.ui.qtprint import QtPrinter  # noqa: PLC0415 - Qt only for this backend

        printer = QtPrinter(settings["printer.name"], copies=settings["printer.copies"])
    else:
        printer = FilePrinter(print_directory or settings.print_directory)
        if settings.training:  # a trainer can empty its tray or pull its cable
            printer = _training_printer(printer, controls)
    return DeviceSet(manager, printer), controls


def _training_printer(printer: Any, controls: dict[str, Any]) -> Any:
    simulated = importlib.import_module("device_simulators.printer")
    controls["printer"] = simulated.PrinterControl()
    return simulated.SimulatedPrinter(printer, controls["printer"])


def _finder(settings: Settings, kind: str, backend: str, controls: dict[str, Any],
            latency_s: float) -> Callable[[], list[Any]]:
    """How the manager finds devices of ``kind`` through ``backend``; each import happens
    inside, at the first search, so a missing driver fails only its own backend."""
    if backend == "sbi":
        state: dict[str, Any] = {}

        def find_sbi() -> list[Any]:
            if "finder" not in state:  # retried each round until the trust file is installed
                sbi = importlib.import_module("kiosk.devices.sbi.devices")
                state["finder"] = sbi.SbiFinder(_kind(kind), _sbi_trust(settings),
                                                sbi.parse_ports(settings["devices.sbi_ports"]))
            return list(state["finder"]())
        return find_sbi
    if backend in ("usb", "virtual-usb"):
        return _usb_finder(backend, controls, latency_s)
    made: list[Any] = []

    def find_one() -> list[Any]:
        if not made:
            cls = _load(DEVICE_CLASSES[(kind, backend)])
            if backend in ("simulator", "simulator-single"):
                control = _load("device_simulators.behaviour:SimulatorControl")(
                    latency_s=latency_s)
                controls[kind] = control
                made.append(cls(control=control))
            elif (kind, backend) == ("face", "opencv"):
                made.append(cls(index=settings["devices.face_camera_index"]))
            else:  # pragma: no cover - every configured pair is listed above
                made.append(cls())
        return made
    return find_one


def _usb_finder(backend: str, controls: dict[str, Any], latency_s: float
                ) -> Callable[[], list[Any]]:
    """The U.are.U 4500 driver on the real bus (libusb: the system's, else the bundled
    ``libusb-package``), or on a virtual reader for trainers (``virtual-usb``)."""
    state: dict[str, Any] = {}

    def find_usb() -> list[Any]:
        if "finder" not in state:
            finder_class = _load("kiosk.devices.usb.uru4500:UareU4500Finder")
            if backend == "virtual-usb":
                control = _load("device_simulators.behaviour:SimulatorControl")(
                    latency_s=latency_s)
                controls["fingerprint"] = control
                bus = _load("device_simulators.usb.uru4500:VirtualUSBBackend")(control)
            else:
                bus = _libusb()
            state["finder"] = finder_class(usb_backend=bus, backend_name=backend)
        return list(state["finder"]())
    return find_usb


def _libusb() -> Any:
    """pyusb's own lookup finds a system libusb; the wheel's copy serves where there is none."""
    try:
        import libusb_package  # noqa: PLC0415
    except ImportError:
        return None
    return libusb_package.get_libusb1_backend()


def _finger_checks(settings: Settings) -> Any:
    """Per-finger NFIQ 2 review of each slap (NIST tools in a child process, started at the
    first slap), unless ``biometrics.finger_checks`` is off."""
    if not settings["biometrics.finger_checks"]:
        return None
    from kiosk.biometrics.nist_tools import FingerprintTools  # noqa: PLC0415
    from kiosk.desk.fingercheck import FingerChecks  # noqa: PLC0415

    return FingerChecks(FingerprintTools())


def _kind(kind: str) -> Any:
    from kiosk.devices.base import DeviceKind  # noqa: PLC0415

    return DeviceKind(kind)


def _sbi_trust(settings: Settings) -> Any:
    """The certificate authorities whose SBI devices this kiosk accepts (PEM file)."""
    from kiosk.devices.base import UntrustedDevice  # noqa: PLC0415
    from kiosk.devices.sbi.jws import TrustStore  # noqa: PLC0415

    path = Path(settings["devices.sbi_trust"] or settings.data_dir / "sbi-trust.pem")
    try:
        return TrustStore.from_pem(path.read_bytes())
    except (OSError, ValueError) as error:
        raise UntrustedDevice(
            "Chưa cài chứng thư của hãng thiết bị SBI nên chưa dùng được thiết bị. Báo quản "
            "trị cài tệp chứng thư (devices.sbi_trust).", detail=f"{path}: {error}") from error


def build_registry(settings: Settings, resources: Path, keyring: Any = None
                   ) -> PopulationRegistry:
    from kiosk.registry.synthetic import SyntheticRegistry  # noqa: PLC0415

    if settings["registry.backend"] == "synthetic":
        return SyntheticRegistry.from_file(resources / "training" / "citizens.toml")
    if settings["registry.backend"] == "sql":
        registry: PopulationRegistry = _sql_registry(settings, keyring)
        return registry
    online: PopulationRegistry = _http_registry(settings, keyring)
    return online


def _http_registry(settings: Settings, keyring: Any = None) -> Any:
    """The central service; with ``registry.offline_cache``, the local SQL registry answers
    (saying so) when the service cannot be used. The cache opens at its first use."""
    from kiosk.registry.http import HttpRegistry  # noqa: PLC0415

    def cache() -> Any:
        return _offline_cache(settings, keyring)

    return HttpRegistry(registry_client(settings),
                        cache=cache if settings["registry.offline_cache"] else None)


def _offline_cache(settings: Settings, keyring: Any = None) -> Any:
    """The synced cache at registry.url, or None when there is none (never synced)."""
    from kiosk.registry.sql import Population, SqlRegistry  # noqa: PLC0415

    url = settings.registry_url
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return None
    registry = SqlRegistry.open(url, keyring if keyring is not None else installation_key(
        settings))
    if registry.population != Population.CACHE:
        registry.close()  # empty, or a trainer's invented people: never an answer for real work
        return None
    return registry


def registry_client(settings: Settings) -> Any:
    """The central registry service's client (registry.base_url), mutual TLS."""
    from kiosk.registry.http import RegistryClient  # noqa: PLC0415

    if not settings["registry.base_url"]:
        raise ConfigError("registry.base_url is empty: set the central registry service's "
                          "https:// address")
    if not settings["registry.client_certificate"]:
        raise ConfigError("registry.client_certificate is empty: the service admits desks by "
                          "their TLS client certificate")
    return RegistryClient(
        settings["registry.base_url"], context=_registry_tls(settings),
        connect_timeout_s=float(settings["registry.connect_timeout_s"]),
        read_timeout_s=float(settings["registry.read_timeout_s"]),
        retries=int(settings["registry.retries"]), backoff_s=float(settings["registry.backoff_s"]))


def _registry_tls(settings: Settings) -> Any:
    import ssl  # noqa: PLC0415

    authorities = settings["registry.ca_certificates"] or None
    try:
        context = ssl.create_default_context(cafile=authorities)
    except (OSError, ssl.SSLError) as error:
        raise ConfigError(f"registry.ca_certificates = {authorities!r}: cannot read the CA "
                          f"certificates ({getattr(error, 'strerror', None) or error})") from None
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    certificate = settings["registry.client_certificate"]
    try:
        context.load_cert_chain(certificate, settings["registry.client_key"] or None)
    except (OSError, ssl.SSLError) as error:
        raise ConfigError(f"registry.client_certificate = {certificate!r}: cannot load the "
                          "certificate and its private key (registry.client_key) "
                          f"({getattr(error, 'strerror', None) or error})") from None
    return context


def _sql_registry(settings: Settings, keyring: Any = None) -> Any:
    """The local SQL registry, sealed with the installation key. Training never reads real
    people (an offline cache) and production never reads invented ones."""
    from kiosk.registry.sql import Population, SqlRegistry  # noqa: PLC0415

    registry = SqlRegistry.open(settings.registry_url,
                                keyring if keyring is not None else installation_key(settings))
    if settings.training and registry.population == Population.CACHE:
        raise ConfigError("registry.url holds real citizens (an offline cache): training "
                          "installations use a generated population (kiosk registry generate)")
    if (settings.environment.value == "production"
            and registry.population == Population.SYNTHETIC):
        raise ConfigError("registry.url holds a synthetic population: production needs the "
                          "offline cache of real citizens or registry.backend = 'http'")
    return registry


def build_context(
    settings: Settings, *, print_directory: Path | None = None,
    clock: Callable[[], datetime] = datetime.now, latency_s: float = TRAINER_LATENCY_S,
    key_passphrase: str | None = None, keyring: KeyRing | None = None,
) -> Context:
    """``keyring``: the installation key already opened (else read with ``key_passphrase``)."""
    from kiosk.desk.desk import CounterDesk  # noqa: PLC0415
    from kiosk.desk.profile import DeskProfile  # noqa: PLC0415
    from kiosk.printing.forms import Agency  # noqa: PLC0415
    from kiosk.storage.audit import AuditLog  # noqa: PLC0415
    from kiosk.storage.cases import CaseRepository  # noqa: PLC0415
    from kiosk.storage.database import open_database  # noqa: PLC0415
    from kiosk.workflow.lawbook import load_lawbook  # noqa: PLC0415

    resources = resources_dir()
    devices, controls = build_devices(settings, print_directory=print_directory,
                                      latency_s=latency_s)
    profile = DeskProfile(
        desk_code=settings["desk.code"], desk_name=settings["desk.name"],
        agency=Agency(settings["agency.ministry"], settings["agency.parent"],
                      settings["agency.name"], settings["agency.place"]),
        return_place=settings["agency.return_place"], training=settings.training,
        capture_timeout_s=float(settings["devices.capture_timeout_s"]), resources_dir=resources,
        head_title=settings["agency.head_title"],
    )
    from kiosk.desk.accounts import AccountService, SecurityPolicy  # noqa: PLC0415
    from kiosk.storage.accounts import AccountRepository  # noqa: PLC0415
    from kiosk.workflow.permissions import Role  # noqa: PLC0415

    if keyring is None:
        keyring = installation_key(settings, key_passphrase)
    engine = open_database(settings.database_url, keyring)
    audit = AuditLog(engine, settings["desk.code"])
    accounts = AccountService(accounts=AccountRepository(engine), audit=audit,
                              policy=SecurityPolicy.load(
                                  resources, max_failures=settings["security.max_failed_logins"],
                                  lockout_minutes=settings["security.lockout_minutes"]),
                              environment=settings["environment"], clock=clock)
    if settings.training and accounts.first_run():
        username, password, name = TRAINING_ACCOUNT
        accounts.add_user(None, username="admin", display_name="Quản trị (đào tạo)",
                          role=Role.ADMIN, password=password)
        admin = accounts.sign_in("admin", password)
        accounts.add_user(admin, username=username, display_name=name, role=Role.TRAINER,
                          password=password)
    desk = CounterDesk(
        profile=profile,
        lawbook=load_lawbook(resources, weekdays=settings["calendar.counted_weekdays"]),
        registry=build_registry(settings, resources, keyring),
        devices=devices, cases=CaseRepository(engine, keyring),
        clock=clock, clerk_name=settings["desk.clerk_name"],
        audit=audit, finger_checks=_finger_checks(settings),
        low_quality=accounts.policy.low_quality,
        permissions=accounts.policy.book,
        # Imported at the first close, not at start (the window opens faster).
        on_closed=None if settings.training else lambda code: _outbox(settings).request(code),
    )
    return Context(settings, desk, controls, accounts,
                   _trainer(desk, controls, engine) if settings.training else None)


def _trainer(desk: CounterDesk, controls: dict[str, Any], engine: Any) -> Any:
    from device_simulators.controls import SimulatorHandles, fault_names  # noqa: PLC0415
    from kiosk.desk.trainer import TrainerConsole  # noqa: PLC0415
    from kiosk.storage.training import TrainingReports  # noqa: PLC0415

    return TrainerConsole(desk, SimulatorHandles(controls), TrainingReports(engine),
                          faults=fault_names())


def _outbox(settings: Settings) -> Any:
    from kiosk.export.outbox import Outbox  # noqa: PLC0415

    return Outbox(settings.data_dir / "outbox")


def _settings_from(args: Any, *, simulator: bool) -> Settings:
    given = [*args.overrides, *getattr(args, "sub_overrides", [])]
    overrides = dict(parse_override(item) for item in given)
    if args.environment:
        overrides["environment"] = args.environment
    return load_settings(args.data_dir or default_data_dir(), args.config, overrides,
                         simulator=simulator)


def run_window(context: Context, screenshot: Path | None) -> int:
    from kiosk.ui.application import run  # noqa: PLC0415 - Qt loads only for the window

    hint = ""
    if context.settings.training:
        username, password, _name = TRAINING_ACCOUNT
        hint = f"Chế độ đào tạo — tài khoản giảng viên: {username} / {password}"
    elif context.accounts.first_run():
        hint = ("Chưa có tài khoản nào. Quản trị viên tạo tài khoản đầu tiên bằng lệnh: "
                "kiosk users add admin --role admin --name \"Họ và tên\"")
    from kiosk.desk.settings_editor import SettingsEditor  # noqa: PLC0415

    context.desk.devices.manager.start()  # plugs and unplugs are found while the window runs
    return run(context.desk, context.accounts, settings=context.settings,
               settings_editor=SettingsEditor(context.settings, context.accounts, datetime.now),
               trainer=context.trainer,
               simulator_controls=context.simulator_controls, screenshot=screenshot,
               sign_in_hint=hint)


def run_demo(args: Any) -> int:
    from device_simulators.controls import SimulatorHandles, fault_names  # noqa: PLC0415
    from kiosk.desk.player import Slip, Trainee, play  # noqa: PLC0415
    from kiosk.desk.scenario import ScenarioNotFound, load_scenario  # noqa: PLC0415

    settings = _settings_from(args, simulator=True)
    try:
        scenario = load_scenario(resources_dir(), args.scenario, fault_names())
        trainee = Trainee(tuple(Slip.parse(text) for text in args.mistake))
        for slip in trainee.slips:
            slip.check(scenario)
    except (ScenarioNotFound, ValueError) as error:
        return cli.fail(str(error), cli.EXIT_USAGE)
    day = args.date or scenario.on  # the story's day, so its figures hold
    context = build_context(settings, print_directory=args.out, latency_s=0.0,
                            clock=lambda: datetime.combine(day, datetime.now().time()))
    if args.trainee:
        context.desk.operator = args.trainee
    try:
        case = play(context.desk, scenario, args.out, args.step_delay, resume=args.resume,
                    report=lambda text: print(text, flush=True),
                    simulators=SimulatorHandles(context.simulator_controls), trainee=trainee)
        # Judged in trainer mode only (`--environment development` plays without a report).
        report = context.trainer.finish(case.code) if context.trainer is not None else None
    finally:
        context.desk.shutdown()
    print(f"{case.code}: {case.step.label} — {args.out / 'summary.json'}")
    if report is not None:
        print(cli_training.verdict_line(report))
    return cli.EXIT_OK


def run_scenarios(args: Any) -> int:
    from device_simulators.controls import fault_names  # noqa: PLC0415
    from kiosk.desk.scenario import load_all  # noqa: PLC0415

    rows = [{"name": s.name, "title": s.title, "procedure": s.expected.procedure.value,
             "reason": s.expected.reason.value, "rules": list(s.rules),
             "faults": [{"at": c.at, "device": c.device, "fault": c.fault,
                         "attempts": list(c.attempts)} for c in s.faults]}
            for s in load_all(resources_dir(), fault_names())]
    return cli_training.scenarios_list(rows, as_json=args.json)


def run_training(args: Any) -> int:
    """``kiosk training report CODE`` / ``summary``: in a training installation only."""
    from kiosk.printing.trainee_report import render_class_summary, render_trainee_report  # noqa: PLC0415

    settings = _settings_from(args, simulator=args.simulator)
    if not settings.training:
        raise cli.CommandError("trainee reports exist in a training installation only "
                               "(--simulator or environment = training)")
    context = build_context(settings, latency_s=0.0)
    try:
        if args.training_command == "report":
            report = context.trainer.report(args.code)
            pdf = render_trainee_report(report, resources_dir()) if args.pdf else None
            shown = cli_training.report_show(report, as_json=args.json)
        else:
            summary = context.trainer.summary(args.day)
            pdf = render_class_summary(summary, resources_dir()) if args.pdf else None
            shown = cli_training.summary_show(summary, as_json=args.json)
    finally:
        context.desk.shutdown()
    if pdf is not None:
        args.pdf.parent.mkdir(parents=True, exist_ok=True)
        args.pdf.write_bytes(pdf)
        print(f"{args.pdf}: {len(pdf)} bytes")
    return shown


def run_cases(args: Any) -> int:
    from kiosk.storage.cases import CaseRepository, UnknownCase  # noqa: PLC0415
    from kiosk.storage.database import open_database  # noqa: PLC0415
    from kiosk.workflow.case import FINAL_STEPS  # noqa: PLC0415

    settings = _settings_from(args, simulator=args.simulator)
    keyring = installation_key(settings)
    repository = CaseRepository(open_database(settings.database_url, keyring), keyring)
    if args.cases_command == "list":
        return cli.cases_list(repository, frozenset(s.value for s in FINAL_STEPS),
                              include_final=args.all, as_json=args.json)
    try:
        return cli.cases_show(repository, args.code, as_json=args.json)
    except UnknownCase:
        return cli.fail(f"CODE {args.code!r}: no such case", cli.EXIT_USAGE)


def run_biometrics(args: Any) -> int:
    from kiosk.biometrics.nist_tools import FingerprintTools  # noqa: PLC0415
    from kiosk.desk.records import (  # noqa: PLC0415
        Agencies,
        NotExportable,
        case_iso_records,
        case_transaction,
    )
    from kiosk.storage.cases import CaseRepository, UnknownCase  # noqa: PLC0415
    from kiosk.storage.database import open_database  # noqa: PLC0415

    settings = _settings_from(args, simulator=args.simulator)
    keyring = installation_key(settings)
    repository = CaseRepository(open_database(settings.database_url, keyring), keyring)
    try:
        case = repository.load(args.code)
    except UnknownCase:
        return cli.fail(f"CODE {args.code!r}: no such case", cli.EXIT_USAGE)
    if not case.training:  # a real person's biometrics leave in the clear: someone answers
        from kiosk.workflow.permissions import Permission  # noqa: PLC0415

        _authorized(args, Permission.EXPORT)
    try:
        if args.biometrics_command == "iso":
            args.out.mkdir(parents=True, exist_ok=True)
            for name, record in case_iso_records(case).items():
                (args.out / name).write_bytes(record)
                print(f"{args.out / name}: {len(record)} bytes")
            return cli.EXIT_OK
        agencies = Agencies(f"{settings['agency.code']}-{settings['desk.code']}",
                            settings["agency.central"])
        if args.no_nfiq:
            transaction = case_transaction(case, agencies, datetime.now())
        else:
            with FingerprintTools() as tools:
                transaction = case_transaction(case, agencies, datetime.now(), tools)
    except NotExportable as error:
        return cli.fail(str(error))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(transaction)
    print(f"{args.out}: {len(transaction)} bytes")
    return cli.EXIT_OK


@contextmanager
def _exporter(settings: Settings) -> Iterator[Callable[[], Exporter]]:
    """The command's one :class:`Exporter`, made at the first call: the installation key is
    read and the database opened once per command, and only when a case is needed (an outbox
    of packets already built sends without them). The engine is disposed at the end."""
    from kiosk.desk.records import Agencies  # noqa: PLC0415
    from kiosk.export.keys import centre_public_key, desk_signing_key  # noqa: PLC0415
    from kiosk.export.service import Exporter  # noqa: PLC0415
    from kiosk.storage.audit import AuditLog  # noqa: PLC0415
    from kiosk.storage.cases import CaseRepository  # noqa: PLC0415
    from kiosk.storage.database import open_database  # noqa: PLC0415

    made: list[tuple[Exporter, Any]] = []

    def exporter() -> Exporter:
        if not made:
            keyring = installation_key(settings)
            engine = open_database(settings.database_url, keyring)
            made.append((Exporter(
                CaseRepository(engine, keyring), AuditLog(engine, settings["desk.code"]),
                signing_key=lambda: desk_signing_key(settings.data_dir),
                centre_key=lambda: centre_public_key(settings["export.centre_public_key"]),
                agencies=Agencies(f"{settings['agency.code']}-{settings['desk.code']}",
                                  settings["agency.central"]),
                desk_code=settings["desk.code"], environment=settings.environment.value),
                engine))
        return made[0][0]

    try:
        yield exporter
    finally:
        for _exporter_made, engine in made:
            engine.dispose()


def export_packet(settings: Settings, code: str, created_at: datetime) -> bytes:
    """A closed case's sealed packet (raises NotExportable, ExportKeyProblem, UnknownCase)."""
    with _exporter(settings) as exporter:
        return exporter().packet(code, created_at)


def run_export(args: Any) -> int:
    from kiosk.export.envelope import raw_public  # noqa: PLC0415
    from kiosk.export.keys import desk_signing_key  # noqa: PLC0415
    from kiosk.storage.cases import UnknownCase  # noqa: PLC0415

    settings = _settings_from(args, simulator=args.simulator)
    if args.public_key:
        print(raw_public(desk_signing_key(settings.data_dir).public_key()).hex())
        return cli.EXIT_OK
    if not args.code or not (args.out or args.queue):
        raise cli.CommandError("kiosk export CODE --out DIR and/or --queue")
    try:
        with _exporter(settings) as exporter:
            packet = exporter().packet(args.code, datetime.now())
    except UnknownCase:
        return cli.fail(f"CODE {args.code!r}: no such case", cli.EXIT_USAGE)
    if args.out:
        from kiosk.workflow.permissions import Permission  # noqa: PLC0415

        _authorized(args, Permission.EXPORT)
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / f"{args.code}.kpk").write_bytes(packet)
        print(f"{args.out / (args.code + '.kpk')}: {len(packet)} bytes")
    if args.queue:
        print(f"{_outbox(settings).put(args.code, packet)}: queued")
    return cli.EXIT_OK


def _https_context(settings: Settings) -> Any:
    import ssl  # noqa: PLC0415

    context = ssl.create_default_context(cafile=settings["export.ca_certificates"] or None)
    if settings["export.client_certificate"]:
        context.load_cert_chain(settings["export.client_certificate"])
    return context


def run_outbox(args: Any) -> int:
    from kiosk.export.outbox import FolderSender, HttpSender  # noqa: PLC0415

    settings = _settings_from(args, simulator=args.simulator)
    outbox = _outbox(settings)
    if args.outbox_command == "status":
        waiting, sent = outbox.waiting(), outbox.delivered()
        print(f"chờ gửi: {len(waiting)}  đã gửi: {len(sent)}")
        for code in waiting:
            print(f"  chờ gửi  {code}")
        return cli.EXIT_OK
    if args.folder is not None:
        from kiosk.workflow.permissions import Permission  # noqa: PLC0415

        _authorized(args, Permission.EXPORT)
        sender: Any = FolderSender(args.folder)
    elif settings["export.url"]:
        url = settings["export.url"]
        sender = HttpSender(url, context=_https_context(settings)
                            if url.startswith("https:") else None)
    else:
        raise cli.CommandError("set export.url, or give --folder for an offline drive")
    with _exporter(settings) as exporter:
        outcome = outbox.send_all(sender, lambda code: exporter().build(code))
    for code in outcome.sent:
        print(f"  đã gửi  {code}")
    for code, message in outcome.failed.items():
        print(f"  chưa gửi  {code}: {message}", file=sys.stderr)
    return cli.EXIT_OK if not outcome.failed else cli.EXIT_FAILED


def purge_confirmed(settings: Settings, now: datetime, *, dry_run: bool = False
                    ) -> dict[str, int]:
    """Erase the images of every case the centre confirmed long enough ago (issue 5:
    retention); case code -> images erased (0 on a dry run or when already erased)."""
    limit = timedelta(days=int(settings["retention.days_after_confirmation"]))
    with _exporter(settings) as exporter:
        return exporter().purge_confirmed(_outbox(settings), now, limit, dry_run=dry_run)


def run_retention(args: Any) -> int:
    settings = _settings_from(args, simulator=args.simulator)
    erased = purge_confirmed(settings, datetime.now(), dry_run=args.dry_run)
    for code, count in erased.items():
        print(f"  {code}: {'sẽ xóa' if args.dry_run else f'đã xóa {count} ảnh'}")
    print(f"{len(erased)} hồ sơ quá hạn lưu ảnh sinh trắc học")
    return cli.EXIT_OK


def run_registry(args: Any) -> int:
    import random  # noqa: PLC0415

    from kiosk.registry.base import CitizenNotFound, LookupQuery  # noqa: PLC0415

    settings = _settings_from(args, simulator=args.simulator)
    if args.registry_command == "generate":
        return _generate_registry(settings, args)
    if args.registry_command == "sync":
        return _sync_registry(settings, args)
    if args.registry_command == "applications":
        listing = _sql_registry(settings)
        try:
            return cli.applications_show(listing.applications(args.day), as_json=args.json)
        finally:
            listing.close()
    if args.registry_command == "lookup" and settings["registry.backend"] == "http":
        return _lookup_online(settings, LookupQuery.from_text(args.number), as_json=args.json)
    registry = _sql_registry(settings)
    try:
        if args.registry_command == "sample":
            record = registry.sample(random.Random(args.seed))
        else:
            found = registry.records(LookupQuery.from_text(args.number))
            if not found:
                raise CitizenNotFound(f"Không có số {args.number} trong dữ liệu dân cư "
                                      f"({settings.registry_url}).")
            record = found[0]
    finally:
        registry.close()
    return cli.registry_show(record, as_json=args.json)


def _lookup_online(settings: Settings, query: Any, *, as_json: bool) -> int:
    """``kiosk registry lookup`` with registry.backend = http: the service (or the cache)."""
    from kiosk.registry.base import CitizenNotFound  # noqa: PLC0415

    registry = _http_registry(settings)
    try:
        answer = registry.lookup(query)
    finally:
        registry.close()
    if not answer.records:
        raise CitizenNotFound(f"Không có {query.describe()} trong CSDL quốc gia về dân cư.")
    if answer.from_cache:
        print("CSDLQG không trả lời: dữ liệu đồng bộ ngoại tuyến "
              f"(đồng bộ lúc {answer.cache_synced_at or 'không rõ'})", file=sys.stderr)
    return cli.registry_show(answer.records[0], as_json=as_json)


def _sync_registry(settings: Settings, args: Any) -> int:
    """``kiosk registry sync --communes …``: the offline cache from the central service."""
    from kiosk.registry.http import HttpRegistry  # noqa: PLC0415
    from kiosk.registry.sync import parse_communes, sync_communes  # noqa: PLC0415

    if settings.training:
        raise cli.CommandError("a training installation holds no real citizens: sync into a "
                               "production, staging or development data directory")
    try:
        communes = parse_communes(args.communes)
    except ValueError as error:
        raise cli.CommandError(f"--communes {error}") from None
    if args.page_size > 1000:
        raise cli.CommandError("--page-size: the service sends at most 1000 people a page")
    service = HttpRegistry(registry_client(settings))
    cache = _sql_registry(settings)
    try:
        outcome = sync_communes(
            service, cache, communes, page_size=args.page_size,
            progress=lambda commune, stored: print(f"  {commune}: {stored} công dân", flush=True))
        total = cache.count()
    finally:
        cache.close()
    for commune, stored in outcome.stored.items():
        resumed = " (tiếp tục lần trước)" if commune in outcome.resumed else ""
        left = outcome.removed.get(commune, 0)
        gone = f", {left} người đã chuyển đi được xóa khỏi dữ liệu ngoại tuyến" if left else ""
        print(f"{commune}: {stored} công dân đã đồng bộ{resumed}{gone}")
    print(f"{settings.registry_url}: {total} công dân trong dữ liệu ngoại tuyến")
    return cli.EXIT_OK


def _generate_registry(settings: Settings, args: Any) -> int:
    """``kiosk registry generate``: the training file's citizens (into an empty registry) and
    N invented ones, sealed with the installation key; online applications for a day."""
    import time  # noqa: PLC0415

    from kiosk.config import WEEKDAYS  # noqa: PLC0415
    from kiosk.registry.applications import book_day  # noqa: PLC0415
    from kiosk.registry.loading import Generation, load_synthetic  # noqa: PLC0415
    from kiosk.registry.records import RegistryRecord  # noqa: PLC0415
    from kiosk.registry.synthetic import SyntheticRegistry  # noqa: PLC0415
    from kiosk.workflow.lawbook import load_lawbook  # noqa: PLC0415

    if settings.environment.value == "production":
        raise cli.CommandError("a production installation holds no invented citizens: "
                               "generate into a training or development data directory")
    day = args.applications_day
    if day is not None and WEEKDAYS[day.weekday()] not in settings["desk.office_days"]:
        raise cli.CommandError(f"--applications-day {day.isoformat()}: the desk takes no "
                               "applications that weekday (desk.office_days)")
    registry = _sql_registry(settings)
    try:
        resources = resources_dir()
        training = ([RegistryRecord.of(c) for c in SyntheticRegistry.from_file(
            resources / "training" / "citizens.toml").everyone()]
            if registry.count() == 0 else [])
        as_of = args.as_of or date.today()
        started = time.perf_counter()
        added = load_synthetic(registry, Generation(
            resources, args.seed, as_of, args.count,
            tuple(r.citizen.id_number for r in training)), before=training)
        elapsed = time.perf_counter() - started
        total = registry.count()
        booked = [] if day is None else book_day(
            registry, day, agency=settings["agency.name"],
            procedures=load_lawbook(resources).procedures, seed=args.seed,
            count=args.applications)
    finally:
        registry.close()
    print(f"{settings.registry_url}: {added} citizens added ({total} in all) in {elapsed:.1f} s")
    if day is not None:
        print(f"{len(booked)} online applications booked on {day.isoformat()} "
              "(kiosk registry applications --day to list their codes)")
    return cli.EXIT_OK


KEY_PASSPHRASE_ENV = "KIOSK_KEY_PASSPHRASE"


def _key_passphrase(settings: Settings) -> str | None:
    """The key file's passphrase when it has one: from the environment (a launcher or a
    service), else asked on the terminal; None for an unprotected key."""
    from kiosk.storage.crypto import is_wrapped, key_path  # noqa: PLC0415

    if not is_wrapped(key_path(settings.data_dir)):
        return None
    if KEY_PASSPHRASE_ENV in os.environ:
        return os.environ[KEY_PASSPHRASE_ENV]
    if sys.stdin.isatty():
        import getpass  # noqa: PLC0415

        return getpass.getpass("Mật khẩu khóa dữ liệu: ")
    return None  # load_or_create then says how to give it


def installation_key(settings: Settings, passphrase: str | None = None) -> Any:
    from kiosk.storage.crypto import load_or_create  # noqa: PLC0415

    return load_or_create(settings.data_dir, passphrase if passphrase is not None
                          else _key_passphrase(settings))


def _secrets(count: int) -> list[str]:
    """Passwords: one per line from stdin (scripts, tests), or asked for on a terminal."""
    if sys.stdin.isatty():
        import getpass  # noqa: PLC0415

        return [getpass.getpass(f"Mật khẩu {n + 1}/{count}: ") for n in range(count)]
    lines = sys.stdin.read().splitlines()
    if len(lines) < count:
        raise cli.CommandError(f"expected {count} password line(s) on stdin")
    return lines[:count]


def _accounts(args: Any) -> Any:
    from kiosk.desk.accounts import AccountService, SecurityPolicy  # noqa: PLC0415
    from kiosk.storage.accounts import AccountRepository  # noqa: PLC0415
    from kiosk.storage.audit import AuditLog  # noqa: PLC0415
    from kiosk.storage.database import open_database  # noqa: PLC0415

    settings = _settings_from(args, simulator=args.simulator)
    engine = open_database(settings.database_url)
    return AccountService(
        accounts=AccountRepository(engine), audit=AuditLog(engine, settings["desk.code"]),
        policy=SecurityPolicy.load(resources_dir(),
                                   max_failures=settings["security.max_failed_logins"],
                                   lockout_minutes=settings["security.lockout_minutes"]),
        environment=settings["environment"],
        clock=datetime.now)


def run_users(args: Any) -> int:
    from kiosk.workflow.permissions import Role  # noqa: PLC0415

    service = _accounts(args)
    if args.users_command == "list":
        return cli.users_list(service.accounts.all(), as_json=args.json)
    if args.users_command == "add":
        first = service.first_run()
        secrets = _secrets(1 if first else 2)
        admin = None if first else service.sign_in(args.admin or "", secrets[0])
        service.add_user(admin, username=args.username, display_name=args.name,
                         role=Role(args.role), password=secrets[-1])
        print(f"{args.username}: {args.role}")
        return cli.EXIT_OK
    secrets = _secrets(2 if args.users_command == "reset" else 1)
    admin = service.sign_in(args.admin, secrets[0])
    if args.users_command == "disable":
        service.disable(admin, args.username)
    else:
        service.reset_password(admin, args.username, secrets[1])
    print(f"{args.username}: {args.users_command}")
    return cli.EXIT_OK


def run_audit(args: Any) -> int:
    from kiosk.storage.audit import AuditLog  # noqa: PLC0415
    from kiosk.storage.database import open_database  # noqa: PLC0415

    settings = _settings_from(args, simulator=args.simulator)
    result = AuditLog(open_database(settings.database_url), settings["desk.code"]).verify()
    return cli.audit_report(result)


def run_devices(args: Any) -> int:
    import json  # noqa: PLC0415

    from kiosk.desk.devicecheck import capture_once, describe  # noqa: PLC0415

    settings = _settings_from(args, simulator=args.simulator)
    devices, _controls = build_devices(settings, print_directory=None, latency_s=0.0)
    try:
        if args.devices_command == "list":
            rows = describe(devices)
            if args.json:
                print(json.dumps(rows, ensure_ascii=False, indent=2))
            wide = max((len(row["backend"]) for row in rows), default=0)  # simulator-single
            for row in [] if args.json else rows:
                print(f"{row['kind']:12} {row['status']:14} {row['backend']:{wide}} "
                      f"{row['model']} ({row['serial']})"
                      + (f" — {row['problem']}" if row.get("problem") else ""))
            return cli.EXIT_OK
        report = capture_once(devices, args.kind, args.out,
                              float(settings["devices.capture_timeout_s"]))
        (args.out / "quality.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        for capture in report["captures"]:
            verdict = "đạt" if capture["acceptable"] else "chưa đạt"
            print(f"{args.out / capture['file']}: {capture['quality']}/100 {verdict}")
        return cli.EXIT_OK
    finally:
        devices.close()


def run_keys(args: Any) -> int:
    from kiosk.storage.crypto import protect  # noqa: PLC0415
    from kiosk.storage.database import open_database  # noqa: PLC0415
    from kiosk.storage.rotation import rotate  # noqa: PLC0415

    settings = _settings_from(args, simulator=args.simulator)
    passphrase = _key_passphrase(settings)  # asked once, used for every read of the key
    keyring = installation_key(settings, passphrase)  # creates the key on a new installation
    if args.keys_command == "protect":
        first, second = _secrets(2)
        if first != second:
            raise cli.CommandError("the two passphrases differ")
        protect(settings.data_dir, first, passphrase, ring=keyring)
        print(f"the key is protected by a passphrase; give it in {KEY_PASSPHRASE_ENV} or type "
              "it when asked")
        return cli.EXIT_OK
    # The local registry is sealed with the same key: opened first (a registry the key does
    # not open stops the rotation before anything changes), re-sealed before the new key
    # replaces the old one (kiosk/storage/rotation.py).
    registry = _registry_to_reseal(settings, keyring)
    engine = open_database(settings.database_url, keyring)
    try:
        count = rotate(engine, settings.data_dir, passphrase, keyring=keyring,
                       also=[registry.reseal] if registry is not None else [])
    finally:
        engine.dispose()
        if registry is not None:
            registry.close()
    print(f"re-sealed {count} values under a new key")
    return cli.EXIT_OK


def _registry_to_reseal(settings: Settings, keyring: KeyRing) -> Any:
    """The local SQL registry when the installation has one, else None: registry.backend =
    sql, the offline cache of registry.backend = http, or the SQLite file ``kiosk registry
    generate`` or ``sync`` fills whatever the backend."""
    url = settings.registry_url
    if url.startswith("sqlite:///"):
        if not Path(url.removeprefix("sqlite:///")).exists():
            return None  # never generated nor synced: nothing sealed yet
    elif not (settings["registry.backend"] == "sql" or (
            settings["registry.backend"] == "http" and settings["registry.offline_cache"])):
        return None
    from kiosk.registry.sql import SqlRegistry  # noqa: PLC0415

    return SqlRegistry.open(url, keyring)


def run_config(args: Any) -> int:
    settings = _settings_from(args, simulator=args.simulator)
    if args.config_command == "set":
        return _change_setting(settings, args)
    return cli.config_show(settings, args.json)


def _authorized(args: Any, permission: Any) -> tuple[Any, Any]:
    """The person named by ``--user`` (password on stdin or asked) may do ``permission``;
    the authorization is audited; returns the account service and the authorization.
    Packets the kiosk sends to the centre itself need nobody; a packet copied to a folder
    or a drive leaves with a person who answers for it."""
    if not args.user:
        raise cli.CommandError(f"--user: who does this ({permission.value}, a supervisor or "
                               "an admin); the password is asked")
    service = _accounts(args)
    person = service.sign_in(args.user, _secrets(1)[0])
    return service, service.authorize(person, permission)


def _change_setting(settings: Settings, args: Any) -> int:
    """An admin changes one setting (kiosk/desk/settings_editor.py: the permission, the
    value's rule, the file, the audit)."""
    from kiosk.desk.settings_editor import SettingsEditor  # noqa: PLC0415

    service = _accounts(args)
    admin = service.sign_in(args.admin, _secrets(1)[0])
    path = SettingsEditor(settings, service, datetime.now).change(admin, args.key, args.value)
    print(f"{path}: {args.key} = {args.value} (có hiệu lực khi khởi động lại)")
    return cli.EXIT_OK


def run_assess(args: Any) -> int:
    settings = _settings_from(args, simulator=args.simulator)
    return cli.assess(resources_dir(), args.file, sys.stdin, date.today(),
                      settings["calendar.counted_weekdays"])


def _window_keyring(settings: Settings) -> KeyRing | None:
    """A protected key, opened with the passphrase asked in a dialog (the clerk has no
    terminal); None when the key has no passphrase or the environment gives it."""
    from kiosk.storage.crypto import KeyProblem, is_wrapped, key_path, load_or_create  # noqa: PLC0415

    if not is_wrapped(key_path(settings.data_dir)) or KEY_PASSPHRASE_ENV in os.environ:
        return None
    from kiosk.ui.application import prepare_application  # noqa: PLC0415
    from kiosk.ui.keyprompt import ask_key_passphrase  # noqa: PLC0415

    prepare_application(resources_dir(), settings["ui.language"], settings["ui.theme"])
    opened: list[KeyRing] = []

    def opens(passphrase: str) -> str | None:
        try:
            opened.append(load_or_create(settings.data_dir, passphrase))
        except KeyProblem as problem:
            return problem.message
        return None

    if ask_key_passphrase(opens) is None:
        raise cli.CommandError("the key's passphrase was not given: the kiosk did not open")
    return opened[-1]


def run_kiosk_window(args: Any) -> int:
    settings = _settings_from(args, simulator=args.simulator)
    context = build_context(settings, keyring=_window_keyring(settings))
    try:
        return run_window(context, args.screenshot)
    finally:
        context.desk.shutdown()


COMMANDS: dict[str | None, Callable[[Any], int]] = {
    None: run_kiosk_window, "config": run_config, "assess": run_assess, "demo": run_demo,
    "cases": run_cases, "users": run_users, "audit": run_audit, "keys": run_keys,
    "devices": run_devices, "biometrics": run_biometrics, "export": run_export,
    "outbox": run_outbox, "retention": run_retention, "registry": run_registry,
    "scenarios": run_scenarios, "training": run_training,
}


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setLevel(logging.WARNING)  # the console shows problems; files keep the rest
        logsafe.install(handler)
    args = cli.build_parser().parse_args(argv)
    # Commands that touch an installation log to its files (the whitelist keeps people out).
    log_file = None
    if args.command not in ("assess", "config"):
        log_file = logsafe.file_handler(args.data_dir or default_data_dir())
        logging.getLogger("kiosk").addHandler(log_file)
        logging.getLogger("kiosk").setLevel(logging.INFO)
    try:
        return COMMANDS[args.command](args)
    except (ConfigError, cli.CommandError) as error:
        return cli.fail(str(error), cli.EXIT_USAGE)
    except Exception as error:
        # Rule, registry, device and storage errors carry a Vietnamese message for the operator.
        message = getattr(error, "message", None)
        if isinstance(message, str):
            # The kind of failure (e.g. IntegrityError) lets an engineer find the cause later.
            log.warning("command stopped: %s caused by %s", type(error),
                        type(error.__cause__))
            return cli.fail(message)
        raise
    finally:
        if log_file is not None:
            logging.getLogger("kiosk").removeHandler(log_file)
            log_file.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
