"""A .dvb, .dvack or .dvkey double-clicked in Windows (the installer's file associations) opens the Đồng bộ screen
and that screen's own import of the file (ui.application.open_document)."""

from __future__ import annotations

from app.services import sync_keys
from tests.app.conftest import PASSWORD
from tests.ui.test_sync_screen import password_typed, templates, two_units  # noqa: F401 — fixtures


def _window(qtbot, ctx):
    from ui.main_window import MainWindow

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    return w


def test_a_bundle_is_imported_at_the_upper_level(two_units, qtbot, tmp_path, password_typed):
    """A .dvb goes to the sync screen's background import (the password asked as for the button); a refused file
    is listed with its reason, not raised."""
    from ui.application import open_document

    _c, uctx = two_units
    w = _window(qtbot, uctx)
    junk = tmp_path / "junk.dvb"
    junk.write_bytes(b"not a bundle at all")
    screen = w.screen("sync")
    with qtbot.waitSignal(screen.imported, timeout=20_000) as got:
        open_document(w, str(junk))
    assert w.current_screen() is screen and password_typed
    assert [b["status"] for b in got.args[0]["bundles"]] == ["rejected"]
    qtbot.waitUntil(lambda: screen.job is None)


def test_a_key_file_asks_to_compare_the_fingerprint(two_units, qtbot, tmp_path, answer_boxes, password_typed):
    """A .dvkey opens the key registration, which shows the fingerprint first (here answered No)."""
    from ui.application import open_document

    cctx, uctx = two_units
    key = tmp_path / "xa.DVKEY"
    sync_keys.export_keyfile(cctx.session, key, password=PASSWORD)
    w = _window(qtbot, uctx)
    answer_boxes.push("no")
    open_document(w, str(key))
    assert w.current_screen() is w.screen("sync")
    assert sync_keys.site_fingerprint(cctx.session) in answer_boxes.asked[-1]["text"]


def test_an_unknown_kind_only_shows_the_sync_screen(two_units, qtbot, tmp_path, answer_boxes):
    """Any other file shows the sync screen and asks nothing."""
    from ui.application import open_document

    _c, uctx = two_units
    w = _window(qtbot, uctx)
    open_document(w, str(tmp_path / "notes.txt"))
    assert w.current_screen() is w.screen("sync") and answer_boxes.asked == []
