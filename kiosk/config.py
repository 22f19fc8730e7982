"""One TOML file per installation, validated, with command-line overrides.

Every key has a type, a default and a description in :data:`SCHEMA`. Validation names the
bad key and value. The effective settings are printed by ``kiosk config show``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

CONFIG_FILE_NAME = "kiosk.toml"


class Environment(StrEnum):
    PRODUCTION = "production"
    STAGING = "staging"
    DEVELOPMENT = "development"
    TRAINING = "training"


class ConfigError(Exception):
    """A bad configuration value; the message names the key, the value and what is allowed."""


# Backend names each device kind and the registry accept; app.py maps them to classes.
DEVICE_BACKENDS: dict[str, tuple[str, ...]] = {
    "face": ("simulator", "opencv", "sbi"),
    "fingerprint": ("simulator", "simulator-single", "sbi", "usb", "virtual-usb"),
    "iris": ("simulator", "sbi"),
    "printer": ("file", "cups", "qt"),
}
REGISTRY_BACKENDS = ("synthetic", "sql", "http")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SIMULATED_BACKENDS = frozenset({"simulator", "simulator-single", "synthetic", "virtual-usb"})
UI_LANGUAGES = ("vi", "en")  # the source language, then those resources/i18n translates to
UI_THEMES = ("default", "high_contrast")  # kiosk/ui/style.py SHEETS


@dataclass(frozen=True)
class Option:
    key: str
    default: Any
    description: str
    check: Callable[[Any], str | None]  # returns what is wrong, or None


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "must be non-empty text"


def _optional_text(value: Any) -> str | None:
    return None if isinstance(value, str) else "must be text"


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _port_range(value: Any) -> str | None:
    first, _, last = str(value).partition("-")
    if not (first.isdigit() and (not last or last.isdigit())):
        return "must be a port or a range like 4501-4600"
    low, high = int(first), int(last or first)
    return None if 1 <= low <= high <= 65535 else "ports must be 1-65535, low to high"


def _choice(*allowed: str, message: str = "") -> Callable[[Any], str | None]:
    """One of ``allowed``; ``message`` says what is wrong otherwise (default: lists them)."""
    wrong = message or f"must be one of: {', '.join(allowed)}"

    def check(value: Any) -> str | None:
        return None if value in allowed else wrong

    return check


def _desk_code(value: Any) -> str | None:
    ok = isinstance(value, str) and value.isascii() and value.isalnum() and 2 <= len(value) <= 8
    return None if ok else "must be 2-8 ASCII letters or digits"


def _weekdays(value: Any) -> str | None:
    ok = isinstance(value, list) and value and all(v in WEEKDAYS for v in value)
    return None if ok else f"must be a non-empty list of: {', '.join(WEEKDAYS)}"


def _non_negative_int(value: Any) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return None if ok else "must be a whole number >= 0"


def _positive_int(value: Any) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 1
    return None if ok else "must be a whole number >= 1"


def _retries(value: Any) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 5
    return None if ok else "must be a whole number from 0 to 5"


def _https_url(value: Any) -> str | None:
    if value == "":
        return None
    ok = isinstance(value, str) and value.startswith("https://") and len(value) > len("https://")
    return None if ok else "must be empty or an https:// address (the service requires TLS)"


def _positive_number(value: Any) -> str | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and value > 0
    return None if ok else "must be a number > 0"


SCHEMA: tuple[Option, ...] = (
    Option("environment", "development", "production, staging, development or training",
           _choice(*Environment)),
    Option("ui.language", "vi",
           "language of the window: vi (Vietnamese, the source) or en (English, for trainers "
           "and maintainers)",
           _choice(*UI_LANGUAGES, message='phải là "vi" (tiếng Việt) hoặc "en" (tiếng Anh)')),
    Option("ui.theme", "default",
           "look of the window: default, or high_contrast (black on white, text at least 7:1 "
           "against its background, for low vision and bright rooms)",
           _choice(*UI_THEMES, message='phải là "default" (mặc định) hoặc "high_contrast" '
                   '(tương phản cao)')),
    Option("desk.code", "HK01", "desk code used in case codes (unique in the station)", _desk_code),
    Option("desk.name", "Bàn tiếp nhận số 01", "desk name shown in the window", _text),
    Option("desk.clerk_name", "Cán bộ tiếp nhận",
           "name printed as the receiving officer until clerk accounts exist", _text),
    Option("desk.office_days", ["mon", "tue", "wed", "thu", "fri", "sat"],
           "days the counter takes applications", _weekdays),
    Option("calendar.counted_weekdays", ["mon", "tue", "wed", "thu", "fri"],
           "weekdays counted in the return period (Saturday-morning reception not counted)",
           _weekdays),
    Option("agency.ministry", "BỘ CÔNG AN", "first line of the agency block on forms", _text),
    Option("agency.parent", "CÔNG AN THÀNH PHỐ HÀ NỘI", "second line of the agency block", _text),
    Option("agency.name", "CÔNG AN PHƯỜNG HOÀN KIẾM", "the receiving agency", _text),
    Option("agency.code", "HK", "agency code", _desk_code),
    Option("agency.head_title", "TRƯỞNG CÔNG AN PHƯỜNG",
           "title over the signature on a refusal notice (CC03)", _text),
    Option("agency.central", "C06",
           "agency code of the central system that receives exported cases (ANSI/NIST 1.007)",
           _desk_code),
    Option("agency.place", "Hà Nội", "place name in the date line of forms", _text),
    Option("agency.return_place", "Bộ phận tiếp nhận và trả kết quả, Công an phường Hoàn Kiếm",
           "where the citizen collects the card", _text),
    Option("devices.face", "simulator", "face camera backend", _choice(*DEVICE_BACKENDS["face"])),
    Option("devices.face_camera_index", 0, "OpenCV camera index for devices.face = opencv",
           _non_negative_int),
    Option("devices.fingerprint", "simulator",
           "fingerprint scanner backend (simulator-single: a simulated single-finger reader)",
           _choice(*DEVICE_BACKENDS["fingerprint"])),
    Option("devices.iris", "simulator", "iris scanner backend", _choice(*DEVICE_BACKENDS["iris"])),
    Option("devices.sbi_ports", "4501-4600", "ports scanned for SBI device services",
           _port_range),
    Option("devices.sbi_trust", "",
           "PEM file of the SBI vendors' CA certificates (empty: DATA_DIR/sbi-trust.pem)",
           _optional_text),
    Option("biometrics.finger_checks", True,
           "judge every finger of a slap with NIST NFIQ 2 and look for a finger given twice",
           _boolean),
    Option("devices.capture_timeout_s", 20.0, "seconds before a capture gives up",
           _positive_number),
    Option("printer.copies", 1, "copies of each form printed", _positive_int),
    Option("printer.backend", "file",
           "file (PDF into a folder), cups (lp) or qt (a system printer through Qt)",
           _choice(*DEVICE_BACKENDS["printer"])),
    Option("printer.name", "", "printer (CUPS queue or system printer; empty: the default)",
           _optional_text),
    Option("printer.directory", "", "folder for printer.backend = file (empty: DATA_DIR/prints)",
           _optional_text),
    Option("export.centre_public_key", "",
           "PEM file of the central system's X25519 public key (packets are encrypted to it)",
           _optional_text),
    Option("export.url", "",
           "the centre's packet service (https://…); empty: send to a folder or drive only",
           _optional_text),
    Option("export.client_certificate", "",
           "PEM file of this desk's TLS client certificate and key (mutual TLS)",
           _optional_text),
    Option("export.ca_certificates", "",
           "PEM file of the CA that signs the centre's server certificate (empty: system CAs)",
           _optional_text),
    Option("retention.days_after_confirmation", 30,
           "days after the centre confirms a case before its biometric images are erased",
           _non_negative_int),
    Option("security.idle_lock_minutes", 5,
           "lock the window after this many idle minutes (a capture holds it off)",
           _non_negative_int),
    Option("security.max_failed_logins", 5, "wrong passwords in a row before a lockout",
           _non_negative_int),
    Option("security.lockout_minutes", 15, "how long an account stays locked", _non_negative_int),
    Option("database.url", "", "SQLAlchemy URL (empty: SQLite file in the data directory)",
           _optional_text),
    Option("registry.backend", "synthetic",
           "population registry: synthetic (the training file), sql (a local database: the "
           "trainer's generated population or a mobile team's offline cache) or http",
           _choice(*REGISTRY_BACKENDS)),
    Option("registry.url", "",
           "SQLAlchemy URL of the local registry database (empty: SQLite file "
           "DATA_DIR/registry.sqlite3): the population of registry.backend = sql, and the "
           "offline cache that kiosk registry sync fills", _optional_text),
    Option("registry.base_url", "",
           "the central registry service (CSDLQG), https://…; the client adds /v1/… "
           "(registry.backend = http and kiosk registry sync)", _https_url),
    Option("registry.client_certificate", "",
           "PEM file of this desk's TLS client certificate (and its key, unless "
           "registry.client_key is set): the service admits desks by it (mutual TLS)",
           _optional_text),
    Option("registry.client_key", "",
           "PEM file of the client certificate's private key (empty: in the certificate file)",
           _optional_text),
    Option("registry.ca_certificates", "",
           "PEM file of the CA that signs the service's certificate (empty: system CAs)",
           _optional_text),
    Option("registry.connect_timeout_s", 2.0,
           "seconds to look the service up, connect and begin TLS", _positive_number),
    Option("registry.read_timeout_s", 4.0,
           "seconds to wait for the service's answer (an attempt is cut after connect + read)",
           _positive_number),
    Option("registry.retries", 2,
           "attempts after the first on a connection failure, timeout or 5xx (never on 4xx)",
           _retries),
    Option("registry.backoff_s", 0.25,
           "seconds before the first retry; doubled before each next one", _positive_number),
    Option("registry.offline_cache", False,
           "registry.backend = http: when the service cannot be used, answer lookups from the "
           "offline cache in registry.url (filled by kiosk registry sync) and say so",
           _boolean),
)
_BY_KEY = {option.key: option for option in SCHEMA}


@dataclass(frozen=True)
class Settings:
    """The effective, validated settings."""

    values: Mapping[str, Any]
    data_dir: Path
    source: Path | None  # the TOML file read, if any

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def environment(self) -> Environment:
        return Environment(self.values["environment"])

    @property
    def training(self) -> bool:
        return self.environment is Environment.TRAINING

    @property
    def database_url(self) -> str:
        url = str(self.values["database.url"])
        return url or f"sqlite:///{self.data_dir / 'kiosk.sqlite3'}"

    @property
    def registry_url(self) -> str:
        """The local registry's database (registry.backend = sql), never the case database."""
        url = str(self.values["registry.url"])
        return url or f"sqlite:///{self.data_dir / 'registry.sqlite3'}"

    @property
    def print_directory(self) -> Path:
        directory = str(self.values["printer.directory"])
        return Path(directory) if directory else self.data_dir / "prints"


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{dotted}."))
        else:
            flat[dotted] = value
    return flat


