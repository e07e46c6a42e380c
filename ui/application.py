"""Starting the GUI: `danvan` with no command. First run → demo or unit set-up; then log-in; then the
main window. Everything here is wiring; the screens live in ui/screens and the work in app/."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.paths import default_db_path, demo_db_path
from app.resources import resources_dir
from ui import i18n
from ui.accessibility import AccessibleNames
from ui.context import AppContext, open_settings
from ui.errors import install_excepthook, show_error
from ui.style import apply_style

APP_DISPLAY_NAME = "Sổ Dân Vận"


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName("SoDanVan")
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    icon = resources_dir() / "icons" / "sodanvan.ico"  # title bars and the taskbar; the installer uses it too
    if icon.exists():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    apply_style(app)
    AccessibleNames.install(app)  # what a screen reader says for each field: its label (ui/accessibility.py)
    return app


def _peak_rss_mb() -> float | None:
    try:
        import resource  # not on Windows
    except ImportError:
        return None
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux reports KiB


def smoke(logging_in, *, lang: str | None = None) -> int:
    """`danvan --smoke`: start, take the log-in already running (app.cli: the demo database, or --db with
    DANVAN_USER/DANVAN_PASSWORD), show the main window until it has painted, close, exit 0. Prints one JSON line
    with the timings — the seam the installer build and the start-up benchmark use."""
    import json
    import tempfile
    import time

    from ui.first_paint import FirstPaint
    from ui.main_window import MainWindow

    started = time.perf_counter()
    app = make_app()
    i18n.set_language(lang or i18n.DEFAULT_LANGUAGE)
    session = logging_in.result()
    with tempfile.TemporaryDirectory() as tmp:
        ctx = AppContext(session, open_settings(Path(tmp) / "smoke.ini"))
        window = MainWindow(ctx)
        shown = {}

        def painted(drawn: bool = True):
            if shown:
                return
            shown["painted"] = drawn
            shown["ms"] = (time.perf_counter() - started) * 1000
            shown["at"] = time.time()
            window.close()
            app.quit()

        # "Painted" is when the window's first paint has been drawn: the end of the pass its first Paint event
        # belongs to. A zero timer started at show() would fire before any paint.
        FirstPaint(window, painted)
        window.show()
        QTimer.singleShot(10_000, lambda: painted(False))  # a window that never paints fails the check
        app.exec()
        session.close()
    print(json.dumps({"ok": bool(shown.get("painted")), "db": str(session.path),
                      "window_ms": round(shown.get("ms", -1), 1), "painted_at": shown.get("at"),
                      "rss_mb": _peak_rss_mb()}))
    return 0 if shown.get("painted") else 1


WARM_UP_AFTER_MS = 300  # after the log-in dialog has painted and taken the focus


def _warm_up_main_window() -> None:
    """Import the main window and its first screen in idle time; a failure is only logged (building it reports)."""
    import importlib
    import logging

    for module in ("ui.main_window", "ui.screens.dashboard"):
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001 — never an error box from idle work
            logging.getLogger(__name__).exception("warming up %s failed", module)


def open_document(window, path: str) -> None:
    """A .dvb, .dvack or .dvkey file opened by a double-click (the installer's file associations): the Đồng bộ
    screen and its own import of that file, which asks and refuses exactly as its buttons do."""
    screen = window.go_to("sync")
    action = {".dvb": lambda: screen.import_bundles([path]), ".dvack": lambda: screen.import_receipt(path),
              ".dvkey": lambda: screen.trust_key(path)}.get(Path(path).suffix.lower())
    if screen is not None and action is not None:
        action()


def run(db: str | None = None, *, demo: bool = False, lang: str | None = None, open_file: str | None = None) -> int:
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
            lang = first.lang  # the first screen may have switched the language
    from ui.instance_lock import lock_data_file
    from ui.screens.backups import AutoBackup, check_data_file

    instance = lock_data_file(path)  # kept until the program ends
    if instance is None:
        return 0

    # The data file is checked before anything opens it (the log-in dialog describes the unit from it, and an
    # open folds a pending WAL into the file). Damaged: the newest good backup, or quit — never written to.
    if not check_data_file(path):
        return 0
    login = LoginDialog(path, lang=lang, suggested=suggested)
    # While the officer types: import what the main window needs (Qt builds the Python enums of the classes it
    # touches then), so pressing Enter costs only the key derivation and building the window.
    QTimer.singleShot(WARM_UP_AFTER_MS, login, _warm_up_main_window)
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
    AutoBackup.install(window, ctx)  # a backup on close, and the day's backup
    window.offer_drafts()
    if open_file:
        QTimer.singleShot(0, lambda: open_document(window, open_file))
    code = app.exec()
    ctx.session.close()
    return code
