"""Where the kiosk finds its bundled resources and keeps its data."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_DIR_NAME = "KioskCanCuoc"


def resources_dir() -> Path:
    """The ``resources/`` folder: ``KIOSK_RESOURCES_DIR`` or the one beside the package."""
    override = os.environ.get("KIOSK_RESOURCES_DIR")
    path = Path(override) if override else Path(__file__).resolve().parent.parent / "resources"
    if not (path / "law").is_dir():
        raise FileNotFoundError(
            f"Không tìm thấy thư mục dữ liệu pháp lý {path / 'law'}; "
            "cài lại ứng dụng hoặc đặt KIOSK_RESOURCES_DIR."
        )
    return path


def default_data_dir() -> Path:
    """``KIOSK_DATA_DIR`` or the per-user data directory."""
    override = os.environ.get("KIOSK_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_DIR_NAME, appauthor=False))
