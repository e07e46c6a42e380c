""""Xuất dữ liệu của một công dân…": the ID number (and optionally the name), the file (.pdf or .json), then
app.services.data_subject.export_person in the background. Audited by the core."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from app.domain import roles
from app.domain.identity import looks_like_id_number
from app.errors import UsageError
from app.services import data_subject
from ui.errors import reported
from ui.widgets.fields import FieldError
from ui.widgets.progress import run_with_progress


def _export_in_own_session(session, id_number, out, name, *, progress=None, cancel=None) -> dict:
    own = session.spawn()
    try:
        return data_subject.export_person(own, id_number, out, name=name, progress=progress)
    finally:
        own.close()


class PersonExportDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.result_info: dict | None = None
        self.intro = QLabel(wordWrap=True)
        self.number = QLineEdit(maxLength=20)
        self.name = QLineEdit(maxLength=100)
        self.number_error = FieldError()
        self.number_label, self.name_label = QLabel(), QLabel()
        form = QFormLayout()
        box = QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.number)
        box.addWidget(self.number_error)
        holder = QWidget()
        holder.setLayout(box)
        form.addRow(self.number_label, holder)
        form.addRow(self.name_label, self.name)
        self.pdf_button = QPushButton(objectName="primary")
        self.json_button = QPushButton()
        self.close_button = QPushButton()
        buttons = QDialogButtonBox()
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.json_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.clicked.connect(self.reject)
        self.pdf_button.clicked.connect(lambda: self.export(".pdf"))
        self.json_button.clicked.connect(lambda: self.export(".json"))
        self.done_label = QLabel(wordWrap=True)
        self.done_label.hide()
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addLayout(form)
        lay.addWidget(self.done_label)
        lay.addWidget(buttons)
        self.setMinimumWidth(480)
        reason = ctx.denied_reason(roles.PERSON_EXPORT)
        for b in (self.pdf_button, self.json_button):
            b.setEnabled(not reason)
            b.setToolTip(reason)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Export a citizen's data"))
        self.intro.setText(self.tr("Everything this unit holds about one citizen, at their request (Personal Data "
                                   "Protection Law): the records with their ID number and what was done with them. "
                                   "With the name, records of the same name without an ID number are added, to be "
                                   "checked with the citizen. The export is recorded in the audit log."))
        self.number_label.setText(self.tr("ID number:"))
        self.name_label.setText(self.tr("Full name (optional):"))
        self.pdf_button.setText(self.tr("Save as PDF…"))
        self.json_button.setText(self.tr("Save as JSON…"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def choose_file(self, suffix: str) -> str:
        kind = self.tr("PDF document (*.pdf)") if suffix == ".pdf" else self.tr("JSON file (*.json)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the citizen's data"), f"du-lieu-ca-nhan{suffix}",
                                              kind)
        if path and not path.lower().endswith(suffix):
            path += suffix
        return path

    def export(self, suffix: str, path: str | None = None) -> dict | None:
        number = self.number.text().strip()
        try:  # the core's own rule, said beside the field before a file is asked for
            if not looks_like_id_number(number):
                raise UsageError("person.bad_id_number", value=number)
        except UsageError as exc:
            self.number_error.show_message(exc.message(self.ctx.lang))
            self.number.setFocus()
            return None
        self.number_error.show_message(None)
        path = path or self.choose_file(suffix)
        if not path:
            return None
        res = None
        with reported(self):
            res = run_with_progress(self, self.tr("Gathering the citizen's data…"), _export_in_own_session,
                                    self.ctx.session, number, path, self.name.text().strip() or None)
        if res is not None:
            self.result_info = res
            self.done_label.setText(self.tr("Saved {file}: {n} record(s) with this ID number, {m} of the same name "
                                            "to check.").format(file=res["file"], n=res["records"],
                                                                m=res["name_matches"]))
            self.done_label.show()
        return res
