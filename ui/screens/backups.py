"""Backups in the GUI: the "Sao lưu" tab of Quản trị, the automatic backups while the program runs, and the
start-up check of the data file.

- `BackupsTab`: the backups beside the data file (when made, why, size, records, the result of SQLite's check —
  read in the background), "Sao lưu ngay", "Sao lưu ra…", the second folder (a USB drive), and restore with a
  confirmation that says what is replaced and that the current data is backed up first.
- `AutoBackup`: installed on the main window by `ui.application.run` — a backup on close, and the day's
  backup at the first open of the day or, if the program stays open past midnight, from a timer.
- `check_data_file`: before the log-in, SQLite's quick check of the data file (read-only). A damaged file is
  never written; the officer is offered the newest good backup (the damaged file is kept beside it) or quits.

The work is `app.services.backup_schedule`; here only widgets, jobs and dialogs.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (QFileDialog, QFormLayout, QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton,
                               QVBoxLayout, QWidget)

from app.domain import roles
from app.i18n import tr as core_tr
from app.services import backup_schedule as schedule
from app.services import backups, unit_settings
from ui import format as fmt
from ui.confirm import confirm
from ui.errors import reported, show_error
from ui.jobs import Job, in_own_session_reporting
from ui.models.admin_tables import ListTableModel, file_size
from ui.models.record_table import Column
from ui.style import OVERDUE, WARNING
from ui.widgets.gate import deny
from ui.widgets.progress import run_with_progress
from ui.widgets.tables import make_table

log = logging.getLogger(__name__)

BACKUP_REMINDER_DAYS = 7  # older than this, the last backup is shown in amber
DAILY_CHECK_MS = 30 * 60 * 1000  # how often an open program looks whether the day's backup is due
FIRST_CHECK_MS = 5000  # the first look, once the main window has settled
GOOD = "#2e7d32"

_inspected: dict[tuple[str, int, str], dict] = {}  # (file, size, modified) -> inspect(); a file checked once


def _look_at_folder(folder: Path, stem: str, progress=None, cancel=None) -> dict:
    """The second folder's state, on a worker; a failure is the folder not reachable (the answer always names
    its folder, so the tab knows which look ended)."""
    try:
        return schedule.folder_state(folder, stem)
    except Exception:  # noqa: BLE001 — shown as "not found now"; the log keeps why
        log.warning("could not look at the second backup folder", exc_info=True)
        return {"folder": str(folder), "reachable": False, "last_copy": None}


def _inspect_all(rows: list[dict], progress=None, cancel=None) -> dict[str, dict]:
    out = {}
    for i, r in enumerate(rows):
        if cancel is not None and cancel.is_set():
            break
        out[r["file"]] = schedule.inspect(r["file"])
        if progress is not None:
            progress(i + 1, len(rows))
    return out


def kind_label(kind: str) -> str:
    return {
        schedule.AUTO: QCoreApplication.translate("BackupsModel", "Automatic"),
        schedule.MANUAL: QCoreApplication.translate("BackupsModel", "Made by hand"),
        schedule.BEFORE_RESTORE: QCoreApplication.translate("BackupsModel", "Automatic, before a restore"),
        schedule.BEFORE_MIGRATION: QCoreApplication.translate("BackupsModel", "Automatic, before an upgrade"),
        schedule.BEFORE_BUNDLES: QCoreApplication.translate("BackupsModel", "Automatic, before importing bundles"),
    }.get(kind, kind)


def check_label(row: dict) -> str:
    check = row.get("check")
    if check is None:
        return QCoreApplication.translate("BackupsModel", "Checking…")
    if check == "ok":
        return QCoreApplication.translate("BackupsModel", "Good")
    return QCoreApplication.translate("BackupsModel", "Damaged — do not use")


def check_color(row: dict):
    check = row.get("check")
    if check is None:
        return None
    return QColor(GOOD) if check == "ok" else QColor(OVERDUE)


class BackupsModel(ListTableModel):
    """The backups in the folder; "records" and "check" arrive from a background check (None until then)."""

    def __init__(self, parent=None):
        super().__init__([
            Column("made", lambda: QCoreApplication.translate("BackupsModel", "Made at"),
                   lambda r: fmt.dt(r["made"]), width=140),
            Column("kind", lambda: QCoreApplication.translate("BackupsModel", "Kind"),
                   lambda r: kind_label(r["kind"]), width=230),
            Column("size", lambda: QCoreApplication.translate("BackupsModel", "Size"),
                   lambda r: file_size(r["size"]), align_right=True, width=95),
            Column("records", lambda: QCoreApplication.translate("BackupsModel", "Records"),
                   lambda r: "" if r.get("records") is None else fmt.number(r["records"]), align_right=True,
                   width=80),
            Column("check", lambda: QCoreApplication.translate("BackupsModel", "Check"), check_label,
                   foreground=check_color, tooltip=lambda r: "" if r.get("check") in (None, "ok") else r["check"],
                   width=150),
            Column("name", lambda: QCoreApplication.translate("BackupsModel", "File"), lambda r: r["name"],
                   tooltip=lambda r: r["file"], width=300),
        ], parent)

    def set_inspected(self, results: dict[str, dict]) -> None:
        """Fill in records and check results for the rows still listed."""
        for i, r in enumerate(self._rows):
            info = results.get(r["file"])
            if info is not None:
                r.update(check=info["check"], records=info["records"])
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))


def _key(row: dict) -> tuple[str, int, str]:
    return row["file"], row["size"], row["modified"]


# ---------------------------------------------------------------------------------------------------------------
# The tab
# ---------------------------------------------------------------------------------------------------------------

class BackupsTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._job: Job | None = None
        self._pending: dict[str, tuple] = {}
        # The looks at second folders under way, by folder — kept when the folder is switched off or changed: a
        # share that never answers holds one worker of the (small) thread pool, not one per switch.
        self._second_looks: dict[str, Job] = {}
        self._second_looked_at: Path | None = None  # the folder the line is about now
        self._second_again = False  # something changed while the look was under way: look once more after it
        v = QVBoxLayout(self)
        form = QFormLayout()
        self.last_label, self.last_value = QLabel(), QLabel(wordWrap=True)
        self.auto_label, self.auto_value = QLabel(), QLabel(wordWrap=True)
        self.folder_label, self.folder_value = QLabel(), QLabel()
        self.second_label, self.second_value = QLabel(), QLabel(wordWrap=True)
        self.data_label, self.data_value = QLabel(), QLabel(wordWrap=True)
        for w in (self.folder_value, self.data_value, self.second_value):
            w.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.last_label, self.last_value)
        form.addRow(self.auto_label, self.auto_value)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_value)
        self.open_folder = QPushButton()
        folder_row.addWidget(self.open_folder)
        folder_row.addStretch(1)
        form.addRow(self.folder_label, folder_row)
        # In a widget of its own, not a bare layout: the form then gives the row the height its wrapped text
        # needs (a two-line "not found" sentence was cut in half).
        second_box = QWidget()
        second_row = QHBoxLayout(second_box)
        second_row.setContentsMargins(0, 0, 0, 0)
        second_row.addWidget(self.second_value, 1)
        self.second_choose = QPushButton()
        self.second_off = QPushButton()
        second_row.addWidget(self.second_choose, 0, Qt.AlignmentFlag.AlignTop)
        second_row.addWidget(self.second_off, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.second_label, second_box)
        form.addRow(self.data_label, self.data_value)
        v.addLayout(form)

        bar = QHBoxLayout()
        self.backup_button = QPushButton(objectName="primary")
        self.backup_to_button = QPushButton()
        bar.addWidget(self.backup_button)
        bar.addWidget(self.backup_to_button)
        bar.addStretch(1)
        v.addLayout(bar)

        self.list_title = QLabel()
        self.list_title.setStyleSheet("font-weight: 600;")
        v.addWidget(self.list_title)
        self.model = BackupsModel(self)
        self.table = make_table(self.model)
        v.addWidget(self.table, 1)

        line = QFrame(frameShape=QFrame.Shape.HLine)
        line.setStyleSheet("color: #d0d4d9;")
        v.addWidget(line)
        self.restore_note = QLabel(objectName="muted", wordWrap=True)
        v.addWidget(self.restore_note)
        restore_bar = QHBoxLayout()
        self.restore_button = QPushButton()
        self.restore_file_button = QPushButton()
        restore_bar.addWidget(self.restore_button)
        restore_bar.addWidget(self.restore_file_button)
        restore_bar.addStretch(1)
        v.addLayout(restore_bar)

        self.may_backup = deny(self.backup_button, self.ctx, roles.BACKUP)
        deny(self.backup_to_button, self.ctx, roles.BACKUP)
        self.may_restore = deny(self.restore_button, self.ctx, roles.RESTORE)
        deny(self.restore_file_button, self.ctx, roles.RESTORE)
        self.may_set = deny(self.second_choose, self.ctx, roles.MANAGE_SETTINGS)
        deny(self.second_off, self.ctx, roles.MANAGE_SETTINGS)
        self.backup_button.clicked.connect(lambda: self.backup_now())
        self.backup_to_button.clicked.connect(self.backup_elsewhere)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.open_folder.clicked.connect(self._open_folder)
        self.second_choose.clicked.connect(self.choose_second_folder)
        self.second_off.clicked.connect(lambda: self.set_second_folder(""))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.retranslate_ui()
        self.reload()


    def retranslate_ui(self) -> None:
        """Called by the administration screen, which holds this tab, on a language change."""
        self.last_label.setText(self.tr("Last backup"))
        self.auto_label.setText(self.tr("Automatic backups"))
        self.folder_label.setText(self.tr("Backups folder"))
        self.second_label.setText(self.tr("Second copy"))
        self.second_choose.setText(self.tr("Choose folder…"))
        self.second_off.setText(self.tr("Turn off"))
        if self.may_set:
            self.second_choose.setToolTip(self.tr(
                "A USB drive or another disk: each backup is copied there too, and read back before it counts."))
        self.data_label.setText(self.tr("Data file"))
        self.open_folder.setText(self.tr("Open folder"))
        self.backup_button.setText(self.tr("Back up now"))
        self.backup_to_button.setText(self.tr("Back up to…"))
        self.backup_to_button.setToolTip(self.ctx.denied_reason(roles.BACKUP) or self.tr(
            "A copy on a USB stick or another computer survives a broken disk; the backups folder does not."))
        self.list_title.setText(self.tr("Backups in the folder"))
        self.restore_button.setText(self.tr("Restore the selected backup…"))
        self.restore_file_button.setText(self.tr("Restore from a file…"))
        self.restore_note.setText(self.tr("Restoring replaces all current data; the current data is saved as a "
                                          "backup first. The program must be opened again afterwards."))
        self.model.retranslate()
        self._show_summary()
        self._update_buttons()

    # -- the list ------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        rows = []
        with reported(self):
            self.ctx.session.require(roles.READ)
            rows = schedule.list_backups_in(self.folder())
        for r in rows:
            known = _inspected.get(_key(r))
            r.update(check=known["check"] if known else None, records=known["records"] if known else None)
        self.model.set_rows(rows)
        self._show_summary()
        self._update_buttons()
        self._inspect([r for r in rows if r["check"] is None])

    def _inspect(self, rows: list[dict]) -> None:
        """Check the backups not checked yet, in the background (a full check reads each whole file)."""
        if not rows:
            return
        if self._job is not None:
            self._job.cancel()
        self._pending = {r["file"]: _key(r) for r in rows}
        # Slots are methods of this widget, so Qt drops the connections if the tab is gone before the job ends.
        job = self._job = Job(_inspect_all, rows)
        job.succeeded.connect(self._inspected)
        job.ended.connect(self._inspection_ended)
        job.start()

    def _inspected(self, results: dict) -> None:
        for f, info in results.items():
            if f in self._pending:
                _inspected[self._pending[f]] = info
        self.model.set_inspected(results)

    def _inspection_ended(self) -> None:
        if self._job is not None and self._job.cancelled:
            return  # a newer check replaced it
        self._job = None

    def inspection_running(self) -> bool:
        return self._job is not None

    def folder(self) -> Path:
        from app.paths import backups_dir_for

        return backups_dir_for(self.ctx.session.path)

    def _show_summary(self) -> None:
        self.folder_value.setText(str(self.folder()))
        self.data_value.setText(str(self.ctx.session.path))
        self._show_schedule()
        self._look_at_second_folder()
        rows = self.model.rows()
        # the newest everyday backup; else the newest of any kind (the copy made before importing bundles, or
        # before an upgrade, is a whole copy too — "no backup yet" beside a list of them contradicted it)
        last = next((b for b in rows if b["kind"] in (schedule.AUTO, schedule.MANUAL)), rows[0] if rows else None)
        if last is None:
            # who cannot back up is told whom to ask, not to press a button that is off for them
            self.last_value.setText(self.tr("No backup yet — back up now, and then at least once a week.")
                                    if self.may_backup else
                                    self.tr("No backup yet — ask an officer or the administrator to back up now."))
            self.last_value.setStyleSheet(f"color: {WARNING};")
            return
        text = self.tr("{when} ({file})").format(when=fmt.dt(last["made"]), file=last["name"])
        old = self.ctx.session.clock.now() - datetime.fromisoformat(last["made"]) > timedelta(days=BACKUP_REMINDER_DAYS)
        if old:
            text += " — " + (self.tr("more than a week ago; back up now.") if self.may_backup else
                             self.tr("more than a week ago; ask an officer or the administrator to back up."))
        self.last_value.setText(text)
        self.last_value.setStyleSheet(f"color: {WARNING};" if old else "")

    def _look_at_second_folder(self) -> None:
        """The second folder's line. The folder is looked at by a background job: a network share that does not
        answer must not hold the window (the setting itself is read here, at once)."""
        folder = schedule.copy_folder(self.ctx.session)
        self.second_off.setEnabled(self.may_set and folder is not None)
        self._second_looked_at = folder  # an answer about another folder (one switched off) is not shown
        if folder is None:
            self._show_second_folder(None)
            return
        self.second_value.setText(self.tr("{folder} — looking at the folder…").format(folder=folder))
        self.second_value.setStyleSheet("")
        if str(folder) in self._second_looks:
            # Looked at again once the look under way answers (it may have begun before what changed now),
            # even if the folder was switched off and on meanwhile: never a second worker on one folder.
            self._second_again = True
            return
        self._start_look(folder)

    def _start_look(self, folder: Path) -> None:
        self._second_again = False
        job = self._second_looks[str(folder)] = Job(_look_at_folder, folder, Path(self.ctx.session.path).stem)
        # a method, not a lambda: Qt drops it if the tab is gone before the look ends
        job.succeeded.connect(self._second_folder_seen)
        job.start()

    def _second_folder_seen(self, state: dict) -> None:
        # The answer may come late — after the folder was changed or switched off, or when the program is closing
        # and its session already closed — so it is judged by what this tab asked for, without the database.
        self._second_looks.pop(state["folder"], None)
        if self._second_looked_at is None or state["folder"] != str(self._second_looked_at):
            return  # for a folder no longer set; the look at the new one (if any) answers for it
        if self._second_again:
            self._start_look(self._second_looked_at)  # something changed while the look was under way
            return
        self._show_second_folder(state)

    def second_folder_looking(self) -> bool:
        return self._second_looked_at is not None and str(self._second_looked_at) in self._second_looks

    def _show_second_folder(self, second: dict | None) -> None:
        if second is None:
            self.second_value.setText(self.tr(
                "None — choose a USB drive or another disk to keep a copy of every backup away from this one."))
            self.second_value.setStyleSheet("")
        elif not second["reachable"]:
            self.second_value.setText(self.tr("{folder} — not found now (a USB drive not plugged in?): plug it in "
                                              "before the next backup, or no copy is made there.").format(
                folder=second["folder"]))
            self.second_value.setStyleSheet(f"color: {WARNING};")
        else:
            last = (self.tr("last copy there {when}").format(when=fmt.dt(second["last_copy"])) if second["last_copy"]
                    else self.tr("no copy there yet — the next backup makes one"))
            self.second_value.setText(f"{second['folder']} ({last})")
            self.second_value.setStyleSheet("")

    def _show_schedule(self) -> None:
        """When the automatic backups run, and whether today's was made."""
        text = self.tr("When the program closes and once a day. The newest of each of the last 7 days and of each "
                       "of the last 4 weeks are kept; backups made by hand are never removed.")
        made = schedule.automatic_state(self.ctx.session)["made_today"]
        if made:
            text += "\n" + self.tr("Today's was made at {time}; the next one when the program closes.").format(
                time=fmt.hm(made))
        else:
            text += "\n" + self.tr("Today's has not been made yet: it is made shortly after the program starts "
                                    "(within half an hour if it was left open overnight), and again when it closes.")
        self.auto_value.setText(text)

    def selected_backup(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        if self.may_restore:
            self.restore_button.setEnabled(self.selected_backup() is not None)

    def _open_folder(self) -> None:
        folder = self.folder()
        with reported(self):
            folder.mkdir(parents=True, exist_ok=True)  # before the first backup it does not exist yet
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- the second folder ----------------------------------------------------------------------------------------
    def choose_second_folder(self) -> str | None:
        if not self.may_set:
            return None
        current = schedule.copy_folder(self.ctx.session)
        path = QFileDialog.getExistingDirectory(self, self.tr("Second folder for backups"),
                                                str(current or Path.home()))
        if not path:
            return None
        return self.set_second_folder(path)

    def set_second_folder(self, path: str) -> str | None:
        if not self.may_set:
            return None
        with reported(self):
            unit_settings.set_setting(self.ctx.session, schedule.COPY_FOLDER_SETTING, path)
            self._show_summary()
            return path
        return None

    # -- backing up ------------------------------------------------------------------------------------------------
    def backup_now(self, out: str | None = None) -> dict | None:
        """"Sao lưu ngay" (into the backups folder, also copied to the second folder), or to the file `out`."""
        if not self.may_backup:
            return None
        res = None
        with reported(self):
            if out is None:
                res = run_with_progress(self, self.tr("Backing up…"), in_own_session_reporting, self.ctx.session,
                                        schedule.make_backup, schedule.MANUAL)
            else:
                res = run_with_progress(self, self.tr("Backing up…"), in_own_session_reporting, self.ctx.session,
                                        _backup_to, out)
        self.reload()
        if res is not None:
            text = self.tr("Backed up to {file}.").format(file=res["file"])
            if res.get("copy"):
                text += "\n" + self.tr("A copy is in {file}.").format(file=res["copy"])
            QMessageBox.information(self, self.tr("Backup"), text)
            show_warnings(self, res)
        return res

    def backup_elsewhere(self) -> dict | None:
        if not self.may_backup:
            return None
        stamp = self.ctx.session.clock.now().strftime("%Y%m%d-%H%M")
        suggested = str(Path.home() / f"{self.ctx.session.path.stem}-{stamp}.db")
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Back up to"), suggested,
                                               self.tr("Sổ Dân Vận backup (*.db)"))
        if not path:
            return None
        if not path.lower().endswith(".db"):
            path += ".db"
        return self.backup_now(path)

    # -- restoring -------------------------------------------------------------------------------------------------
    def restore_selected(self) -> dict | None:
        b = self.selected_backup()
        if b is None:
            return None
        return self.restore(b["file"])

    def restore_from_file(self) -> dict | None:
        if not self.may_restore:
            return None
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Restore from"), str(self.folder()),
                                               self.tr("Sổ Dân Vận backup (*.db)"))
        return self.restore(path) if path else None

    def confirm_restore(self, path: str, facts: dict | None = None) -> bool:
        made = schedule.made_at(Path(path).name)
        if made is None:
            try:
                made = datetime.fromtimestamp(Path(path).stat().st_mtime)
            except OSError:
                made = None
        when = fmt.dt(made.isoformat(timespec="minutes")) if made else ""
        question = self.tr("Replace ALL current data with the backup {file} (made {when})?").format(
            file=Path(path).name, when=when)
        if facts:
            question += "\n" + self.tr("The backup holds {records} records of {unit}; the book holds {current} "
                                        "now.").format(records=fmt.number(facts["records"]), unit=facts["unit_name"],
                                                       current=fmt.number(facts["current"]))
            if facts.get("accounts_undone"):
                question += "\n" + self.tr("These accounts go back to how they were in the backup (a new password, "
                                            "role or account made since is undone): {names}.").format(
                    names=", ".join(facts["accounts_undone"]))
        return confirm(self, self.tr("Restore data"), question,
            self.tr("Replace the data"), destructive=True, informative=self.tr(
                "Everything recorded after that backup — receptions, petitions, models, accounts, settings — "
                "will no longer be in the book. The current data is first saved to the backups folder, so this can "
                "be undone by restoring that copy. Afterwards the program closes and must be opened again."))

    def restore(self, path: str) -> dict | None:
        if not self.may_restore:
            return None
        # The file is checked first (the full check reads it all: in the background): a damaged file, another
        # unit's or the demo's is refused before the officer is asked to replace everything.
        facts = None
        with reported(self):
            facts = run_with_progress(self, self.tr("Checking the backup…"), in_own_session_reporting,
                                      self.ctx.session, _check_restore, path)
        if facts is None or not self.confirm_restore(path, facts):
            return None
        res = None
        with self.ctx.own_restore():
            with reported(self):
                res = run_with_progress(self, self.tr("Restoring…"), in_own_session_reporting, self.ctx.session,
                                        _restore_from, path)
            if res is None:
                self.reload()
                return None
            text = self.tr(
                "The data was restored from {file}. The previous data was saved as {saved}.\n\n"
                "The program will now close. Open it again to work with the restored data.").format(
                file=Path(res["file"]).name, saved=Path(res["saved_previous"]).name)
            if res.get("other_recovery_key"):
                text += "\n\n" + core_tr("out.restore_other_recovery_key", self.ctx.lang)
            QMessageBox.information(self, self.tr("Restore data"), text)
            self.window().close()
        return res


