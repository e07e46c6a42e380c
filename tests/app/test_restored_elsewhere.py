"""A restore made by another program while a window is open on the file: the window's session can tell it from
any other change (the accounts, the data key and every record may be another day's), and who restored which
backup when."""

from __future__ import annotations

from app.services import backups, records
from tests.app.conftest import reception


def test_a_restore_by_another_program_is_told_apart_from_other_changes(open_session, tmp_path):
    window = open_session("officer")
    admin = open_session("admin")
    mark = backups.history_mark(window)
    records.save(admin, reception())  # an ordinary change made elsewhere
    assert backups.restored_since(window, mark) is None
    out = tmp_path / "truoc.db"
    backups.backup(admin, out)
    mark = backups.history_mark(window)
    records.save(admin, reception())  # after the backup: the window has seen it (its mark is past the backup)
    mark = backups.history_mark(window)
    backups.restore(admin, out)
    facts = backups.restored_since(window, mark)
    assert facts is not None
    assert facts["file"] == "truoc.db"
    assert facts["by"] == window.person_name("admin") and facts["at"]


def test_a_backup_made_after_the_window_looked_still_shows_its_restore(open_session, tmp_path):
    """The backup holds the entry the window marked (so the log looks unbroken); the restore's own entry, after
    it, tells."""
    window = open_session("officer")
    admin = open_session("admin")
    mark = backups.history_mark(window)
    out = tmp_path / "sau.db"
    backups.backup(admin, out)
    records.save(admin, reception())
    backups.restore(admin, out)
    facts = backups.restored_since(window, mark)
    assert facts is not None and facts["file"] == "sau.db"
    assert backups.restored_since(window, backups.history_mark(window)) is None  # seen: not told twice
