"""Another program holding the database: saving a form says so in a sentence and loses nothing."""

from __future__ import annotations

import sqlite3


def test_save_while_another_program_writes_keeps_the_form(qtbot, make_ctx, answer_boxes, monkeypatch, db_path):
    """With the file locked by another writer, Save shows the "busy" sentence, the form stays open and dirty,
    and saving again after the lock is gone stores the record."""
    monkeypatch.setenv("DANVAN_BUSY_TIMEOUT", "0.2")
    ctx = make_ctx("officer")
    from app.services import listing
    from ui.forms.reception_form import ReceptionForm

    form = ReceptionForm(ctx)
    qtbot.addWidget(form)
    form.host_name.setCurrentText("Nguyễn Văn An")
    form.name.setText("Trần Thị Bình")
    form.content.setPlainText("Phản ánh tiếng ồn từ xưởng mộc")

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app.services import records as record_service

    during = []  # the cursor while the save waits on the lock (up to the busy timeout, on the GUI thread)
    for name in ("problems", "save"):  # the check before saving waits on the lock too
        real = getattr(record_service, name)
        monkeypatch.setattr(record_service, name, lambda *a, _real=real, **k: (during.append(
            QApplication.overrideCursor() and QApplication.overrideCursor().shape()), _real(*a, **k))[1])
    other = sqlite3.connect(str(db_path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        assert form.save() is False
        assert during == [Qt.CursorShape.WaitCursor] and QApplication.overrideCursor() is None
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert any("Đợi vài giây rồi thử lại" in a["text"] for a in answer_boxes.asked)
    assert form.dirty and listing.count(ctx.session, "reception") == 0
    answer_boxes.push("Vẫn lưu")  # the possible-duplicates question, if any
    assert form.save() is True
    assert listing.count(ctx.session, "reception") == 1