def _backup_to(session, out: str, progress=None, cancel=None) -> dict:
    return backups.backup(session, out)


def _check_restore(session, path: str, progress=None, cancel=None) -> dict:
    return backups.check_restore(session, path)


def _restore_from(session, path: str, progress=None, cancel=None) -> dict:
    return backups.restore(session, path)


def show_warnings(parent: QWidget | None, res: dict | None) -> None:
    """A failed second copy: a warning (the backup in the data folder was made)."""
    for w in (res or {}).get("warnings") or ():
        QMessageBox.warning(parent, QCoreApplication.translate("AutoBackup", "Backup"), w)


# ---------------------------------------------------------------------------------------------------------------
# Automatic backups while the program runs
# ---------------------------------------------------------------------------------------------------------------

class AutoBackup(QObject):
    """A backup when `window` closes, and the day's backup at the first open of the day (then a timer looks
    again every half hour, so a program left open over night still makes the next day's). Not for the demo
    database. Installed as an event filter, so the window's own closeEvent stays as it is."""

    def __init__(self, ctx, window: QWidget):
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.job: Job | None = None
        self.last: dict | None = None  # the last automatic backup's result (tests, status)
        self.timer = QTimer(self)
        self.timer.setInterval(DAILY_CHECK_MS)
        self.timer.timeout.connect(self.check_due)
        self.enabled = not ctx.session.is_demo
        self._closing = False

    @classmethod
    def install(cls, window: QWidget, ctx) -> "AutoBackup":
        auto = cls(ctx, window)
        window.installEventFilter(auto)
        if auto.enabled:
            QTimer.singleShot(FIRST_CHECK_MS, auto.check_due)
            auto.timer.start()
        return auto

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close and not self._closing:
            self._closing = True
            self.timer.stop()
            self.on_close()
        return False

    def check_due(self) -> None:
        """The day's backup in the background, if none was made today and none is running."""
        if not self.enabled or self.job is not None or self._closing:
            return
        try:
            due = schedule.daily_due(self.ctx.session)
        except OSError:
            log.exception("could not look into the backups folder")
            return
        if not due:
            return
        job = self.job = Job(in_own_session_reporting, self.ctx.session, schedule.make_backup, schedule.AUTO)
        job.succeeded.connect(self._made)
        job.failed.connect(self._failed)
        job.ended.connect(lambda: setattr(self, "job", None))
        job.start()

    def _made(self, res: dict) -> None:
        self.last = res
        status = getattr(self.window, "statusBar", None)
        if callable(status):
            status().showMessage(QCoreApplication.translate("AutoBackup", "Automatic backup made: {file}").format(
                file=Path(res["file"]).name), 10000)
        show_warnings(self.window, res)

    def _failed(self, exc: BaseException) -> None:
        show_error(self.window, exc, QCoreApplication.translate("AutoBackup", "Automatic backup"))

    def on_close(self) -> dict | None:
        """The backup on close, behind a progress dialog (Cancel skips it); a failure is shown, never blocks."""
        if not self.enabled:
            return None
        res = None
        try:
            res = run_with_progress(self.window, QCoreApplication.translate("AutoBackup", "Backing up before closing…"),
                                    in_own_session_reporting, self.ctx.session, schedule.make_backup, schedule.AUTO)
        except Exception as exc:  # the dialog is the handling; the window still closes
            show_error(self.window, exc, QCoreApplication.translate("AutoBackup", "Automatic backup"))
            return None
        self.last = res
        show_warnings(self.window, res)
        return res


