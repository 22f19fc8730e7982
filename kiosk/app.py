"""Composition root: configuration → backends → desk → window or command.

Everything is built here and passed through constructors; nothing else creates devices,
registries or storage, and nothing is global.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk import cli, logsafe
from kiosk.config import ConfigError, Settings, load_settings, parse_override
from kiosk.desk.desk import CounterDesk
from kiosk.desk.profile import DeskProfile, DeviceSet
from kiosk.devices.printers import CupsPrinter, FilePrinter
from kiosk.paths import default_data_dir, resources_dir
from kiosk.printing.forms import Agency
from kiosk.registry.base import PopulationRegistry, RegistryError
from kiosk.registry.synthetic import SyntheticRegistry
from kiosk.storage.cases import CaseRepository
from kiosk.storage.database import open_database
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.lawbook import load_lawbook

# Device backends by configuration name, imported only when chosen (a missing vendor
# library can then never break the other backends).
DEVICE_CLASSES: dict[tuple[str, str], str] = {
    ("face", "simulator"): "device_simulators.face:SimulatedFaceCamera",
    ("face", "opencv"): "kiosk.devices.webcam:OpenCVFaceCamera",
    ("fingerprint", "simulator"): "device_simulators.fingerprint:SimulatedFingerprintScanner",
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


def build_devices(settings: Settings, *, print_directory: Path | None, latency_s: float
                  ) -> tuple[DeviceSet, dict[str, Any]]:
    controls: dict[str, Any] = {}
    built: dict[str, Any] = {}
    for kind in ("face", "fingerprint", "iris"):
        backend = settings[f"devices.{kind}"]
        cls = _load(DEVICE_CLASSES[(kind, backend)])
        if backend == "simulator":
            control = _load("device_simulators.behaviour:SimulatorControl")(latency_s=latency_s)
            controls[kind] = control
            built[kind] = cls(control=control)
        elif (kind, backend) == ("face", "opencv"):
            built[kind] = cls(index=settings["devices.face_camera_index"])
        else:  # pragma: no cover - every configured pair is listed above
            built[kind] = cls()
    if settings["printer.backend"] == "cups":
        printer: Any = CupsPrinter(settings["printer.name"])
    else:
        printer = FilePrinter(print_directory or settings.print_directory)
    return DeviceSet(built["face"], built["fingerprint"], built["iris"], printer), controls


def build_registry(settings: Settings, resources: Path) -> PopulationRegistry:
    if settings["registry.backend"] == "synthetic":
        return SyntheticRegistry.from_file(resources / "training" / "citizens.toml")
    raise ConfigError("registry.backend = 'http': the HTTP registry client is not built yet; "
                      "use registry.backend = 'synthetic' (training)")


def build_context(
    settings: Settings, *, print_directory: Path | None = None,
    clock: Callable[[], datetime] = datetime.now, latency_s: float = TRAINER_LATENCY_S,
) -> Context:
    resources = resources_dir()
    devices, controls = build_devices(settings, print_directory=print_directory,
                                      latency_s=latency_s)
    profile = DeskProfile(
        desk_code=settings["desk.code"], desk_name=settings["desk.name"],
        agency=Agency(settings["agency.ministry"], settings["agency.parent"],
                      settings["agency.name"], settings["agency.place"]),
        return_place=settings["agency.return_place"], training=settings.training,
        capture_timeout_s=float(settings["devices.capture_timeout_s"]), resources_dir=resources,
    )
    desk = CounterDesk(
        profile=profile, lawbook=load_lawbook(resources / "law"),
        registry=build_registry(settings, resources),
        devices=devices, cases=CaseRepository(open_database(settings.database_url)),
        clock=clock, clerk_name=settings["desk.clerk_name"],
    )
    return Context(settings, desk, controls)


def _settings_from(args: Any, *, simulator: bool) -> Settings:
    given = [*args.overrides, *getattr(args, "sub_overrides", [])]
    overrides = dict(parse_override(item) for item in given)
    if args.environment:
        overrides["environment"] = args.environment
    return load_settings(args.data_dir or default_data_dir(), args.config, overrides,
                         simulator=simulator)


def run_window(context: Context, screenshot: Path | None) -> int:
    from kiosk.ui.application import run  # noqa: PLC0415 - Qt loads only for the window

    return run(context.desk, context.settings, context.simulator_controls, screenshot)


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        logsafe.install(handler)
    args = cli.build_parser().parse_args(argv)
    try:
        if args.command == "config":
            return cli.config_show(_settings_from(args, simulator=args.simulator), args.json)
        if args.command == "demo":
            settings = _settings_from(args, simulator=True)
            scenario = cli.load_scenario(resources_dir(), args.scenario)
            clock: Callable[[], datetime] = datetime.now
            if args.date:
                day = args.date
                clock = lambda: datetime.combine(day, datetime.now().time())  # noqa: E731
            context = build_context(settings, print_directory=args.out, clock=clock,
                                    latency_s=0.0)
            try:
                return cli.run_demo(context.desk, scenario, args.out, args.step_delay)
            finally:
                context.desk.devices.close()
        context = build_context(_settings_from(args, simulator=args.simulator))
        try:
            return run_window(context, args.screenshot)
        finally:
            context.desk.devices.close()
    except (ConfigError, cli.UsageError) as error:
        return cli.fail(str(error), cli.EXIT_USAGE)
    except (RuleViolation, RegistryError) as error:
        return cli.fail(error.message)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
