"""The device lights: status of each device in use, and a menu to switch to another found."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from device_simulators.fingerprint import SimulatedFingerprintScanner
from kiosk.app import Context
from kiosk.devices.base import DeviceKind
from tests.ui.conftest import TRAINER, open_window, save_screenshot, sign_in


def test_lights_show_status_and_the_clerk_switches_scanner(qtbot: QtBot,
                                                           context: Context) -> None:
    manager = context.desk.devices.manager
    spare: Any = SimulatedFingerprintScanner()
    object.__setattr__(spare.info(), "serial", "SIM-FP-0002")
    manager._finders[DeviceKind.FINGERPRINT]["spare"] = lambda: [spare]  # a second unit plugged
    manager.refresh()
    main = open_window(qtbot, context)
    sign_in(qtbot, main, *TRAINER)
    light = main.lights["fingerprint"]
    qtbot.waitUntil(lambda: "sẵn sàng" in light.text(), timeout=5000)
    menu = light.menu()
    menu.aboutToShow.emit()
    actions = menu.actions()
    assert len(actions) == 2 and actions[0].isChecked() and not actions[1].isChecked()
    assert "SIM-FP-0002" in actions[1].text()
    actions[1].trigger()
    assert context.desk.devices.fingerprint is spare
    menu.aboutToShow.emit()
    assert menu.actions()[1].isChecked()
    main._choose(DeviceKind.FINGERPRINT, "spare", "unplugged-since")
    assert main.shell.error.isVisible() and "thiết bị" in main.shell.error.text().lower()
    save_screenshot(main, "device-lights")
