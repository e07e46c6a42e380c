"""Nhật ký: the audit log, newest first, paged lazily like the record lists; filters by day range, user and
activity; "Kiểm tra chuỗi" runs `danvan check` in the background and says the result in plain words.

Administrators and leaders only: for other roles the screen is there but disabled, with the reason.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QComboBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from app.domain import roles
from app.services import audit_log
from app.services.audit_log import Filters
from ui import format as fmt
from ui.errors import reported
from ui.models.audit_table import AuditSource, audit_model
from ui.widgets.fields import DateEdit
from ui.widgets.progress import run_with_progress
from ui.widgets.tables import make_table
from ui.widgets.flow import FlowLayout, pair


def _verify_in_own_session(session, *, progress=None, cancel=None) -> dict:
    own = session.spawn()
    try:
        return audit_log.verify(own)
    finally:
        own.close()


class AuditLogScreen(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.allowed = ctx.can(roles.AUDIT_READ)
        v = QVBoxLayout(self)
        v.setContentsMargins(14, 10, 14, 8)
        self.title = QLabel(objectName="screenTitle")
        v.addWidget(self.title)
        self.notice = QLabel(objectName="muted", wordWrap=True)
        v.addWidget(self.notice)

        bar_box = QWidget()
        bar = FlowLayout(bar_box, spacing=10)  # wraps where the window is narrow, each label with its field
        self.from_label, self.to_label, self.user_label, self.action_label = QLabel(), QLabel(), QLabel(), QLabel()
        self.date_from, self.date_to = DateEdit(), DateEdit()
        self.user = QComboBox()
        self.action = QComboBox()
        self.action.setMinimumWidth(260)
        self.user.setMinimumWidth(120)
        for lab, w in ((self.from_label, self.date_from), (self.to_label, self.date_to), (self.user_label, self.user),
                       (self.action_label, self.action)):
            lab.setBuddy(w)
            bar.addWidget(pair(lab, w))
        self.check_button = QPushButton()
        bar.addWidget(self.check_button)
        v.addWidget(bar_box)

        self.model = audit_model(ctx.session, parent=self) if self.allowed else None
        if self.model is None:
            from ui.models.audit_table import audit_columns
            from ui.models.record_table import RecordTableModel

            self.model = RecordTableModel(audit_columns(), None, self)
        self.table = make_table(self.model)
        v.addWidget(self.table, 1)
        self.result = QLabel(wordWrap=True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        v.addWidget(self.result)
        self.problems = QPlainTextEdit(readOnly=True)
        self.problems.setMaximumHeight(120)
        self.problems.hide()
        v.addWidget(self.problems)
        self.count_label = QLabel(objectName="muted")
        v.addWidget(self.count_label)

        for w in (self.date_from, self.date_to, self.user, self.action, self.check_button, self.table):
            w.setEnabled(self.allowed)
            w.setToolTip(ctx.denied_reason(roles.AUDIT_READ))
        self.notice.setVisible(not self.allowed)
        self.date_from.dateChanged.connect(lambda *_: self.apply_filters())
        self.date_to.dateChanged.connect(lambda *_: self.apply_filters())
        self.user.currentIndexChanged.connect(lambda *_: self.apply_filters())
        self.action.currentIndexChanged.connect(lambda *_: self.apply_filters())
        self.check_button.clicked.connect(self.verify)
        self._fill_choices()
        ctx.records_changed.connect(self._records_changed)
        self.retranslate_ui()

    # -- filters ------------------------------------------------------------------------------------------
    def _fill_choices(self) -> None:
        if not self.allowed:
            return
        with reported(self):
            ch = audit_log.choices(self.ctx.session)
            for combo, items in ((self.user, [(u, u) for u in ch["users"]]),
                                 (self.action, [(a["action"], a["label"]) for a in ch["actions"]])):
                keep = combo.currentData()
                combo.blockSignals(True)
                combo.clear()
                combo.addItem(self.tr("All"), None)
                for key, text in items:
                    combo.addItem(text, key)
                i = combo.findData(keep)
                combo.setCurrentIndex(max(0, i))
                combo.blockSignals(False)

    def filters(self) -> Filters:
        def day(w: DateEdit) -> date | None:
            iso = w.iso()
            return date.fromisoformat(iso) if iso else None

        return Filters(date_from=day(self.date_from), date_to=day(self.date_to), user=self.user.currentData(),
                       action=self.action.currentData())

    def apply_filters(self) -> None:
        if not self.allowed:
            return
        with reported(self):
            self.model.set_source(AuditSource(self.ctx.session, self.filters()))
        self._update_count()

    def _records_changed(self, _entity: str) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self.allowed:
            with reported(self):
                self.model.refresh()
            self._update_count()

    def showEvent(self, event) -> None:
        self._fill_choices()  # new users and actions appear as the log grows
        self.refresh()  # other screens and processes write entries meanwhile
        super().showEvent(event)

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(self.tr("{n} entries").format(n=fmt.number(n)) if self.allowed else "")

    # -- the chain check ------------------------------------------------------------------------------------
    def verify(self) -> dict | None:
        if not self.allowed:
            return None
        res = None
        with reported(self):
            res = run_with_progress(self, self.tr("Checking the audit log and the data…"), _verify_in_own_session,
                                    self.ctx.session)
        if res is None:
            return None
        self.result.setObjectName("okText" if res["ok"] else "formErrors")
        self.result.setStyleSheet("" if not res["ok"] else "color: #1b5e20;")
        self.result.setText(res["summary"])
        self.result.show()
        self.problems.setPlainText("\n".join(res["problems"]))
        self.problems.setVisible(bool(res["problems"]))
        return res

    # -- language -----------------------------------------------------------------------------------------
    def nav_title(self) -> str:
        return self.tr("Audit log")

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Audit log"))
        self.notice.setText(self.ctx.denied_reason(roles.AUDIT_READ))
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        self.user_label.setText(self.tr("User"))
        self.action_label.setText(self.tr("Activity"))
        self.check_button.setText(self.tr("Check the chain"))
        self.check_button.setToolTip(self.ctx.denied_reason(roles.AUDIT_READ) or self.tr(
            "Check that no entry of the log was removed, changed or reordered, and that the data matches it"))
        # No database here: a language change reaches every widget, even one whose session is closing.
        for combo in (self.user, self.action):
            if combo.count():
                combo.setItemText(0, self.tr("All"))
        for i in range(1, self.action.count()):
            self.action.setItemText(i, audit_log.action_label(self.action.itemData(i), self.ctx.lang))
        self.table.horizontalHeader().viewport().update()  # the titles are read at paint time
        self.count_label.setText(self.tr("{n} entries").format(n=fmt.number(self.model.rowCount()))
                                 if self.allowed else "")
