"""The "Dân vận khéo" model form: general details, the registration template's sections (situation, goals,
content and method, area, forces, resources, timeline, outputs, sustainability) and the evaluation, on tabs.

Labels are the glossary's (app.domain.records.MODEL); validation is the core's, its messages shown beside the
fields, and the tab holding a refused field is brought forward and marked.
"""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QSpinBox,
                               QTabWidget, QVBoxLayout, QWidget)

from app.domain import enums
from app.domain.records import FIELDS_BY_NAME, field_label
from ui.forms.base import RecordForm, make_read_only  # noqa: F401 — dialogue_form takes it from here
from ui.style import OVERDUE
from ui.widgets.fields import DateEdit, EnumCombo
from ui.widgets.screen_fit import scrolling

GENERAL = ("year", "name", "kind", "field", "owner", "level", "description")
REGISTRATION = ("situation", "goals", "content_method", "area", "forces", "resources", "timeline", "outputs",
                "sustainability")
EVALUATION = ("status", "recognized_on", "recognition_level", "decision_no", "note")
TEXT_LINES = {"description": 4, "situation": 3, "goals": 3, "content_method": 4, "area": 2, "forces": 2,
              "resources": 2, "timeline": 2, "outputs": 3, "sustainability": 2, "note": 4}


def text_value(w: QWidget) -> str | None:
    """The trimmed text of a line or text editor (None when empty, so the record leaves it out)."""
    s = w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()
    s = s.strip()
    return s or None


def text_editor(lines: int) -> QPlainTextEdit:
    """A multi-line editor about `lines` lines tall where Tab moves on (fast typing from field to field)."""
    e = QPlainTextEdit()
    e.setTabChangesFocus(True)
    e.setFixedHeight(e.fontMetrics().lineSpacing() * lines + 14)
    return e


def form_page() -> tuple[QWidget, QFormLayout]:
    """A page whose rows keep their own height (spare room goes below the last row, not between rows)."""
    page = QWidget()
    v = QVBoxLayout(page)
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    v.addLayout(form)
    v.addStretch(1)
    return page, form


def form_label() -> QLabel:
    lab = QLabel(wordWrap=True)
    lab.setMinimumWidth(205)
    lab.setMaximumWidth(240)
    return lab


