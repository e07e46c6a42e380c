"""Đơn thư — one petition (UI.md "the petition form"): reception of the letter, who sent it (or anonymous), what
it is about, how it is handled, its dates with a live deadline strip, its status with the history of changes,
and the outcome. A denouncer's identity stays masked (read-only, with a lock) for roles that may not see it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from app.domain import enums, roles
from app.domain.deadlines import extension_warnings
from app.domain.masking import MASK
from app.domain.records import CITIZEN_FIELDS, FIELDS_BY_NAME
from app.services import history, records
from ui import format as fmt
from ui.forms.base import RecordForm
from ui.forms.reception_form import field_label, field_title, id_number_message, text_height
from ui.widgets.deadline_strip import DeadlineStrip
from ui.widgets.fields import DateEdit, EnumCombo, FieldError
from ui.widgets.icons import lock_icon
from ui.widgets.people import ExtensionsEditor, PeopleEditor
from ui.style import WARNING
from ui.widgets.screen_fit import fit_to_screen

_FIELDS = FIELDS_BY_NAME["petition"]
_CITIZEN = {f.name: f for f in CITIZEN_FIELDS}
_AUTH_KEYS = ("name", "id_number", "phone", "address")
_DATE_KEYS = ("accepted_on", "notified_on", "resolved_on", "answered_on")
HISTORY_SHOWN = 4


class PetitionForm(RecordForm):
    entity = "petition"
    offers_duplicates = True

    def __init__(self, ctx, record_id: str | None = None, *, initial: dict | None = None, **kw):
        self._people_masked = False
        self._auth_masked = False
        super().__init__(ctx, record_id, initial=initial, **kw)
        self.layout().insertWidget(1, self.deadline_strip)
        self.stored_status = self.record.get("status") if record_id else None
        if initial and not record_id:
            self._dirty = True  # prefilled (from a reception): closing asks before dropping it
        fit_to_screen(self, 980, 680)
        self.update_deadlines()

    # -- body -------------------------------------------------------------------------------------------------
    def build_body(self) -> QWidget:
        lang = self.ctx.lang
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.setContentsMargins(0, 0, 4, 0)
        outer.setSpacing(6)
        self.labels: dict[str, QLabel] = {}

        def lbl(name: str) -> QLabel:
            self.labels[name] = QLabel()
            return self.labels[name]

        # Reception of the letter | status.
        top = QHBoxLayout()
        top.setSpacing(8)
        self.side_by_side.append(top)
        self.receipt_box = QGroupBox()
        rf = QFormLayout(self.receipt_box)
        self.received_on = DateEdit(optional=False)
        self.add_field(rf, lbl("received_on"), self.received_on, "received_on")
        self.source = EnumCombo(enums.SOURCE, lang, blank="")
        self.add_field(rf, lbl("source"), self.source, "source")
        self.category = EnumCombo(enums.CATEGORY, lang, blank="")
        self.add_field(rf, lbl("category"), self.category, "category")
        self.reception_link = QPushButton()
        self.reception_link.setFlat(True)
        self.reception_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.reception_link.setStyleSheet("QPushButton { text-align: left; color: #1f5f99; text-decoration: underline; }"
                                          "QPushButton:disabled { color: #5f6368; text-decoration: none; }")
        self.reception_link.clicked.connect(self.open_reception)
        rf.addRow(lbl("reception_id"), self.reception_link)
        # A duplicate (same person, same content) is linked to the earlier petition and filed with it.
        dup_row = QHBoxLayout()
        dup_row.setSpacing(8)
        self.duplicate_link = QPushButton()
        self.duplicate_link.setFlat(True)
        self.duplicate_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.duplicate_link.setStyleSheet(self.reception_link.styleSheet())
        self.duplicate_link.clicked.connect(self.open_parent)
        self.duplicate_button = QPushButton(objectName="link")
        self.duplicate_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.duplicate_button.clicked.connect(self._toggle_duplicate)
        dup_row.addWidget(self.duplicate_link)
        dup_row.addWidget(self.duplicate_button)
        dup_row.addStretch(1)
        self.duplicate_title = QLabel()
        rf.addRow(self.duplicate_title, dup_row)
        top.addWidget(self.receipt_box, 1)

        self.status_box = QGroupBox()
        sf = QFormLayout(self.status_box)
        self.status = EnumCombo(enums.PETITION_STATUS, lang)
        self.add_field(sf, lbl("status"), self.status, "status")
        self.history_label = QLabel(objectName="muted", wordWrap=True)
        self.history_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_title = QLabel()
        sf.addRow(self.history_title, self.history_label)
        self.outcome = EnumCombo(enums.OUTCOME, lang, blank="")
        self.add_field(sf, lbl("outcome"), self.outcome, "outcome")
        top.addWidget(self.status_box, 1)
        outer.addLayout(top)

        # Who sent it.
        self.people_box = QGroupBox()
        pv = QVBoxLayout(self.people_box)
        pv.setSpacing(4)
        head = QHBoxLayout()
        self.anonymous = QCheckBox()
        head.addWidget(self.anonymous)
        head.addStretch(1)
        self.lock_label = QLabel()
        self.lock_label.setPixmap(lock_icon(16).pixmap(QSize(16, 16), self.devicePixelRatioF()))
        self.lock_text = QLabel(objectName="muted")
        head.addWidget(self.lock_label)
        head.addWidget(self.lock_text)
        pv.addLayout(head)
        self.petitioners = PeopleEditor(lang, visible_rows=2, home_province=self.ctx.session.home_province)
        pv.addWidget(self.petitioners)
        self.petitioners_error = FieldError()
        pv.addWidget(self.petitioners_error)
        self.register_field("petitioners", self.petitioners, self.petitioners_error)

        # Authorised person: folded away unless there is one.
        self.auth_box = QCheckBox()
        pv.addWidget(self.auth_box)
        self.auth_inner = QWidget()
        ag = QGridLayout(self.auth_inner)
        ag.setContentsMargins(20, 0, 0, 0)
        self.auth_editors = {k: QLineEdit() for k in _AUTH_KEYS}
        self.auth_labels = {k: QLabel() for k in _AUTH_KEYS}
        for i, k in enumerate(_AUTH_KEYS):
            ag.addWidget(self.auth_labels[k], i // 2, (i % 2) * 2)
            ag.addWidget(self.auth_editors[k], i // 2, (i % 2) * 2 + 1)
            self.auth_labels[k].setBuddy(self.auth_editors[k])
            self.watch(self.auth_editors[k])
        ag.setColumnStretch(1, 1)
        ag.setColumnStretch(3, 1)
        self.auth_error = FieldError()
        ag.addWidget(self.auth_error, 2, 0, 1, 4)
        pv.addWidget(self.auth_inner)
        self.register_field("authorized_person", self.auth_editors["name"], self.auth_error)
        self.edits_answer("authorized_person", *self.auth_editors.values())
        self.auth_box.toggled.connect(self.auth_inner.setVisible)
        self.watch(self.auth_box)
        outer.addWidget(self.people_box)

        # What it is about, and how it is handled.
        self.matter_box = QGroupBox()
        mf = QFormLayout(self.matter_box)
        self.content = QPlainTextEdit()
        text_height(self.content, 3)
        self.add_field(mf, lbl("content"), self.content, "content")
        self.respondent = QLineEdit()
        self.add_field(mf, lbl("respondent"), self.respondent, "respondent")

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        self.eligible = QComboBox()
        self.eligible.addItems(["", "", ""])  # not decided / yes / no (texts in retranslate_ui)
        self.ineligible_reason = QLineEdit()
        self.complex = QCheckBox()
        self.remote_area = QCheckBox()
        self.round = QSpinBox()
        self.round.setRange(0, 2)
        self.round.setSpecialValueText(" ")
        self.round.setMinimumWidth(56)
        self.direction = EnumCombo(enums.PETITION_DIRECTION, lang, blank="")
        self.forwarded_to = QLineEdit()
        cells = [
            (0, 0, "eligible", self.eligible), (0, 2, "ineligible_reason", self.ineligible_reason),
            (2, 0, "direction", self.direction), (2, 2, "forwarded_to", self.forwarded_to),
        ]
        for r, c, name, editor in cells:
            label = lbl(name)
            label.setBuddy(editor)
            err = FieldError()
            grid.addWidget(label, r, c)
            grid.addWidget(editor, r, c + 1)
            grid.addWidget(err, r + 1, c + 1)
            self.register_field(name, editor, err)
        ticks = QHBoxLayout()
        ticks.addWidget(self.complex)
        ticks.addWidget(self.remote_area)
        ticks.addSpacing(12)
        ticks.addWidget(lbl("round"))
        self.labels["round"].setBuddy(self.round)
        ticks.addSpacing(6)  # the label must not touch its box
        ticks.addWidget(self.round)
        ticks.addStretch(1)
        grid.addLayout(ticks, 4, 0, 1, 4)
        self.round_error = FieldError()
        grid.addWidget(self.round_error, 5, 0, 1, 4)
        self.watch(self.anonymous, self.complex, self.remote_area)
        self.register_field("round", self.round, self.round_error)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 3)
        mf.addRow(grid)
        outer.addWidget(self.matter_box)

        # Dates, extensions and the live deadline strip.
        self.dates_box = QGroupBox()
        dv = QVBoxLayout(self.dates_box)
        dg = QGridLayout()
        dg.setHorizontalSpacing(10)
        dg.setVerticalSpacing(2)
        self.dates = {k: DateEdit() for k in _DATE_KEYS}
        for i, k in enumerate(_DATE_KEYS):
            r, c = (i // 2) * 2, (i % 2) * 2
            label = lbl(k)
            label.setBuddy(self.dates[k])
            err = FieldError()
            dg.addWidget(label, r, c)
            dg.addWidget(self.dates[k], r, c + 1)
            dg.addWidget(err, r + 1, c + 1)
            self.register_field(k, self.dates[k], err)
        dg.setColumnStretch(1, 1)
        dg.setColumnStretch(3, 1)
        dv.addLayout(dg)
        ext_row = QHBoxLayout()
        ext_col = QVBoxLayout()
        ext_col.addWidget(lbl("extensions"))
        ext_col.addStretch(1)
        ext_row.addLayout(ext_col)
        self.extensions = ExtensionsEditor(lang, visible_rows=2)
        self.labels["extensions"].setBuddy(self.extensions.view)
        ext_row.addWidget(self.extensions, 1)
        dv.addLayout(ext_row)
        self.extensions_error = FieldError()
        dv.addWidget(self.extensions_error)
        # What the law says of the extensions typed (only denunciations have them; a second one only for an
        # especially complex case …): a note in amber, not a refusal — the deadline strip counts only the valid ones.
        self.extensions_note = QLabel(wordWrap=True)
        self.extensions_note.setStyleSheet(f"color: {WARNING};")
        self.extensions_note.hide()
        dv.addWidget(self.extensions_note)
        self.register_field("extensions", self.extensions, self.extensions_error)
        self.deadline_strip = DeadlineStrip()  # placed above the scrolling body (see __init__): always in sight
        outer.addWidget(self.dates_box)

        self.note = QPlainTextEdit()
        text_height(self.note, 2)
        nf = QFormLayout()
        self.add_field(nf, lbl("note"), self.note, "note")
        outer.addLayout(nf)
        outer.addStretch(1)

        # Behaviour: the reason only for "not eligible"; the strip follows every fact it depends on.
        self.eligible.currentIndexChanged.connect(self._eligible_changed)
        self.direction.currentIndexChanged.connect(self._direction_changed)
        self.anonymous.toggled.connect(self._anonymous_changed)
        for w in (self.received_on, *self.dates.values()):
            w.dateChanged.connect(self.update_deadlines)
        for w in (self.category, self.direction, self.status, self.eligible, self.round):
            sig = w.currentIndexChanged if isinstance(w, QComboBox) else w.valueChanged
            sig.connect(self.update_deadlines)
        for w in (self.complex, self.remote_area, self.anonymous):
            w.toggled.connect(self.update_deadlines)
        self.extensions.changed.connect(self.update_deadlines)
        self.petitioners.changed.connect(self.update_deadlines)
        self.petitioners.view.activated.connect(lambda _i: self.refresh_duplicates())
        self.petitioners.model.dataChanged.connect(self._person_edited)
        self.auth_editors["id_number"].editingFinished.connect(self._check_auth_id)

        order = [self.received_on, self.source, self.category, self.reception_link, self.duplicate_link,
                 self.duplicate_button, self.status, self.outcome,
                 self.anonymous, *self.petitioners.focus_chain(), self.auth_box, *self.auth_editors.values(),
                 self.content, self.respondent, self.eligible, self.ineligible_reason, self.direction,
                 self.forwarded_to, self.complex, self.remote_area, self.round, *self.dates.values(),
                 *self.extensions.focus_chain(), self.note]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)
        return body

    # -- loading and collecting ------------------------------------------------------------------------------
    def extra_buttons(self):
        from ui.printing import record_print_buttons

        self.print_buttons = record_print_buttons(self, ("record-sheet", "notice"))  # "In phiếu", "In thông báo"
        return self.print_buttons

    def load(self, record: dict) -> None:
        today = self.ctx.session.clock.today().isoformat()
        self.received_on.set_value(record.get("received_on") or today)
        self.source.set_value(record.get("source"))
        self.category.set_value(record.get("category"))
        self.petitioners.set_people(record.get("petitioners") or [])
        self.anonymous.setChecked(bool(record.get("anonymous")))
        auth = record.get("authorized_person") or {}
        for k, e in self.auth_editors.items():
            e.setText(auth.get(k) or "")
        self.auth_box.setChecked(bool(auth))
        self.auth_inner.setVisible(bool(auth))
        self.content.setPlainText(record.get("content") or "")
        self.respondent.setText(record.get("respondent") or "")
        el = record.get("eligible")
        self.eligible.setCurrentIndex(0 if el is None else (1 if el else 2))
        self.ineligible_reason.setText(record.get("ineligible_reason") or "")
        self.complex.setChecked(bool(record.get("complex")))
        self.remote_area.setChecked(bool(record.get("remote_area")))
        self.round.setValue(int(record.get("round") or 0))
        self.direction.set_value(record.get("direction"))
        self.forwarded_to.setText(record.get("forwarded_to") or "")
        for k, e in self.dates.items():
            e.set_value(record.get(k))
        self.extensions.set_rows(record.get("extensions") or [])
        self.status.set_value(record.get("status") or "received")
        self.outcome.set_value(record.get("outcome"))
        self.note.setPlainText(record.get("note") or "")
        self._eligible_changed()
        self._direction_changed()
        self._anonymous_changed()
        self._apply_masking()
        self.deadline_strip.notice_from = records.petition_notice_from(self.ctx.session, self.record_id)
        self._load_reception_link()
        self._load_duplicate_link()
        self._load_history()

    def collect(self) -> dict:
        el = self.eligible.currentIndex()
        rec = {
            "received_on": self.received_on.value(),
            "source": self.source.value(),
            "category": self.category.value(),
            "petitioners": self.petitioners.people() or None,
            "anonymous": self._flag("anonymous", self.anonymous.isChecked()),
            "authorized_person": self._authorized_person(),
            "content": self.content.toPlainText().strip() or None,
            "respondent": self.respondent.text().strip() or None,
            "eligible": None if el == 0 else el == 1,
            "ineligible_reason": self.ineligible_reason.text().strip() or None if el == 2 else None,
            "complex": self._flag("complex", self.complex.isChecked()),
            "remote_area": self._flag("remote_area", self.remote_area.isChecked()),
            "round": self.round.value() or None,
            "direction": self.direction.value(),
            "forwarded_to": self.forwarded_to.text().strip() or None,
            "extensions": self.extensions.rows() or None,
            "status": self.status.value(),
            "outcome": self.outcome.value(),
            "note": self.note.toPlainText().strip() or None,
        }
        for k, e in self.dates.items():
            rec[k] = e.value()
        return rec

    def _flag(self, key: str, checked: bool):
        if checked:
            return True
        return False if self.record.get(key) is False else None

    def _authorized_person(self) -> dict | None:
        stored = self.record.get("authorized_person") or {}
        if self._auth_masked:
            return dict(stored)
        if not self.auth_box.isChecked():
            return None
        out = {k: v for k, v in stored.items() if k not in _AUTH_KEYS}  # ID type, ward code: kept as stored
        for k, e in self.auth_editors.items():
            v = " ".join(e.text().split())
            if v:
                out[k] = v
        return out if any(out.get(k) for k in _AUTH_KEYS) else None

    def deadline_facts(self) -> dict:
        """The form's current values as the deadline rules read them (no editor is committed for this)."""
        el = self.eligible.currentIndex()
        rec = {
            "received_on": self.received_on.value(), "category": self.category.value(),
            "status": self.status.value(), "direction": self.direction.value(),
            "eligible": None if el == 0 else el == 1, "complex": self.complex.isChecked(),
            "remote_area": self.remote_area.isChecked(), "round": self.round.value() or None,
            "anonymous": self.anonymous.isChecked(), "petitioners": self.petitioners.model.rows(),
            "extensions": self.extensions.model.rows(), "duplicate_of": self.record.get("duplicate_of"),
        }
        for k, e in self.dates.items():
            rec[k] = e.value()
        return rec

    # -- behaviour -------------------------------------------------------------------------------------------
    def update_deadlines(self, *_args) -> None:
        if not hasattr(self, "deadline_strip"):
            return
        s = self.ctx.session
        facts = self.deadline_facts()
        self.deadline_strip.update_from(facts, s.calendar(), s.rules(), s.clock.today(), self.ctx.lang)
        try:
            notes = extension_warnings(facts, s.rules())
        except (ValueError, OverflowError):  # a date the form cannot hold yet: no note while typing
            notes = []
        self.extensions_note.setText("\n".join(vi if self.ctx.lang == "vi" else en for vi, en in notes))
        self.extensions_note.setVisible(bool(notes))

    def _eligible_changed(self, *_args) -> None:
        self.ineligible_reason.setEnabled(self.eligible.currentIndex() == 2)

    def _direction_changed(self, *_args) -> None:
        self.forwarded_to.setEnabled(self.direction.value() == "forward" or bool(self.forwarded_to.text()))

    def _anonymous_changed(self, *_args) -> None:
        if not self._people_masked:
            # An anonymous letter has nobody to record; the table stays usable if a name turns up later.
            self.petitioners.view.setEnabled(not self.anonymous.isChecked() or bool(self.petitioners.model.rows()))

    def _person_edited(self, top_left, _bottom_right, changed_roles=()) -> None:
        if self._loading or not changed_roles:  # an edit names its roles; a language or lock refresh does not
            return
        key = self.petitioners.model.column(top_left.column()).key
        if key in ("name", "id_number"):
            self.refresh_duplicates()
        if key in ("id_number", "id_type"):
            row = self.petitioners.model.rows()[top_left.row()] if top_left.row() < len(
                self.petitioners.model.rows()) else {}
            self.petitioners_error.show_message(
                id_number_message(row.get("id_number") or "", row.get("id_type"), self.ctx.lang, typing=False))

    def _check_auth_id(self) -> None:
        if not self._auth_masked:
            self.auth_error.show_message(
                id_number_message(self.auth_editors["id_number"].text(), None, self.ctx.lang, typing=False))

    def _apply_masking(self) -> None:
        people = self.record.get("petitioners") or []
        auth = self.record.get("authorized_person") or {}
        self._people_masked = any(MASK in p.values() for p in people)
        self._auth_masked = MASK in auth.values()
        masked = self._people_masked or self._auth_masked
        reason = self.ctx.denied_reason(roles.SEE_CONFIDENTIAL) if masked else ""
        self.petitioners.set_read_only(self._people_masked or not self.can_write,
                                       reason if self._people_masked else self.write_refusal)
        self.anonymous.setEnabled(not self._people_masked)
        self.anonymous.setToolTip(reason)
        for e in self.auth_editors.values():
            e.setReadOnly(self._auth_masked)
            e.setToolTip(reason if self._auth_masked else "")
        self.auth_box.setEnabled(not self._auth_masked)  # the stored person stays; only who may see them edits
        # Reclassifying a denunciation would unmask its denouncer: only someone who may see them decides (the core
        # refuses it too, but with a sentence about seeing, not about the category box).
        if masked:
            self.category.setEnabled(False)
            self.category.setToolTip(reason)
        self.lock_label.setVisible(masked)
        self.lock_text.setVisible(masked)
        for w in (self.lock_label, self.lock_text, self.people_box):
            w.setToolTip(reason)

    @property
    def identity_masked(self) -> bool:
        return self.lock_label.isVisibleTo(self)

    def _apply_status_permissions(self) -> None:
        """A status that closes a case needs a leader's approval: disabled (with the reason) for other roles."""
        if self.ctx.can(roles.CLOSE):
            return
        reason = self.ctx.denied_reason(roles.CLOSE)
        model = self.status.model()
        for i in range(self.status.count()):
            if self.status.itemData(i) in roles.CLOSING_STATUSES:
                item = model.item(i)
                item.setEnabled(False)
                item.setToolTip(reason)

    def _linked_text(self, entity: str, record_id: str | None, when) -> str:
        """"00004-2026-2 · 16/11/2026" of a record this petition points at ("" when none): its case number and
        date (`when(record)`), or the start of its id when it cannot be read — the link still says there was one."""
        if not record_id:
            return ""
        try:
            r = records.get(self.ctx.session, entity, record_id)
        except Exception:  # deleted or unknown
            return record_id[:8]
        return " · ".join(x for x in (r.get("case_no"), when(r)) if x)

    def _load_reception_link(self) -> None:
        self._reception_text = self._linked_text("reception", self.record.get("reception_id"),
                                                 lambda r: fmt.dt(r.get("received_at")))
        self._set_reception_link_text()

    def _set_reception_link_text(self) -> None:
        has = bool(self.record.get("reception_id"))
        self.reception_link.setEnabled(has)
        self.reception_link.setText(self.tr("Open reception {what}").format(what=self._reception_text)
                                    if has else self.tr("None"))

    # -- after a notice is printed ------------------------------------------------------------------------------
    def notice_issued(self) -> bool:
        """A notice went to the citizen (printed or saved): offer today as "Ngày thông báo cho công dân", which
        the notice deadline and the dashboard follow — it was forgotten, and the letter stayed overdue."""
        box_date = self.dates["notified_on"]
        if box_date.value() or not self.can_write:
            return False
        today = self.ctx.session.clock.today()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Notice to the citizen"))
        box.setText(self.tr("Record {day} as the day the citizen was notified?").format(day=fmt.d(today)))
        box.setInformativeText(self.tr("The notice deadline is then met. Change the date if the letter goes out "
                                       "another day; it is kept when you save the petition."))
        yes = box.addButton(self.tr("Record the date"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)
        box.exec()
        if box.clickedButton() is not yes:
            return False
        box_date.set_value(today.isoformat())
        self.mark_dirty()
        self.update_deadlines()
        return True

    # -- a duplicate of an earlier petition ------------------------------------------------------------------
    def _load_duplicate_link(self) -> None:
        self._parent_text = self._linked_text("petition", self.record.get("duplicate_of"),
                                              lambda p: fmt.d(p.get("received_on")))
        self._set_duplicate_texts()

    def _set_duplicate_texts(self) -> None:
        has = bool(self.record.get("duplicate_of"))
        self.duplicate_link.setVisible(has)
        self.duplicate_link.setText(self.tr("Open petition {what}").format(what=self._parent_text) if has else "")
        self.duplicate_button.setText(self.tr("Not a duplicate") if has else self.tr("Mark as a duplicate…"))
        self.duplicate_button.setEnabled(self.can_write)
        self.duplicate_button.setToolTip(self.write_refusal)

    def _toggle_duplicate(self) -> None:
        if self.record.get("duplicate_of"):
            self.record.pop("duplicate_of", None)
            self._duplicate_changed()
        else:
            self.mark_duplicate([h for h in self.find_duplicates() if h["type"] == "petition"])

    def mark_duplicate(self, hits: list[dict]) -> bool:
        """Ask which earlier petition this one repeats and link it; its handling becomes "Lưu đơn" (filed) when
        none was chosen yet. True when one was chosen."""
        from ui.forms.duplicates import ParentPetitionDialog

        dialog = ParentPetitionDialog(self.ctx, [h for h in hits if h["id"] != self.record_id], parent=self)
        if dialog.exec() != ParentPetitionDialog.DialogCode.Accepted or not dialog.chosen:
            return False
        if dialog.chosen == self.record_id:
            return False  # a petition cannot repeat itself (the core refuses it too)
        self.record["duplicate_of"] = dialog.chosen
        if not self.direction.value():
            self.direction.set_value("file")
        self._duplicate_changed()
        return True

    def _duplicate_changed(self) -> None:
        self.mark_dirty()
        self._load_duplicate_link()
        self.update_deadlines()

    def duplicate_action_text(self, hits: list[dict]) -> str | None:
        return self.tr("It repeats one of them…") if any(h["type"] == "petition" for h in hits) else None

    def duplicate_action(self, hits: list[dict]) -> bool:
        return self.mark_duplicate([h for h in hits if h["type"] == "petition"])

    def open_parent(self):
        pid = self.record.get("duplicate_of")
        if not pid:
            return None
        from ui.forms.registry import open_form

        self.parent_form = open_form(self.ctx, "petition", pid, parent=self)
        return self.parent_form

    def open_reception(self):
        rid = self.record.get("reception_id")
        if not rid:
            return None
        from ui.forms.registry import open_form

        self.reception_form = open_form(self.ctx, "reception", rid, parent=self)
        return self.reception_form

    def _load_history(self) -> None:
        self.status_history = []
        if self.record_id:
            try:
                self.status_history = history.status_history(self.ctx.session, self.record_id)
            except Exception:  # the history is information; the form works without it
                self.status_history = []
        self._show_history()

    def _show_history(self) -> None:
        lang = self.ctx.lang
        lines = []
        for e in self.status_history:
            new = enums.label(enums.PETITION_STATUS, e["new"], lang) if e["new"] else "?"
            if e["old"]:
                what = f"{enums.label(enums.PETITION_STATUS, e['old'], lang)} → {new}"
            else:
                what = new
            line = f"{fmt.dt(e['at'])} · {e['user'] or ''} · {what}"
            if e.get("arrived"):  # a commune's change, as its bundle brought it: when it reached this level
                line += " " + self.tr("(reached this level {day})").format(day=fmt.d(e["arrived"][:10]))
            lines.append(line)
        if not lines:
            self.history_label.setText(self.tr("Not saved yet") if not self.record_id else "")
            self.history_label.setToolTip("")
            return
        self.history_label.setText("\n".join(lines[-HISTORY_SHOWN:]))
        self.history_label.setToolTip("\n".join(lines))

    # -- saving ------------------------------------------------------------------------------------------------
    def find_duplicates(self, raw: dict | None = None) -> list[dict]:
        """Earlier records of the petitioners — but not the reception this petition was made from."""
        linked = self.record.get("reception_id")
        return [h for h in super().find_duplicates(raw) if h["id"] != linked]

    def reloaded(self) -> None:
        # the status asked about on the next save is the one just loaded, not the one the form opened with
        self.stored_status = self.record.get("status")

    def before_save(self, raw: dict) -> bool:
        """Changing the status of a saved petition is confirmed: it is what reports and deadlines follow."""
        new = raw.get("status")
        if self.stored_status is None or new == self.stored_status:
            return True
        lang = self.ctx.lang
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Change the status"))
        box.setText(self.tr("Change the status of this petition from \"{old}\" to \"{new}\"?").format(
            old=enums.label(enums.PETITION_STATUS, self.stored_status, lang),
            new=enums.label(enums.PETITION_STATUS, new, lang)))
        yes = box.addButton(self.tr("Change the status"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Go back"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is yes

    # -- language --------------------------------------------------------------------------------------------
    def window_title(self) -> str:
        if self.record_id:
            return self.tr("Petition {case_no}").format(case_no=self.record.get("case_no") or "").strip()
        return self.tr("New petition")

    def retranslate_ui(self) -> None:
        lang = self.ctx.lang
        self.receipt_box.setTitle(self.tr("Receipt"))
        self.status_box.setTitle(self.tr("Status and outcome"))
        self.people_box.setTitle(field_label(_FIELDS, "petitioners", lang))
        self.matter_box.setTitle(self.tr("Content and handling"))
        self.dates_box.setTitle(self.tr("Dates and deadlines"))
        for name, label in self.labels.items():
            label.setText(field_title(_FIELDS, name, lang))
        self.anonymous.setText(field_label(_FIELDS, "anonymous", lang))
        self.complex.setText(field_label(_FIELDS, "complex", lang))
        self.remote_area.setText(field_label(_FIELDS, "remote_area", lang))
        self.auth_box.setText(field_label(_FIELDS, "authorized_person", lang))
        for k, label in self.auth_labels.items():
            label.setText(field_label(_CITIZEN, k, lang))
        self.eligible.setItemText(0, "")
        self.eligible.setItemText(1, self.tr("Yes"))
        self.eligible.setItemText(2, self.tr("No"))
        was_loading, self._loading = self._loading, True  # relabelling is not an edit
        try:
            for combo in (self.source, self.category, self.status, self.outcome, self.direction):
                combo.set_language(lang)
        finally:
            self._loading = was_loading
        self._apply_status_permissions()
        self.petitioners.set_language(lang)
        self.extensions.set_language(lang)
        self.history_title.setText(self.tr("History"))
        self.duplicate_title.setText(self.tr("Duplicate of"))
        if hasattr(self, "_parent_text"):
            self._set_duplicate_texts()
        self.lock_text.setText(self.tr("Identity protected"))
        if hasattr(self, "_reception_text"):
            self._set_reception_link_text()
            self._show_history()
            self.update_deadlines()
