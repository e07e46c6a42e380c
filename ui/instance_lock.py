"""One window per data file. Two windows on one file each kept a form's loaded copy and a drafts folder of their
own: the second offered the first one's live draft as "not saved when the program last closed" and could delete
it, and each could save over the other's changes. The lock is a file beside the database (QLockFile: a lock left
by a program that died on this computer is taken over by itself)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QSysInfo
from PySide6.QtWidgets import QMessageBox, QWidget

LOCK_SUFFIX = ".lock"


def lock_path(db_path: str | Path) -> Path:
    return Path(str(db_path) + LOCK_SUFFIX)


def lock_data_file(db_path: str | Path, parent: QWidget | None = None) -> QLockFile | None:
    """The lock of `db_path` for this program's lifetime (keep the object), or None when another window holds it
    and the officer chose not to open a second one. A folder where no lock can be written (read-only) is not
    locked: opening the file there says what is wrong."""
    lock = QLockFile(str(lock_path(db_path)))
    lock.setStaleLockTime(0)  # held as long as the window is open, however long that is
    if lock.tryLock(100):
        return lock
    if lock.error() != QLockFile.LockError.LockFailedError:
        return lock  # no lock can be made here: nothing to protect with it
    if not _ask_open_anyway(db_path, lock, parent):
        return None
    lock.removeStaleLockFile()  # the officer says the other window is gone (another computer that crashed)
    lock.tryLock(100)  # and opens even where that lock could not be taken over: their choice, asked
    return lock


def _ask_open_anyway(db_path, lock: QLockFile, parent: QWidget | None) -> bool:
    info = lock.getLockInfo()  # (pid, host, application) — PySide6 drops C++'s bool
    host = info[-2] if isinstance(info, tuple) and len(info) >= 3 else ""
    if host == QSysInfo.machineHostName():
        host = ""  # this computer: naming it reads as if it were another
    where = QCoreApplication.translate("InstanceLock", " (on the computer {host})").format(host=host) if host else ""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("InstanceLock", "Already open"))
    box.setText(QCoreApplication.translate(
        "InstanceLock", "Sổ Dân Vận already has this data file open in another window{where}.").format(where=where))
    box.setInformativeText(QCoreApplication.translate(
        "InstanceLock", "Use that window: two windows on one file can save over each other's changes. Open it here "
                        "only if you are sure that window is closed."))
    anyway = box.addButton(QCoreApplication.translate("InstanceLock", "Open here anyway"),
                           QMessageBox.ButtonRole.DestructiveRole)
    close = box.addButton(QCoreApplication.translate("InstanceLock", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(close)
    box.exec()
    return box.clickedButton() is anyway
