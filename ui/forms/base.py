"""The shape every record form shares: labelled fields with their messages beside them, Save (Ctrl+S),
Save and new, Esc asks before discarding, a draft saved every few seconds, and possible duplicates offered
before a new reception or petition is saved.

A subclass builds its body, loads a record into its editors and collects them back into the exchange format;
validation, permissions and saving are the core's (app.services.records).
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QBoxLayout, QComboBox, QDialog, QFormLayout,
                               QFrame, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton,
                               QRadioButton, QScrollArea, QTextEdit, QVBoxLayout, QWidget)

from app.domain import roles
from app.errors import RecordChanged, ValidationFailed
from app.services import listing, records
from app.services.drafts import DraftStore
from ui import format as fmt
from ui.accessibility import announce
from ui.errors import show_error
from ui.wait_cursor import wait_cursor
from ui.widgets import mnemonics
from ui.widgets.fields import FieldError
from ui.widgets.screen_fit import fit_to_screen

log = logging.getLogger(__name__)

AUTOSAVE_MS = 1500
_INDEX_RE = re.compile(r"\[\d+\]")


def make_read_only(editors) -> None:
    """A role that may not write still reads the whole record: text stays selectable, pickers are disabled."""
    for w in editors:
        if isinstance(w, (QLineEdit, QPlainTextEdit)):
            w.setReadOnly(True)
        elif isinstance(w, QAbstractSpinBox):
            w.setReadOnly(True)
            w.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        elif isinstance(w, (QComboBox, QAbstractButton)):
            w.setEnabled(False)
        else:  # a row of choices (the reception's handling): its radio buttons
            for b in w.findChildren(QRadioButton):
                b.setEnabled(False)


def _align_labels(layout: QBoxLayout, stacked: bool) -> None:
    """The field forms of a two-column row, one above the other, keep one label width (their fields start at one
    edge); side by side again, each column's labels take their own width."""
    forms = [f for f in (layout.itemAt(i).layout() for i in range(layout.count())) if isinstance(f, QFormLayout)]
    labels = [item.widget() for f in forms for row in range(f.rowCount())
              if (item := f.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None and item.widget() is not None]
    width = max((w.sizeHint().width() for w in labels), default=0) if stacked else 0
    for w in labels:
        w.setMinimumWidth(width)


class RecordForm(QDialog):
    entity = ""
    offers_duplicates = False  # receptions and petitions look for earlier records of the same person
    saved = Signal(str)  # the id of the record just saved
    continued = Signal(object)  # "Lưu và thêm mới": the next form, just opened

    def __init__(self, ctx, record_id: str | None = None, *, initial: dict | None = None,
                 draft_key: str | None = None, parent: QWidget | None = None):
        # Read before the dialog exists: a record that is not there (deleted elsewhere) raises here, leaving no
        # half-built window behind in its parent (it then took the next language change and failed).
        record = records.get(ctx.session, self.entity, record_id) if record_id else dict(initial or {})
        super().__init__(parent)
        self.ctx = ctx
        self.record_id = record_id
        self.record: dict = record
        # the revision loaded: a save refuses to write over a change made elsewhere meanwhile (RecordChanged)
        self.loaded_rev = records.revision(ctx.session, self.entity, record_id) if record_id else None
        if record_id and initial:  # a draft of an existing record: the typed values win
            self.record.update(initial)
        self.drafts = DraftStore(ctx.session.path, ctx.session.cipher)
        self.draft_key = draft_key or DraftStore.new_key()
        self._dirty = False
        self._loading = False
        self._duplicates_ok = False  # the officer already saw the possible duplicates and chose to save
        self._staying_open = False  # a save that keeps the form open (see save_keeping_open)
        self._errors: dict[str, FieldError] = {}
        self._validation_messages: dict[str, str] = {}  # what the last save showed under each field
        self._field_of_control: dict[QWidget, str] = {}  # an editor (or one of its radio buttons) → its field
        self._editors: dict[str, QWidget] = {}
        self._watched: list[QWidget] = []  # every control whose edit makes the form dirty
        # A viewer, or a commune's record at the upper level (only its commune changes it), reads the form only.
        self.owner_elsewhere = records.owner_elsewhere(ctx.session, self.entity, record_id) if record_id else None
        self.write_refusal = ctx.record_denied_reason(self.entity, record_id, self.owner_elsewhere)
        self.can_write = not self.write_refusal

        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setSizeGripEnabled(True)
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)

        outer = QVBoxLayout(self)
        self.read_only_note = QLabel(objectName="readOnlyNote", wordWrap=True)
        self.read_only_note.hide()
        outer.addWidget(self.read_only_note)
        self.general_errors = QLabel(objectName="formErrors", wordWrap=True)
        self.general_errors.hide()
        outer.addWidget(self.general_errors)
        self.side_by_side: list[QBoxLayout] = []  # two columns of fields, stacked when the form is narrow
        self._side_by_side_width = 0  # the body's least width with its columns side by side
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not an empty stop between "Đóng" and the first field
        scroll.setWidget(self.build_body())
        outer.addWidget(scroll, 1)
        self.scroll = scroll
        self._scroll_viewport = scroll.viewport()  # compared by identity in eventFilter: no call into Qt there
        self._arrange_queued = False
        self._scroll_viewport.installEventFilter(self)  # its width decides whether the columns stand side by side
        self.duplicates_bar = self._make_duplicates_bar()
        outer.addWidget(self.duplicates_bar)
        self.buttons = QHBoxLayout()
        outer.addLayout(self.buttons)
        self.save_button = QPushButton(objectName="primary")
        self.save_new_button = QPushButton()
        self.close_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.save_new_button.clicked.connect(self.save_and_new)
        self.close_button.clicked.connect(self.reject)
        self.buttons.addWidget(self.save_button)
        self.buttons.addWidget(self.save_new_button)
        for b in self.extra_buttons():
            self.buttons.addWidget(b)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.close_button)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence("Ctrl+Shift+S"), self, activated=self.save_and_new)
        # Enter in a field must not press a button: a dialog's push buttons are "auto default", so Enter pressed
        # the first one it found — "Xem" of the duplicates bar, or the link to the reception. Saving is Ctrl+S.
        for b in self.findChildren(QPushButton):
            b.setAutoDefault(False)
            b.setDefault(False)
        self._base_retranslate()

        self._load_quietly()
        self._apply_permissions()
        if draft_key:  # reopened from a draft: it is unsaved work
            self._dirty = True
        fit_to_screen(self, 980, 680)  # a people table's six columns in view, where the screen allows

    # -- for subclasses -------------------------------------------------------------------------------------
    def build_body(self) -> QWidget:
        raise NotImplementedError

    def load(self, record: dict) -> None:
        raise NotImplementedError

    def collect(self) -> dict:
        """The form as an exchange-format record (without the stored fields the form does not show)."""
        raise NotImplementedError

    def window_title(self) -> str:
        return ""

    def extra_buttons(self) -> list[QAbstractButton]:
        return []

    def retranslate_ui(self) -> None:
        """Subclasses set their labels here (called at start and on every language change)."""

    def add_field(self, layout: QFormLayout, label: QLabel, editor: QWidget, path: str) -> QWidget:
        """A labelled row whose validation message (for `path`, e.g. "citizen.id_number") shows beneath it."""
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(editor)
        err = FieldError()
        v.addWidget(err)
        label.setBuddy(editor)
        layout.addRow(label, box)
        self.register_field(path, editor, err)
        return editor

    def register_field(self, path: str, editor: QWidget, error: FieldError) -> None:
        self._errors[path] = error
        self._editors[path] = editor
        error.describes = editor
        self.watch(editor)
        # A message about a field goes once the officer edits that field: left there after the correction it
        # reads as if the new value were refused too.
        self.edits_answer(path, *([editor] if self._edit_signals(editor) else editor.findChildren(QRadioButton)))

    def edits_answer(self, path: str, *controls: QWidget) -> None:
        """An edit of any of these controls clears the save's message about `path` (a person's message sits under
        all of their fields: editing the ID number answers it as much as the name)."""
        # (a bound method and sender(), not a lambda holding the form: that kept a closed form alive)
        for w in controls:
            self._field_of_control[w] = path
            for sig in self._edit_signals(w):
                sig.connect(self._clear_validation_message)

    def _clear_validation_message(self, *_args) -> None:
        path = self._field_of_control.get(self.sender())
        if path is None:
            return
        error = self._errors[path]
        # only the save's message: a live hint the form sets itself as it checks the value (an ID number's
        # length) stays
        if self._validation_messages.pop(path, None) == error.text() and error.text():
            error.show_message(None)

    @staticmethod
    def _edit_signals(w: QWidget) -> list:
        """The signals an edit of this control emits."""
        if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
            return [w.textChanged]
        if isinstance(w, QComboBox):
            return [w.currentIndexChanged] + ([w.editTextChanged] if w.isEditable() else [])
        if isinstance(w, QAbstractSpinBox):
            sig = getattr(w, "dateTimeChanged", None) or getattr(w, "valueChanged", None)
            return [sig] if sig is not None else []
        if isinstance(w, QAbstractButton):
            return [w.toggled]
        if hasattr(w, "changed"):  # composite editors of ours (people tables …)
            return [w.changed]
        return []

    def watch(self, *widgets: QWidget) -> None:
        """Any edit of these widgets makes the form dirty (and schedules a draft)."""
        self._watched.extend(widgets)
        for w in widgets:
            for sig in self._edit_signals(w):
                sig.connect(self.mark_dirty)

    # -- state ---------------------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._dirty

    def mark_dirty(self, *_args) -> None:
        if self._loading:
            return
        self._dirty = True
        self._duplicates_ok = False
        if self.can_write:
            self._autosave.start()

    def save_draft(self) -> None:
        if not self._dirty or not self.can_write:
            return
        try:
            self.drafts.save(self.draft_key, self.entity, self.record_id, self.ctx.session.user_name, self.collect())
        except Exception:  # a draft must never interrupt typing; the form itself is intact
            log.exception("draft not saved")

    def _apply_permissions(self) -> None:
        for b in (self.save_button, self.save_new_button):
            b.setEnabled(self.can_write)
            b.setToolTip(self.write_refusal)
        if not self.can_write:  # a viewer reads the whole record; nothing in it looks editable
            make_read_only([*self._editors.values(), *self._watched])  # unlabelled ticks too ("Đoàn đông người")
        # A commune's record at the upper level says so at the top (a viewer knows their role; an officer there
        # would otherwise find every field grey with no word why).
        self.read_only_note.setText(self.write_refusal if self.ctx.can(roles.WRITE) else "")
        self.read_only_note.setVisible(bool(self.read_only_note.text()))

    # -- saving --------------------------------------------------------------------------------------------
    def full_record(self) -> dict:
        raw = {k: v for k, v in self.record.items() if k not in self._shown_keys()}
        raw.update(self.collect())
        raw["type"] = self.entity
        if self.record_id:
            raw["id"] = self.record_id
        return {k: v for k, v in raw.items() if v not in (None, "", [], {})}

    def _shown_keys(self) -> set[str]:
        return {p.split(".")[0].split("[")[0] for p in self._editors}

    def save(self) -> bool:
        if not self.can_write:
            return False
        raw = self.full_record()
        self.show_errors([])
        # What is wrong first, beside the fields, before any question (duplicates, a status change, notes):
        # answering "Lưu" to a question and then being told the form cannot be saved is worse than no question.
        try:
            with wait_cursor():
                problems = records.problems(self.ctx.session, raw)
        except Exception as exc:
            show_error(self, exc)
            return False
        if problems:
            self.show_errors(problems)
            return False
        if self.offers_duplicates and not self.record_id and not self._duplicates_ok:
            if not self.confirm_duplicates(raw):
                return False
            raw = self.full_record()  # the answer may have changed it (a petition marked as a repeat)
        if not self.before_save(raw):
            return False
        if not self._confirm_warnings(raw):
            return False
        try:
            with wait_cursor():
                new_id = records.save(self.ctx.session, raw, expected_rev=self.loaded_rev)
        except ValidationFailed as exc:
            self.show_errors(exc.errors)
            return False
        except RecordChanged as exc:
            self._changed_elsewhere(exc)
            return False
        except Exception as exc:
            show_error(self, exc)
            return False
        self.loaded_rev = records.revision(self.ctx.session, self.entity, new_id)
        self.record_id = new_id
        self.record = raw | {"id": new_id}
        self._dirty = False
        self._autosave.stop()
        self.drafts.discard(self.draft_key)
        self.saved.emit(new_id)
        self.ctx.notify_changed(self.entity)
        if self._staying_open:
            self.saved_in_place(new_id)
        else:
            self.after_save(new_id)
        return True

    def save_keeping_open(self) -> bool:
        """Save as Ctrl+S does, but the form stays open on the saved record (a next step follows from it)."""
        self._staying_open = True
        try:
            return self.save()
        finally:
            self._staying_open = False

    def saved_in_place(self, record_id: str) -> None:
        """The form now shows a saved record: its title names it (the case number the core gave it) and what
        needs a saved record (print, make a petition) is offered."""
        try:
            stored = records.get(self.ctx.session, self.entity, record_id)
        except Exception:  # the title only: the record is saved
            log.exception("saved record not read back")
            stored = {}
        if stored.get("case_no"):
            self.record["case_no"] = stored["case_no"]
        self._base_retranslate()

    def _changed_elsewhere(self, exc: RecordChanged) -> None:
        """The record changed (or went) since this form loaded it: nothing was saved. What was typed stays in the
        form (and its draft) until the officer chooses to load the latest version."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Changed elsewhere"))
        box.setText(exc.message(self.ctx.lang))
        latest = drop = None
        if exc.key == "record.changed_elsewhere":
            latest = box.addButton(self.tr("Open the latest version (drop what I typed)"),
                                   QMessageBox.ButtonRole.DestructiveRole)
        else:  # gone: nothing to load; closing must not ask again to save what cannot be saved
            drop = box.addButton(self.tr("Close the form (drop what I typed)"), QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(self.tr("Back to the form"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.exec()
        if latest is not None and box.clickedButton() is latest:
            self.load_latest()
        elif drop is not None and box.clickedButton() is drop:
            self._dirty = False
            self.reject()

    def load_latest(self) -> None:
        """The stored record as it is now, in place of what this form holds."""
        try:
            self.record = records.get(self.ctx.session, self.entity, self.record_id)
            self.loaded_rev = records.revision(self.ctx.session, self.entity, self.record_id)
        except Exception as exc:
            show_error(self, exc)
            return
        self._load_quietly()
        self.reloaded()
        self.show_errors([])
        self._dirty = False
        self._autosave.stop()
        self.drafts.discard(self.draft_key)
        self._base_retranslate()

    def _load_quietly(self) -> None:
        """`self.record` into the editors; filling them is not an edit (no dirty form, no draft)."""
        self._loading = True
        try:
            self.load(self.record)
        finally:
            self._loading = False

    def reloaded(self) -> None:
        """The form now holds the stored record anew (load_latest): what a subclass remembers of it follows."""

    def _confirm_warnings(self, raw: dict) -> bool:
        """Points the core notes but does not refuse (a forwarded case with no receiving body, a legacy CMND, a
        phone number converted …): asked once before saving — only those the stored record did not already have,
        so re-saving an old record with a legacy CMND does not ask every time."""
        try:
            found = records.warnings(self.ctx.session, raw)
            if found and self.record_id:
                before = {(w["field"], w["message"]) for w in records.warnings(
                    self.ctx.session, {**self.record, "type": self.entity})}
                found = [w for w in found if (w["field"], w["message"]) not in before]
        except Exception:  # a hint only: saving itself reports any real problem
            return True
        if not found:
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Check before saving"))
        box.setText(self.tr("Please check:") + "\n" + "\n".join(
            f"• {w['label']}: {w['message']}" for w in found))
        save = box.addButton(self.tr("Save anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Go back and edit"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is save

    def before_save(self, raw: dict) -> bool:
        """A last check or confirmation (e.g. a status change); return False to stay in the form."""
        return True

    def after_save(self, record_id: str) -> None:
        self.accept()

    def carried_to_next(self) -> dict:
        """What "Lưu và thêm mới" keeps for the next record (an officer receiving a queue of citizens)."""
        return {}

    def save_and_new(self) -> None:
        if self.save():
            form = type(self)(self.ctx, initial=self.carried_to_next() or None, parent=self.parentWidget())
            form.open()
            self.continued.emit(form)

    # -- messages beside fields ------------------------------------------------------------------------------
    def _error_target(self, path: str) -> str | None:
        candidates = [path, _INDEX_RE.sub("", path)]
        for p in list(candidates):
            while "." in p or "[" in p:
                p = re.split(r"[.\[]", p)[0] if "[" in p else p.rsplit(".", 1)[0]
                candidates.append(p)
        for c in candidates:
            if c in self._errors:
                return c
        return None

    def show_errors(self, errors: list[dict]) -> None:
        for e in self._errors.values():
            e.show_message(None)
        general: list[str] = []
        by_target: dict[str, list[str]] = {}
        for e in errors:
            path = e.get("field") or ""
            own_words = getattr(self._editors.get(path), "invalid_text", None)
            if own_words is not None and own_words():
                # A date box holding what is no date says so in the box's words (day/month/year), not the
                # exchange format's (YYYY-MM-DD) that the core's message gives.
                e = {**e, "message": own_words()}
            target = self._error_target(path)
            if target is None:
                general.append(fmt.sentence(e["message"]))
            else:
                where = self._where_in(path, target)  # "Người đại diện 2 — Họ và tên: " for a table's cell
                text = e["message"] if where else fmt.sentence(e["message"])
                by_target.setdefault(target, []).append(where + text)
        self._validation_messages = {}
        for target, msgs in by_target.items():
            self._validation_messages[target] = "\n".join(dict.fromkeys(msgs))
            self._errors[target].show_message(self._validation_messages[target])
        self.general_errors.setText("\n".join(general))
        self.general_errors.setVisible(bool(general))
        # the cursor goes to the top-most field with a message (the core reports in its own order, not the form's)
        def place(w: QWidget) -> tuple[int, int]:
            at = w.mapTo(self, QPoint(0, 0))
            return at.y(), at.x()

        targets = sorted((t for t in by_target if self._editors.get(t) is not None),
                         key=lambda t: place(self._editors[t]))
        if targets:
            self._editors[targets[0]].setFocus(Qt.FocusReason.OtherFocusReason)
        # said by a screen reader too: the red lines are only seen (each is also its field's description)
        said = general + [": ".join(filter(None, (self._editors[t].accessibleName(), self._validation_messages[t])))
                          for t in targets]
        if said:
            announce(self, " ".join([self.tr("Not saved."), *said[:3]]))

    def _where_in(self, path: str, target: str) -> str:
        """"Người đại diện 3 — Họ và tên: " for a message about one row and column of a table shown under the
        whole table (empty when the message sits beside its own field)."""
        if path == target or not path.startswith(target):
            return ""
        from app.domain.records import field_label

        m = re.fullmatch(r"(\w+)(?:\[(\d+)\])?(?:\.(\w+))?", path)
        if m is None:
            return ""
        head, row, column = m.groups()
        lang = self.ctx.lang
        name = field_label(self.entity, head, lang)
        if row and lang == "en" and name.endswith("s"):
            name = name[:-1]  # one row of a list: "Petitioner 2", not "Petitioners 2"
        text = name + (f" {row}" if row else "")
        if column:
            text += " — " + field_label(self.entity, f"{head}.{column}", lang).split(" — ", 1)[-1]
        return text + ": "

    def error_text(self, path: str) -> str:
        e = self._errors.get(path)
        return e.text() if e is not None and e.isVisible() or (e is not None and e.text()) else ""

    # -- possible duplicates -----------------------------------------------------------------------------------
    def _make_duplicates_bar(self) -> QFrame:
        bar = QFrame(objectName="duplicatesBar")
        h = QHBoxLayout(bar)
        h.setContentsMargins(8, 4, 8, 4)
        self.duplicates_label = QLabel(wordWrap=True)
        self.duplicates_view = QPushButton()
        self.duplicates_view.setFlat(True)
        self.duplicates_view.clicked.connect(self._show_duplicate_list)
        h.addWidget(self.duplicates_label, 1)
        h.addWidget(self.duplicates_view)
        bar.hide()
        self._duplicates: list[dict] = []
        return bar

    def find_duplicates(self, raw: dict | None = None) -> list[dict]:
        try:
            return listing.possible_duplicates(self.ctx.session, raw or self.full_record())
        except Exception:  # a hint, not a gate: never block typing on it
            log.exception("duplicate lookup failed")
            return []

    def refresh_duplicates(self) -> None:
        """Show the slim bar above the buttons when earlier records of this person exist."""
        if not self.offers_duplicates:
            return
        self._duplicates = self.find_duplicates()
        if not self._duplicates:
            self.duplicates_bar.hide()
            return
        dates = ", ".join(fmt.d(h["date"]) for h in self._duplicates[:4])  # with the year: cases span years
        self.duplicates_label.setText(self.tr("Possible earlier records of this person: {n} ({dates})")
                                      .format(n=len(self._duplicates), dates=dates))
        self.duplicates_bar.show()

    def duplicate_line(self, h: dict) -> str:
        """One earlier record as the officer compares it with the citizen at the desk: date, name, ID number,
        address, then what it was about."""
        who = [h.get("person") or ""]
        if h.get("id_number"):
            who.append(self.tr("ID {number}").format(number=h["id_number"]))
        if h.get("address"):
            who.append(fmt.cut(h["address"], 50))
        return f"{fmt.d(h['date'])} — {', '.join(w for w in who if w)}: {fmt.cut(h.get('title') or '', 70)}"

    def confirm_duplicates(self, raw: dict) -> bool:
        found = self.find_duplicates(raw)
        self._duplicates = found
        # Only the same ID number, or the same name where none was typed, stops the save; a namesake with no ID
        # number on file stays in the bar above the buttons.
        hits = [h for h in found if h.get("strong", True)]
        if not hits:
            return True
        lines = "\n".join("• " + self.duplicate_line(h) for h in hits[:8])
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Possible duplicates"))
        box.setText(self.tr("This person may already have {n} record(s). Check before saving a new one.")
                    .format(n=len(hits)))
        box.setInformativeText(lines)
        save = box.addButton(self.tr("Save anyway"), QMessageBox.ButtonRole.AcceptRole)
        extra = self.duplicate_action_text(hits)
        mark = box.addButton(extra, QMessageBox.ButtonRole.ActionRole) if extra else None
        back = box.addButton(self.tr("Go back and check"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)  # Enter must not file a second record for the same person
        box.exec()
        if box.clickedButton() is save or (mark is not None and box.clickedButton() is mark
                                           and self.duplicate_action(hits)):
            self._duplicates_ok = True
            return True
        return False

    def duplicate_action_text(self, hits: list[dict]) -> str | None:
        """A third answer to "possible duplicates" (a petition: "it repeats one of them"), or None."""
        return None

    def duplicate_action(self, hits: list[dict]) -> bool:
        """Carry out that answer; True to go on saving."""
        return False

    def _show_duplicate_list(self) -> None:
        from ui.forms.duplicates import DuplicatesDialog

        DuplicatesDialog(self.ctx, self._duplicates, parent=self).open()

    # -- closing ----------------------------------------------------------------------------------------------
    def reject(self) -> None:
        """Esc, Close or the window's ×: ask before dropping unsaved changes."""
        if self._dirty and self.can_write:
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Question)
            box.setWindowTitle(self.tr("Unsaved changes"))
            box.setText(self.tr("This form has changes that are not saved."))
            save = box.addButton(self.tr("Save"), QMessageBox.ButtonRole.AcceptRole)
            discard = box.addButton(self.tr("Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(save)
            box.exec()
            clicked = box.clickedButton()
            if clicked is save:
                self.save()  # closes on success; stays open with the messages otherwise
                return
            if clicked is not discard:
                return
        self._autosave.stop()
        self.drafts.discard(self.draft_key)
        self._dirty = False
        super().reject()

    def closeEvent(self, event) -> None:
        if self._dirty and self.can_write:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    # -- narrow screens ------------------------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:
        if watched is self._scroll_viewport and event.type() == QEvent.Type.Resize and not self._arrange_queued:
            self._arrange_queued = True  # after the resize: re-laying the body inside its own resize event recursed
            QTimer.singleShot(0, self, self._arrange_columns)
        return super().eventFilter(watched, event)

    def _arrange_columns(self) -> None:
        """Two columns of fields (`side_by_side`) stand one above the other when the form is narrower than they
        need — a 1366×768 screen at 150 % gives ~900 px, and the right-hand fields went behind a sideways scroll
        bar — and side by side again when there is room."""
        self._arrange_queued = False
        if not self.side_by_side:
            return
        room = self._scroll_viewport.width()
        body = self.scroll.widget()
        across = self.side_by_side[0].direction() == QBoxLayout.Direction.LeftToRight
        if across:
            need = body.minimumSizeHint().width()
            if room < need:
                self._side_by_side_width = need
                for layout in self.side_by_side:
                    layout.setDirection(QBoxLayout.Direction.TopToBottom)
                    _align_labels(layout, True)
        elif room >= self._side_by_side_width:
            for layout in self.side_by_side:
                layout.setDirection(QBoxLayout.Direction.LeftToRight)
                _align_labels(layout, False)

    # -- language ------------------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_focused_once", False):
            # The cursor starts in the first field (with a citizen waiting, the first Tab must not be wasted on
            # the scroll area).
            self._focused_once = True
            first = next((e for e in self._editors.values() if e.isVisibleTo(self) and e.isEnabled()), None)
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._base_retranslate()
        super().changeEvent(event)

    def _base_retranslate(self) -> None:
        self.save_button.setText(self.tr("Save (Ctrl+S)"))
        self.save_new_button.setText(self.tr("Save and add new (Ctrl+Shift+S)"))
        self.close_button.setText(self.tr("Close"))
        self.duplicates_view.setText(self.tr("View"))
        self.retranslate_ui()
        mnemonics.assign(self, list(self._editors.values()))
        self.setWindowTitle(self.window_title())
