"""How long one closed case's packet takes to build, sign and encrypt (target: 200 ms
median): the renewal demo case with face, 4-4-2 slaps, irises and four printed forms.
``python -m benchmarks.export [--repeat N]``."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.labelled import main_on_one_core, summary
from kiosk.app import export_packet, main
from kiosk.config import load_settings
from kiosk.export.keys import new_centre_key_pair

CODE = "HK01-20261125-0001"


def run(repeat: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        main(["--data-dir", str(root / "data"), "--environment", "development", "demo",
              "--out", str(root / "out"), "--date", "2026-11-25"])
        new_centre_key_pair(root / "centre.key", root / "centre.pub")
        settings = load_settings(root / "data", overrides={
            "environment": "development", "export.centre_public_key": str(root / "centre.pub")})
        now = datetime(2026, 11, 25, 17, 0)
        packet = export_packet(settings, CODE, now)  # keys made, modules imported: not timed
        samples = []
        for _ in range(repeat):  # each run decodes and encodes the case's images afresh
            started = time.perf_counter()
            export_packet(settings, CODE, now)
            samples.append((time.perf_counter() - started) * 1000)
    return {"packet build + sign + encrypt (ms)": summary(samples),
            "packet size (bytes)": len(packet)}


def main_(argv: Sequence[str] | None = None) -> int:
    return main_on_one_core("python -m benchmarks.export", run, 10, argv, option="repeat")


if __name__ == "__main__":
    raise SystemExit(main_(None))
