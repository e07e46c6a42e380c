"""Đồng bộ: a commune sends its changes to the upper level as signed bundles (USB drive or a folder) and takes
its receipts; the upper level imports the communes' bundles and writes receipts. Keys change hands here too.

Everything goes through app.services (sync_keys, sync_export, sync_ack, sync_overview); this screen only asks
for files, the drive and the acting user's password (the sealed keys open with it). Writes run on a connection
of their own off the GUI thread. What the role or a demo database may not do stays visible, disabled, with the
reason as its tooltip.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QFileDialog, QGroupBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QMessageBox,
                               QProgressBar, QPushButton, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget)

from app.domain import roles
from app.domain.enums import RECORD_TYPES
from app.i18n import tr as core_tr
from app.services import sync_ack, sync_export, sync_inbox, sync_keys, sync_overview, sync_review
from app.sync.channels.removable import list_removable_drives
from app.sync.keyfile import read_keyfile
from ui import format as fmt
from ui.errors import reported, show_error
from ui.jobs import Job, in_own_session, in_own_session_reporting
from ui.models.sync_tables import CommunesModel, ImportResultsModel, SentBundlesModel
from ui.screens.sync_inbox import InboxPanel
from ui.screens.sync_review import ConflictsTab, QuarantineTab
from ui.screens.sync_upload import UploadPanel
from ui.style import WARNING
from ui.widgets.progress import run_with_progress
from ui.widgets.tables import make_table
from ui.widgets.flow import FlowLayout
from ui.widgets.gate import gate


def local_date(stamp: str | None, *, year: bool = True) -> str:
    """A stored UTC stamp as the local day: dd/mm/yyyy (or dd/mm)."""
    if not stamp:
        return ""
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return fmt.d(stamp[:10])
    return when.strftime("%d/%m/%Y" if year else "%d/%m")




class SyncScreen(QWidget):
    imported = Signal(dict)  # a bundle import finished: {"bundles": [...], "cancelled": bool}

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.upper = sync_overview.level(ctx.session) == "upper"
        self.overview: dict = {}
        self.job: Job | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 10, 14, 10)
        outer.setSpacing(8)
        self.title = QLabel(objectName="screenTitle")
        outer.addWidget(self.title)

        # The three panels side by side, or wrapped onto two lines where the window is narrow (a laptop at 125 %
        # display scaling): side by side they need 1,100 px.
        top_box = QWidget()
        top = FlowLayout(top_box, spacing=12, justify=True)
        outer.addWidget(top_box)

        # -- status (commune) or communes count (upper) ---------------------------------------------------------
        self.status_box = QGroupBox()
        sv = QVBoxLayout(self.status_box)
        self.unsent_label = QLabel(objectName="panelTitle", wordWrap=True)
        self.waiting_label = QLabel(objectName="muted", wordWrap=True)
        self.receipt_label = QLabel(wordWrap=True)
        self.revoked_label = QLabel(objectName="formErrors", wordWrap=True)  # red: nothing goes up until it is solved
        self.revoked_label.hide()
        self.held_label = QLabel(wordWrap=True)  # the last receipt's records not applied there, until the next one
        self.held_label.hide()
        sv.addWidget(self.unsent_label)
        sv.addWidget(self.waiting_label)
        sv.addWidget(self.receipt_label)
        sv.addWidget(self.held_label)
        sv.addWidget(self.revoked_label)
        # -- upper level: the folder the communes' bundles arrive in (a share, a synced folder) ---------------------
        self.inbox = InboxPanel(ctx, self.import_inbox, self.status_box) if self.upper else None
        if self.inbox is not None:
            sv.addWidget(self.inbox)
        actions = QHBoxLayout()
        self.usb_button = QPushButton(objectName="primary")
        self.folder_button = QPushButton()
        self.ack_import_button = QPushButton()
        self.import_button = QPushButton(objectName="primary")
        self.ack_export_button = QPushButton()
        for b in ((self.import_button, self.ack_export_button) if self.upper
                  else (self.usb_button, self.folder_button, self.ack_import_button)):
            b.setMinimumHeight(34)
            actions.addWidget(b)
        actions.addStretch(1)
        sv.addStretch(1)
        sv.addLayout(actions)
        top.addWidget(self.status_box)
        # -- commune: upload to the upper level's WebDAV folder (its own timer drains the queue) ------------------
        self.upload = None if self.upper else UploadPanel(ctx, self)
        if self.upload is not None:
            top.addWidget(self.upload)
            self.upload.changed.connect(lambda: self.ctx.notify_changed("sync"))

        # -- keys --------------------------------------------------------------------------------------------------
        self.keys_box = QGroupBox()
        kv = QVBoxLayout(self.keys_box)
        self.own_key_caption = QLabel(objectName="muted")
        self.own_key = QLabel(objectName="fingerprint")
        self.own_key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.peer_key = QLabel(wordWrap=True)
        self.peer_key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        kv.addWidget(self.own_key_caption)
        kv.addWidget(self.own_key)
        kv.addWidget(self.peer_key)
        # A commune whose key the upper level revoked (a stolen laptop): rare, so a quiet button of its own row,
        # which also keeps the panel narrow enough for the navigation's full labels.
        self.new_key_button = QPushButton(objectName="link")  # rare actions: links beside the everyday buttons
        # An escrow key (SYNC.md): a second installation each bundle is also encrypted to — set once, so quiet too.
        self.escrow_button = QPushButton(objectName="link")
        # Upper level: a commune's laptop stolen — its key revoked (the selected commune's).
        self.revoke_button = QPushButton(objectName="link")
        for b in (self.new_key_button, self.escrow_button, self.revoke_button):
            b.setCursor(Qt.CursorShape.PointingHandCursor)
        kn = QHBoxLayout()
        kn.addStretch(1)
        kn.addWidget(self.escrow_button)
        kn.addWidget(self.new_key_button)
        kn.addWidget(self.revoke_button)
        kb = QHBoxLayout()
        self.trust_button = QPushButton()
        self.export_key_button = QPushButton()
        kb.addWidget(self.trust_button)
        kb.addWidget(self.export_key_button)
        kb.addStretch(1)
        kv.addStretch(1)
        kv.addLayout(kn)
        kv.addLayout(kb)
        top.addWidget(self.keys_box)

        # -- tables ------------------------------------------------------------------------------------------------
        self.history_title = QLabel(objectName="panelSubtitle")
        self.sent_model = SentBundlesModel(self)
        self.communes_model = CommunesModel(self)
        self.results_model = ImportResultsModel(self)
        self.history = make_table(self.sent_model)
        self.communes = make_table(self.communes_model)
        self.results = make_table(self.results_model)
        self.empty = QLabel(objectName="emptyState", wordWrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if self.upper:
            split = QSplitter(Qt.Orientation.Vertical)
            upper_part = QWidget()
            uv = QVBoxLayout(upper_part)
            uv.setContentsMargins(0, 0, 0, 0)
            # Communes | conflicts | quarantined records, each a tab (counts in the tab titles).
            self.tabs = QTabWidget()
            communes_tab = QWidget()
            cv = QVBoxLayout(communes_tab)
            cv.setContentsMargins(0, 6, 0, 0)
            cv.addWidget(self.communes, 1)
            cv.addWidget(self.empty)
            self.conflicts_tab = ConflictsTab(ctx)
            self.quarantine_tab = QuarantineTab(ctx)
            self.tabs.addTab(communes_tab, "")
            self.tabs.addTab(self.conflicts_tab, "")
            self.tabs.addTab(self.quarantine_tab, "")
            self.conflicts_tab.resolved.connect(lambda r: self.ctx.notify_changed(r.get("entity") or "sync"))
            self.history_title.hide()
            uv.addWidget(self.tabs, 1)
            lower = QWidget()
            lv = QVBoxLayout(lower)
            lv.setContentsMargins(0, 0, 0, 0)
            row = QHBoxLayout()
            self.results_title = QLabel(objectName="panelSubtitle")
            self.progress = QProgressBar()
            self.progress.setMaximumWidth(260)
            self.stop_button = QPushButton()
            self.stop_button.setEnabled(False)
            row.addWidget(self.results_title)
            row.addStretch(1)
            row.addWidget(self.progress)
            row.addWidget(self.stop_button)
            lv.addLayout(row)
            lv.addWidget(self.results, 1)
            split.addWidget(upper_part)
            split.addWidget(lower)
            split.setSizes([440, 100])
            self.split = split
            outer.addWidget(split, 1)
            self.stop_button.clicked.connect(self.stop_import)
            self.communes.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        else:
            # The upper level's widgets exist (one code path for both levels) but are not part of this layout.
            self.results_title = QLabel(self)
            self.progress = QProgressBar(self)
            self.stop_button = QPushButton(self)
            for w in (self.communes, self.results, self.results_title, self.stop_button):
                w.setParent(self)
                w.hide()
            outer.addWidget(self.history_title)
            outer.addWidget(self.history, 1)
            outer.addWidget(self.empty)
        self.progress.setVisible(False)

        self.usb_button.clicked.connect(lambda: self.write_to_usb())
        self.folder_button.clicked.connect(lambda: self.save_to_folder())
        self.ack_import_button.clicked.connect(lambda: self.import_receipt())
        self.import_button.clicked.connect(lambda: self.import_bundles())
        self.ack_export_button.clicked.connect(lambda: self.export_receipt())
        self.trust_button.clicked.connect(lambda: self.trust_key())
        self.export_key_button.clicked.connect(lambda: self.export_key())
        self.new_key_button.clicked.connect(lambda: self.new_key())
        self.escrow_button.clicked.connect(lambda: self.trust_key(escrow=True))
        self.revoke_button.clicked.connect(lambda: self.revoke_key())
        ctx.records_changed.connect(lambda _e: self.reload())
        self.retranslate_ui()
        self.reload()

    # -- state -----------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        s = self.ctx.session
        with reported(self):
            self.overview = sync_overview.commune_overview(s)
            if self.upper:
                self.communes_model.set_rows(sync_review.communes(s))
            else:
                self.sent_model.set_rows(sync_overview.sent_bundles(s))
        if self.upper:
            self.conflicts_tab.reload()
            self.quarantine_tab.reload()
            self._tab_titles()
        else:
            self.upload.reload()
        self._show_state()

    def _show_state(self) -> None:
        o = self.overview
        fp = o.get("fingerprint")
        self.own_key.setText(fp or self.tr("No key yet (made on the first export by an administrator)"))
        # groups of four read aloud by phone line up in a fixed-width face; a sentence does not
        self.own_key.setStyleSheet("font-family: monospace; font-size: 13px;" if fp else "")
        if self.upper:
            n = self.communes_model.rowCount()
            self.unsent_label.setText(self.tr("Communes registered: {n}").format(n=fmt.number(n)))
            self.waiting_label.setText(self.tr(
                "Import the bundles the communes sent (.dvb files), then send each commune its receipt."))
            self.receipt_label.setText("")
            self.peer_key.setText(self.tr("Each commune's key is listed in the table below."))
            self.empty.setText(self.tr("No commune key registered yet — click Receive a commune's key… and "
                                       "compare the fingerprint with the commune by phone."))
            self.empty.setVisible(n == 0)
        else:
            if o.get("resend_all") and o.get("unsent"):
                self.unsent_label.setText(self.tr(
                    "The next bundle sends all {n} records again (the upper level's copy differs from this "
                    "unit's data): send it.").format(n=fmt.number(o["unsent"])))
            elif o.get("unsent"):
                self.unsent_label.setText(self.tr("Not sent yet: {n} records (since {date})").format(
                    n=fmt.number(o["unsent"]), date=local_date(o.get("unsent_since"), year=False)))
            elif o.get("reply_day_unsent"):
                self.unsent_label.setText(self.tr("The day replies to citizens are followed from has changed: send "
                                                  "a bundle so the upper level counts from it too."))
            else:
                self.unsent_label.setText(self.tr("Nothing left to send."))
            waiting = o.get("waiting", 0)
            self.waiting_label.setText(self.tr(
                "Sent, waiting for a receipt: {n} records (they go again with the next bundle)").format(
                n=fmt.number(waiting)) if waiting > 0 else "")
            if o.get("acknowledged_through"):
                self.receipt_label.setText(self.tr("The upper level has received up to {date}").format(
                    date=local_date(o["acknowledged_through"])))
            else:
                self.receipt_label.setText(self.tr("No receipt from the upper level yet."))
            self._show_held(o.get("held") or {})
            # From a receipt: nothing can go up until an administrator makes a new key.
            self.revoked_label.setText(self.tr(
                "The upper level has revoked this unit's key, so bundles cannot be sent. An administrator clicks "
                "Make a new key…, sends the new key file to the upper level and reads its fingerprint to them by "
                "phone.") if o.get("key_revoked") else "")
            self.revoked_label.setVisible(bool(o.get("key_revoked")))
            up = o.get("upper")
            if up:
                text = self.tr("Upper level's key: {unit}\n{fingerprint}").format(
                    unit=up["unit_name"], fingerprint=up["fingerprint"])
            else:
                text = self.tr(
                    "Upper level's key: not registered — get its key file (.dvkey), compare the fingerprint by "
                    "phone, then click Receive the upper level's key…")
            for e in o.get("escrow") or ():
                text += "\n" + self.tr("Escrow key (a copy of each bundle): {unit}\n{fingerprint}").format(
                    unit=e["unit_name"], fingerprint=e["fingerprint"])
            self.peer_key.setText(text)
            self.empty.setText(self.tr("No bundle written yet — plug in a USB drive and click Write to USB."))
            self.empty.setVisible(self.sent_model.rowCount() == 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        c, lang = self.ctx, self.ctx.lang
        demo = core_tr("sync.demo_no_export", lang) if self.overview.get("is_demo") else ""  # no query: see retranslate_ui
        busy = self.tr("A bundle import is running.") if self.job is not None else ""
        no_upper = "" if self.overview.get("upper") else self.tr(
            "Register the upper level's key first (Receive the upper level's key…).")
        revoked = core_tr("sync.own_key_revoked", lang) if self.overview.get("key_revoked") else ""
        if not gate(self.usb_button, c.denied_reason(roles.EXPORT), demo, no_upper, revoked) \
                and not self.upper and hasattr(self, "empty"):
            # The hint under an empty list must not tell the officer to click a button that is greyed out.
            self.empty.setText(self.usb_button.toolTip())
        usb_only = core_tr("sync.identity_usb_only", lang) if self.overview.get("sends_identity") else ""
        gate(self.folder_button, c.denied_reason(roles.EXPORT), demo, no_upper, revoked, usb_only)
        gate(self.ack_import_button, c.denied_reason(roles.IMPORT), no_upper)
        gate(self.export_key_button, c.denied_reason(roles.EXPORT), demo)
        gate(self.trust_button, c.denied_reason(roles.MANAGE_SETTINGS))
        admin_only = "" if c.session.role == "admin" else self.tr("Only an administrator makes new keys.")
        gate(self.new_key_button, c.denied_reason(roles.MANAGE_SETTINGS), admin_only, demo)
        self.new_key_button.setVisible(not self.upper)
        gate(self.escrow_button, c.denied_reason(roles.MANAGE_SETTINGS))
        self.escrow_button.setVisible(not self.upper)
        gate(self.revoke_button, c.denied_reason(roles.MANAGE_SETTINGS),
                   "" if self.selected_commune() else self.tr("Select a commune in the table first."))
        self.revoke_button.setVisible(self.upper)
        gate(self.import_button, c.denied_reason(roles.IMPORT), busy)
        gate(self.ack_export_button, c.denied_reason(roles.IMPORT), busy,
                   "" if self.selected_commune() else self.tr("Select a commune in the table first."))
        if self.upload is not None:
            self.upload._update_buttons()
        if self.inbox is not None:
            self.inbox.busy = self.job is not None
            self.inbox.update_buttons()

    def selected_commune(self) -> dict | None:
        rows = self.communes.selectionModel().selectedRows()
        return self.communes_model.row(rows[0].row()) if rows else None

    # -- language ----------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        # Only what reload() fetched is used here: a language switch must not need the database.
        self.title.setText(self.tr("Sync with the upper level") if not self.upper
                           else self.tr("Sync with the communes"))
        self.status_box.setTitle(self.tr("Sending") if not self.upper else self.tr("Receiving"))
        self.keys_box.setTitle(self.tr("Keys"))
        self.own_key_caption.setText(self.tr("This unit's key fingerprint (read it out when the other unit "
                                             "registers it):"))
        self.usb_button.setText(self.tr("Write to USB"))
        self.folder_button.setText(self.tr("Save to folder…"))
        self.ack_import_button.setText(self.tr("Import receipt…"))
        self.import_button.setText(self.tr("Import bundles…"))
        self.ack_export_button.setText(self.tr("Export receipt…"))
        self.trust_button.setText(self.tr("Receive a commune's key…") if self.upper
                                  else self.tr("Receive the upper level's key…"))
        self.export_key_button.setText(self.tr("Export this unit's key…"))
        self.new_key_button.setText(self.tr("Make a new key…"))
        self.escrow_button.setText(self.tr("Add an escrow key…"))
        self.revoke_button.setText(self.tr("Revoke the selected commune's key…"))
        self.history_title.setText(self.tr("Communes") if self.upper else self.tr("Bundles sent"))
        self._title_results()
        self.stop_button.setText(self.tr("Stop"))
        for m in (self.sent_model, self.communes_model, self.results_model):
            m.retranslate()
        self._tab_titles()
        self._show_state()

    def _tab_titles(self) -> None:
        if not self.upper:
            return
        n_c, n_q = self.conflicts_tab.model.rowCount(), self.quarantine_tab.model.rowCount()
        silent = sum(1 for r in self.communes_model.rows() if r.get("silent"))
        self.tabs.setTabText(0, self.tr("Communes ({n})").format(n=fmt.number(self.communes_model.rowCount()))
                             + (self.tr(" · {n} silent").format(n=fmt.number(silent)) if silent else ""))
        self.tabs.setTabText(1, self.tr("Conflicts to review ({n})").format(n=fmt.number(n_c)))
        self.tabs.setTabText(2, self.tr("Records set aside ({n})").format(n=fmt.number(n_q)))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- asking ------------------------------------------------------------------------------------------------
    def ask_password(self) -> str | None:
        """The acting user's own password (it opens the sealed keys); None when cancelled."""
        text, ok = QInputDialog.getText(
            self, self.tr("Password"),
            self.tr("Your password ({user}) — it unlocks this unit's sync keys:").format(
                user=self.ctx.session.user_name), QLineEdit.EchoMode.Password)
        return text if ok and text else None

    def _held_lines(self, items: list, limit: int) -> str:
        """A receipt's records not applied there, one "• title: reason" line each (at most `limit`)."""
        lines = []
        for q in items[:limit]:
            line = f"\n• {q.get('title') or q.get('id') or '?'}: {sync_review.reason_text(q.get('reason'), self.ctx.lang)}"
            if q.get("edited"):
                line += " — " + self.tr("corrected here, goes with the next bundle")
            lines.append(line)
        return "".join(lines) + ("\n• …" if len(items) > limit else "")

    def _show_held(self, held: dict) -> None:
        """The last receipt's records the upper level did not apply: to correct (amber) or under review there."""
        bad, review = held.get("quarantined") or [], held.get("in_review") or []
        parts = []
        if bad:
            parts.append(self.tr("The last receipt: {n} records set aside there as not valid — correct them and "
                                 "save:").format(n=fmt.number(len(bad))) + self._held_lines(bad, 5))
        if review:
            parts.append(self.tr("The last receipt: {n} records under review there (they differ from its "
                                 "copy):").format(n=fmt.number(len(review))) + self._held_lines(review, 5))
        self.held_label.setText("\n".join(parts))
        pending = any(not q.get("edited") for q in bad)
        self.held_label.setStyleSheet(f"color: {WARNING};" if pending else "")
        self.held_label.setVisible(bool(parts))

    def _done(self, text: str) -> None:
        QMessageBox.information(self, self.tr("Sync"), text)

    # -- commune: sending ------------------------------------------------------------------------------------
    def _export(self, fn, *args) -> dict | None:
        password = self.ask_password()
        if password is None:
            return None
        res = None
        with reported(self):
            res = run_with_progress(self, self.tr("Writing the bundle…"), in_own_session, self.ctx.session, fn,
                                    *args, password=password)
        self.reload()
        if res is not None:
            self.ctx.notify_changed("sync")  # the navigation's unsent mark
            if res.get("file") is None:
                self._done(self.tr("There is nothing to send: the upper level has received every change."))
            else:
                self._done(self.tr("Wrote {n} records to {file}.").format(n=fmt.number(res["records"]),
                                                                         file=res["file"]))
        return res

    def save_to_folder(self, folder: str | None = None) -> dict | None:
        if not self.folder_button.isEnabled():
            return None
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Save the bundle to folder"), str(Path.home()))
        if not folder:
            return None
        return self._export(sync_export.export_bundle, folder)

    def drives(self) -> list:
        return list_removable_drives()

    def write_to_usb(self, drive: str | None = None) -> dict | None:
        if not self.usb_button.isEnabled():
            return None
        if drive is None:
            found = self.drives()
            if not found:
                QMessageBox.information(self, self.tr("Write to USB"), self.tr(
                    "No USB drive found. Plug one in and try again, or use Save to folder…"))
                return None
            usable = [d for d in found if not d.read_only]
            if not usable:
                QMessageBox.information(self, self.tr("Write to USB"), self.tr(
                    "The USB drive is write-protected. Unlock it (the switch on its side) or use another one."))
                return None
            if len(usable) == 1:
                drive = str(usable[0].path)
            else:
                names = [d.display_name for d in usable]
                name, ok = QInputDialog.getItem(self, self.tr("Write to USB"), self.tr("Drive:"), names, 0, False)
                if not ok:
                    return None
                drive = str(usable[names.index(name)].path)
        return self._export(sync_overview.export_to_drive, drive)

    def import_receipt(self, path: str | None = None) -> dict | None:
        if not self.ack_import_button.isEnabled():
            return None
        if path is None:
            path, _f = QFileDialog.getOpenFileName(self, self.tr("Import receipt"), str(Path.home()),
                                                   self.tr("Sổ Dân Vận receipt (*.dvack)"))
        if not path:
            return None
        res = None
        with reported(self):
            res = sync_ack.import_ack(self.ctx.session, path)
        self.reload()
        if res is not None:
            self.ctx.notify_changed("sync")  # the status bar's unsent count (a full re-send may now be due)
        if res is not None:
            text = self.tr("Receipt taken: the upper level has received up to {date}.").format(
                date=local_date(self.overview.get("acknowledged_through")))
            if res.get("quarantined"):
                text += " " + self.tr("{n} records were set aside there as not valid: check and correct them.").format(
                    n=fmt.number(len(res["quarantined"]))) + self._held_lines(res["quarantined"], 8)
            if res.get("in_review"):
                text += "\n" + self.tr("{n} records are under review at the upper level: they differ from its copy, "
                                        "and it decides which to keep.").format(n=fmt.number(len(res["in_review"])))
                text += self._held_lines(res["in_review"], 8)
            if res.get("gaps"):
                text += " " + self.tr("The upper level is missing changes {ranges} (a lost bundle): send a new "
                                      "bundle soon, it carries them again.").format(
                    ranges=", ".join(f"{a}–{b}" for a, b in res["gaps"]))
            text += "".join("\n" + note for note in sync_ack.receipt_notes(res, self.ctx.lang))
            if res.get("key_revoked"):
                text += " " + core_tr("sync.own_key_revoked", self.ctx.lang)
            self._done(text)
        return res

    # -- keys ----------------------------------------------------------------------------------------------------
    def trust_key(self, path: str | None = None, *, escrow: bool = False) -> dict | None:
        """Register a key file: the upper level's (a commune), a commune's (the upper level), or with `escrow` an
        escrow installation's (a commune: each bundle is also encrypted to it; its receipts are not taken)."""
        if not (self.escrow_button if escrow else self.trust_button).isEnabled():
            return None
        if path is None:
            path, _f = QFileDialog.getOpenFileName(
                self, self.tr("Receive an escrow key file") if escrow else self.tr("Receive a key file"),
                str(Path.home()), self.tr("Sổ Dân Vận key file (*.dvkey)"))
        if not path:
            return None
        try:
            identity = read_keyfile(Path(path).read_bytes())
        except Exception as exc:  # noqa: BLE001 — a refusal sentence (or a read error) for the officer
            from app.sync.keyfile import KeyfileRejected

            show_error(self, exc if not isinstance(exc, OSError) else KeyfileRejected("not_a_keyfile"))
            return None
        warning = self.tr(
            "As an escrow key, every bundle from now on is also encrypted for {unit}, which keeps a copy in case the "
            "upper level's computer is lost. Its receipts are not taken: only the upper level's are.").format(
            unit=identity.unit_name) if escrow else sync_keys.trust_warning(self.ctx.session, identity)
        answer = QMessageBox.question(self, self.tr("Register key"), self.tr(
            "Key of {unit}.\nFingerprint: {fingerprint}\n\nCompare it with the fingerprint the unit reads to you "
            "by phone. Register this key only if they are the same.").format(
            unit=identity.unit_name, fingerprint=identity.fingerprint) + ("\n\n" + warning if warning else ""))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        res = None
        with reported(self):
            res = sync_keys.trust(self.ctx.session, path, escrow=escrow)
        self.reload()
        if res is not None:
            self.ctx.notify_changed("sync")
        return res

    def export_key(self, path: str | None = None) -> dict | None:
        if not self.export_key_button.isEnabled():
            return None
        if path is None:
            suggested = str(Path.home() / f"{self.overview.get('unit_code') or 'donvi'}.dvkey")
            path, _f = QFileDialog.getSaveFileName(self, self.tr("Export this unit's key"), suggested,
                                                   self.tr("Sổ Dân Vận key file (*.dvkey)"))
        if not path:
            return None
        if not path.lower().endswith(".dvkey"):
            path += ".dvkey"
        password = self.ask_password()
        if password is None:
            return None
        res = None
        with reported(self):
            res = run_with_progress(self, self.tr("Writing the key file…"), in_own_session, self.ctx.session,
                                    sync_keys.export_keyfile, path, password=password)
        self.reload()
        if res is not None:
            self._done(self.tr("Key file written to {file}. Send it to the other unit and read them this "
                               "fingerprint by phone: {fingerprint}").format(file=res["file"],
                                                                             fingerprint=res["fingerprint"]))
        return res

    def new_key(self) -> dict | None:
        """A new key pair after the upper level revoked the old one (sync_keys.new_keys), asked first."""
        if not self.new_key_button.isEnabled():
            return None
        from ui.confirm import confirm

        if not confirm(self, self.tr("Make a new key"), self.tr(
                "Make a new key only when the upper level has revoked this unit's key (a lost or stolen laptop). "
                "The upper level must then register the new key file before it accepts bundles again, and other "
                "accounts must be given sync access again."), self.tr("Make a new key")):
            return None
        password = self.ask_password()
        if password is None:
            return None
        res = None
        with reported(self):
            res = sync_keys.new_keys(self.ctx.session, password)
        self.reload()
        if res is not None:
            self._done(self.tr("New key made. Fingerprint: {fingerprint}\n\nExport the key file (Export this "
                               "unit's key…) for the upper level and read them the fingerprint by phone.").format(
                fingerprint=res["fingerprint"]))
        return res

    # -- upper level: receiving ----------------------------------------------------------------------------------
    def import_bundles(self, paths: list[str] | None = None) -> Job | None:
        """Import the chosen .dvb files in the background; `imported` is emitted with the per-file results."""
        if not self.import_button.isEnabled():
            return None
        if paths is None:
            paths, _f = QFileDialog.getOpenFileNames(self, self.tr("Import bundles"), str(Path.home()),
                                                     self.tr("Sổ Dân Vận bundle (*.dvb)"))
        if not paths:
            return None
        password = self.ask_password()
        if password is None:
            return None
        return self._run_import(Job(in_own_session_reporting, self.ctx.session, sync_overview.import_files,
                                    list(paths), password=password), len(paths))

    def import_inbox(self) -> Job | None:
        """Import the bundles that have arrived in the inbox folder (then moved to the archive there)."""
        if self.inbox is None or not self.inbox.import_button.isEnabled():
            return None
        password = self.ask_password()
        if password is None:
            return None
        job = Job(in_own_session_reporting, self.ctx.session, sync_inbox.import_waiting, password=password)
        job.succeeded.connect(self.inbox.imported)
        return self._run_import(job, len(self.inbox.state.get("ready") or ()))

    def _run_import(self, job: Job, total: int) -> Job:
        """Start an import of bundles: the progress bar and Stop, then the result list."""
        self.results_model.set_rows([])
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.stop_button.setEnabled(True)
        self.job = job

        def progressed(done: int, of: int) -> None:
            self.progress.setRange(0, max(of, 1))  # the folder's count may have grown since it was shown
            self.progress.setValue(done)

        job.progressed.connect(progressed)
        job.succeeded.connect(self._imported)
        job.failed.connect(lambda exc: show_error(self, exc))
        job.ended.connect(self._import_ended)
        self._update_buttons()
        job.start()
        return job

    def stop_import(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.stop_button.setEnabled(False)

    def _title_results(self) -> None:
        rows = self.results_model.rows()
        if not rows:
            self.results_title.setText(self.tr("Result of the last import"))
            return
        count = {k: sum(1 for r in rows if r.get("status") == k) for k in ("imported", "duplicate", "rejected")}
        self.results_title.setText(self.tr(
            "Result of the last import: {n} files — {imported} imported, {duplicate} imported before, "
            "{rejected} refused").format(n=fmt.number(len(rows)), **{k: fmt.number(v) for k, v in count.items()}))

    def _make_room_for_results(self) -> None:
        """After an import, the result list shows its rows (up to eight) instead of one and a half."""
        split = getattr(self, "split", None)
        if split is None:
            return
        total = sum(split.sizes())
        shown = min(max(self.results_model.rowCount(), 1), 8)
        want = (self.results.horizontalHeader().sizeHint().height() + shown
                * self.results.verticalHeader().defaultSectionSize() + self.stop_button.sizeHint().height() + 16)
        want = min(want, total // 2)
        split.setSizes([total - want, want])

    def _imported(self, result: dict) -> None:
        self.results_model.set_rows(result["bundles"])
        self._title_results()
        self._make_room_for_results()
        self._bring_results_into_view()
        for entity in RECORD_TYPES:
            self.ctx.notify_changed(entity)  # the lists of records show what came in
        self.imported.emit(result)

    def _bring_results_into_view(self) -> None:
        """On a short screen (a laptop at 125 %) this screen is taller than the window and scrolls: the result of
        an import is what the officer waits for, so it is scrolled into view."""
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:
            area.ensureWidgetVisible(self.results, 0, 0)

    def _import_ended(self) -> None:
        self.job = None
        self.progress.setVisible(False)
        self.stop_button.setEnabled(False)
        self.reload()

    def export_receipt(self, path: str | None = None, commune: dict | None = None) -> dict | None:
        """A receipt for the selected commune (or `commune`: one whose key was just revoked, no longer listed)."""
        if commune is None:
            commune = self.selected_commune()
            if not self.ack_export_button.isEnabled() or commune is None:
                return None
        if path is None:
            suggested = str(Path.home() / f"bien-nhan-{commune['unit_code']}.dvack")
            path, _f = QFileDialog.getSaveFileName(self, self.tr("Export receipt"), suggested,
                                                   self.tr("Sổ Dân Vận receipt (*.dvack)"))
        if not path:
            return None
        if not path.lower().endswith(".dvack"):
            path += ".dvack"
        password = self.ask_password()
        if password is None:
            return None
        res = None
        with reported(self):
            res = run_with_progress(self, self.tr("Writing the receipt…"), in_own_session, self.ctx.session,
                                    sync_ack.export_ack, commune["unit_code"], path, password=password)
        self.reload()  # the registry's "last receipt"
        if res is not None:
            self._done(self.tr("Receipt for {unit} written to {file}. Send it back to the commune.").format(
                unit=commune["unit_name"], file=res["file"]))
        return res

    def revoke_key(self, path: str | None = None) -> dict | None:
        """Upper level, admins: revoke the selected commune's key (a stolen or lost laptop, SYNC.md "Keys change
        hands") — that key only; then offer its receipt at once, which is how the commune's computer learns it
        (the commune leaves the table once revoked). `path`: where to write that receipt (tests)."""
        commune = self.selected_commune()
        if not self.revoke_button.isEnabled() or commune is None:
            return None
        from ui.confirm import confirm

        if not confirm(self, self.tr("Revoke key"), self.tr(
                "Revoke the key of {unit}?\nFingerprint: {fingerprint}").format(
                unit=commune["unit_name"], fingerprint=commune["fingerprint"]), self.tr("Revoke"),
                informative=self.tr(
                    "Do this when the commune's computer was stolen or lost. From now on bundles signed with this "
                    "key are refused and the same key file cannot be registered again; the commune makes a new key "
                    "(Sync → Make a new key…) and sends its key file, which you register after comparing the "
                    "fingerprint by phone."), destructive=True):
            return None
        res = None
        with reported(self):
            res = sync_keys.revoke(self.ctx.session, commune["unit_code"], commune["fingerprint"])
        self.reload()
        if res is None:
            return None
        self.ctx.notify_changed("sync")
        if QMessageBox.question(self, self.tr("Revoke key"), self.tr(
                "The key of {unit} is revoked. Write a receipt for the commune now? Its computer learns of the "
                "revocation from it.").format(unit=commune["unit_name"])) == QMessageBox.StandardButton.Yes:
            self.export_receipt(path, commune=commune)
        return res

