"""The commune's "Gửi lên máy chủ" panel on the Đồng bộ screen: the WebDAV settings (admin), "Gửi ngay", and a
timer that drains the upload queue with its back-off while the program is open.

The stored WebDAV password is sealed for the site's keys (app/services/sync_upload.py), so the first "Gửi ngay" of
a run asks the user's own password (as every export does) and the opened target is kept in memory for the timer;
it is never written anywhere and never shown. An item refused for a reason that needs a person (a wrong password,
a wrong address) stops being retried until the settings are fixed or "Gửi ngay" is pressed.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QVBoxLayout, QWidget)

from app.domain import roles
from app.i18n import tr as core_tr
from app.services import sync_upload
from ui import format as fmt
from ui.errors import reported, show_error
from ui.jobs import Job, in_own_session_reporting
from ui.models.admin_tables import local_time
from ui.style import OVERDUE
from ui.widgets.gate import gate
from ui.widgets.progress import run_with_progress

DRAIN_INTERVAL_MS = 30_000  # how often the queue is looked at; each item keeps its own back-off (1 min … 1 h)


def _try_job(url, user, password, *, progress=None, cancel=None):
    return sync_upload.try_connection(url, user, password)


def _drain_job(session, target, *, progress=None, cancel=None):
    own = session.spawn()
    try:
        return sync_upload.drain(own, target)
    finally:
        own.close()


class UploadSettingsDialog(QDialog):
    """Address, account and password of the WebDAV folder; the stored password is never shown back."""

    def __init__(self, ctx, current: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Upload settings"))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        self.url = QLineEdit(current.get("url") or "")
        self.url.setPlaceholderText("https://may-chu.example.vn/remote.php/dav/files/xa/danvan/")
        self.user = QLineEdit(current.get("username") or "")
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("(keep the stored password)") if current.get("has_password")
                                         else "")
        self.help = QLabel(self.tr("The upper level gives you the folder address and an account that may write "
                                   "there. The password is kept sealed with this unit's sync keys."),
                           objectName="muted", wordWrap=True)
        form.addRow(self.tr("Folder address (WebDAV)"), self.url)
        form.addRow(self.tr("Account"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.help)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.try_button = buttons.addButton(self.tr("Try the connection"), QDialogButtonBox.ButtonRole.ActionRole)
        self.try_button.clicked.connect(lambda: self.try_connection())
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.result_settings: dict | None = None

    def try_connection(self) -> bool:
        """Ask the folder with what is typed (no file sent, nothing stored) and say what came back."""
        if not self.password.text():
            QMessageBox.information(self, self.tr("Upload settings"), self.tr(
                "Type the password to try the connection (the stored one opens only with the sync keys)."))
            return False
        try:
            run_with_progress(self, self.tr("Trying the connection…"), _try_job, self.url.text(), self.user.text(),
                              self.password.text())
        except Exception as exc:  # noqa: BLE001 — the sentence is shown, the dialog stays as typed
            show_error(self, exc)
            return False
        QMessageBox.information(self, self.tr("Upload settings"),
                                core_tr("out.upload_connection_ok", self.ctx.lang))
        return True

    def save(self) -> None:
        try:
            self.result_settings = sync_upload.save_settings(self.ctx.session, self.url.text(), self.user.text(),
                                                             self.password.text() or None)
        except Exception as exc:  # noqa: BLE001 — the sentence is shown, the dialog stays open
            show_error(self, exc)
            return
        self.password.clear()
        self.accept()


class UploadPanel(QGroupBox):
    changed = Signal()  # the queue or the settings changed (the screen and the navigation badge refresh)

    def __init__(self, ctx, screen, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.screen = screen  # asks the password; knows the demo / upper-key state
        self.target = None  # the opened WebDavTarget, in memory only
        self.state: dict = {}
        self.job: Job | None = None
        v = QVBoxLayout(self)
        self.state_label = QLabel(objectName="panelTitle", wordWrap=True)
        self.detail_label = QLabel(objectName="muted", wordWrap=True)
        self.error_label = QLabel(wordWrap=True)
        self.error_label.setStyleSheet(f"color: {OVERDUE};")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.state_label)
        v.addWidget(self.detail_label)
        v.addWidget(self.error_label)
        v.addStretch(1)
        row = QHBoxLayout()
        self.send_button = QPushButton(objectName="primary")
        self.send_button.setMinimumHeight(34)
        self.settings_button = QPushButton()
        row.addWidget(self.send_button)
        row.addWidget(self.settings_button)
        row.addStretch(1)
        v.addLayout(row)
        self.send_button.clicked.connect(lambda: self.send_now())
        self.settings_button.clicked.connect(lambda: self.edit_settings())
        self.timer = QTimer(self, interval=DRAIN_INTERVAL_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.retranslate_ui()

    # -- state -------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        with reported(self):
            self.state = sync_upload.status(self.ctx.session)
        self._show()

    def _show(self) -> None:
        st = self.state
        if not st.get("configured"):
            self.state_label.setText(self.tr("No upload server set up."))
            self.detail_label.setText(self.tr("An administrator enters the folder address the upper level gave "
                                              "(Upload settings…); until then use Write to USB or Save to folder."))
        elif st.get("waiting"):
            self.state_label.setText(self.tr("Waiting to upload: {n} bundle(s)").format(n=fmt.number(st["waiting"])))
            parts = []
            if st.get("last_try"):
                parts.append(self.tr("last attempt {time}").format(time=local_time(st["last_try"])))
            if st.get("blocked"):
                parts.append(self.tr("not retried until the settings are fixed or Send now is pressed"))
            elif st.get("next_try"):
                parts.append(self.tr("next attempt {time}").format(time=local_time(st["next_try"])))
            if self.target is None:
                parts.append(self.tr("press Send now once to unlock the upload (your password)"))
            text = "; ".join(parts)
            self.detail_label.setText(text[:1].upper() + text[1:] + ".")
        else:
            self.state_label.setText(self.tr("Upload queue empty: everything written has been uploaded."))
            self.detail_label.setText(self.tr("Server: {url} (account {user})").format(
                url=st.get("url"), user=st.get("username")))
        err = st.get("last_error_text") if st.get("waiting") else None
        self.error_label.setText(err or "")
        self.error_label.setVisible(bool(err))
        self._update_buttons()

    def _update_buttons(self) -> None:
        c, o = self.ctx, self.screen.overview
        demo = core_tr("sync.demo_no_export", c.lang) if o.get("is_demo") else ""
        no_upper = "" if o.get("upper") else self.tr(
            "Register the upper level's key first (Receive the upper level's key…).")
        not_set = "" if self.state.get("configured") else self.tr(
            "No upload server set up yet — an administrator fills in Upload settings….")
        busy = self.tr("An upload is running.") if self.job is not None else ""
        usb_only = core_tr("sync.identity_usb_only", c.lang) if o.get("sends_identity") else ""
        gate(self.send_button, c.denied_reason(roles.EXPORT), demo, usb_only, no_upper, not_set, busy)
        gate(self.settings_button, c.denied_reason(roles.MANAGE_SETTINGS))

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Upload to the server"))
        self.send_button.setText(self.tr("Send now"))
        self.settings_button.setText(self.tr("Upload settings…"))
        if self.state:
            self._show()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- actions -----------------------------------------------------------------------------------------------
    def edit_settings(self) -> dict | None:
        if not self.settings_button.isEnabled():
            return None
        dialog = UploadSettingsDialog(self.ctx, self.state, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        self.target = None  # opened again, with the new settings, by the next Send now
        self.reload()
        self.changed.emit()
        return dialog.result_settings

    def send_now(self) -> dict | None:
        """Write a bundle of what is unsent, queue it and upload the whole queue now (blocked items included)."""
        if not self.send_button.isEnabled():
            return None
        password = self.screen.ask_password()
        if password is None:
            return None
        res = None
        with reported(self):
            # the bytes going up move the bar; Stop ends the upload between two chunks (the bundle stays queued)
            res = run_with_progress(self, self.tr("Writing and uploading the bundle…"), in_own_session_reporting,
                                    self.ctx.session, sync_upload.send_now, password=password)
        if res is not None:
            self.target = res.pop("target")
        self.reload()
        self.changed.emit()
        if res is None:
            return None
        if res["sent"]:
            text = self.tr("Uploaded {n} bundle(s) to the server.").format(n=fmt.number(len(res["sent"])))
        elif res["bundle"].get("file") is None and not res["failed"] and not res["blocked"]:
            text = self.tr("There is nothing to send: the upper level has received every change.")
        elif res.get("busy"):
            text = self.tr("Another upload is running (this window's timer, or a danvan command): the new bundle "
                           "is queued and goes with that run or the next.")
        else:
            text = ""
        if res.get("error"):
            text = (text + "\n\n" if text else "") + (
                self.tr("Not uploaded — this needs you: {error}") if res.get("needs_person")
                else self.tr("Not uploaded yet — it will be tried again by itself: {error}")).format(
                error=res["error"])
        QMessageBox.information(self, self.tr("Upload"), text or self.tr("Nothing was uploaded."))
        return res

    def tick(self) -> Job | None:
        """The timer: when the target is open and something is due, one run of the queue in the background."""
        if self.target is None or self.job is not None:
            return None
        try:
            self.state = sync_upload.status(self.ctx.session)
        except Exception:  # a timer never shows a dialog; the screen's reload reports problems
            return None
        now = sync_upload.session_now(self.ctx.session)
        due = [it for it in self.state.get("items", [])
               if not it["blocked"] and datetime.fromisoformat(it["next_try"]) <= now]
        if not due:  # nothing due: each item keeps its own back-off
            self._show()
            return None
        job = Job(_drain_job, self.ctx.session, self.target)
        self.job = job
        job.succeeded.connect(lambda _r: None)
        job.ended.connect(self._drained)
        self._update_buttons()
        job.start()
        return job

    def _drained(self) -> None:
        self.job = None
        self.reload()
        self.changed.emit()
