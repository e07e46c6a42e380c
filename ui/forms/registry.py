"""Which form edits which record type — the one place list screens, the dashboard and drafts open forms."""

from __future__ import annotations

import importlib
import weakref

from PySide6.QtWidgets import QWidget

from ui.errors import show_error

FORMS = {
    "reception": ("ui.forms.reception_form", "ReceptionForm"),
    "petition": ("ui.forms.petition_form", "PetitionForm"),
    "model": ("ui.forms.model_form", "ModelForm"),
    "dialogue": ("ui.forms.dialogue_form", "DialogueForm"),
}


def form_class(entity: str):
    module, name = FORMS[entity]
    return getattr(importlib.import_module(module), name)


# The forms open now, by record: a record already open in a form is brought forward, not opened in a second form
# (the petition's "Mở lượt tiếp" over the reception it was made from: saving both said "changed elsewhere").
_open_forms: "weakref.WeakValueDictionary[tuple, QWidget]" = weakref.WeakValueDictionary()


def bring_forward(form: QWidget) -> QWidget:
    """An open form raised and made the active window (a second click asks for it again, not for another)."""
    form.raise_()
    form.activateWindow()
    return form


def open_form(ctx, entity: str, record_id: str | None = None, *, initial: dict | None = None,
              draft_key: str | None = None, parent: QWidget | None = None):
    """Open the form (window-modal) and return it, or None when the record cannot be opened (said in a dialog)."""
    key = (id(ctx), entity, record_id)
    if record_id and draft_key is None:
        shown = _open_forms.get(key)
        try:
            if shown is not None and shown.isVisible():
                return bring_forward(shown)
        except RuntimeError:  # its window was deleted meanwhile
            pass
    try:
        form = form_class(entity)(ctx, record_id, initial=initial, draft_key=draft_key, parent=parent)
    except Exception as exc:
        show_error(parent, exc)
        return None
    form.open()
    if record_id:
        _open_forms[key] = form
    return form
