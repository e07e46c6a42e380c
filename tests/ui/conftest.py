"""GUI tests run offscreen (no display in CI), in Vietnamese, each on its own copy of the test database,
with window settings, logs and data folders redirected to the test's temporary folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import pytest  # noqa: E402

from tests.app.conftest import (PASSWORD, citizen, denunciation, dialogue, make_clock, model,  # noqa: E402,F401
                                petition, reception)
from tests.app.conftest import db_path, open_session, template_db  # noqa: E402,F401 — fixtures


@pytest.fixture(autouse=True)
def _no_file_watch(monkeypatch):
    """Contexts made in a test do not ask the file on a timer (ui.context.AppContext.watch_outside):
    tests/ui/test_outside_changes.py turns it on for its own."""
    from ui.context import AppContext

    monkeypatch.setattr(AppContext, "watch_outside", False)


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    """platformdirs folders (data, config, logs) inside the test's tmp_path: no test touches the real profile."""
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state"),
                     ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(var, str(tmp_path / "xdg" / sub))
    monkeypatch.delenv("DANVAN_DB", raising=False)


@pytest.fixture
def qt_app(qapp):
    """The QApplication with our style and the Vietnamese catalogue (the shipped default)."""
    from ui import i18n
    from ui.accessibility import AccessibleNames
    from ui.style import apply_style

    apply_style(qapp)
    AccessibleNames.install(qapp)
    i18n.set_language("vi")
    return qapp


@pytest.fixture
def make_ctx(qt_app, open_session, tmp_path):
    """Factory: an AppContext for one of the test accounts (admin, leader, officer, officer2, viewer)."""
    from ui.context import AppContext, open_settings

    made = []

    def _make(user: str = "officer", lang: str = "vi"):
        session = open_session(user, lang)
        ctx = AppContext(session, open_settings(tmp_path / f"settings-{user}.ini"))
        made.append(ctx)
        return ctx

    yield _make


@pytest.fixture
def answer_boxes(monkeypatch):
    """Answer every QMessageBox the code under test opens: push the button whose text contains one of the
    words queued (in order), record what was asked. Without a queued answer the box is closed (Escape)."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[dict] = []
    queue: list[str] = []

    def fake_exec(box):
        asked.append({"title": box.windowTitle(), "text": box.text(), "info": box.informativeText(),
                      "buttons": [b.text() for b in box.buttons()]})
        want = queue.pop(0) if queue else None
        for b in box.buttons():
            if want is not None and want.lower() in b.text().lower():
                b.click()
                return box.standardButton(b) if box.standardButton(b) else 0
        return QMessageBox.StandardButton.Cancel if box.escapeButton() is None else 0

    def fake_question(parent, title, text, buttons=None, default=None):
        asked.append({"title": title, "text": text, "info": "", "buttons": []})
        want = queue.pop(0) if queue else "no"
        return QMessageBox.StandardButton.Yes if want.lower() in ("yes", "có") else QMessageBox.StandardButton.No

    def fake_notice(parent, title, text, *args, **kwargs):
        asked.append({"title": title, "text": text, "info": "", "buttons": []})
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(fake_question))
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(fake_notice))

    class Answers:
        def push(self, *words: str) -> None:
            queue.extend(words)

        @property
        def asked(self) -> list[dict]:
            return asked

    return Answers()


@pytest.fixture(autouse=True)
def recovery_keys_shown(monkeypatch):
    """The recovery-key window is modal; tests tick its box and continue, and can see which keys were shown."""
    from PySide6.QtWidgets import QDialog

    from ui.dialogs.recovery_key import RecoveryKeyDialog

    shown: list[str] = []

    def fake_exec(dialog):
        shown.append(dialog.key)
        dialog.confirm.setChecked(True)
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RecoveryKeyDialog, "exec", fake_exec)
    return shown


def show_active(qtbot, window) -> None:
    """Show `window` as the active window, as a person would see it, so keyboard focus behaves as on a screen
    (Tab order, key clicks going to the focused field)."""
    from PySide6.QtWidgets import QApplication

    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