# ---------------------------------------------------------------------------------------------------------------
# Start-up: a damaged data file
# ---------------------------------------------------------------------------------------------------------------

def _look(path: Path, progress=None, cancel=None) -> dict | None:
    problem = schedule.damage_of(path)
    if problem is None:
        return None
    return {"problem": problem, "backup": schedule.newest_good_backup(path)}


def check_data_file(path: str | Path, parent: QWidget | None = None) -> bool:
    """SQLite's quick check of the data file before anything opens it (the log-in dialog reads the unit from it).
    True: go on (the file is good, or was restored from a backup). False: quit — a damaged file is never opened
    for writing."""
    path = Path(path)
    try:
        found = run_with_progress(parent, QCoreApplication.translate("StartCheck", "Checking the data file…"),
                                  _look, path)
    except Exception as exc:  # shown as a sentence; the log-in then says what it finds
        show_error(parent, exc)
        return True
    return _settle_check(path, found, parent)


def _settle_check(path: Path, found: dict | None, parent: QWidget | None) -> bool:
    """What the start-up check found: nothing (go on), or a damaged file — restore the newest good backup, or
    quit."""
    if found is None:
        return True
    backup = found["backup"]
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("StartCheck", "Damaged data file"))
    box.setText(QCoreApplication.translate(
        "StartCheck", "The data file {file} is damaged. It has not been opened, and nothing has been written to it.")
        .format(file=str(path)))
    box.setDetailedText(found["problem"])
    quit_button = None
    restore_button = None
    if backup is None:
        box.setInformativeText(QCoreApplication.translate(
            "StartCheck", "No good backup was found in {folder}. Copy the data file somewhere safe and call a "
            "technician; a backup kept on a USB drive can be restored with the command: danvan --db \"{file}\" "
            "restore BACKUP_FILE").format(folder=str(path.parent / "backups"), file=str(path)))
        quit_button = box.addButton(QCoreApplication.translate("StartCheck", "Quit"),
                                    QMessageBox.ButtonRole.RejectRole)
    else:
        box.setInformativeText(QCoreApplication.translate(
            "StartCheck", "The newest good backup is {name}, made {when}, with {n} records. Restore it? The damaged "
            "file is kept beside it as {damaged}-…, and anything recorded after that backup will not be in the "
            "restored data.").format(name=backup["name"], when=fmt.dt(backup["made"]),
                                     n=fmt.number(backup["records"] or 0), damaged=f"{path.name}.damaged"))
        restore_button = box.addButton(QCoreApplication.translate("StartCheck", "Restore this backup"),
                                       QMessageBox.ButtonRole.AcceptRole)
        quit_button = box.addButton(QCoreApplication.translate("StartCheck", "Quit"),
                                    QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore_button)
    box.setEscapeButton(quit_button)
    box.exec()
    if restore_button is None or box.clickedButton() is not restore_button:
        return False
    try:
        res = run_with_progress(parent, QCoreApplication.translate("StartCheck", "Restoring…"), _recover, path,
                                backup["file"])
    except Exception as exc:
        show_error(parent, exc)
        return False
    QMessageBox.information(parent, QCoreApplication.translate("StartCheck", "Damaged data file"),
                            QCoreApplication.translate(
                                "StartCheck", "The data was restored from {name}. The damaged file is kept as {damaged}. "
                                "Log in to go on.").format(name=backup["name"], damaged=Path(res["damaged"]).name))
    return True


def _recover(path: Path, backup_file: str, progress=None, cancel=None) -> dict:
    return schedule.recover(path, backup_file)
