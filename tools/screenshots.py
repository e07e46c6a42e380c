"""Screenshots of every main screen, the forms and the start-up dialogs at 1366×768, for docs/screenshots/.

Run under a virtual screen (the real xcb platform, as a person would see it):

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py [--lang vi|en] [--out DIR]

It builds a small demo database in a temporary folder, logs in as the demo leader, and grabs each screen.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", default="vi")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--records", type=int, default=2000)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.services import demo, listing
    from app.services.session import Session
    from ui import i18n
    from ui.application import make_app
    from ui.context import AppContext, open_settings

    app = make_app()
    i18n.set_language(args.lang)
    tmp = Path(tempfile.mkdtemp())
    db = tmp / "sodanvan-demo.db"
    demo.build_demo(db, args.records, lang=args.lang)
    user = demo.demo_accounts()[1]
    session = Session.open(db, user["user"], user["password"], lang=args.lang)
    ctx = AppContext(session, open_settings(tmp / "s.ini"))
    suffix = "" if args.lang == "vi" else f"-{args.lang}"

    def settle(ms: int = 150) -> None:
        end = QTimer()
        end.setSingleShot(True)
        end.start(ms)
        while end.isActive():
            app.processEvents()

    def shoot(widget, name: str) -> None:
        settle()
        widget.grab().save(str(args.out / f"{name}{suffix}.png"))
        print("wrote", args.out / f"{name}{suffix}.png")

    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    import time

    for entry in window.entries:
        screen = window.go_to(entry.key)
        deadline = time.monotonic() + 10
        while getattr(screen, "data", True) is None and time.monotonic() < deadline:
            settle(50)  # the dashboard's figures come from a worker: wait for them, not a blank screen
        shoot(window, f"screen-{entry.key}")

    from ui.forms.registry import FORMS, open_form

    for entity in FORMS:
        rows = listing.page(session, entity, limit=1)
        if not rows:
            continue
        form = open_form(ctx, entity, rows[0]["id"], parent=window)
        if form is None:
            continue
        form.resize(1000, 700)
        shoot(form, f"form-{entity}")
        form._dirty = False
        form.done(0)

    try:
        from ui.dialogs.login import LoginDialog

        login = LoginDialog(db, lang=args.lang, suggested=(user["user"], user["password"]))
        login.show()
        shoot(login, "login")
        login.close()
    except ImportError:
        pass
    try:
        from ui.dialogs.first_run import FirstRunDialog

        first = FirstRunDialog(tmp / "new.db", ctx.settings, args.lang)
        first.show()
        shoot(first, "first-run")
        first.close()
    except ImportError:
        pass
    from ui.dialogs.setup_wizard import SetupWizard

    wiz = SetupWizard(tmp / "new.db", args.lang)
    wiz.resize(900, 620)
    wiz.show()
    shoot(wiz, "wizard-1-level")
    wiz.next()
    wiz.province_page.filter.setText("ha noi")
    shoot(wiz, "wizard-2-province")
    wiz.next()
    wiz.commune_page.filter.setText("ba dinh")
    shoot(wiz, "wizard-3-commune")
    wiz.next()
    shoot(wiz, "wizard-4-account")
    wiz.close()

    from ui.dialogs.import_wizard import ImportWizard

    sample = ROOT / "tests" / "fixtures" / "form03"
    book = next(iter(sorted(sample.glob("*.xlsx"))), None)
    imp = ImportWizard(ctx, window)
    imp.resize(1000, 680)
    imp.show()
    if book is not None and imp.set_path(book):
        shoot(imp, "import-1-file")
        imp.next()
        shoot(imp, "import-2-columns")
    else:
        shoot(imp, "import-1-file")
    imp.close()
    window.close()
    session.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
