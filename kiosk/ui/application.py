"""Start the Qt application around a built desk (called by the composition root)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.config import Settings
from kiosk.desk.accounts import AccountService
from kiosk.desk.desk import CounterDesk
from kiosk.desk.settings_editor import SettingsEditor
from kiosk.desk.trainer import TrainerConsole
from kiosk.ui.i18n import SOURCE_LANGUAGE, install_translations
from kiosk.ui.style import apply_theme

UI_FONT_FILES = ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf")
PREPARED = "kioskLanguage"  # the application's property: the language it was prepared in


def prepare_application(resources_dir: Path, language: str = SOURCE_LANGUAGE,
                        theme: str = "default") -> QApplication:
    """The QApplication with the bundled UI font (Vietnamese glyphs on any machine), the
    ``theme`` (``ui.theme``: style sheet and palette, kiosk/ui/style.py) and the interface
    ``language`` (``ui.language``: its translators and default locale).

    Done once: called again (the key's passphrase dialog prepares it before the window) it
    returns the application as it is, unless ``language`` differs, which installs that
    language's translators instead (the tests switch; see i18n.install_translations), or
    ``theme`` differs, which restyles it."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    prepared = app.property(PREPARED)
    if prepared is None:
        _set_look(app, resources_dir)
    apply_theme(app, theme)  # nothing to do when it is the theme already applied
    if prepared == language:
        return app
    install_translations(app, language, resources_dir / "i18n")
    app.setProperty(PREPARED, language)
    return app


def _set_look(app: QApplication, resources_dir: Path) -> None:
    """The name and the bundled font."""
    app.setApplicationName("KioskCanCuoc")
    families: list[str] = []
    for name in UI_FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resources_dir / "fonts" / name))
        families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], 11))


def run(desk: CounterDesk, accounts: AccountService, *, settings: Settings,
        simulator_controls: dict[str, Any], screenshot: Path | None,
        sign_in_hint: str = "", settings_editor: SettingsEditor | None = None,
        trainer: TrainerConsole | None = None) -> int:
    del simulator_controls  # the trainer panel (fault injection) arrives later
    app = prepare_application(desk.profile.resources_dir, settings["ui.language"],
                              settings["ui.theme"])
    # Imported only now: the pages translate their titles when their module is imported, so
    # the translator must be installed first.
    from kiosk.ui.main_window import MainWindow  # noqa: PLC0415

    window = MainWindow(desk, accounts, sign_in_hint=sign_in_hint,
                        settings_editor=settings_editor, trainer=trainer,
                        idle_lock_ms=int(settings["security.idle_lock_minutes"]) * 60_000)
    # Everything the start made (Qt's wrappers, the lawbook, fonts, cascades) lives all day:
    # frozen, a full collection no longer walks it. One on a worker thread holds the GIL
    # throughout (no switch mid-collection): over 100 ms unfrozen, a stall of the window.
    window.warmed.connect(gc.freeze)
    window.resize(1200, 820)
    window.show()
    if screenshot is not None:
        def grab_and_quit() -> None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(screenshot))
            window.close()
            app.quit()
        QTimer.singleShot(300, grab_and_quit)
    return app.exec()