class ModelForm(RecordForm):
    entity = "model"

    def build_body(self) -> QWidget:
        self.labels: dict[str, QLabel] = {}
        self.editors: dict[str, QWidget] = {}
        self.tabs = QTabWidget()
        self._tab_of: dict[str, int] = {}
        today = self.ctx.session.clock.today()
        self._this_year = today.year

        e = self.editors
        e["year"] = QSpinBox()
        e["year"].setRange(2000, today.year + 1)
        e["year"].setValue(today.year)
        e["year"].setFixedWidth(90)
        e["name"] = QLineEdit()
        e["kind"] = EnumCombo(enums.MODEL_KIND, self.ctx.lang, blank="")
        e["field"] = EnumCombo(enums.MODEL_FIELD, self.ctx.lang, blank="")
        e["owner"] = QLineEdit()
        e["level"] = EnumCombo(enums.LEVEL, self.ctx.lang, blank="")  # "commune" / "upper" in the exchange format
        e["status"] = EnumCombo(enums.MODEL_STATUS, self.ctx.lang)
        e["recognized_on"] = DateEdit()
        e["recognition_level"] = QLineEdit()
        e["decision_no"] = QLineEdit()
        for name in ("kind", "field", "status", "level"):
            e[name].setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for name in ("recognized_on", "decision_no"):
            e[name].setMaximumWidth(220)
        for name in ("description", "note", *REGISTRATION):
            e[name] = text_editor(TEXT_LINES.get(name, 3))

        for tab_no, names in enumerate((GENERAL, REGISTRATION, EVALUATION)):
            page, form = form_page()
            for name in names:
                lab = form_label()
                self.labels[name] = lab
                self.add_field(form, lab, e[name], name)
                self._tab_of[name] = tab_no
            self.tabs.addTab(scrolling(page), "")
        if not self.can_write:
            make_read_only(e.values())
        return self.tabs

    # -- record ⇄ editors ---------------------------------------------------------------------------------------
    def load(self, record: dict) -> None:
        e = self.editors
        year = record.get("year")
        if isinstance(year, int) and e["year"].minimum() <= year <= e["year"].maximum():
            e["year"].setValue(year)
        for name in ("kind", "field", "level"):
            e[name].set_value(record.get(name))
        e["status"].set_value(record.get("status") or FIELDS_BY_NAME["model"]["status"].default)
        e["recognized_on"].set_value(record.get("recognized_on"))
        for name, w in e.items():
            if isinstance(w, QLineEdit) and not isinstance(w, DateEdit):
                w.setText(str(record.get(name) or ""))
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText(str(record.get(name) or ""))

    def collect(self) -> dict:
        e = self.editors
        out: dict = {"year": e["year"].value()}
        for name in ("kind", "field", "status", "level"):
            out[name] = e[name].value()
        out["recognized_on"] = e["recognized_on"].value()
        for name, w in e.items():
            if isinstance(w, (QLineEdit, QPlainTextEdit)) and not isinstance(w, DateEdit):
                out[name] = text_value(w)
        return out

    # -- messages: bring the tab of the first refused field forward ------------------------------------------------
    def show_errors(self, errors: list[dict]) -> None:
        super().show_errors(errors)
        bar = self.tabs.tabBar()
        marked: set[int] = set()
        for path, err in self._errors.items():
            if err.text() and not err.isHidden() and path in self._tab_of:
                marked.add(self._tab_of[path])
        for i in range(self.tabs.count()):
            bar.setTabTextColor(i, QColor(OVERDUE) if i in marked else QColor())
        if marked and self.tabs.currentIndex() not in marked:
            first = next((self._tab_of[e.get("field")] for e in errors if e.get("field") in self._tab_of), min(marked))
            self.tabs.setCurrentIndex(first)
            for e in errors:
                if self._tab_of.get(e.get("field")) == first:
                    self.editors[e["field"]].setFocus()
                    break

    # -- text ----------------------------------------------------------------------------------------------------------
    def before_save(self, raw: dict) -> bool:
        """A model of this year with the same name is already registered here: asked once, "go back" first —
        registered twice, it would be counted twice in the register and every report."""
        from app.services import listing
        from ui.errors import reported

        stored = self.record if self.record_id else {}
        if stored and (stored.get("name"), stored.get("year")) == (raw.get("name"), raw.get("year")):
            return True  # an edit of a model already saved under that name: asked when it was, not at every save
        same = []
        with reported(self):
            same = listing.same_models(self.ctx.session, raw)
        if not same:
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Model already registered?"))
        box.setText(self.tr("A model named \"{name}\" is already registered for {year} ({owner}). Save this one "
                            "as well?").format(name=same[0]["name"], year=raw.get("year"),
                                               owner=same[0].get("owner") or ""))
        back = box.addButton(self.tr("Go back and check"), QMessageBox.ButtonRole.RejectRole)
        save = box.addButton(self.tr("Save as another model"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(back)
        box.exec()
        return box.clickedButton() is save

    def window_title(self) -> str:
        name = (self.record or {}).get("name")
        if self.record_id and name:
            return self.tr("\"Dân vận khéo\" model — {name}").format(name=name)
        return self.tr("Register a \"Dân vận khéo\" model")

    def retranslate_ui(self) -> None:
        lang = self.ctx.lang
        for name, lab in self.labels.items():
            text = field_label("model", name, lang)
            lab.setText(text + (" *" if FIELDS_BY_NAME["model"][name].required else ""))
        self.tabs.setTabText(0, self.tr("General"))
        self.tabs.setTabText(1, self.tr("Registration"))
        self.tabs.setTabText(2, self.tr("Evaluation"))
        for name in ("kind", "field"):
            self.editors[name].set_blank_text(self.tr("— choose —"))
        for name in ("kind", "field", "status"):
            self.editors[name].set_language(lang)  # the same choice in other words: not an edit
        self.editors["recognition_level"].setPlaceholderText(self.tr("e.g. typical model, commended"))
