"""Another program writing the same file while the window is open (a district script's `danvan import`, a
restore, a second window): the screens show it within seconds, and the row the officer had chosen stays chosen."""

from __future__ import annotations

from app.services import listing, records
from tests.ui.conftest import reception


def test_a_list_shows_what_another_program_wrote_and_keeps_the_chosen_row(qtbot, make_ctx):
    from ui.screens.lists import ReceptionsScreen

    ctx = make_ctx("officer")
    first = records.save(ctx.session, reception(received_at="2026-11-20T08:00"))
    records.save(ctx.session, reception(received_at="2026-11-19T08:00"))
    screen = ReceptionsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1096, 600)
    screen.show()
    qtbot.waitExposed(screen)
    assert screen.model.rowCount() == 2
    row = next(r for r in range(2) if screen.model.record_id(r) == first)
    screen.table.selectRow(row)
    assert not ctx.look_for_outside_changes()  # nothing written by anyone else yet
    other = ctx.session.spawn()  # its own connection, as a `danvan import` would have
    try:
        records.save(other, reception(received_at="2026-11-21T08:00"))
    finally:
        other.close()
    assert ctx.look_for_outside_changes()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3, timeout=3000)
    assert screen.model.record_id(screen.table.currentIndex().row()) == first
    assert listing.count(ctx.session, "reception") == 3
    assert not ctx.look_for_outside_changes()  # seen once


def test_the_watch_asks_the_file_on_a_timer_and_stops_when_the_session_is_closed(qtbot, make_ctx, tmp_path,
                                                                                  monkeypatch):
    from ui.context import AppContext, open_settings

    monkeypatch.setattr(AppContext, "watch_outside", True)  # as the program makes it (off in the other tests)
    ctx = AppContext(make_ctx("officer").session, open_settings(tmp_path / "watch.ini"))
    assert ctx._watch.isActive()
    seen = []
    ctx.records_changed.connect(seen.append)
    other = ctx.session.spawn()
    try:
        records.save(other, reception())
    finally:
        other.close()
    qtbot.waitUntil(lambda: "reception" in seen, timeout=ctx._watch.interval() + 3000)
    ctx.session.close()
    ctx.look_for_outside_changes()
    assert not ctx._watch.isActive()


def test_a_row_deleted_elsewhere_is_said_so_and_the_list_reloads(qtbot, make_ctx, answer_boxes):
    from ui.screens.lists import ReceptionsScreen

    ctx = make_ctx("officer")
    rid = records.save(ctx.session, reception())
    screen = ReceptionsScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    assert screen.model.rowCount() == 1
    other = ctx.session.spawn()
    try:
        records.delete(other, "reception", rid)
    finally:
        other.close()
    assert screen.open_row(0) is None
    assert "vừa bị xóa ở nơi khác" in answer_boxes.asked[-1]["text"]
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0, timeout=3000)


def test_a_restore_by_another_program_is_said_and_the_program_closes(qtbot, make_ctx, open_session, answer_boxes,
                                                                     monkeypatch, tmp_path):
    """`danvan restore` (or a second window) put a backup back while this window was open: its accounts, data key
    and records may be another day's — said, with which backup and by whom, and the program closes as after a
    restore made here (open forms left for their drafts)."""
    from PySide6.QtCore import QCoreApplication

    from app.services import backups
    from ui.main_window import MainWindow

    ctx = make_ctx("officer")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    admin = open_session("admin")
    out = tmp_path / "sao-luu-thu-hai.db"
    backups.backup(admin, out)
    records.save(admin, reception())
    assert ctx.look_for_outside_changes() and not answer_boxes.asked  # a change, not a restore
    exits = []
    monkeypatch.setattr(QCoreApplication, "exit", lambda code=0: exits.append(code))
    backups.restore(admin, out)
    assert ctx.look_for_outside_changes()
    told = answer_boxes.asked[-1]
    assert told["title"] == "Dữ liệu đã được khôi phục"
    assert "Bản sao lưu: sao-luu-thu-hai.db" in told["text"] and admin.person_name("admin") in told["text"]
    assert "Chương trình sẽ đóng lại" in told["text"]
    assert exits == [0]
    assert not ctx._watch.isActive()
