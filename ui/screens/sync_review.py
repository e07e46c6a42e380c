"""The upper level's review tabs on Đồng bộ: conflicts (both versions side by side, differing fields highlighted,
"Giữ bản hiện có" / "Dùng bản mới nhận" after a confirmation, each audited by the core) and quarantined records
(bundle, commune, record, reason). Rows from app.services.sync_review."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMessageBox, QPushButton, QSplitter, QVBoxLayout, QWidget)

from app.domain import roles
from app.domain.enums import RECORD_TYPE_LABELS, label
from app.services import sync_review
from ui import format as fmt
from ui.errors import reported
from ui.models.sync_review import ConflictFieldsModel, ConflictsModel, QuarantineModel, unit_text
from ui.widgets.tables import make_table


class ConflictsTab(QWidget):
    resolved = Signal(dict)  # a conflict was settled: {"id", "choice", "record_id"} (plus "entity")

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.detail: dict | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 6, 0, 0)
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = ConflictsModel(lambda: ctx.lang, self)
        self.table = make_table(self.model)
        self.fields_model = ConflictFieldsModel(self)
        self.fields = make_table(self.fields_model)
        self.fields.setSelectionMode(self.fields.SelectionMode.NoSelection)
        lower = QWidget()
        lv = QVBoxLayout(lower)
        lv.setContentsMargins(0, 0, 0, 0)
        self.detail_title = QLabel(objectName="panelSubtitle", wordWrap=True)
        lv.addWidget(self.detail_title)
        lv.addWidget(self.fields, 1)
        row = QHBoxLayout()
        self.keep_button = QPushButton()
        self.take_button = QPushButton(objectName="primary")
        row.addStretch(1)
        row.addWidget(self.keep_button)
        row.addWidget(self.take_button)
        lv.addLayout(row)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([130, 290])  # a few conflicts in view, and the fields of the selected one
        split.setStretchFactor(1, 1)  # room the window gains goes to the fields
        v.addWidget(split, 1)
        self.empty = QLabel(objectName="emptyState", wordWrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(self.empty)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.keep_button.clicked.connect(lambda: self.resolve("keep"))
        self.take_button.clicked.connect(lambda: self.resolve("incoming"))
        self.retranslate_ui()

    def reload(self) -> None:
        keep = self.detail["conflict"]["id"] if self.detail else None
        with reported(self):
            self.model.set_rows(sync_review.conflicts(self.ctx.session))
        rows = self.model.rows()
        self.empty.setVisible(not rows)
        at = next((i for i, r in enumerate(rows) if r["id"] == keep), 0 if rows else -1)
        if at >= 0:
            self.table.selectRow(at)
        self._show_selected()

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _show_selected(self) -> None:
        row = self.selected()
        self.detail = None
        if row is not None:
            with reported(self):
                self.detail = sync_review.conflict_detail(self.ctx.session, row["id"])
        # the fields that differ first: on a short screen the table shows a row or two, and they are the question
        fields = self.detail["fields"] if self.detail else []
        self.fields_model.set_rows(sorted(fields, key=lambda f: not f.get("differs")))
        self._show_title()
        self._update_buttons()

    def _show_title(self) -> None:
        if not self.detail:
            self.detail_title.setText("")
            return
        c = self.detail["conflict"]
        params = dict(type=label(RECORD_TYPE_LABELS, c["entity"], self.ctx.lang), title=c["title"],
                      local=unit_text(c["local_unit"]), local_rev=c["local_rev"],
                      incoming=unit_text(c["incoming_unit"]), incoming_rev=c["incoming_rev"],
                      n=fmt.number(self.fields_model.differing()))
        if self.fields_model.differing():
            text = self.tr("{type} \"{title}\": held here from {local} (version {local_rev}), received from {incoming} "
                           "(version {incoming_rev}). {n} field(s) differ, highlighted.")
        else:
            text = self.tr("{type} \"{title}\": held here from {local} (version {local_rev}), received from {incoming} "
                           "(version {incoming_rev}). The contents are the same: only the unit holding it differs.")
        self.detail_title.setText(text.format(**params))

    def _update_buttons(self) -> None:
        reason = self.ctx.denied_reason(roles.IMPORT) or ("" if self.detail else self.tr(
            "Select a conflict in the table first."))
        for b in (self.keep_button, self.take_button):
            b.setEnabled(not reason)
            b.setToolTip(reason)

    def resolve(self, choice: str) -> dict | None:
        """Settle the selected conflict after a confirmation; the core audits the choice."""
        if self.detail is None or not self.keep_button.isEnabled():
            return None
        c = self.detail["conflict"]
        if choice == "keep":
            question = self.tr("Keep the version held here for this record? The version received from {unit} is "
                               "set aside (it stays in the conflict history).").format(
                unit=unit_text(c["incoming_unit"]))
        else:
            question = self.tr("Replace the version held here with the one received from {unit}? {n} field(s) "
                               "change.").format(unit=unit_text(c["incoming_unit"]),
                                                 n=fmt.number(self.fields_model.differing()))
            if c.get("reason") == "other_site":
                question += " " + self.tr("The record then belongs to {unit} and is counted in its figures, no "
                                          "longer in {local}'s.").format(unit=unit_text(c["incoming_unit"]),
                                                                         local=unit_text(c["local_unit"]))
        answer = QMessageBox.question(self, self.tr("Settle conflict"), question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        res = None
        with reported(self):
            res = sync_review.resolve(self.ctx.session, c["id"], choice)
        self.detail = None
        self.reload()
        if res is not None:
            res["entity"] = c["entity"]
            self.resolved.emit(res)
        return res

    def retranslate_ui(self) -> None:
        self.keep_button.setText(self.tr("Keep the current version"))
        self.take_button.setText(self.tr("Use the version received"))
        self.empty.setText(self.tr("No conflict to review. When two versions of a record disagree, both are kept "
                                   "here until you choose."))
        self.model.retranslate()
        self.fields_model.retranslate()
        self._show_title()
        self._update_buttons()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class QuarantineTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 6, 0, 0)
        self.help = QLabel(objectName="muted", wordWrap=True)
        self.model = QuarantineModel(lambda: ctx.lang, self)
        self.table = make_table(self.model)
        self.empty = QLabel(objectName="emptyState", wordWrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(self.help)
        v.addWidget(self.table, 1)
        v.addWidget(self.empty)
        self.retranslate_ui()

    def reload(self) -> None:
        with reported(self):
            self.model.set_rows(sync_review.quarantined(self.ctx.session))
        self.empty.setVisible(self.model.rowCount() == 0)

    def retranslate_ui(self) -> None:
        self.help.setText(self.tr("Records a commune sent that could not be taken in. Nothing is needed here: tell "
                                  "the commune (its receipt lists them too) to correct them and send again."))
        self.empty.setText(self.tr("No record set aside."))
        self.model.retranslate()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
