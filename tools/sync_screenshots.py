"""Screenshots of the Đồng bộ screens added in step 4's last part, at 1366×768, for docs/screenshots/sync-*.png:
the commune's upload panel (a bundle waiting while the server cannot be reached), the upper level's communes (one
silent, in red), a conflict side by side, the quarantine tab, and a list with its unit column and filter.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/sync_screenshots.py [--lang vi|en] [--out DIR]

Everything is made in a temporary folder: two communes and their upper level, keys exchanged, bundles carried.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Anh-chup-2026!"
NOW = datetime(2026, 11, 23, 10, 0)
SAME_ID = "019a0000-0000-7000-8000-000000000001"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", default="vi")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from app.clock import Clock
    from app.services import records, setup, sync_export, sync_import, sync_keys, sync_upload
    from app.services.session import Session
    from app.storage import sync_log
    from app.storage.db import write_transaction
    from ui import i18n
    from ui.application import make_app
    from ui.context import AppContext, open_settings

    app = make_app()
    i18n.set_language(args.lang)
    tmp = Path(tempfile.mkdtemp())
    suffix = "" if args.lang == "vi" else f"-{args.lang}"
    setup.init(tmp / "u.db", "1", "upper", "quantri", PASSWORD, clock=Clock(NOW))
    s = {"u": Session.open(tmp / "u.db", "quantri", PASSWORD, lang=args.lang, clock=Clock(NOW))}
    sync_keys.export_keyfile(s["u"], tmp / "u.dvkey", password=PASSWORD)
    out = tmp / "out"
    out.mkdir()
    people = {"a": ("4", "Nguyễn Đình Khôi", 30), "b": ("8", "Lò Thị Ưng", 45), "c": ("25", "", 0)}
    for k, (code, chair, n) in people.items():
        setup.init(tmp / f"{k}.db", code, "commune", "quantri", PASSWORD, clock=Clock(NOW - timedelta(days=60)))
        s[k] = Session.open(tmp / f"{k}.db", "quantri", PASSWORD, lang=args.lang, clock=Clock(NOW))
        sync_keys.trust(s[k], tmp / "u.dvkey")
        sync_keys.export_keyfile(s[k], tmp / f"{k}.dvkey", password=PASSWORD)
        # Commune c was registered 40 days ago and never sent: the one silent commune of the picture.
        s["u"].clock = Clock(NOW - timedelta(days=40) if k == "c" else NOW)
        sync_keys.trust(s["u"], tmp / f"{k}.dvkey")
        s["u"].clock = Clock(NOW)
        if not chair:
            continue  # commune c never sends: silent
        for day in range(1, 6):
            records.save(s[k], {"type": "dialogue", "held_on": f"2026-10-{day + (10 if k == 'b' else 0):02d}",
                                "chair": chair, "participants": n + day,
                                "topics": f"Đối thoại về vệ sinh môi trường, tổ dân phố số {day}"})
        records.save(s[k], {"type": "dialogue", "id": SAME_ID, "held_on": "2026-10-05", "chair": chair,
                            "participants": n, "topics": "Đối thoại về thu gom rác thải",
                            **({"commitments": "Lắp thêm 20 thùng rác ở các ngõ"} if k == "b" else {})})
        for name, field, kind, owner in (
                ("Tổ dân phố tự quản về vệ sinh môi trường", "culture_society", "collective", f"Tổ dân phố số {k}"),
                ("Camera an ninh ngõ xóm", "defense_security", "collective", "Công an phường"),
                ("Hộ kinh doanh cá thể giúp người nghèo", "economy", "individual", chair)):
            records.save(s[k], {"type": "model", "year": 2026, "name": name, "kind": kind, "field": field,
                                "owner": owner, "status": "implementing"})
        res = sync_export.export_bundle(s[k], out, password=PASSWORD)
        sync_import.import_bundles(s["u"], [Path(res["file"])], password=PASSWORD)
    with write_transaction(s["u"].db):
        sync_log.add_quarantined(s["u"].db, bundle_id=res["bundle_id"], sender_site=s["b"].site_id,
                                 entity="dialogue", record_id="019a0000-0000-7000-8000-00000000ffff",
                                 record={"entity": "dialogue", "record": {"topics": "Họp dân tổ 5 về đường điện"}},
                                 reason="reference_missing", at="2026-11-23T10:00:00+00:00")
    # The commune a: one more change, an upload server that cannot be reached (a bundle waits with its back-off).
    records.save(s["a"], {"type": "dialogue", "held_on": "2026-11-20", "chair": "Nguyễn Đình Khôi",
                          "participants": 25, "topics": "Đối thoại về lịch thu gom rác mới"})
    sync_upload.save_settings(s["a"], "http://127.0.0.1:9/remote.php/dav/files/xa-ba-dinh/danvan/", "xa-ba-dinh",
                              "mat-khau-may-chu")
    # The upper level's inbox folder (a network share): commune b's next bundle has arrived there.
    from app.services import sync_inbox

    inbox = tmp / "hop-thu-chung"
    inbox.mkdir()
    sync_inbox.set_inbox_folder(s["u"], inbox)
    records.save(s["b"], {"type": "dialogue", "held_on": "2026-11-21", "chair": "Lò Thị Ưng", "participants": 40,
                          "topics": "Đối thoại về đường điện tổ 5"})
    arrived = sync_export.export_bundle(s["b"], inbox, password=PASSWORD)["file"]
    long_ago = NOW.timestamp() - 3600
    os.utime(arrived, (long_ago, long_ago))
    QMessageBox.information = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)

    def settle(ms: int = 200) -> None:
        end = QTimer()
        end.setSingleShot(True)
        end.start(ms)
        while end.isActive():
            app.processEvents()

    def shoot(widget, name: str) -> None:
        settle()
        widget.grab().save(str(args.out / f"{name}{suffix}.png"))
        print("wrote", args.out / f"{name}{suffix}.png")

    from PySide6.QtWidgets import QInputDialog

    from ui import main_window
    from ui.main_window import MainWindow

    # The sessions run on a fixed day (NOW) while the window's own writes are stamped today: the status bar would
    # warn that the clock is behind the data — true of this script, not of the screens pictured.
    main_window.clock_doubts = lambda *_a, **_k: []

    QInputDialog.getText = staticmethod(lambda *a, **k: (PASSWORD, True))
    cctx = AppContext(s["a"], open_settings(tmp / "a.ini"))
    win = MainWindow(cctx)
    win.setGeometry(0, 0, 1366, 768)
    win.show()
    screen = win.go_to("sync")
    screen.upload.send_now()
    win.update_badges()
    shoot(win, "sync-upload")
    win.close()

    uctx = AppContext(s["u"], open_settings(tmp / "u.ini"))
    win = MainWindow(uctx)
    win.setGeometry(0, 0, 1366, 768)
    win.show()
    screen = win.go_to("sync")
    shoot(win, "sync-communes")
    screen.tabs.setCurrentIndex(1)
    shoot(win, "sync-conflict")
    screen.tabs.setCurrentIndex(2)
    shoot(win, "sync-quarantine")
    lst = win.go_to("dialogue")
    shoot(win, "sync-upper-list")
    lst.filter_combos["unit_code"][1].set_value("00008")
    shoot(win, "sync-upper-list-filtered")
    win.go_to("model")
    shoot(win, "sync-upper-models")
    win.close()
    for x in s.values():
        x.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
