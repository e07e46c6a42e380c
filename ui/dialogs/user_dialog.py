"""Accounts: add one, reset someone's password (administrators), change one's own password (everyone).

The core checks everything (name, role, password length, duplicates, permissions); its message is shown beside
the field it concerns, and the dialog stays open until the change succeeds.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton,
                               QVBoxLayout, QWidget)

from app.domain.enums import ROLE
from app.errors import AuthError, DanvanError
from app.services import accounts, administration
from app.i18n import tr as core_tr
from ui.errors import show_error
from ui.widgets.fields import EnumCombo, FieldError

ADD, RESET, OWN = "add", "reset", "own"

# core message key -> the field its message belongs beside
_FIELD_OF_KEY = {
    "user.bad_name": "name",
    "user.exists": "name",
    "v.enum": "role",
    "user.weak_password": "password",
    "user.weak_password_kinds": "password",
    "user.weak_password_name": "password",
    "user.weak_password_unit": "password",
    "user.weak_password_common": "password",
    "auth.failed": "current",
    "auth.locked": "current",
    "auth.inactive": "current",
    "user.admin_password_wrong": "admin_password",
}


class UserDialog(QDialog):
    """One dialog, three uses: ADD a user, RESET a user's password, change the OWN password."""

    saved = Signal(dict)  # the account as app.services.administration returns it ({} for OWN)

    def __init__(self, ctx, mode: str = ADD, user_name: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.mode = mode
        self.user_name = user_name or (ctx.session.user_name if mode == OWN else None)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._errors: dict[str, FieldError] = {}
        self._labels: dict[str, QLabel] = {}

        outer = QVBoxLayout(self)
        self.general_error = QLabel(objectName="formErrors", wordWrap=True)
        self.general_error.hide()
        outer.addWidget(self.general_error)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        outer.addLayout(form)

        self.name = QLineEdit(maxLength=32)
        self.full_name = QLineEdit(maxLength=120)
        self.role = EnumCombo(ROLE, ctx.lang)
        self.role.set_value("officer")
        self.current = self._password_edit()
        self.admin_password = self._password_edit()  # RESET: the acting admin's, so the account keeps sync access
        self.password = self._password_edit()
        self.confirm = self._password_edit()
        self.who = QLabel(self.user_name or "")
        self.password_hint = QLabel(objectName="muted", wordWrap=True)

        if mode == ADD:
            self._row(form, "name", self.name)
            self._row(form, "full_name", self.full_name)
            self._row(form, "role", self.role)
        elif mode == RESET:
            self._row(form, "who", self.who)
        else:
            self._row(form, "who", self.who)
            self._row(form, "current", self.current)
        self._row(form, "password", self.password)
        self._row(form, "confirm", self.confirm)
        form.addRow(self.password_hint)
        if mode == RESET:
            self._row(form, "admin_password", self.admin_password)
            self.admin_hint = QLabel(objectName="muted", wordWrap=True)
            form.addRow(self.admin_hint)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.ok_button = QPushButton(objectName="primary")
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton()
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.cancel_button)
        outer.addLayout(buttons)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)

        self.retranslate_ui()
        self.setMinimumWidth(520)
        (self.name if mode == ADD else self.current if mode == OWN else self.password).setFocus()

    def _password_edit(self) -> QLineEdit:
        e = QLineEdit(maxLength=128)
        e.setEchoMode(QLineEdit.EchoMode.Password)
        return e

    def _row(self, form: QFormLayout, key: str, editor: QWidget) -> None:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(editor)
        err = FieldError()
        v.addWidget(err)
        lab = QLabel()
        lab.setBuddy(editor)
        form.addRow(lab, box)
        self._errors[key] = err
        self._labels[key] = lab

    # -- language ---------------------------------------------------------------------------------------------
    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        texts = {
            "name": self.tr("User name"),
            "full_name": self.tr("Full name"),
            "role": self.tr("Role"),
            "who": self.tr("Account"),
            "current": self.tr("Current password"),
            "password": self.tr("New password") if self.mode != ADD else self.tr("Password"),
            "confirm": self.tr("Repeat the password"),
            "admin_password": self.tr("Your password"),
        }
        for key, lab in self._labels.items():
            lab.setText(texts[key])
        self.role.set_language(self.ctx.lang)
        self.name.setPlaceholderText(self.tr("e.g. nguyen.an (no diacritics or spaces)"))
        if self.mode == OWN:
            self.password_hint.setText(self.tr("At least {n} characters.").format(n=accounts.MIN_PASSWORD))
        else:
            self.password_hint.setText(self.tr("At least {n} characters. The person can change it after logging "
                                               "in, with \"Change my password…\" on this screen.")
                                       .format(n=accounts.MIN_PASSWORD))
        if self.mode == ADD:
            self.setWindowTitle(self.tr("Add an account"))
            self.ok_button.setText(self.tr("Add account"))
        elif self.mode == RESET:
            self.admin_hint.setText(self.tr("Your own password, so that this account keeps its access to the sync "
                                            "keys (it needs to be given again otherwise)."))
            self.setWindowTitle(self.tr("Reset password of {user}").format(user=self.user_name))
            self.ok_button.setText(self.tr("Set new password"))
        else:
            self.setWindowTitle(self.tr("Change my password"))
            self.ok_button.setText(self.tr("Change password"))
        self.cancel_button.setText(self.tr("Cancel"))

    # -- saving -----------------------------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for err in self._errors.values():
            err.show_message(None)
        self.general_error.hide()

    def show_field_error(self, key: str, text: str) -> None:
        err = self._errors.get(key)
        if err is None:
            self.general_error.setText(text)
            self.general_error.show()
        else:
            err.show_message(text)
        self.adjustSize()  # room for the message; the dialog never hides it behind its own edge

    def submit(self) -> bool:
        """Check the two passwords agree, then let the core do the rest; True when the change was made."""
        self.clear_errors()
        if self.password.text() != self.confirm.text():
            self.show_field_error("confirm", self.tr("The two passwords are not the same."))
            self.confirm.setFocus()
            return False
        if self.mode == RESET:
            answer = QMessageBox.question(
                self, self.windowTitle(),
                self.tr("Set a new password for {user}? The old password stops working at once.")
                .format(user=self.user_name))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        s = self.ctx.session
        try:
            if self.mode == ADD:
                row = administration.add_user(s, self.name.text(), self.role.value(), self.password.text(),
                                              full_name=self.full_name.text())
            elif self.mode == RESET:
                row = administration.reset_password(s, self.user_name, self.password.text(),
                                                    self.admin_password.text() or None)
            else:
                administration.change_own_password(s, self.current.text(), self.password.text())
                row = {}
        except (AuthError, DanvanError) as exc:
            key = _FIELD_OF_KEY.get(exc.key)
            if key in self._errors:
                self.show_field_error(key, exc.message(self.ctx.lang))
                return False
            show_error(self, exc)
            return False
        except Exception as exc:  # the one place that turns it into a sentence
            show_error(self, exc)
            return False
        if row.get("sync_access") == "lost":
            QMessageBox.information(self, self.windowTitle(), core_tr("out.sync_access_lost", self.ctx.lang,
                                                                      user=self.user_name))
        self.saved.emit(row)
        self.accept()
        return True
