"""Log-in: which unit and data file this is, the user name and password; for the demo database its accounts.

A wrong password or a locked account is said inside the dialog (the core's sentence), the password is cleared
and the dialog stays; a busy or damaged database is reported by ui.errors.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QFrame, QGridLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from app.domain.enums import ROLE, label
from app.errors import AuthError
from app.services import demo
from app.services.database_info import DatabaseInfo, describe_database
from app.services.session import Session
from ui.accessibility import announce, describe_message
from ui.errors import describe, show_error
from ui.jobs import in_own_session_reporting
from ui.widgets.progress import run_with_progress


class LoginDialog(QDialog):
    """`exec()` truthy once logged in; then `.session` is the open Session (the caller closes it)."""

    def __init__(self, path: Path, lang: str = "vi", suggested: tuple[str, str] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self.lang = lang
        self.session: Session | None = None
        self.info: DatabaseInfo | None = None
        self.info_error = ""
        try:
            self.info = describe_database(self.path)
        except Exception as exc:  # shown in the dialog; logging in will report it in full
            self.info_error = describe(exc, lang)[0]

        self.unit_label = QLabel(objectName="appTitle", wordWrap=True)
        self.path_label = QLabel(objectName="muted", wordWrap=True,
                                 textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.user_label, self.password_label = QLabel(), QLabel()
        self.user = QLineEdit()
        self.user.setMaxLength(32)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.user_label.setBuddy(self.user)
        self.password_label.setBuddy(self.password)
        self.error = QLabel(objectName="formErrors", wordWrap=True)
        self.error.hide()
        self.buttons = QDialogButtonBox()
        self.login_button = QPushButton(objectName="primary")
        self.login_button.setDefault(True)
        self.quit_button = QPushButton()
        self.buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.setSpacing(8)
        lay.addWidget(self.unit_label)
        lay.addWidget(self.path_label)
        lay.addSpacing(6)
        self.demo_box = self._demo_box() if self.info and self.info.demo else None
        if self.demo_box is not None:
            lay.addWidget(self.demo_box)
        form = QFormLayout()
        form.addRow(self.user_label, self.user)
        form.addRow(self.password_label, self.password)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(460)

        self.retranslate_ui()
        if suggested:
            self.user.setText(suggested[0] or "")
            self.password.setText(suggested[1] or "")
        (self.password if self.user.text() else self.user).setFocus()

    # -- the demo's accounts, a click fills the fields ----------------------------------------------------
    def _demo_box(self) -> QFrame:
        box = QFrame(objectName="duplicatesBar")
        grid = QGridLayout(box)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setHorizontalSpacing(18)
        self.demo_title = QLabel(wordWrap=True)
        grid.addWidget(self.demo_title, 0, 0, 1, 3)
        self.demo_headers = [QLabel(objectName="muted") for _ in range(3)]
        for col, h in enumerate(self.demo_headers):
            grid.addWidget(h, 1, col)
        self.demo_rows: list[tuple[dict, QPushButton, QLabel, QLabel]] = []
        for r, acct in enumerate(demo.demo_accounts(), start=2):
            # a button drawn as a link: Tab reaches it and Enter fills the fields (a label's link was mouse-only)
            name = QPushButton(acct["user"], objectName="link")
            name.setAutoDefault(False)
            name.setCursor(Qt.CursorShape.PointingHandCursor)
            name.clicked.connect(lambda _checked=False, a=acct: self.use_account(a["user"], a["password"]))
            pw = QLabel(acct["password"], textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
            role = QLabel()
            grid.addWidget(name, r, 0)
            grid.addWidget(pw, r, 1)
            grid.addWidget(role, r, 2)
            self.demo_rows.append((acct, name, pw, role))
        grid.setColumnStretch(2, 1)
        return box

    def use_account(self, user: str, password: str) -> None:
        self.user.setText(user)
        self.password.setText(password)
        self._unsay()
        self.login_button.setFocus()

    # -- logging in ---------------------------------------------------------------------------------------
    def try_login(self) -> None:
        user, password = self.user.text().strip(), self.password.text()
        if not user:
            self._say(QCoreApplication.translate("Login", "Type your user name."), self.user)
            return
        if not password:
            self._say(QCoreApplication.translate("Login", "Type your password."), self.password)
            return
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            self.session = Session.open(self.path, user, password, lang=self.lang, refresh_due_dates=False)
        except AuthError as exc:
            self.unsetCursor()
            self.password.clear()
            self._say(exc.message(self.lang), self.password)
            return
        except Exception as exc:  # busy, damaged, not set up, not found: a dialog with the sentence
            self.unsetCursor()
            self._unsay()
            show_error(self, exc)
            return
        self.unsetCursor()
        self._tell_notices()
        self._refresh_due_dates()
        self._take_statistics()
        self.accept()

    def _tell_notices(self) -> None:
        """What the core found at log-in and the officer must know (a restore cut short, undone)."""
        from PySide6.QtWidgets import QMessageBox

        from app.i18n import tr

        for key in self.session.notices:
            QMessageBox.information(self, self.windowTitle(), tr(key, self.lang))

    def _refresh_due_dates(self) -> None:
        """The first log-in after an upgrade that changed the deadline rules or the holidays computes the stored
        due dates again (seconds at 200,000 records): on a worker behind a progress dialog, never in the way of
        logging in — cancelled, busy or failed, the dates stay as they were and the next log-in tries again."""
        from app.services import deadlines

        try:
            if not deadlines.due_dates_outdated(self.session):
                return
            run_with_progress(self, QCoreApplication.translate(
                "Login", "The program was updated: computing the petitions' legal deadlines again by its "
                         "rules (only this once)…"),
                in_own_session_reporting, self.session, deadlines.refresh_due_dates)
        except Exception:  # noqa: BLE001 — logging in goes on; the log says why
            logging.getLogger(__name__).warning("due dates not refreshed at log-in", exc_info=True)

    def _take_statistics(self) -> None:
        """An upper-level file consolidated before planner statistics were taken gets them at its first log-in
        (a second at 600,000 records) instead of at its next run of bundles: until then its lists and reports
        read whole tables. Never in the way of logging in."""
        from app.services import consolidation

        try:
            if consolidation.statistics_missing(self.session):
                run_with_progress(self, QCoreApplication.translate(
                    "Login", "Preparing the consolidated data for quick searches (only this once)…"),
                    in_own_session_reporting, self.session, consolidation.take_statistics)
        except Exception:  # noqa: BLE001 — logging in goes on; the next run of bundles takes them
            logging.getLogger(__name__).warning("planner statistics not taken at log-in", exc_info=True)

    def _say(self, text: str, focus: QLineEdit) -> None:
        self.error.setText(text)
        self.error.show()
        # the dialog grows by the message's height: squeezed, the demo accounts' box lost its first line
        self.layout().activate()
        needed = self.sizeHint().height()
        if self.height() < needed:
            self.resize(self.width(), needed)
        focus.setFocus()
        describe_message(focus, text)  # said when the field is reached, and now
        announce(self, text)

    def _unsay(self) -> None:
        self.error.hide()
        for field in (self.user, self.password):
            describe_message(field, None)

    # -- language -----------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("Login", "Log in — Sổ Dân Vận"))
        if self.info is not None:
            unit = self.info.unit_name or ""
            if self.info.demo:
                unit = QCoreApplication.translate("Login", "{unit} (demo data)").format(unit=unit)
            self.unit_label.setText(unit)
        else:
            self.unit_label.setText(QCoreApplication.translate("Login", "Sổ Dân Vận"))
        where = QCoreApplication.translate("Login", "Data file: {path}").format(path=str(self.path))
        if self.info_error:
            where += "\n" + self.info_error
        self.path_label.setText(where)
        self.user_label.setText(QCoreApplication.translate("Login", "&User name:"))
        self.password_label.setText(QCoreApplication.translate("Login", "&Password:"))
        self.login_button.setText(QCoreApplication.translate("Login", "Log in"))
        self.quit_button.setText(QCoreApplication.translate("Login", "Quit"))
        if self.demo_box is not None:
            self.demo_title.setText(QCoreApplication.translate(
                "Login", "Demo data for trying the program out. Click an account to use it:"))
            for h, t in zip(self.demo_headers, (QCoreApplication.translate("Login", "Account"),
                                                QCoreApplication.translate("Login", "Password"),
                                                QCoreApplication.translate("Login", "Role"))):
                h.setText(t)
            for acct, _name, _pw, role in self.demo_rows:
                role.setText(label(ROLE, acct["role"], self.lang))
