"""How long one closed case's packet takes to build, sign and encrypt (target: 200 ms
median): the renewal demo case with face, 4-4-2 slaps, irises and four printed forms.
``python -m benchmarks.export [--repeat N]``.

Three parts (docs/PERFORMANCE.md, "Export packet"):

- the packet of the case as the desk stores it: the demo plays the case through the real
  desk, which keeps each slap's finger boxes and makes each kept image's JPEG 2000 in the
  background after the verdict (the product's path; nothing is warmed by this benchmark);
- the same case as stored before revision 0009 (no encodings, no boxes: an old case), so
  the packet segments and encodes everything itself;
- what that preparation costs at capture: the desk's capture call (capture to verdict) with
  and without it, and the background encoding of each kind of image.
"""

from __future__ import annotations

import functools
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from benchmarks.labelled import main_on_one_core, summary
from kiosk.app import build_context, export_packet, installation_key, main
from kiosk.biometrics.encoding import png_digest
from kiosk.biometrics.fingers import slap_layout
from kiosk.config import Settings, load_settings
from kiosk.desk.casefile import CaseFile
from kiosk.desk.desk import CounterDesk
from kiosk.desk.records import encode_capture, finger_boxes, kept_captures, record_pixels
from kiosk.devices.base import Slap
from kiosk.export.keys import new_centre_key_pair
from kiosk.registry.base import LookupQuery
from kiosk.storage.cases import CaseRepository, StoredCase
from kiosk.storage.database import open_database
from kiosk.workflow.procedures import Reason

CODE = "HK01-20261125-0001"
CAPTURE_ROUNDS = 7  # cases captured per mode, in turn; the first of each is a warm-up
WITH, WITHOUT = "with the background encoding", "without it (as before)"
# Between captures: the clerk reads the verdict, the citizen moves (seconds, in truth); more
# than the encoding's wait for quiet (0.25 s) and its longest run, so captures never overlap it.
CLERK_PAUSE_S = 0.6


def _timed(repeat: int, work: Callable[[], object]) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _stored_case(settings: Settings) -> tuple[StoredCase, sa.Engine]:
    keyring = installation_key(settings)
    engine = open_database(settings.database_url, keyring)
    return CaseRepository(engine, keyring).load(CODE), engine


def _prepared(case: StoredCase) -> dict[str, int]:
    """How many kept captures the packet finds prepared (a valid encoding; a slap's boxes)."""
    kept = kept_captures(case).values()
    return {"kept images": len(kept),
            "with a valid stored encoding": sum(
                c.encoding is not None and c.encoding.png_sha256 == png_digest(c.image_png)
                for c in kept),
            "slaps with stored finger boxes": sum(c.finger_boxes is not None for c in kept)}


def _encoding_ms(case: StoredCase, repeat: int) -> dict[str, float]:
    """The background work per kept image: PNG decoded, JPEG 2000 encoded, digest taken."""
    medians = {}
    for position, capture in sorted(kept_captures(case).items()):
        work = functools.partial(encode_capture, position, capture.image_png)
        medians[position] = round(statistics.median(_timed(repeat, work)), 1)
    return medians


def _boxes_ms(case: StoredCase, repeat: int) -> dict[str, float]:
    """What the capture call adds for the packet: naming the boxes of the slap's layout."""
    medians = {}
    for position, capture in sorted(kept_captures(case).items()):
        if capture.finger_boxes is None:
            continue
        layout = slap_layout(record_pixels(position, capture.image_png))
        missing = capture.finger_boxes.missing
        work = functools.partial(finger_boxes, position, missing, layout)
        medians[position] = round(statistics.median(_timed(repeat, work)), 2)
    return medians


def _captures(desk: CounterDesk, case: CaseFile, cancel: threading.Event
              ) -> list[tuple[str, Callable[[], object]]]:
    """The case's captures in the order a clerk takes them, each as a call."""
    return [("face", lambda: desk.capture_face(case, cancel)),
            *((slap.value, lambda s=slap: desk.capture_slap(case, s, cancel)) for slap in Slap),
            ("irises", lambda: desk.capture_irises(case, cancel))]


def _capture_to_verdict(root: Path) -> dict[str, dict[str, dict[str, float]]]:
    """The desk's capture calls on simulators without latency, cases taken in turn with the
    background encoding (as the product runs) and without it (as before), on one desk."""
    settings = load_settings(root, overrides={"environment": "development"}, simulator=True)
    context = build_context(settings, print_directory=root / "prints", latency_s=0.0,
                            clock=lambda: datetime(2026, 11, 25, 9, 0))
    desk, cancel = context.desk, threading.Event()
    encodings = desk.encodings
    samples: dict[str, dict[str, list[float]]] = {WITH: {}, WITHOUT: {}}
    try:
        for number in range(2 * CAPTURE_ROUNDS):
            mode = WITH if number % 2 else WITHOUT
            desk.encodings = encodings if mode == WITH else None
            case = desk.open_case(desk.find_citizen(LookupQuery.from_text("001096012345")))
            desk.decide(case, Reason.CCCD_CONVERSION)
            desk.check_representative(case)
            for name, step in _captures(desk, case, cancel):
                taken = _timed(1, step)
                if number >= 2:  # the first of each: warm-up
                    samples[mode].setdefault(name, []).extend(taken)
                time.sleep(CLERK_PAUSE_S)
    finally:
        desk.encodings = encodings
        desk.shutdown()
    return {mode: {name: summary(taken) for name, taken in kinds.items()}
            for mode, kinds in samples.items()}


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
        case, engine = _stored_case(settings)
        prepared = _prepared(case)
        # Each run reads the case from the database and builds from it: nothing is kept.
        as_stored = _timed(repeat, lambda: export_packet(settings, CODE, now))
        with engine.begin() as connection:  # the case as stored before revision 0009
            connection.execute(sa.text("UPDATE captures SET jp2_sealed = NULL, "
                                       "finger_boxes = NULL"))
        engine.dispose()
        old_case = _timed(repeat, lambda: export_packet(settings, CODE, now))
        encoding = _encoding_ms(case, repeat)
        boxes = _boxes_ms(case, repeat)
        verdicts = _capture_to_verdict(root / "captures")
    return {"packet build + sign + encrypt, as the desk stores the case (ms)":
                summary(as_stored),
            "prepared at capture": prepared,
            "packet build + sign + encrypt, an old case without them (ms)": summary(old_case),
            "packet size (bytes)": len(packet),
            "background encoding per kept image, median (ms)": encoding,
            "finger boxes named in the slap's capture call, median (ms)": boxes,
            "capture to verdict, desk call (ms)": verdicts}


def main_(argv: Sequence[str] | None = None) -> int:
    return main_on_one_core("python -m benchmarks.export", run, 10, argv, option="repeat")


if __name__ == "__main__":
    raise SystemExit(main_(None))
