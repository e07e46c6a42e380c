"""The dialogue form: a party secretary's or chairman's dialogue with the people — date, chair, participants,
topics, what was taken on board or promised, and how it was followed up."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget

from app.domain.records import FIELDS_BY_NAME, field_label
from ui import format as fmt
from ui.forms.base import RecordForm
from ui.forms.model_form import form_label, form_page, make_read_only, text_editor, text_value
from ui.widgets.fields import DateEdit
from ui.widgets.screen_fit import fit_to_screen

FIELDS = ("held_on", "chair", "participants", "topics", "commitments", "commitments_due", "follow_up", "note")
TEXT_LINES = {"topics": 5, "commitments": 5, "follow_up": 4, "note": 3}
NO_COUNT = -1  # the spin box's minimum, shown blank: "not counted"


class DialogueForm(RecordForm):
    entity = "dialogue"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fit_to_screen(self, 820, 600)  # seven fields on one page: smaller than the tabbed forms

    def build_body(self) -> QWidget:
        self.labels: dict[str, QLabel] = {}
        e: dict[str, QWidget] = {}
        self.editors = e
        e["held_on"] = DateEdit(optional=False)
        e["held_on"].set_value(self.ctx.session.clock.today().isoformat())
        e["held_on"].setFixedWidth(e["held_on"].fitting_width(140))
        e["chair"] = QLineEdit()
        e["participants"] = QSpinBox()
        e["participants"].setRange(NO_COUNT, 1_000_000)
        e["participants"].setSpecialValueText(" ")
        e["participants"].setValue(NO_COUNT)
        e["participants"].setFixedWidth(110)
        e["participants"].setGroupSeparatorShown(True)
        e["commitments_due"] = DateEdit()  # by when what was promised is to be done (may be ahead of today)
        e["commitments_due"].setFixedWidth(e["commitments_due"].fitting_width(140))
        for name, lines in TEXT_LINES.items():
            e[name] = text_editor(lines)

        page, form = form_page()
        for name in FIELDS:
            lab = form_label()
            self.labels[name] = lab
            self.add_field(form, lab, e[name], name)
        if not self.can_write:
            make_read_only(e.values())
        return page

    def load(self, record: dict) -> None:
        e = self.editors
        if record.get("held_on"):
            e["held_on"].set_value(record["held_on"])
        e["chair"].setText(record.get("chair") or "")
        n = record.get("participants")
        e["participants"].setValue(n if isinstance(n, int) and n >= 0 else NO_COUNT)
        e["commitments_due"].set_value(record.get("commitments_due"))
        for name in TEXT_LINES:
            e[name].setPlainText(record.get(name) or "")

    def collect(self) -> dict:
        e = self.editors
        n = e["participants"].value()
        out: dict = {"held_on": e["held_on"].value(), "chair": text_value(e["chair"]),
                     "participants": None if n == NO_COUNT else n, "commitments_due": e["commitments_due"].value()}
        for name in TEXT_LINES:
            out[name] = text_value(e[name])
        return out

    def window_title(self) -> str:
        held = (self.record or {}).get("held_on")
        if self.record_id and held:
            return self.tr("Dialogue of {date}").format(date=fmt.d(held))
        return self.tr("New dialogue")

    def retranslate_ui(self) -> None:
        lang = self.ctx.lang
        for name, lab in self.labels.items():
            lab.setText(field_label("dialogue", name, lang)
                        + (" *" if FIELDS_BY_NAME["dialogue"][name].required else ""))
        self.editors["chair"].setPlaceholderText(self.tr("e.g. Party Secretary, Chairman of the People's Committee"))
