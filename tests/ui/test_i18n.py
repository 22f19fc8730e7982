"""The interface language: Vietnamese by default, English from resources/i18n, and the files
there complete and compiled."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from kiosk.app import Context
from kiosk.config import UI_LANGUAGES
from kiosk.i18n_catalog import compile_ts, lrelease, strings_given_to_t
from kiosk.ui.application import prepare_application
from kiosk.ui.i18n import CONTEXT, LOCALES, SOURCE_LANGUAGE
from kiosk.ui.main_window import MainWindow
from tests.ui.conftest import TRAINER, open_window, sign_in

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@pytest.fixture
def back_to_vietnamese(context: Context) -> Iterator[None]:
    """A translator is process-wide: the other tests must find the window in Vietnamese."""
    yield
    prepare_application(context.desk.profile.resources_dir, SOURCE_LANGUAGE)


def open_in(qtbot: QtBot, context: Context, language: str) -> MainWindow:
    """conftest's open_window, started in ``language``."""
    prepare_application(context.desk.profile.resources_dir, language)
    main = MainWindow(context.desk, context.accounts, idle_lock_ms=0,
                      sign_in_hint="giangvien / dao-tao-2026")
    main.resize(1200, 820)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def label_texts(main: MainWindow) -> set[str]:
    return {label.text() for label in main.findChildren(QLabel)}


def test_english_window_signs_in_in_english(qtbot: QtBot, context: Context,
                                            back_to_vietnamese: None) -> None:
    main = open_in(qtbot, context, "en")
    page = main.sign_in_page
    assert page.title.text() == "Sign in"
    assert page.button.text() == "Sign in"
    assert {"User name:", "Password:"} <= label_texts(main)
    assert main.windowTitle().startswith("Identity card applications — ")
    sign_in(qtbot, main, *TRAINER)
    assert main.case_label.text() == "No application open"
    main.close()


def test_vietnamese_window_signs_in_in_vietnamese(qtbot: QtBot, context: Context) -> None:
    main = open_window(qtbot, context)
    page = main.sign_in_page
    assert page.title.text() == "Đăng nhập"
    assert page.button.text() == "Đăng nhập"
    assert {"Tên đăng nhập:", "Mật khẩu:"} <= label_texts(main)
    sign_in(qtbot, main, *TRAINER)
    assert main.case_label.text() == "Chưa có hồ sơ"
    main.close()


def test_vietnamese_standard_buttons_read_vietnamese(qtbot: QtBot, context: Context) -> None:
    """Qt's own strings (QMessageBox buttons) follow: from Qt's qtbase_vi, else the kiosk's."""
    prepare_application(context.desk.profile.resources_dir, "vi")
    box = QMessageBox(QMessageBox.Icon.Question, "Hủy hồ sơ", "?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert sorted(button.text() for button in box.buttons()) == ["&Có", "&Không"]


def test_english_switches_back_without_leftovers(context: Context,
                                                 back_to_vietnamese: None) -> None:
    prepare_application(context.desk.profile.resources_dir, "en")
    assert QApplication.translate(CONTEXT, "Hồ sơ") == "Application"
    prepare_application(context.desk.profile.resources_dir, "vi")
    assert QApplication.translate(CONTEXT, "Hồ sơ") == "Hồ sơ"


def test_the_window_is_translated_before_its_pages_are_imported() -> None:
    """Page titles are translated when their module is imported; application.run installs
    the translator first, which holds only while importing it imports no page."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "import kiosk.ui.application as application\n"
        "assert 'kiosk.ui.main_window' not in sys.modules, 'imported before the translator'\n"
        f"application.prepare_application(Path({str(ROOT / 'resources')!r}), 'en')\n"
        "from kiosk.ui.pages.lookup import LookupPage\n"
        "print(LookupPage.title)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Look up a citizen"


def test_every_language_setting_has_a_locale_and_a_translation() -> None:
    assert set(UI_LANGUAGES) == set(LOCALES)
    assert UI_LANGUAGES[0] == SOURCE_LANGUAGE
    for language in UI_LANGUAGES[1:]:
        assert (I18N / f"kiosk_{language}.ts").is_file()
        assert (I18N / f"kiosk_{language}.qm").is_file()


# -- the files in resources/i18n (compiled and extracted as scripts/update-translations does) ----

def test_compiled_translations_match_their_sources(tmp_path: Path) -> None:
    tool = lrelease()
    if tool is None:
        pytest.skip("pyside6-lrelease not found (it comes with the PySide6 pip package)")
    sources = sorted(I18N.glob("*.ts"))
    assert sources
    for ts in sources:
        fresh = tmp_path / ts.with_suffix(".qm").name
        compile_ts(tool, ts, fresh)
        committed = ts.with_suffix(".qm")
        assert committed.is_file(), f"{committed.name} missing: run scripts/update-translations"
        assert committed.read_bytes() == fresh.read_bytes(), (
            f"{committed.name} is stale against {ts.name}: run scripts/update-translations")


def test_t_is_only_given_plain_literals() -> None:
    _found, bad = strings_given_to_t()
    assert not bad, "t() needs one plain string literal (use .format() after it):\n" + \
        "\n".join(bad)


@pytest.mark.parametrize("language", UI_LANGUAGES[1:])
def test_every_string_has_a_finished_translation(language: str) -> None:
    found, _bad = strings_given_to_t()
    assert found
    translations: dict[str, str] = {}
    for context in ET.parse(I18N / f"kiosk_{language}.ts").getroot().iter("context"):
        if context.findtext("name") != CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") is None and translation.text:
                translations[message.findtext("source") or ""] = translation.text
    missing = [f"{places[0]}: {text}" for text, places in found.items()
               if text not in translations]
    assert not missing, (f"no finished {language} translation (run scripts/update-translations "
                         "and translate in the .ts):\n" + "\n".join(missing))
    broken = [f"{text!r} -> {translations[text]!r}" for text in found
              if sorted(PLACEHOLDER.findall(text))
              != sorted(PLACEHOLDER.findall(translations[text]))]
    assert not broken, "placeholders differ:\n" + "\n".join(broken)
