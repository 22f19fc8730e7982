"""Changing one setting in the installation's TOML file (``kiosk config set``, the admin's
settings page): the value checked by the setting's own rule, the whole file loaded again before
it replaces the old one, the rest of the file — comments included — left as the admin wrote it.
Who may do it (CHANGE_SETTINGS) and the audit row are the caller's (kiosk/app.py)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

from kiosk.config import CONFIG_FILE_NAME, ConfigError, Settings, check_setting, load_settings
from kiosk.storage.crypto import atomic_write

# Chosen when the installation is made: changing them would mix training with live data or
# point the kiosk at another database; a new installation (or --data-dir) is the way.
FIXED = frozenset({"environment", "database.url"})
_HEADER = re.compile(r"^\s*\[([^\[\]]+)\]\s*(#.*)?$")
_KEY = re.compile(r"^(\s*)([A-Za-z0-9_.-]+)(\s*=\s*)")


def toml_value(value: Any) -> str:
    """``value`` as TOML: text, true/false, a number, or a list of those."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise ConfigError(f"cannot write {type(value).__name__} to TOML")


def _edited(text: str, key: str, value: Any) -> str:
    """``text`` with ``key`` set: its line replaced where it is, else added at the end of its
    table (a top-level key before the first table; a missing table at the end)."""
    table, _, name = key.rpartition(".")
    lines = text.splitlines()
    current = ""
    insert_at: int | None = None  # after the last entry of ``table``
    first_header: int | None = None
    for number, line in enumerate(lines):
        header = _HEADER.match(line)
        if header:
            current = header.group(1).strip()
            first_header = number if first_header is None else first_header
            if table and current == table:
                insert_at = number + 1
            continue
        match = _KEY.match(line)
        if match is None:
            continue
        if (f"{current}.{match.group(2)}" if current else match.group(2)) == key:
            lines[number] = f"{match.group(1)}{match.group(2)}{match.group(3)}" \
                            f"{toml_value(value)}"
            return "\n".join(lines) + "\n"
        if table and current == table:
            insert_at = number + 1
    entry = f"{name} = {toml_value(value)}"
    if not table:
        lines.insert(len(lines) if first_header is None else first_header, entry)
    elif insert_at is not None:
        lines.insert(insert_at, entry)
    else:
        lines += ([""] if lines else []) + [f"[{table}]", entry]
    return "\n".join(lines) + "\n"


def set_setting(settings: Settings, key: str, value: Any) -> Path:
    """Write ``key = value`` into the installation's configuration file (created if absent);
    returns its path. Raises ConfigError, saying why, and leaves the file as it was, when the
    key is unknown or fixed, the value wrong, or the file could not be edited safely."""
    if key in FIXED:
        raise ConfigError(f"{key}: chosen when the installation is made; it cannot be changed "
                          "here (make a new installation with its own --data-dir)")
    check_setting(key, value, "kiosk config set")
    path = settings.source or settings.data_dir / CONFIG_FILE_NAME
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    new_text = _edited(text, key, value)
    try:
        written = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: the file could not be edited safely ({error}); change "
                          f"{key} by hand") from None
    before = tomllib.loads(text) if text else {}
    if _without(written, key) != _without(before, key) or _get(written, key) != value:
        raise ConfigError(f"{path}: the file could not be edited safely; change {key} by hand")
    staged = path.with_name(path.name + ".check")
    staged.write_text(new_text, encoding="utf-8")
    try:
        load_settings(settings.data_dir, staged)  # the whole file, as the next start reads it
    finally:
        staged.unlink()
    atomic_write(path, new_text.encode("utf-8"), 0o644)
    return path


def _get(data: dict[str, Any], key: str) -> Any:
    for part in key.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _without(data: dict[str, Any], key: str) -> dict[str, Any]:
    """``data`` without ``key`` (and without the tables it leaves empty)."""
    head, _, rest = key.partition(".")
    if head not in data:
        return data
    copy = dict(data)
    if rest and isinstance(copy[head], dict):
        inner = _without(copy[head], rest)
        if inner:
            copy[head] = inner
        else:
            del copy[head]
    else:
        del copy[head]
    return copy
