"""Starting the GUI: `danvan` with no command. First run → demo or unit set-up; then log-in; then the
main window. Everything here is wiring; the screens live in ui/screens and the work in app/."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.paths import data_dir, default_db_path
from ui import i18n
from ui.context import AppContext, open_settings
from ui.errors import install_excepthook, show_error
from ui.style import apply_style

APP_DISPLAY_NAME = "Sổ Dân Vận"


def demo_db_path() -> Path:
    return data_dir() / "sodanvan-demo.db"


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName("SoDanVan")
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    apply_style(app)
    return app


def run(db: str | None = None, *, demo: bool = False, lang: str | None = None) -> int:
    app = make_app()
    settings = open_settings()
    lang = lang or str(settings.value("language", i18n.DEFAULT_LANGUAGE))
    if lang not in i18n.LANGUAGES:
        lang = i18n.DEFAULT_LANGUAGE
    i18n.set_language(lang)
    install_excepthook()

    from ui.dialogs.first_run import FirstRunDialog
    from ui.dialogs.login import LoginDialog

    suggested = None
    if demo:
        path = demo_db_path()
        if not path.exists():
            path = FirstRunDialog.build_demo(None, path, lang)
            if path is None:
                return 0
        suggested = FirstRunDialog.demo_login()
    else:
        path = Path(db) if db else Path(str(settings.value("database", "")) or default_db_path())
        if not path.exists():
            first = FirstRunDialog(path, settings, lang)
            if not first.exec():
                return 0
            path = first.chosen_path
            suggested = first.suggested_login
    login = LoginDialog(path, lang=lang, suggested=suggested)
    if not login.exec():
        return 0
    ctx = AppContext(login.session, settings)
    settings.setValue("database", str(path))

    from ui.main_window import MainWindow

    try:
        window = MainWindow(ctx)
    except Exception as exc:
        show_error(None, exc)
        return 1
    window.show()
    window.offer_drafts()
    code = app.exec()
    ctx.session.close()
    return code
