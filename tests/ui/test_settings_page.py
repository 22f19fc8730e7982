"""The admin's settings page: values shown as the file says, an edit saved through the desk's
SettingsEditor (the permission, the rule, the file, the audit) off the UI thread; a refused
value named with its reason and nothing written; a role without CHANGE_SETTINGS refused."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Context
from kiosk.config import load_settings
from kiosk.desk.settings_editor import SettingsEditor
from kiosk.ui.application import prepare_application
from kiosk.ui.main_window import MainWindow
from kiosk.ui.settings_page import KEY, VALUE, SettingsPage
from kiosk.workflow.permissions import Actor, Role
from tests.ui.conftest import TRAINER, save_screenshot, sign_in

ADMIN = Actor("admin", Role.ADMIN)


def page_for(qtbot: QtBot, context: Context, actor: Actor) -> SettingsPage:
    editor = SettingsEditor(context.settings, context.accounts, lambda: datetime(2026, 11, 25))
    page = SettingsPage(editor.rows, lambda key, text: editor.change(actor, key, text))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: page.table.rowCount() > 20 and page.save_button.isEnabled(),
                    timeout=5000)
    return page


def edit(page: SettingsPage, key: str, text: str) -> None:
    table: QTableWidget = page.table
    number = next(n for n in range(table.rowCount()) if table.item(n, KEY).text() == key)
    table.item(number, VALUE).setText(text)


def saved(qtbot: QtBot, page: SettingsPage) -> str:
    page.save()
    qtbot.waitUntil(lambda: page.save_button.isEnabled() and bool(page.status.text()),
                    timeout=5000)
    return page.status.text()


def test_an_admin_edits_and_saves(qtbot: QtBot, context: Context) -> None:
    page = page_for(qtbot, context, ADMIN)
    assert page.changed() == []
    edit(page, "desk.name", '"Bàn tiếp nhận lưu động số 3"')
    edit(page, "security.idle_lock_minutes", "10")
    assert "Đã lưu: desk.name, security.idle_lock_minutes" in saved(qtbot, page)
    on_file = load_settings(context.settings.data_dir)
    assert on_file["desk.name"] == "Bàn tiếp nhận lưu động số 3"
    assert on_file["security.idle_lock_minutes"] == 10
    qtbot.waitUntil(lambda: page.changed() == [], timeout=5000)  # read again from the file
    save_screenshot(page, "settings-page")


def test_a_refused_value_says_why_and_writes_nothing(qtbot: QtBot, context: Context) -> None:
    page = page_for(qtbot, context, ADMIN)
    edit(page, "printer.backend", '"fax"')
    message = saved(qtbot, page)
    assert message.startswith("Không lưu được cấu hình") and "printer.backend" in message
    assert not (context.settings.data_dir / "kiosk.toml").exists()


def test_the_fixed_settings_cannot_be_edited(qtbot: QtBot, context: Context) -> None:
    page = page_for(qtbot, context, ADMIN)
    table = page.table
    fixed = [table.item(n, KEY).text() for n in range(table.rowCount())
             if not table.item(n, VALUE).flags() & table.item(n, VALUE).flags().ItemIsEditable]
    assert fixed == ["environment", "database.url"]


def test_a_clerk_is_refused(qtbot: QtBot, context: Context) -> None:
    page = page_for(qtbot, context, Actor("canbo", Role.CLERK))
    edit(page, "desk.name", '"Bàn khác"')
    assert "không được phép «Thay đổi cấu hình»" in saved(qtbot, page)
    assert not (context.settings.data_dir / "kiosk.toml").exists()


def windowed(qtbot: QtBot, context: Context) -> MainWindow:
    prepare_application(context.desk.profile.resources_dir)
    editor = SettingsEditor(context.settings, context.accounts, lambda: datetime(2026, 11, 25))
    main = MainWindow(context.desk, context.accounts, idle_lock_ms=0, settings_editor=editor)
    main.resize(1200, 820)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def test_the_admin_gets_the_settings_and_no_wizard(qtbot: QtBot, context: Context) -> None:
    """TAKE_APPLICATION is not the admin's: the wizard and the queue are greyed out and the
    window opens on the settings; the trainer (who serves citizens) gets no settings tab."""
    main = windowed(qtbot, context)
    sign_in(qtbot, main, "admin", TRAINER[1])
    work = main.work
    assert main.settings_page is not None and work.currentWidget() is main.settings_page
    assert not work.isTabEnabled(work.indexOf(main.shell))
    assert not work.isTabEnabled(work.indexOf(main.queue))
    qtbot.waitUntil(lambda: main.settings_page is not None
                    and main.settings_page.table.rowCount() > 20, timeout=5000)
    save_screenshot(main, "settings-admin-window")
    main.close()

    trainer = windowed(qtbot, context)
    sign_in(qtbot, trainer, *TRAINER)
    assert trainer.settings_page is None and trainer.work.count() == 2
    assert trainer.work.isTabEnabled(trainer.work.indexOf(trainer.shell))
    trainer.close()


def test_every_setting_is_explained_in_the_window_language() -> None:
    from kiosk.config import SCHEMA  # noqa: PLC0415
    from kiosk.ui.setting_meanings import MEANINGS  # noqa: PLC0415

    assert set(MEANINGS) == {option.key for option in SCHEMA}
