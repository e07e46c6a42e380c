"""The list behind the duplicates bar: earlier records of the same person, each openable."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QVBoxLayout)

from app.domain.enums import RECORD_TYPE_LABELS, label
from ui import format as fmt
from ui.widgets.screen_fit import fit_to_screen


class DuplicatesDialog(QDialog):
    def __init__(self, ctx, hits: list[dict], parent=None):
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)
        self.intro = QLabel(wordWrap=True)
        v.addWidget(self.intro)
        self.list = QListWidget()
        # each earlier record whole, on as many lines as it needs: the officer compares it with the citizen
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        for h in hits:
            why = self.tr("same ID number") if h["reason"] == "id_number" else self.tr("same name")
            who = ", ".join(x for x in (h.get("person"), h.get("id_number") and self.tr("ID {number}").format(
                number=h["id_number"]), fmt.cut(h.get("address") or "", 120)) if x)  # wrapped: whole addresses
            text = (f"{fmt.d(h['date'])} · {label(RECORD_TYPE_LABELS, h['type'], ctx.lang)} · "
                    f"{who} ({why}) — {fmt.cut(h.get('title') or '', 240)}")
            item = QListWidgetItem(text)
            item.setData(256, (h["type"], h["id"]))
            self.list.addItem(item)
        self.list.itemActivated.connect(self._open)
        v.addWidget(self.list)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        v.addWidget(box)
        fit_to_screen(self, 900, 420)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Earlier records of this person"))
        self.intro.setText(self.tr("Double-click a record to open it."))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _open(self, item: QListWidgetItem) -> None:
        from ui.forms.registry import open_form

        entity, rid = item.data(256)
        open_form(self.ctx, entity, rid, parent=self)


class ParentPetitionDialog(QDialog):
    """Which earlier petition a new one repeats (BRIEF: a duplicate — same person, same content — is linked to its
    parent case and filed, not counted as a new case): the earlier petitions of the same person, or one named by
    its case number."""

    def __init__(self, ctx, hits: list[dict], parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.chosen: str | None = None
        v = QVBoxLayout(self)
        self.intro = QLabel(wordWrap=True)
        v.addWidget(self.intro)
        self.list = QListWidget()
        for h in hits:
            text = " · ".join(x for x in (h.get("case_no"), fmt.d(h["date"]), h.get("person"),
                                          fmt.cut(h.get("title") or "", 80)) if x)
            item = QListWidgetItem(text)
            item.setData(256, h["id"])
            self.list.addItem(item)
        self.list.setVisible(bool(hits))
        if hits:
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _i: self.accept())
        v.addWidget(self.list)
        row = QHBoxLayout()
        self.case_label = QLabel()
        self.case_no = QLineEdit()
        self.case_label.setBuddy(self.case_no)
        row.addWidget(self.case_label)
        row.addWidget(self.case_no, 1)
        v.addLayout(row)
        self.error = QLabel(objectName="formErrors", wordWrap=True)
        self.error.hide()
        v.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        v.addWidget(self.buttons)
        self.case_no.textEdited.connect(lambda _t: self.list.clearSelection())
        self.resize(640, 320 if hits else 160)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Mark as a duplicate"))
        self.intro.setText(self.tr("Which earlier petition does this one repeat? A duplicate is filed with it: it has "
                                   "no deadline of its own and is not counted as a new case.") if self.list.count()
                           else self.tr("Which earlier petition does this one repeat? No earlier petition of these "
                                        "petitioners was found: type its case number."))
        self.case_label.setText(self.tr("&Case number:"))
        self.case_no.setPlaceholderText(self.tr("e.g. 00004-2026-12"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def accept(self) -> None:
        from app.services import records

        typed = self.case_no.text().strip()
        if typed:
            found = records.petition_by_case_no(self.ctx.session, typed)
            if found is None:
                self.error.setText(self.tr("No petition has the case number {case_no}.").format(case_no=typed))
                self.error.show()
                return
            self.chosen = found["id"]
        elif self.list.currentItem() is not None and self.list.currentItem().isSelected():
            self.chosen = self.list.currentItem().data(256)
        else:
            self.error.setText(self.tr("Choose the earlier petition, or type its case number."))
            self.error.show()
            return
        super().accept()