def parse_override(text: str) -> tuple[str, Any]:
    """``key=value`` from the command line; the value is read as TOML, else as text."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise ConfigError(f"--set {text!r}: expected KEY=VALUE, e.g. --set desk.code=HK02")
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    return key.strip(), value


def load_settings(
    data_dir: Path,
    config_file: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    *,
    simulator: bool = False,
) -> Settings:
    """Defaults ← TOML file ← overrides; ``simulator`` means training with everything simulated."""
    path = config_file or data_dir / CONFIG_FILE_NAME
    values = {option.key: option.default for option in SCHEMA}
    source: Path | None = None
    if config_file is not None and not config_file.is_file():
        raise ConfigError(f"config file {config_file} does not exist")
    if path.is_file():
        try:
            with path.open("rb") as handle:
                from_file = _flatten(tomllib.load(handle))
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: not valid TOML: {error}") from None
        _merge(values, from_file, str(path))
        source = path
    if simulator and values["environment"] == Environment.PRODUCTION:
        raise ConfigError(
            f"{path}: this installation is production; trainer mode needs its own "
            "--data-dir so that training cases never mix with live ones"
        )
    if simulator:
        _merge(values, {
            "environment": "training", "devices.face": "simulator",
            # A simulated single-finger reader (or the virtual USB one) stays: trainers
            # teach the finger-by-finger sequence with it.
            "devices.fingerprint": (values["devices.fingerprint"] if values["devices.fingerprint"]
                                    in SIMULATED_BACKENDS else "simulator"),
            "devices.iris": "simulator",
            # A generated population in SQL is training data too; anything else is replaced.
            "registry.backend": "sql" if values["registry.backend"] == "sql" else "synthetic",
            "printer.backend": "file",
        }, "--simulator")
    _merge(values, dict(overrides or {}), "command line")
    _check_environment(values)
    return Settings(values, data_dir, source)


def check_setting(key: str, value: Any, origin: str) -> None:
    """Raise ConfigError, naming ``origin``, when ``key`` is unknown or ``value`` wrong."""
    _merge({}, {key: value}, origin)


def _merge(values: dict[str, Any], new: Mapping[str, Any], origin: str) -> None:
    for key, value in new.items():
        option = _BY_KEY.get(key)
        if option is None:
            raise ConfigError(f"{origin}: unknown setting {key!r}")
        problem = option.check(value)
        if problem:
            raise ConfigError(f"{origin}: {key} = {value!r}: {problem}")
        values[key] = value


def _check_environment(values: Mapping[str, Any]) -> None:
    environment = Environment(values["environment"])
    simulated = [
        key for key in ("devices.face", "devices.fingerprint", "devices.iris", "registry.backend")
        if values[key] in SIMULATED_BACKENDS
    ]
    if environment is Environment.PRODUCTION and simulated:
        raise ConfigError(
            "environment = production refuses simulated backends: "
            + ", ".join(f"{key} = {values[key]!r}" for key in simulated)
        )
    if values["registry.backend"] == "http":
        if not values["registry.base_url"]:
            raise ConfigError("registry.backend = 'http' needs registry.base_url (the "
                              "service's https:// address)")
        if str(values["registry.url"]).startswith(("http://", "https://")):
            raise ConfigError(
                f"registry.url = {values['registry.url']!r}: registry.url is the local "
                "database (offline cache); put the service's address in registry.base_url")
        if not values["registry.client_certificate"]:
            raise ConfigError("registry.backend = 'http' needs registry.client_certificate "
                              "(the service admits desks by their certificate: mutual TLS)")
        if environment is Environment.TRAINING:
            raise ConfigError("environment = training works with invented citizens only: use "
                              "registry.backend = 'synthetic' or 'sql', not the real service")


def describe(settings: Settings) -> list[tuple[str, Any, str]]:
    """(key, effective value, description) rows for ``kiosk config show``."""
    return [(option.key, settings.values[option.key], option.description) for option in SCHEMA]
