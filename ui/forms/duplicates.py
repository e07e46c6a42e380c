"""The list behind the duplicates bar: earlier records of the same person, each openable."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from app.domain.enums import RECORD_TYPE_LABELS, label
from ui import format as fmt


class DuplicatesDialog(QDialog):
    def __init__(self, ctx, hits: list[dict], parent=None):
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)
        self.intro = QLabel(wordWrap=True)
        v.addWidget(self.intro)
        self.list = QListWidget()
        for h in hits:
            why = self.tr("same ID number") if h["reason"] == "id_number" else self.tr("same name")
            text = (f"{fmt.d(h['date'])} · {label(RECORD_TYPE_LABELS, h['type'], ctx.lang)} · "
                    f"{h.get('person') or ''} ({why}) — {(h.get('title') or '')[:90]}")
            item = QListWidgetItem(text)
            item.setData(256, (h["type"], h["id"]))
            self.list.addItem(item)
        self.list.itemActivated.connect(self._open)
        v.addWidget(self.list)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        v.addWidget(box)
        self.resize(640, 320)
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
