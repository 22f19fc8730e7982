"""Logs go through a whitelist: only values that cannot carry personal data pass.

A log call's arguments pass when they are numbers, booleans, enum members, classes (the
kind of an error), case codes or whitelisted identifiers; anything else (names, ID numbers,
addresses, messages that may quote them) is replaced by ``<redacted>``. Exceptions are
reduced to their type name.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import re
from enum import Enum
from pathlib import Path

CASE_CODE = re.compile(r"[A-Z0-9]{2,8}-\d{8}-\d{4}")
SAFE_WORD = re.compile(r"[a-z_]{1,40}")  # step, event, device-kind and position names
REDACTED = "<redacted>"


def _safe(value: object) -> object:
    if isinstance(value, bool | int | float | Enum):
        return value
    if isinstance(value, type):  # a class (the kind of an error) holds no personal data
        return value.__name__
    if isinstance(value, str) and (CASE_CODE.fullmatch(value) or SAFE_WORD.fullmatch(value)):
        return value
    return REDACTED


class WhitelistFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "whitelisted", False):  # a second handler: already reduced
            return True
        record.whitelisted = True
        if isinstance(record.args, tuple):
            record.args = tuple(_safe(arg) for arg in record.args)
        elif record.args:
            record.args = (REDACTED,)
        if record.exc_info and record.exc_info[0] is not None:
            record.msg = f"{record.msg} [{record.exc_info[0].__name__}]"
            record.exc_info = None
            record.exc_text = None
        return True


def install(handler: logging.Handler) -> None:
    handler.addFilter(WhitelistFilter())


class JsonLines(logging.Formatter):
    """One JSON object per line: time, level, logger, message (already sanitised)."""

    def format(self, record: logging.LogRecord) -> str:
        return json.dumps({"at": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
                           "level": record.levelname, "logger": record.name,
                           "message": record.getMessage()}, ensure_ascii=False)


def file_handler(data_dir: Path, *, max_bytes: int = 1_000_000, backups: int = 5
                 ) -> logging.Handler:
    """Rotated structured log files under DATA_DIR/logs, behind the whitelist."""
    folder = data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        folder / "kiosk.log", maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    handler.setFormatter(JsonLines())
    handler.setLevel(logging.INFO)
    install(handler)
    return handler
