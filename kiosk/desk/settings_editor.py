"""The admin's changes to the installation's settings, from the window's settings page or
``kiosk config set``: CHANGE_SETTINGS checked (and audited) for whoever asks, the value
checked by the setting's own rule, the file edited (kiosk/config_file.py), and the change
audited by key, never by value. Changes apply at the next start."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import ConfigError, Settings, describe, load_settings, parse_override
from kiosk.config_file import FIXED, set_setting, toml_value
from kiosk.workflow.errors import RuleViolation
from kiosk.workflow.permissions import Actor, Permission

if TYPE_CHECKING:
    from collections.abc import Callable

    from kiosk.desk.accounts import AccountService


@dataclass(frozen=True)
class SettingRow:
    key: str
    value: str  # as TOML, the way the admin types it back
    description: str
    fixed: bool  # chosen at installation: shown, never changed here


class SettingsEditor:
    def __init__(self, settings: Settings, accounts: AccountService,
                 clock: Callable[[], datetime]) -> None:
        self.settings = settings
        self.accounts = accounts
        self.clock = clock

    def rows(self) -> list[SettingRow]:
        """Every setting as the file now says (the running window may use older values)."""
        return [SettingRow(key, toml_value(value), description, key in FIXED)
                for key, value, description in describe(self._on_file())]

    def _on_file(self) -> Settings:
        return load_settings(self.settings.data_dir, self.settings.source)

    def change(self, actor: Actor, key: str, text: str) -> Path:
        """Set ``key`` from what the admin typed (TOML, else plain text). Raises RuleViolation
        (the role) or ConfigError (the key or value, the file untouched), saying why."""
        self.accounts.authorize(actor, Permission.CHANGE_SETTINGS)
        _key, value = parse_override(f"{key}={text}")
        path = set_setting(self._on_file(), key, value)
        self.accounts.audit.append(at=self.clock(), actor=actor.username,
                                   action="setting_changed", details={"key": key})
        return path


def setting_message(error: ConfigError | RuleViolation) -> str:
    """What to tell the admin on screen."""
    if isinstance(error, RuleViolation):
        return error.message
    return f"Không lưu được cấu hình: {error}"


