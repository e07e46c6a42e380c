"""The upper level's inbox folder on the Đồng bộ screen: where the folder is, how many bundles have arrived there
and not been imported, "Nhập gói trong thư mục" and "Chọn thư mục nhận gói…" (app/services/sync_inbox.py).

The folder is looked at every 30 seconds on a worker thread — a network share that does not answer must not freeze
the window — and counted only: importing opens the sealed keys with the officer's password, so the officer clicks.
The import itself runs through the screen's own progress bar and result list (`on_import`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain import roles
from app.services import sync_inbox
from ui import format as fmt
from ui.errors import reported
from ui.jobs import Job
from ui.style import OVERDUE
from ui.widgets.gate import deny, gate

LOOK_INTERVAL_MS = 30_000


class InboxPanel(QWidget):
    def __init__(self, ctx, on_import, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.on_import = on_import  # the screen's import of the folder's bundles (progress, results)
        self.state: dict = {}  # {"folder"} and {"ready": [names], "arriving": n} or {"error": text}
        self.refused: set[str] = set()  # names the last import refused (they stay in the folder)
        self.busy = False  # an import of bundles is running on the screen
        self._looking: Job | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 4, 0, 0)
        self.label = QLabel(wordWrap=True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.label)
        row = QHBoxLayout()
        self.import_button = QPushButton()
        self.choose_button = QPushButton(objectName="link")  # set once: quiet, like the keys' rare actions
        self.choose_button.setCursor(Qt.CursorShape.PointingHandCursor)
        row.addWidget(self.import_button)
        row.addWidget(self.choose_button)
        row.addStretch(1)
        v.addLayout(row)
        self.import_button.clicked.connect(lambda: self.on_import())
        self.choose_button.clicked.connect(lambda: self.choose())
        self.timer = QTimer(self)
        self.timer.setInterval(LOOK_INTERVAL_MS)
        self.timer.timeout.connect(self.look)
        self.timer.start()
        self.retranslate_ui()
        self.look()

    # -- looking ---------------------------------------------------------------------------------------------------
    def look(self) -> Job | None:
        """Count what the folder holds, on a worker; one look at a time."""
        if self._looking is not None:
            return None
        folder = None
        with reported(self):
            folder = sync_inbox.inbox_folder(self.ctx.session)
        if folder is None:
            self.state = {}
            self._show()
            return None
        job = Job(_look_job, folder)
        self._looking = job
        job.succeeded.connect(lambda found: self._found(folder, found))
        job.failed.connect(lambda exc: self._found(folder, None, exc))
        job.ended.connect(self._looked)
        job.start()
        return job

    def _found(self, folder: Path, found: dict | None, exc: Exception | None = None) -> None:
        if found is None:
            message = exc.message(self.ctx.lang) if hasattr(exc, "message") else str(exc)
            self.state = {"folder": str(folder), "error": message}
        else:
            self.state = {"folder": str(folder), "ready": [Path(p).name for p in found["ready"]],
                          "arriving": found["arriving"]}
        self._show()

    def _looked(self) -> None:
        self._looking = None

    def imported(self, result: dict) -> None:
        """After the screen's import of the folder: remember what was refused, then look again."""
        self.refused = set(result.get("left") or ())
        self.look()

    # -- showing ---------------------------------------------------------------------------------------------------
    def _show(self) -> None:
        s = self.state
        self.label.setStyleSheet(f"color: {OVERDUE};" if s.get("error") else "")
        if not s:
            self.label.setText(self.tr("Inbox folder: none chosen. If the communes put their bundles in a shared "
                                       "or synced folder, choose it and the program watches it."))
        elif s.get("error"):
            self.label.setText(s["error"])
        else:
            ready = s["ready"]
            new = [n for n in ready if n not in self.refused]
            parts = [self.tr("Inbox folder: {folder}").format(folder=s["folder"])]
            parts.append(self.tr("{n} bundles have arrived and are not imported yet.").format(
                n=fmt.number(len(new))) if new else self.tr("No new bundle."))
            if len(ready) > len(new):
                parts.append(self.tr("{n} refused bundles stay there (see the result of the last import).").format(
                    n=fmt.number(len(ready) - len(new))))
            if s["arriving"]:
                parts.append(self.tr("{n} still being copied in.").format(n=fmt.number(s["arriving"])))
            self.label.setText("\n".join(parts))
        self.update_buttons()

    def update_buttons(self) -> None:
        c = self.ctx
        s = self.state
        gate(self.import_button, c.denied_reason(roles.IMPORT),
             self.tr("A bundle import is running.") if self.busy else "",
             self.tr("Choose the inbox folder first.") if not s else "",
             s.get("error", ""),
             self.tr("No bundle has arrived in the folder.") if s and not s.get("error") and not s["ready"] else "")
        deny(self.choose_button, c, roles.MANAGE_SETTINGS)

    # -- choosing --------------------------------------------------------------------------------------------------
    def choose(self, path: str | None = None) -> dict | None:
        if not self.choose_button.isEnabled():
            return None
        if path is None:
            start = self.state.get("folder") or str(Path.home())
            path = QFileDialog.getExistingDirectory(self, self.tr("Choose the inbox folder"), start)
        if not path:
            return None
        res = None
        with reported(self):
            res = sync_inbox.set_inbox_folder(self.ctx.session, path)
        if res is not None:
            self.refused = set()
            self.look()
        return res

    # -- language --------------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.import_button.setText(self.tr("Import the folder's bundles"))
        self.choose_button.setText(self.tr("Choose the inbox folder…"))
        self._show()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _look_job(folder: Path, *, progress=None, cancel=None) -> dict:
    return sync_inbox.waiting_in(folder)
