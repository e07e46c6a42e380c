"""Quản trị → Bảo vệ dữ liệu: the idle lock time, retention periods per record type, the purge (a dry run lists
what would go; confirmation before anything is erased) and a citizen's data export.

Settings and the purge are for administrators, the export for administrators and leaders; what a role may not do
stays visible, disabled, with the reason as tooltip. The services check the same permissions again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QMessageBox,
                               QPlainTextEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from app.domain import roles
from app.domain.enums import RECORD_TYPE_LABELS, RECORD_TYPES, label
from app.i18n import tr as core_tr
from app.services import protection, retention
from app.services.unit_settings import set_setting
from ui import format as fmt
from ui.errors import reported
from ui.idle_lock import idle_minutes
from ui.widgets.progress import run_with_progress


def _purge_in_own_session(session, dry_run, *, progress=None, cancel=None) -> dict:
    own = session.spawn()
    try:
        return retention.purge(own, dry_run=dry_run)
    finally:
        own.close()


def tab_title() -> str:
    return QCoreApplication.translate("DataProtectionTab", "Data protection")


def _action_box(layout: QVBoxLayout) -> tuple[QGroupBox, QLabel, QPushButton]:
    """A titled box with a line of explanation and one button under it, added to `layout`."""
    box = QGroupBox()
    inner = QVBoxLayout(box)
    hint = QLabel(objectName="muted", wordWrap=True)
    button = QPushButton()
    inner.addWidget(hint)
    inner.addWidget(button)
    layout.addWidget(box)
    return box, hint, button


class DataProtectionTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)

        self.lock_box = QGroupBox()
        f1 = QFormLayout(self.lock_box)
        self.idle = QSpinBox(minimum=0, maximum=240)
        self.idle.setMaximumWidth(90)
        self.idle_label = QLabel()
        self.idle_hint = QLabel(objectName="muted", wordWrap=True)
        f1.addRow(self.idle_label, self.idle)
        f1.addRow(self.idle_hint)
        v.addWidget(self.lock_box)

        self.keep_box = QGroupBox()
        f2 = QFormLayout(self.keep_box)
        self.years: dict[str, QSpinBox] = {}
        self.year_labels: dict[str, QLabel] = {}
        for t in RECORD_TYPES:
            spin = QSpinBox(minimum=0, maximum=retention.MAX_YEARS)
            spin.setMaximumWidth(90)
            self.years[t] = spin
            self.year_labels[t] = QLabel()
            f2.addRow(self.year_labels[t], spin)
        self.keep_hint = QLabel(objectName="muted", wordWrap=True)
        f2.addRow(self.keep_hint)
        row = QHBoxLayout()
        self.save_button = QPushButton(objectName="primary")
        self.dry_button = QPushButton()
        self.purge_button = QPushButton()
        for b in (self.save_button, self.dry_button, self.purge_button):
            row.addWidget(b)
        row.addStretch(1)
        f2.addRow(row)
        self.purge_result = QPlainTextEdit(readOnly=True)
        self.purge_result.setMaximumHeight(130)
        self.purge_result.hide()
        f2.addRow(self.purge_result)
        v.addWidget(self.keep_box)

        self.person_box, self.person_hint, self.person_button = _action_box(v)
        self.recovery_box, self.recovery_hint, self.recovery_button = _action_box(v)
        v.addStretch(1)

        settings_reason = ctx.denied_reason(roles.MANAGE_SETTINGS)
        for w in [self.idle, self.save_button, *self.years.values()]:
            w.setEnabled(not settings_reason)
            w.setToolTip(settings_reason)
        purge_reason = ctx.denied_reason(roles.PURGE)
        for w in (self.dry_button, self.purge_button):
            w.setEnabled(not purge_reason)
            w.setToolTip(purge_reason)
        export_reason = ctx.denied_reason(roles.PERSON_EXPORT)
        self.person_button.setEnabled(not export_reason)
        self.person_button.setToolTip(export_reason)

        self.save_button.clicked.connect(self.save)
        self.dry_button.clicked.connect(lambda: self.run_purge(dry_run=True))
        self.purge_button.clicked.connect(lambda: self.run_purge(dry_run=False))
        self.person_button.clicked.connect(self.open_person_export)
        recovery_reason = ctx.denied_reason(roles.MANAGE_USERS)
        self.recovery_button.setEnabled(not recovery_reason)
        self.recovery_button.setToolTip(recovery_reason)
        self.recovery_button.clicked.connect(self.new_recovery_key)
        self.reload()
        self.retranslate_ui()

    @staticmethod
    def tab_title() -> str:
        return tab_title()

    def reload(self) -> None:
        self.has_recovery_key = False
        with reported(self):
            self.has_recovery_key = protection.has_recovery_key(self.ctx.session)
            self.idle.setValue(idle_minutes(self.ctx.session))
            for t, n in retention.periods(self.ctx.session).items():
                self.years[t].setValue(n)

    # -- actions --------------------------------------------------------------------------------------------
    def save(self) -> bool:
        ok = False
        with reported(self):
            session = self.ctx.session
            if str(self.idle.value()) != str(idle_minutes(session)):
                set_setting(session, "idle_lock_minutes", str(self.idle.value()))
                lock = getattr(self.window(), "idle_lock", None)
                if lock is not None:
                    lock.reload_setting()
            retention.set_periods(session, {t: s.value() for t, s in self.years.items()})
            ok = True
        return ok

    def run_purge(self, dry_run: bool) -> dict | None:
        if not dry_run:
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Erase personal data"))
            box.setText(self.tr("Erase the names, ID numbers, phone numbers and addresses of every record past its "
                                "retention period? This cannot be undone (a backup made before still holds them). "
                                "Run \"List what would be erased\" first to see them."))
            go = box.addButton(self.tr("Erase"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is not go:
                return None
        res = None
        with reported(self):
            res = run_with_progress(self, self.tr("Looking for records past their retention period…"),
                                    _purge_in_own_session, self.ctx.session, dry_run)
        if res is None:
            return None
        self.show_result(res)
        if not dry_run and res["total"]:
            for t in RECORD_TYPES:
                self.ctx.notify_changed(t)
        return res

    def show_result(self, res: dict) -> None:
        lang = self.ctx.lang
        if not res["total"]:
            head = (core_tr("out.purge_none_own", lang) if res.get("left_to_owners")
                    else self.tr("No record is past its retention period."))
        elif res["dry_run"]:
            head = self.tr("{n} record(s) would have their personal data erased:").format(n=fmt.number(res["total"]))
        else:
            head = self.tr("Personal data erased from {n} record(s).").format(n=fmt.number(res["total"]))
        lines = [head]
        if res["dry_run"]:
            lines += [f"{fmt.d(r['date'])}  {label(RECORD_TYPE_LABELS, r['type'], lang)}  {r['case_no'] or r['id']}"
                      for r in res["records"]]
        else:
            lines += [f"{label(RECORD_TYPE_LABELS, t, lang)}: {fmt.number(n)}" for t, n in res["counts"].items() if n]
        if res.get("left_to_owners"):  # at the upper level: the communes' own records are theirs to erase
            lines.append(core_tr("out.purge_left_to_owners", lang, n=fmt.number(res["left_to_owners"])))
        self.purge_result.setPlainText("\n".join(lines))
        self.purge_result.show()

    def new_recovery_key(self) -> str | None:
        """A new recovery key after a confirmation (the printed one stops working), shown once."""
        from ui.confirm import confirm
        from ui.dialogs.recovery_key import RecoveryKeyDialog

        if not confirm(self, self.tr("New recovery key"), self.tr(
                "Make a new recovery key? The one printed before stops working at once; the new one is shown only "
                "once, so have a printer or paper ready."), self.tr("Make a new key")):
            return None
        # The recovery key also opens the sync keys (the day every password is forgotten): they open with the
        # admin's own password.
        password, ok = QInputDialog.getText(self, self.tr("New recovery key"), self.tr(
            "Your password ({user}) — so that the new recovery key can also open this unit's sync keys:").format(
            user=self.ctx.session.user_name), QLineEdit.EchoMode.Password)
        if not ok or not password:
            return None
        key = None
        with reported(self):
            key = protection.replace_recovery_key(self.ctx.session, password)
        if key:
            RecoveryKeyDialog(key, getattr(self.window(), "unit_name", ""), self.window()).exec()
            self.reload()
            self.retranslate_ui()
        return key

    def open_person_export(self):
        from ui.dialogs.person_export import PersonExportDialog

        dlg = PersonExportDialog(self.ctx, self.window())
        dlg.open()
        return dlg

    # -- language -----------------------------------------------------------------------------------------
    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        lang = self.ctx.lang
        self.lock_box.setTitle(self.tr("Lock when idle"))
        self.idle_label.setText(self.tr("Lock after (minutes):"))
        self.idle_hint.setText(self.tr("With no keyboard or mouse use for this long, the windows are covered and the "
                                       "user's password is asked again. 0 = never lock."))
        self.keep_box.setTitle(self.tr("Retention of personal data"))
        for t in RECORD_TYPES:
            self.year_labels[t].setText(self.tr("{type} (years):").format(type=label(RECORD_TYPE_LABELS, t, lang)))
        self.keep_hint.setText(self.tr(
            "Receptions are counted from their date, petitions from their closing (open petitions are kept). Past "
            "the period the people's names, ID numbers, phone numbers and addresses are erased; the content and "
            "the figures stay. Models and dialogues past a period other than 0 are deleted. 0 = keep for ever."))
        self.save_button.setText(self.tr("Save"))
        self.dry_button.setText(self.tr("List what would be erased"))
        self.purge_button.setText(self.tr("Erase now…"))
        self.person_box.setTitle(self.tr("A citizen's request"))
        self.person_hint.setText(self.tr("A citizen may ask for everything the unit holds about them."))
        self.person_button.setText(self.tr("Export a citizen's data…"))
        self.recovery_box.setTitle(self.tr("Recovery key"))
        has_key = self.has_recovery_key
        self.recovery_hint.setText(self.tr(
            "ID numbers and denouncers' identities are stored encrypted. If every administrator password is "
            "forgotten, only the printed recovery key opens them again.") + " " + (
            self.tr("This database has a recovery key.") if has_key else
            self.tr("This database has NO recovery key yet: make one now and keep the printout in a safe place.")))
        self.recovery_button.setText(self.tr("Make a new recovery key…"))
