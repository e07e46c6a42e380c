"""A half-typed form survives the program being killed: a real process is killed with SIGKILL mid-typing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from tests.ui.conftest import PASSWORD

SCRIPT = textwrap.dedent("""
    import os, signal, sys, time
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from app.services.session import Session
    from ui.application import make_app
    from ui.context import AppContext, open_settings
    from ui.forms.reception_form import ReceptionForm

    db, settings, password = sys.argv[1], sys.argv[2], sys.argv[3]
    app = make_app()
    ctx = AppContext(Session.open(db, "officer", password), open_settings(Path(settings)))
    form = ReceptionForm(ctx)
    form.show()
    form.content.setPlainText("Công dân Đặng Văn Đức phản ánh việc lấn chiếm hành lang giao thông")

    def crash():
        os.kill(os.getpid(), signal.SIGKILL)  # a power cut: no close, no cleanup

    QTimer.singleShot(3000, crash)  # well after the 1.5 s autosave
    app.exec()
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_draft_survives_a_killed_process(db_path, tmp_path):
    """Typing into a form, then the process is killed: the next start finds the draft with the typed text."""
    from app.services.drafts import DraftStore

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path / "state"))
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(db_path), str(tmp_path / "s.ini"), PASSWORD],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    from app.services.session import Session

    assert DraftStore(db_path).pending("officer") == []  # sealed: the drafts folder alone opens nothing
    s = Session.open(db_path, "officer", PASSWORD)
    try:
        drafts = DraftStore(db_path, s.cipher).pending("officer")
    finally:
        s.close()
    assert len(drafts) == 1
    assert drafts[0].entity == "reception"
    assert "Đặng Văn Đức" in drafts[0].data.get("content", "")
    assert not list(DraftStore(db_path).folder.glob(".*.part"))  # no half-written draft left
