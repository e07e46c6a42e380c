"""A new computer's first start with yesterday's backup: "Khôi phục từ bản sao lưu" on the first screen.

The officer picks the backup (a `.db` with its `.keys` beside it, as `danvan backup` and the automatic backups
write them) and logs in with an account of the backup — the backup's own accounts decide who may put it in place
(`backup_schedule.recover`, as `danvan restore F` on a computer without data). A backup whose key file is lost is
put in place after a question; new sync keys are then made on the Đồng bộ screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QLineEdit, QMessageBox,
                               QWidget)

from app.errors import Cancelled, DanvanError
from app.services.backup_schedule import recover
from ui.errors import show_error
from ui.widgets.progress import run_with_progress

class BackupAccountDialog(QDialog):
    """Which account of the backup puts it in place: its name and password."""

    def __init__(self, backup: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("RestoreBackup", "Restore from a backup"))
        form = QFormLayout(self)
        note = QLabel(QCoreApplication.translate(
            "RestoreBackup", "Log in with an account of the backup {name} (an administrator's, as it was on the "
                             "old computer):").format(name=backup.name), wordWrap=True)
        form.addRow(note)
        self.user = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("RestoreBackup", "&Account:"), self.user)
        form.addRow(QCoreApplication.translate("RestoreBackup", "&Password:"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("RestoreBackup", "Restore"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("RestoreBackup", "Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(460)


def restore_on_new_computer(parent: QWidget | None, path: Path, lang: str = "vi", *, backup: str | None = None,
                            account: tuple[str, str] | None = None) -> str | None:
    """Ask for the backup and an account of it, then put it in place at `path`. Returns the account name once the
    data is there (for the log-in box), None when cancelled or refused (the reason already shown). `backup` and
    `account` skip the questions (tests)."""
    title = QCoreApplication.translate("RestoreBackup", "Restore from a backup")
    if backup is None:
        backup, _f = QFileDialog.getOpenFileName(
            parent, QCoreApplication.translate("RestoreBackup", "Choose the backup"), str(Path.home()),
            QCoreApplication.translate("RestoreBackup", "Sổ Dân Vận backup (*.db)"))
    if not backup:
        return None
    if account is None:
        dlg = BackupAccountDialog(Path(backup), parent)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        account = (dlg.user.text().strip(), dlg.password.text())
    user, password = account
    without_keys = False
    while True:
        try:
            run_with_progress(parent, QCoreApplication.translate(
                "RestoreBackup", "Checking the backup and putting it in place…"), _recover_job, path, backup, user,
                password, lang, without_keys)
            break
        except Cancelled:
            return None
        except DanvanError as exc:
            if exc.key == "restore.keys_missing" and not without_keys and QMessageBox.question(
                    parent, title, QCoreApplication.translate(
                        "RestoreBackup", "The backup's sync key file ({name}.keys) is not beside it. Restore the "
                                         "data all the same? An administrator then makes new sync keys (Sync → "
                                         "Make a new key…) and the upper level registers them.").format(
                        name=Path(backup).name)) == QMessageBox.StandardButton.Yes:
                without_keys = True
                continue
            show_error(parent, exc)
            return None
        except Exception as exc:  # noqa: BLE001 — a disk or file problem: said in a sentence, nothing half-done
            show_error(parent, exc)
            return None
    QMessageBox.information(parent, title, QCoreApplication.translate(
        "RestoreBackup", "The backup is now this computer's data. Log in as before; the next bundle carries every "
                         "record again. What was recorded after that backup is not in it."))
    return user


def _recover_job(path, backup, user, password, lang, without_keys, *, progress=None, cancel=None) -> dict:
    return recover(path, backup, user=user, password=password, lang=lang, without_keys=without_keys)
