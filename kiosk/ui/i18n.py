"""User-facing text goes through Qt's translation system; Vietnamese is the source language.

Every string the clerk reads is written in Vietnamese inside ``t("...")``: a literal, never an
f-string (``t("Hồ sơ {code}").format(code=...)`` instead), so that ``scripts/update-translations``
can extract it into ``resources/i18n/kiosk_en.ts``. English is the trainers' and maintainers'
fallback (``ui.language = "en"``); see docs/i18n.md.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kiosk.i18n_catalog import CONTEXT

SOURCE_LANGUAGE = "vi"
# The locale each interface language sets as QLocale's default (calendar popups, month names,
# number formats). English is the British variant: day-first dates and a 24-hour clock, as
# everything else at a Vietnamese counter.
LOCALES = {"vi": "vi_VN", "en": "en_GB"}
_INSTALLED = "kiosk-translator"  # objectName of the translators install_translations owns

log = logging.getLogger(__name__)


def t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def install_translations(app: QCoreApplication, language: str, translations_dir: Path) -> None:
    """Make ``language`` the interface language: its translators and its default QLocale.

    Vietnamese needs no translator of ours (it is the source), only Qt's own strings (standard
    dialog buttons, the edit menu): Qt's qtbase_vi.qm where the Qt installation ships one, else
    the kiosk's small ``qtbase_vi.qm``. Translators installed by an earlier call are removed
    first, so calling this again switches what ``t()`` returns from then on; it does not
    retranslate what is already on screen, nor the page titles and button labels translated
    when their module was imported (docs/i18n.md, Limits). The language is therefore chosen
    before the window is imported and built; the tests switch it between windows. The
    translators are children of ``app``.
    """
    if language not in LOCALES:
        raise ValueError(f"unknown interface language {language!r}")
    remove_translations(app)
    QLocale.setDefault(QLocale(LOCALES[language]))
    if language == SOURCE_LANGUAGE:
        qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        candidates = [qt_dir / f"qtbase_{language}.qm", translations_dir / f"qtbase_{language}.qm"]
    else:
        candidates = [translations_dir / f"kiosk_{language}.qm"]
    found = next((path for path in candidates if path.is_file()), None)
    if found is None:
        log.warning("no translation file for %r (looked for %s)", language,
                    ", ".join(str(path) for path in candidates))
        return
    translator = QTranslator(app)
    translator.setObjectName(_INSTALLED)
    if not (translator.load(str(found)) and QCoreApplication.installTranslator(translator)):
        log.warning("could not load the translation file %s", found)
        translator.deleteLater()


def remove_translations(app: QCoreApplication) -> None:
    """Remove the translators :func:`install_translations` installed (the source text shows)."""
    for translator in app.findChildren(QTranslator, _INSTALLED):
        QCoreApplication.removeTranslator(translator)
        translator.setParent(None)  # not found again before the event loop deletes it
        translator.deleteLater()
