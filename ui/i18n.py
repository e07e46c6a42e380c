"""Qt translations: English source strings, Vietnamese shipped as the default catalogue.

Each area of the interface keeps its own catalogue (`resources/translations/<area>_vi.ts`, built to `.qm`),
so several people can translate at once without editing one file. `qtbase_vi` carries Qt's own standard
buttons and dialogs, which Qt ships no Vietnamese for.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.resources import resources_dir

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

_installed: list[QTranslator] = []


def translations_dir():
    return resources_dir() / "translations"


def set_language(lang: str) -> None:
    """Install the catalogues of `lang` (English is the source language: none needed). Every widget
    receives a LanguageChange event and re-translates itself."""
    app = QCoreApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    QLocale.setDefault(locale_for(lang))
    if lang != "en":
        for qm in sorted(translations_dir().glob(f"*_{lang}.qm")):
            t = QTranslator(app)
            if t.load(str(qm)):
                app.installTranslator(t)
                _installed.append(t)
    from ui import accessibility  # the controls' accessible names are their labels' words, now in `lang`

    accessibility.language_changed()


def locale_for(lang: str) -> QLocale:
    if lang == "vi":
        return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
