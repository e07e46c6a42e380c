"""The idle lock: after N minutes without keyboard or mouse input the windows are covered and a dialog asks the
same user's password. Nothing is closed underneath — open forms keep what was typed (and their drafts); another
user can only come in by closing the session (the program), which keeps the drafts for the next start.

N is the unit setting `idle_lock_minutes` (default 10, 0 = never), changed in Quản trị → Bảo vệ dữ liệu. A wrong
password counts as a failed log-in (five lock the account, as at the log-in screen).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from app.errors import AuthError
from app.services import accounts
from app.storage import settings as unit_settings
from ui.errors import show_error

DEFAULT_MINUTES = 10
_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride})


def idle_minutes(session) -> int:
    raw = unit_settings.get(session.db, "idle_lock_minutes")
    return int(raw) if raw is not None and raw.isdigit() else DEFAULT_MINUTES


class _Cover(QWidget):
    """An opaque sheet over a window's content while it is locked (the window itself stays as it is)."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("idleCover")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#idleCover { background: palette(window); }")
        self.setGeometry(parent.rect())
        parent.installEventFilter(self)
        self.show()
        self.raise_()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(obj.rect())
        return False


class LockDialog(QDialog):
    """Asks the password of the user of this session; "Close the session" ends the program instead."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.title = QLabel(objectName="screenTitle", wordWrap=True)
        self.text = QLabel(wordWrap=True)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.error = QLabel(objectName="formErrors", wordWrap=True)
        self.error.hide()
        self.unlock_button = QPushButton(objectName="primary")
        self.unlock_button.setDefault(True)
        self.close_button = QPushButton()
        buttons = QDialogButtonBox()
        buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.close_button.clicked.connect(self._close_session)
        lay = QVBoxLayout(self)
        for w in (self.title, self.text, self.password, self.error):
            lay.addWidget(w)
        lay.addWidget(buttons)
        self.setMinimumWidth(420)
        self.close_requested = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("IdleLock", "Locked — Sổ Dân Vận"))
        self.title.setText(QCoreApplication.translate("IdleLock", "The program is locked"))
        self.text.setText(QCoreApplication.translate(
            "IdleLock", "It locked itself after a time without use, so nobody else reads the records. "
                        "Type the password of {name} to go on: open forms are as you left them. Someone else must "
                        "close the session and log in again.").format(name=self.ctx.user_display))
        self.password.setPlaceholderText(QCoreApplication.translate("IdleLock", "Password"))
        self.unlock_button.setText(QCoreApplication.translate("IdleLock", "Unlock"))
        self.close_button.setText(QCoreApplication.translate("IdleLock", "Close the session"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def reject(self) -> None:  # Esc does not unlock
        return

    def try_unlock(self) -> bool:
        pw = self.password.text()
        self.password.clear()
        try:
            accounts.authenticate(self.ctx.session.db, self.ctx.session.user_name, pw)
        except AuthError as exc:
            self.error.setText(exc.message(self.ctx.lang))
            self.error.show()
            self.password.setFocus()
            return False
        except Exception as exc:  # a busy or damaged database: say it, stay locked
            show_error(self, exc)
            return False
        self.accept()
        return True

    def _close_session(self) -> None:
        self.close_requested = True
        self.done(QDialog.DialogCode.Rejected)


WATCH_AFTER_MS = 500


class IdleLock(QObject):
    """Watches the application's input; `locked` / `unlocked` tell the window. `close_requested`: the user chose
    to close the session from the lock dialog."""

    locked = Signal()
    unlocked = Signal()
    close_requested = Signal()

    def __init__(self, ctx, window: QWidget, *, timeout_ms: int | None = None, parent: QObject | None = None):
        super().__init__(parent or window)
        self.ctx = ctx
        self.window = window
        self.dialog: LockDialog | None = None
        self._covers: list[_Cover] = []
        self._last = time.monotonic()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._check)
        self.set_timeout_ms(timeout_ms if timeout_ms is not None else idle_minutes(ctx.session) * 60_000)
        # Watching starts once the window is up: the first events through an application-wide filter make PySide6
        # build the Python types (and enums) of every QtCore class, 40 ms that delayed the first paint. Input in
        # that half second changes nothing: the idle time counts from now anyway.
        QTimer.singleShot(WATCH_AFTER_MS, self, self._watch)

    def _watch(self) -> None:
        QApplication.instance().installEventFilter(self)

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def set_timeout_ms(self, ms: int) -> None:
        """0 switches the lock off."""
        self.timeout_ms = max(0, int(ms))
        self._last = time.monotonic()
        if self.timeout_ms:
            self.timer.start(max(20, min(self.timeout_ms // 4, 15_000)))
        else:
            self.timer.stop()

    def reload_setting(self) -> None:
        self.set_timeout_ms(idle_minutes(self.ctx.session) * 60_000)

    def eventFilter(self, obj, event) -> bool:
        if event.type() in _INPUT and self.dialog is None:
            self._last = time.monotonic()
        return False

    def _check(self) -> None:
        if self.dialog is None and self.timeout_ms and (time.monotonic() - self._last) * 1000 >= self.timeout_ms:
            self.lock()

    def lock(self) -> LockDialog:
        if self.dialog is not None:
            return self.dialog
        for w in QApplication.topLevelWidgets():
            if w.isVisible() and not isinstance(w, LockDialog) and not w.isMinimized():
                self._covers.append(_Cover(w))
        self.dialog = LockDialog(self.ctx, self.window)
        self.dialog.finished.connect(self._finished)
        self.dialog.open()
        self.dialog.password.setFocus()
        self.locked.emit()
        return self.dialog

    def _finished(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None and dialog.close_requested:
            self.close_requested.emit()  # the covers stay until the windows close
            return
        for c in self._covers:
            c.deleteLater()
        self._covers.clear()
        self._last = time.monotonic()
        self.unlocked.emit()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
