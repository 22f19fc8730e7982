"""How fast the wizard turns a page (target: 50 ms median) and how many frames a second the
capture page's live picture shows while the face guide judges each one and its advice is
shown under it (target: 25 frames/s, the simulated camera's own rate), on one core.
``python -m benchmarks.page_switch [--rounds N] [--json FILE]``.

A page switch is timed on the UI thread from the moment the desk's result reaches it (the
shell's success handler) until the new page is laid out and the whole window repainted: the
worker's desk call before it is the desk's time, measured elsewhere. One served case (the
renewal, every capture taken, CC01, fee and CC02 done) is shown at each step in turn, so every
page renders real data; leaving the capture page includes stopping the live picture.

The offscreen Qt platform paints into memory: on a desktop the compositor adds its frame.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from benchmarks.labelled import main_on_one_core, summary
from kiosk.app import build_context
from kiosk.config import load_settings
from kiosk.desk.casefile import CaseFile
from kiosk.desk.desk import CounterDesk
from kiosk.devices.base import Slap
from kiosk.registry.base import LookupQuery
from kiosk.workflow.case import Step
from kiosk.workflow.procedures import Reason

TRAINER = ("giangvien", "dao-tao-2026")  # provisioned on a training installation
STEPS = (Step.IDENTIFIED, Step.REPRESENTATIVE_CHECKED, Step.BIOMETRICS_CAPTURED,
         Step.RECEIPT_SIGNED, Step.FEE_SETTLED, Step.SLIP_ISSUED, Step.CLOSED)
PREVIEW_S = 4.0


def _served(desk: CounterDesk) -> CaseFile:
    """The renewal served up to CC02, every capture taken on the simulators."""
    case = desk.open_case(desk.find_citizen(LookupQuery.from_text("001096012345")))
    desk.decide(case, Reason.CCCD_CONVERSION)
    desk.check_representative(case)
    cancel = threading.Event()
    desk.capture_face(case, cancel)
    for slap in Slap:
        desk.capture_slap(case, slap, cancel)
    desk.capture_irises(case, cancel)
    desk.finish_biometrics(case)
    desk.print_receipt(case)
    desk.confirm_receipt_signed(case)
    desk.settle_fee(case)
    desk.issue_slip(case)
    return case


def _run_loop(app: QApplication, seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()
    app.processEvents()


def _switch_times(app: QApplication, window: Any, case: CaseFile,
                  rounds: int) -> tuple[dict[str, list[float]], Any]:
    """Per step shown, the milliseconds from the desk's result to the repainted window; and
    the longest gap the UI thread had meanwhile."""
    from kiosk.ui.watchdog import UiWatchdog  # noqa: PLC0415

    shell = window.shell
    per_page: dict[str, list[float]] = {step.value: [] for step in STEPS}
    watchdog = UiWatchdog()
    for round_ in range(rounds + 1):  # the first round warms caches and is not kept
        if round_ == 1:
            watchdog.start()
        for step in STEPS:
            case.step = step
            started = time.perf_counter()
            shell._succeeded(case)  # as when the worker's desk call returns
            app.processEvents()  # layout requests, the page's own updates
            window.repaint()
            if round_:
                per_page[step.value].append((time.perf_counter() - started) * 1000)
            _run_loop(app, 0.05)  # the clerk reads; the queue refreshes
    watchdog.stop()
    return per_page, watchdog


def _preview_rates(app: QApplication, window: Any, desk: CounterDesk,
                   runs: int) -> tuple[list[tuple[float, float]], Any]:
    """Frames shown and advice given per second on the capture page of a case whose face is
    still to take (the auto-capture held back, so the guide keeps advising)."""
    from kiosk.ui.watchdog import UiWatchdog  # noqa: PLC0415

    shell = window.shell
    live = desk.open_case(desk.find_citizen(LookupQuery.from_text("079085001122")))
    desk.decide(live, Reason.CCCD_CONVERSION)
    desk.check_representative(live)
    shell.preview.auto_captured.disconnect(shell._auto_captured)
    shell._succeeded(live)
    _run_loop(app, 1.0)  # the camera opens
    rates = []
    watchdog = UiWatchdog()
    watchdog.start()
    for _ in range(runs):
        shown, advised = [0], [0]

        def count(*_frame: object, tally: list[int] = shown) -> None:
            tally[0] += 1

        def note(*_advice: object, tally: list[int] = advised) -> None:
            tally[0] += 1

        shell.preview.frame.connect(count)
        shell.preview.guidance.connect(note)
        started = time.perf_counter()
        _run_loop(app, PREVIEW_S)
        elapsed = time.perf_counter() - started
        shell.preview.frame.disconnect(count)
        shell.preview.guidance.disconnect(note)
        rates.append((shown[0] / elapsed, advised[0] / elapsed))
    watchdog.stop()
    return rates, watchdog


def run(rounds: int) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.ui.application import prepare_application  # noqa: PLC0415 - Qt app first

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        context = build_context(load_settings(root / "data", simulator=True),
                                print_directory=root / "prints", latency_s=0.0)
        app = prepare_application(context.desk.profile.resources_dir)
        from kiosk.ui.main_window import MainWindow  # noqa: PLC0415 - after the translator

        window = MainWindow(context.desk, context.accounts, idle_lock_ms=0)
        window.resize(1200, 820)
        window.show()
        window._signed_in(context.accounts.sign_in(*TRAINER))
        _run_loop(app, 0.5)
        try:
            per_page, switch_gap = _switch_times(app, window, _served(context.desk), rounds)
            rates, preview_gap = _preview_rates(app, window, context.desk, max(3, rounds // 4))
        finally:
            window.close()
            context.desk.shutdown()
    every = [ms for samples in per_page.values() for ms in samples]
    return {
        "page switch, result to repainted window (ms)": summary(every, percentiles=(90,)),
        "page switch by step shown (median ms)": {
            step: round(statistics.median(samples), 1) for step, samples in per_page.items()},
        "longest UI-thread gap while switching (ms)": round(switch_gap.longest.ms, 1),
        "live preview on the capture page (frames/s, median)":
            round(statistics.median(rate for rate, _ in rates), 1),
        "face guide advice shown (per s, median)":
            round(statistics.median(advice for _, advice in rates), 1),
        "longest UI-thread gap during the preview (ms)": round(preview_gap.longest.ms, 1),
        "UI-thread stalls over 100 ms, where": [
            stall.describe() for stall in switch_gap.stalls + preview_gap.stalls],
        "preview runs of 4 s": len(rates),
        "machine": {"python": platform.python_version(), "machine": platform.machine(),
                    "cpus": os.cpu_count(), "system": platform.platform(),
                    "qt platform": os.environ["QT_QPA_PLATFORM"]},
    }


def main(argv: Sequence[str] | None = None) -> int:
    return main_on_one_core("python -m benchmarks.page_switch", run, 20, argv,
                            option="rounds")


if __name__ == "__main__":
    sys.exit(main())
