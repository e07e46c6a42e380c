"""Tiếp công dân — one reception, in the order of the book (UI.md "the reception form"): when and who received,
the citizen (or a group with its representatives), the content, how it was handled and what came of it."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (QCompleter, QButtonGroup, QCheckBox, QComboBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QRadioButton, QSpinBox,
                               QStackedWidget, QVBoxLayout, QWidget)

from app.domain import enums, roles
from app.domain.masking import MASK
from app.domain.records import CITIZEN_FIELDS, FIELDS_BY_NAME
from app.domain.validation import validate
from app.services import history, records
from ui.errors import reported
from ui.forms.base import RecordForm
from ui.widgets.deadline_strip import DeadlineStrip
from ui.widgets.fields import DateEdit, DateTimeEdit, EnumCombo, FieldError
from ui.widgets.icons import lock_icon
from ui.widgets.people import PeopleEditor
from ui.widgets.unit_picker import UnitPicker

_FIELDS = FIELDS_BY_NAME["reception"]
_CITIZEN = {f.name: f for f in CITIZEN_FIELDS}
_PERSON_KEYS = ("name", "id_type", "id_number", "phone", "address", "ward_code")


def text_height(edit: QPlainTextEdit, lines: int) -> None:
    """A multi-line box sized for `lines` lines of the current font (it scrolls beyond)."""
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field (the book has no tabs in its text)


def compact_form() -> QFormLayout:
    """A form layout for a column beside another: its own spacing (a nested layout would take the parent's)."""
    form = QFormLayout()
    form.setVerticalSpacing(6)
    form.setHorizontalSpacing(8)
    return form


def field_label(spec: dict, name: str, lang: str) -> str:
    f = spec[name]
    return f.label_vi if lang == "vi" else f.label_en


def field_title(spec: dict, name: str, lang: str) -> str:
    """A field's label beside its box, with " *" when it must be filled in (as every form marks them)."""
    return field_label(spec, name, lang) + (" *" if spec[name].required else "")


def id_number_message(id_number: str, id_type: str | None, lang: str, *, typing: bool) -> str:
    """The core's message about an ID number (empty when fine). While typing, only what is already certain:
    a character that is not a digit, or too many digits."""
    text = id_number.strip()
    if not text:
        return ""
    if typing and id_type != "passport":
        digits = text.replace(" ", "").replace(".", "").replace("-", "")
        if digits.isdigit() and len(digits) <= 12:
            return ""
    person = {"name": "-", "id_number": text}
    if id_type:
        person["id_type"] = id_type
    result = validate({"type": "reception", "citizen": person}, date_max())
    msgs = [i.message(lang) for i in result.issues if i.field == "citizen.id_number"]
    return "\n".join(msgs)


def date_max():
    from datetime import date

    return date.max


class ReceptionForm(RecordForm):
    entity = "reception"
    offers_duplicates = True

    def __init__(self, ctx, record_id: str | None = None, **kw):
        self.petition_form = None  # the petition opened by "Tạo đơn từ lượt tiếp này"
        self._citizen_masked = False
        if record_id is None:
            kw["initial"] = {**self.new_reception_defaults(ctx), **(kw.get("initial") or {})}
        super().__init__(ctx, record_id, **kw)

    @staticmethod
    def new_reception_defaults(ctx) -> dict:
        """What most receptions at the desk are, so a citizen does not wait on four pickers: a regular reception,
        in person, received by the officer logged in (their full name, as Công chức tiếp công dân) — each changed
        with a keystroke when it is not so. What the form is opened with (a draft, "Lưu và thêm mới") wins."""
        out = {"mode": "regular", "channel": "in_person"}
        user = ctx.session.user or {}
        if user.get("full_name") and ctx.session.role == "officer":
            out.update(host_name=user["full_name"], host_role="officer")
        return out

    # -- body -------------------------------------------------------------------------------------------------
    def build_body(self) -> QWidget:
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.setContentsMargins(0, 0, 4, 0)
        outer.setSpacing(6)
        # When, who received, how: two columns.
        self.visit_box = QGroupBox()
        vh = QHBoxLayout(self.visit_box)
        vh.setSpacing(16)
        left, right = compact_form(), compact_form()
        vh.addLayout(left, 1)
        vh.addLayout(right, 1)
        self.side_by_side.append(vh)
        self.received_at = DateTimeEdit()
        self.lbl_received_at = QLabel()
        self.add_field(left, self.lbl_received_at, self.received_at, "received_at")
        self.host_name = QComboBox(editable=True)
        self.host_name.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Earlier hosts in a list to pick from, never filled into the box as one types: "Nguyễn Đình" + Tab must
        # not become "Nguyễn Đình Khôi" (and bring his role along) without the officer choosing him.
        self.host_name.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.lbl_host_name = QLabel()
        self.add_field(left, self.lbl_host_name, self.host_name, "host_name")
        self.host_role = EnumCombo(enums.HOST_ROLE, self.ctx.lang, blank="")
        self.lbl_host_role = QLabel()
        self.add_field(left, self.lbl_host_role, self.host_role, "host_role")
        self.mode = EnumCombo(enums.RECEPTION_MODE, self.ctx.lang, blank="")
        self.lbl_mode = QLabel()
        self.add_field(right, self.lbl_mode, self.mode, "mode")
        self.channel = EnumCombo(enums.CHANNEL, self.ctx.lang, blank="")
        self.lbl_channel = QLabel()
        self.add_field(right, self.lbl_channel, self.channel, "channel")
        self.no_show = QCheckBox()
        self.add_field(right, QLabel(), self.no_show, "no_show")
        outer.addWidget(self.visit_box)

        # The citizen, or a group with its representatives.
        self.citizen_box = QGroupBox()
        cv = QVBoxLayout(self.citizen_box)
        cv.setSpacing(4)
        head = QHBoxLayout()
        self.group_check = QCheckBox()
        head.addWidget(self.group_check)
        head.addStretch(1)
        self.lock_label = QLabel()
        self.lock_label.setPixmap(lock_icon(16).pixmap(QSize(16, 16), self.devicePixelRatioF()))
        self.lock_text = QLabel(objectName="muted")
        head.addWidget(self.lock_label)
        head.addWidget(self.lock_text)
        cv.addLayout(head)
        self.citizen_error = FieldError()
        cv.addWidget(self.citizen_error)
        self.citizen_pages = QStackedWidget()
        cv.addWidget(self.citizen_pages)

        person = QWidget()
        ph = QHBoxLayout(person)
        ph.setContentsMargins(0, 0, 0, 0)
        ph.setSpacing(16)
        pleft, pright = compact_form(), compact_form()
        ph.addLayout(pleft, 1)
        ph.addLayout(pright, 1)
        self.side_by_side.append(ph)
        self.name = QLineEdit()
        self.id_type = EnumCombo(enums.ID_TYPE, self.ctx.lang, blank="")
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(20)
        self.phone = QLineEdit()
        self.phone.setMaxLength(40)  # two numbers pasted at once must reach the check whole, not cut
        self.address = QLineEdit()
        self.ward = UnitPicker(self.ctx.session.home_province)
        self.citizen_labels = {}
        self.citizen_editors = {"name": self.name, "id_type": self.id_type, "id_number": self.id_number,
                                "phone": self.phone, "address": self.address, "ward_code": self.ward}
        for key, editor in self.citizen_editors.items():
            lbl = QLabel()
            self.citizen_labels[key] = lbl
            self.add_field(pleft if key in ("name", "id_type", "id_number") else pright, lbl, editor,
                           f"citizen.{key}")
        self.register_field("citizen", self.name, self.citizen_error)
        self.citizen_pages.addWidget(person)

        group = QWidget()
        gf = QFormLayout(group)
        gf.setContentsMargins(0, 0, 0, 0)
        self.group_size = QSpinBox()
        self.group_size.setRange(2, 100000)
        self.group_size.setGroupSeparatorShown(True)
        self.group_size.setMaximumWidth(120)
        self.lbl_group_size = QLabel()
        self.add_field(gf, self.lbl_group_size, self.group_size, "group_size")
        self.representatives = PeopleEditor(self.ctx.lang, visible_rows=3,
                                            home_province=self.ctx.session.home_province)
        self.lbl_representatives = QLabel()
        self.add_field(gf, self.lbl_representatives, self.representatives, "representatives")
        self.citizen_pages.addWidget(group)
        outer.addWidget(self.citizen_box)

        # Content and handling.
        self.handling_box = QGroupBox()
        hf = QFormLayout(self.handling_box)
        self.content = QPlainTextEdit()
        text_height(self.content, 4)
        self.lbl_content = QLabel()
        self.add_field(hf, self.lbl_content, self.content, "content")
        row = QWidget()
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 0, 0, 0)
        self.category = EnumCombo(enums.CATEGORY, self.ctx.lang, blank="")
        self.prior_handler = QLineEdit()
        self.lbl_category = QLabel()
        self.lbl_prior_handler = QLabel()
        self.category_error, self.prior_error = FieldError(), FieldError()
        grid.addWidget(self.category, 0, 0)
        grid.addWidget(self.lbl_prior_handler, 0, 1)
        grid.addWidget(self.prior_handler, 0, 2)
        grid.addWidget(self.category_error, 1, 0)
        grid.addWidget(self.prior_error, 1, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 3)
        self.lbl_prior_handler.setBuddy(self.prior_handler)
        self.lbl_category.setBuddy(self.category)
        hf.addRow(self.lbl_category, row)
        self.register_field("category", self.category, self.category_error)
        self.register_field("prior_handler", self.prior_handler, self.prior_error)

        radios = QWidget()
        rh = QHBoxLayout(radios)
        rh.setContentsMargins(0, 0, 0, 0)
        self.direction_group = QButtonGroup(self)
        self.direction_radios: dict[str, QRadioButton] = {}
        for key in enums.RECEPTION_DIRECTION:
            rb = QRadioButton()
            self.direction_group.addButton(rb)
            self.direction_radios[key] = rb
            rh.addWidget(rb)
            self.watch(rb)
        # A radio once chosen cannot be unchosen by clicking it: a choice made by mistake, before the handling is
        # decided, is taken back here.
        self.direction_clear = QPushButton()  # a button that looks like one: a flat one read as plain text
        self.direction_clear.setEnabled(False)
        self.direction_clear.clicked.connect(self.clear_direction)
        rh.addWidget(self.direction_clear)
        rh.addStretch(1)
        self.side_by_side.append(rh)  # three long choices in a row need ~700 px: one under another when narrow
        self.lbl_direction = QLabel()
        self.add_field(hf, self.lbl_direction, radios, "direction")
        self.forwarded_to = QLineEdit()
        self.lbl_forwarded_to = QLabel()
        self.add_field(hf, self.lbl_forwarded_to, self.forwarded_to, "forwarded_to")
        self.result = QPlainTextEdit()
        text_height(self.result, 2)
        self.lbl_result = QLabel()
        self.add_field(hf, self.lbl_result, self.result, "result")
        # The reply the citizen is owed (Reception Law Art. 28), with its deadline live as on a petition form.
        self.notified_on = DateEdit()
        self.lbl_notified_on = QLabel()
        self.add_field(hf, self.lbl_notified_on, self.notified_on, "notified_on")
        self.reply_strip = DeadlineStrip(for_reception=True)
        hf.addRow(self.reply_strip)
        self.note = QPlainTextEdit()
        text_height(self.note, 2)
        self.lbl_note = QLabel()
        self.add_field(hf, self.lbl_note, self.note, "note")
        outer.addWidget(self.handling_box)
        outer.addStretch(1)

        # Behaviour.
        self.group_check.toggled.connect(self._group_toggled)
        self.watch(self.group_check)
        self.direction_group.buttonToggled.connect(lambda *_: self._direction_changed())
        self.received_at.dateChanged.connect(self.update_reply_deadline)
        self.notified_on.dateChanged.connect(self.update_reply_deadline)
        self.no_show.toggled.connect(self.update_reply_deadline)
        self.id_number.textChanged.connect(lambda _t: self._check_id_number(typing=True))
        self.id_type.currentIndexChanged.connect(lambda _i: self._check_id_number(typing=True))
        self.id_number.editingFinished.connect(lambda: self._check_id_number(typing=False))
        self.name.editingFinished.connect(self.refresh_duplicates)
        self.id_number.editingFinished.connect(self.refresh_duplicates)
        self.host_name.currentTextChanged.connect(self._host_chosen)
        self._hosts: dict[str, str | None] = {}

        order = [self.received_at, self.host_name, self.host_role, self.mode, self.channel, self.no_show,
                 self.group_check, self.name, self.id_type, self.id_number, self.phone, self.address, self.ward,
                 self.group_size, *self.representatives.focus_chain(), self.content, self.category, self.prior_handler,
                 *self.direction_radios.values(), self.direction_clear, self.forwarded_to, self.result, self.notified_on,
                 self.note]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)
        return body

    def carried_to_next(self) -> dict:
        # the same leader or officer goes on receiving: the next citizen's form starts with them
        return {k: self.record[k] for k in ("host_name", "host_role") if self.record.get(k)}

    def extra_buttons(self):
        self.petition_button = QPushButton()
        self.petition_button.clicked.connect(self.make_petition)
        from ui.printing import record_print_buttons

        self.print_buttons = record_print_buttons(self, ("record-sheet",))  # "In phiếu", once saved
        return [self.petition_button, *self.print_buttons]

    # -- loading and collecting ------------------------------------------------------------------------------
    def load(self, record: dict) -> None:
        self._fill_hosts()
        now = self.ctx.session.clock.now().strftime("%Y-%m-%dT%H:%M")
        self.received_at.set_value(record.get("received_at") or now)
        self.host_name.setEditText(record.get("host_name") or "")
        self.host_role.set_value(record.get("host_role"))
        self.mode.set_value(record.get("mode"))
        self.channel.set_value(record.get("channel"))
        self.no_show.setChecked(bool(record.get("no_show")))
        citizen = record.get("citizen") or {}
        for key, editor in self.citizen_editors.items():
            v = citizen.get(key)
            if isinstance(editor, (EnumCombo, UnitPicker)):
                editor.set_value(v)
            else:
                editor.setText(v or "")
        reps = record.get("representatives") or []
        size = int(record.get("group_size") or 1)
        self.group_size.setValue(max(2, size))
        self.representatives.set_people(reps)
        is_group = size > 1 or bool(reps)
        self.group_check.setChecked(is_group)
        self._show_citizen_page(1 if is_group else 0)
        self.content.setPlainText(record.get("content") or "")
        self.category.set_value(record.get("category"))
        self.prior_handler.setText(record.get("prior_handler") or "")
        self.direction_group.setExclusive(False)
        for key, rb in self.direction_radios.items():
            rb.setChecked(record.get("direction") == key)
        self.direction_group.setExclusive(True)
        self.forwarded_to.setText(record.get("forwarded_to") or "")
        self.result.setPlainText(record.get("result") or "")
        self.notified_on.set_value(record.get("notified_on"))
        self.note.setPlainText(record.get("note") or "")
        self.reply_strip.carried_by = (records.petitions_made_from(self.ctx.session, self.record_id)
                                       if self.record_id else [])
        self.reply_strip.tracked_from = records.reply_tracked_from(self.ctx.session, self.record_id)
        self._direction_changed()
        self._apply_masking()
        if not self._citizen_masked:
            self._errors["citizen.id_number"].show_message(
                id_number_message(self.id_number.text(), self.id_type.value(), self.ctx.lang, typing=False))

    def collect(self) -> dict:
        rec = {
            "received_at": self.received_at.value(),
            "host_name": self.host_name.currentText().strip() or None,
            "host_role": self.host_role.value(),
            "mode": self.mode.value(),
            "channel": self.channel.value(),
            "no_show": self._flag("no_show", self.no_show.isChecked()),
            "content": self.content.toPlainText().strip() or None,
            "category": self.category.value(),
            "prior_handler": self.prior_handler.text().strip() or None,
            "direction": self.direction(),
            "forwarded_to": self.forwarded_to.text().strip() or None,
            "result": self.result.toPlainText().strip() or None,
            "notified_on": self.notified_on.value(),
            "note": self.note.toPlainText().strip() or None,
        }
        citizen = self._citizen()
        if self.group_check.isChecked():
            rec["group_size"] = self.group_size.value()
            rec["representatives"] = self.representatives.people() or None
            # The citizen page is hidden for a group: what its fields hold (typed before ticking the box, or
            # after a message put the cursor there) is not saved; a stored citizen (an import) is kept as it was.
            rec["citizen"] = self.record.get("citizen") or None
        else:
            rec["group_size"] = 1
            rec["representatives"] = None
            rec["citizen"] = citizen
        return rec

    def _error_target(self, path: str) -> str | None:
        # A group shows its representatives, not the citizen: "a citizen or representatives are required" goes
        # under the representatives table, where the cursor then is.
        if self.group_check.isChecked() and path.split(".")[0] == "citizen":
            return "representatives"
        return super()._error_target(path)

    def _citizen(self) -> dict | None:
        stored = self.record.get("citizen") or {}
        if self._citizen_masked:
            return dict(stored)  # "[Bảo mật]": the core keeps the stored identity
        out = {k: v for k, v in stored.items() if k not in _PERSON_KEYS}  # a key of a newer version, kept
        for key, editor in self.citizen_editors.items():
            v = editor.value() if isinstance(editor, (EnumCombo, UnitPicker)) else " ".join(editor.text().split())
            if v:
                out[key] = v
        return out if any(out.get(k) for k in _PERSON_KEYS) else None

    def _flag(self, key: str, checked: bool):
        """A tick: True, or False only where the stored record said so (absent stays absent)."""
        if checked:
            return True
        return False if self.record.get(key) is False else None

    def direction(self) -> str | None:
        return next((k for k, rb in self.direction_radios.items() if rb.isChecked()), None)

    # -- behaviour -------------------------------------------------------------------------------------------
    def _fill_hosts(self) -> None:
        try:
            hosts = history.recent_hosts(self.ctx.session)
        except Exception:  # a convenience list: the field still takes free text
            hosts = []
        me = self.ctx.user_display
        self._hosts = {h["name"]: h["role"] for h in hosts}
        names = list(self._hosts)
        if me and me not in self._hosts:
            names.append(me)
        self.host_name.blockSignals(True)
        self.host_name.clear()
        self.host_name.addItems(names)
        self.host_name.setCurrentIndex(-1)
        self.host_name.blockSignals(False)

    def _host_chosen(self, name: str) -> None:
        role = self._hosts.get(name.strip())
        if role and self.host_role.value() is None and not self._loading:
            self.host_role.set_value(role)

    def _group_toggled(self, on: bool) -> None:
        self._show_citizen_page(1 if on else 0)

    def _show_citizen_page(self, page: int) -> None:
        """Only the page shown takes room (a stacked widget is otherwise as tall as its tallest page)."""
        from PySide6.QtWidgets import QSizePolicy

        for i in range(self.citizen_pages.count()):
            policy = QSizePolicy.Policy.Preferred if i == page else QSizePolicy.Policy.Ignored
            self.citizen_pages.widget(i).setSizePolicy(QSizePolicy.Policy.Preferred, policy)
        self.citizen_pages.setCurrentIndex(page)
        self.citizen_pages.adjustSize()

    def clear_direction(self) -> None:
        """"Bỏ chọn": no handling direction (not decided yet) — and no receiving body typed for a forward."""
        if self.direction() == "forward":
            self.forwarded_to.clear()
        self.direction_group.setExclusive(False)
        for rb in self.direction_radios.values():
            rb.setChecked(False)
        self.direction_group.setExclusive(True)
        self._direction_changed()

    def _direction_changed(self) -> None:
        self.direction_clear.setEnabled(self.can_write and self.direction() is not None)
        forward = self.direction() == "forward"
        self.forwarded_to.setEnabled(forward or bool(self.forwarded_to.text()))
        self.update_reply_deadline()

    def update_reply_deadline(self, *_args) -> None:
        """The strip follows the form's values before anything is saved (reception date, direction, no-show, reply)."""
        if not hasattr(self, "reply_strip"):
            return
        s = self.ctx.session
        facts = {"received_at": self.received_at.iso(), "direction": self.direction(),
                 "no_show": self.no_show.isChecked(), "notified_on": self.notified_on.iso()}
        self.reply_strip.update_from(facts, s.calendar(), s.rules(), s.clock.today(), self.ctx.lang)

    def _check_id_number(self, *, typing: bool) -> None:
        if self._loading or self._citizen_masked:
            return
        msg = id_number_message(self.id_number.text(), self.id_type.value(), self.ctx.lang, typing=typing)
        self._errors["citizen.id_number"].show_message(msg)

    def _apply_masking(self) -> None:
        citizen = self.record.get("citizen") or {}
        reps = self.record.get("representatives") or []
        self._citizen_masked = MASK in citizen.values()
        reps_masked = any(MASK in p.values() for p in reps)
        masked = self._citizen_masked or reps_masked
        reason = self.ctx.denied_reason(roles.SEE_CONFIDENTIAL) if masked else ""
        for editor in self.citizen_editors.values():
            if isinstance(editor, QLineEdit):
                editor.setReadOnly(self._citizen_masked)
            else:
                editor.setEnabled(not self._citizen_masked)
            editor.setToolTip(reason if self._citizen_masked else "")
        self.representatives.set_read_only(reps_masked, reason if reps_masked else "")
        self.group_check.setEnabled(not masked)
        self.group_size.setEnabled(not reps_masked)
        if masked:  # reclassifying would unmask the denouncer (see PetitionForm)
            self.category.setEnabled(False)
            self.category.setToolTip(reason)
        self.lock_label.setVisible(masked)
        self.lock_text.setVisible(masked)
        for w in (self.lock_label, self.lock_text):
            w.setToolTip(reason)

    @property
    def identity_masked(self) -> bool:
        return self.lock_label.isVisibleTo(self)

    def _apply_own_permissions(self) -> None:
        if not self.can_write:
            self.petition_button.setEnabled(False)
            self.petition_button.setToolTip(self.write_refusal)
            return
        self.petition_button.setEnabled(True)
        if self.record_id:
            self.petition_button.setText(self.tr("Make a petition from this reception"))
            self.petition_button.setToolTip(self.tr("A new petition filled in from this reception"))
        else:  # with the citizen at the desk: one click saves the reception and opens the petition from it
            self.petition_button.setText(self.tr("Save and make a petition"))
            self.petition_button.setToolTip(self.tr("Saves this reception (the form stays open), then opens a "
                                                    "new petition filled in from it"))

    def make_petition(self):
        """"Tạo đơn từ lượt tiếp này": a petition form prefilled by the core (not saved until the officer saves).
        On a reception not saved yet ("Lưu và tạo đơn") the reception is saved first and its form stays open."""
        if not self.can_write:
            return None
        from ui.forms.registry import bring_forward, open_form

        if self.petition_form is not None and self.petition_form.isVisible():
            return bring_forward(self.petition_form)  # the one being filled in, not a second of the same matter
        if not self.record_id and not self.save_keeping_open():
            return None  # the messages beside the fields say what is missing

        with reported(self):
            made = records.petitions_made_from(self.ctx.session, self.record_id)
            if made and not self._another_petition(made):
                return None
            draft = records.petition_from_reception(self.ctx.session, self.record_id)
            # over this form (window-modal to it): its button cannot start a second petition meanwhile
            self.petition_form = open_form(self.ctx, "petition", initial=draft, parent=self)
            if self.petition_form is not None:  # no list follows this form: the status bar says it was saved
                self.petition_form.saved.connect(self._petition_saved)
        return self.petition_form

    def _petition_saved(self, petition_id: str) -> None:
        # The reply this reception owed is now followed on the petition: the strip says so while the form is open.
        with reported(self):
            self.reply_strip.carried_by = records.petitions_made_from(self.ctx.session, self.record_id)
            self.update_reply_deadline()
        holder = self.parentWidget().window() if self.parentWidget() is not None else None  # the main window
        bar = getattr(holder, "statusBar", None)
        if bar is None:
            return
        case_no = ""
        with reported(self):
            case_no = records.get(self.ctx.session, "petition", petition_id).get("case_no") or ""
        bar().showMessage(self.tr("Petition saved: {case_no}.").format(case_no=case_no).replace(" .", "."), 8000)

    def _another_petition(self, made: list[str]) -> bool:
        """A petition was already made from this reception: a second one is asked for (a second matter brought
        the same day), never made by a second click by mistake."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Petition already made"))
        box.setText(self.tr("Petition {case_no} was already made from this reception.").format(
            case_no=", ".join(made)))
        box.setInformativeText(self.tr("Make another only if the citizen brought a second matter."))
        other = box.addButton(self.tr("Make another petition"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.exec()
        return box.clickedButton() is other

    # -- language --------------------------------------------------------------------------------------------
    def window_title(self) -> str:
        if self.record_id:
            return self.tr("Citizen reception {case_no}").format(case_no=self.record.get("case_no") or "").strip()
        return self.tr("New citizen reception")

    def retranslate_ui(self) -> None:
        lang = self.ctx.lang
        self.visit_box.setTitle(self.tr("Reception"))
        self.citizen_box.setTitle(field_label(_FIELDS, "citizen", lang))
        self.handling_box.setTitle(self.tr("Content and handling"))
        for name in ("received_at", "host_name", "host_role", "mode", "channel", "group_size", "representatives",
                     "content", "category", "prior_handler", "direction", "forwarded_to", "result", "notified_on",
                     "note"):
            getattr(self, f"lbl_{name}").setText(field_title(_FIELDS, name, lang))
        self.no_show.setText(field_label(_FIELDS, "no_show", lang))
        for key, lbl in self.citizen_labels.items():
            lbl.setText(field_title(_CITIZEN, key, lang))
        for key, rb in self.direction_radios.items():
            rb.setText(enums.label(enums.RECEPTION_DIRECTION, key, lang))
        self.direction_clear.setText(self.tr("Clear"))
        self.direction_clear.setToolTip(self.tr("No handling chosen yet (a choice made by mistake is taken back)"))
        was_loading, self._loading = self._loading, True  # relabelling is not an edit
        try:
            for combo in (self.host_role, self.mode, self.channel, self.id_type, self.category):
                combo.set_language(lang)
        finally:
            self._loading = was_loading
        self.representatives.set_language(lang)
        self.group_check.setText(self.tr("Group of many people"))
        self.lock_text.setText(self.tr("Identity protected"))
        self.id_number.setPlaceholderText(self.tr("12 digits"))
        self._apply_own_permissions()
