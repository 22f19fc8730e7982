"""The trainer's panel in the real window: a trainer plays a scenario on the case open at the
desk, makes the fingerprint scanner fail now, sees the failure in the trainee's progress (the
wizard told the lesson of the error it showed), and judges the case; nobody but a trainer gets
the panel."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from kiosk.app import Context
from kiosk.devices.base import Slap
from kiosk.registry.base import LookupQuery
from kiosk.ui import intents as i
from kiosk.ui.application import prepare_application
from kiosk.ui.main_window import MainWindow
from kiosk.workflow.procedures import Reason
from tests.ui.conftest import (
    CLERK,
    TRAINER,
    add_clerk_and_supervisor,
    save_screenshot,
    sign_in,
)

BINH = "001096012345"  # resources/scenarios/ordinary-renewal.toml


@pytest.fixture
def trainer_window(qtbot: QtBot, context: Context) -> Iterator[MainWindow]:
    assert context.trainer is not None  # trainer mode builds the lesson console
    prepare_application(context.desk.profile.resources_dir)
    main = MainWindow(context.desk, context.accounts, idle_lock_ms=0, trainer=context.trainer)
    main.resize(1200, 820)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


def choose(combo: QComboBox, data: str) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_a_trainer_plays_a_scenario_and_injects_a_fault(
        qtbot: QtBot, context: Context, trainer_window: MainWindow) -> None:
    main = trainer_window
    sign_in(qtbot, main, *TRAINER)
    panel = main.trainer_panel
    assert panel is not None and main.work.indexOf(panel) >= 0
    qtbot.waitUntil(lambda: panel.scenario.count() >= 15, timeout=10000)

    shell = main.shell
    shell.perform(i.Lookup(LookupQuery.from_text(BINH)))  # the trainee opens the case
    qtbot.waitUntil(lambda: shell.case is not None and not shell.worker.busy, timeout=10000)
    choose(panel.scenario, "ordinary-renewal")
    panel.start_button.click()
    qtbot.waitUntil(lambda: "Đang chạy kịch bản" in panel.status.text(), timeout=5000)
    assert shell.case is not None and context.trainer.lesson(shell.case.code) is not None

    shell.perform(i.Decide(Reason.CCCD_CONVERSION, (), ""))
    qtbot.waitUntil(lambda: shell.current_page() is shell.capture and not shell.worker.busy,
                    timeout=10000)
    choose(panel.device, "fingerprint")
    choose(panel.fault, "busy")
    panel.inject_button.click()
    qtbot.waitUntil(lambda: "Đã gây lỗi" in panel.status.text(), timeout=5000)
    shell.perform(i.CaptureSlap(Slap.LEFT_FOUR))  # the scanner answers busy
    qtbot.waitUntil(lambda: not shell.worker.busy and bool(shell.error.text()), timeout=10000)

    panel.refresh()
    qtbot.waitUntil(lambda: "Lỗi đã hiện" in panel.progress.text(), timeout=5000)
    progress = context.trainer.progress(shell.case.code)
    assert [(f.device, f.fault, f.cued) for f in progress.faults] == [
        ("Máy quét vân tay", "busy", False)]
    assert [(e.kind, e.at) for e in progress.errors] == [("device", "left_four")]
    assert not panel.judge_button.isEnabled()  # the case is still open
    assert not panel.following  # its tab is hidden: no progress read every 2 s
    main.work.setCurrentWidget(panel)
    assert panel.following
    save_screenshot(main, "trainer-panel")


def test_only_a_trainer_gets_the_panel(qtbot: QtBot, context: Context,
                                       trainer_window: MainWindow) -> None:
    add_clerk_and_supervisor(context)
    sign_in(qtbot, trainer_window, *CLERK)
    assert trainer_window.trainer_panel is None
