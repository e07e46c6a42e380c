"""Which form edits which record type — the one place list screens, the dashboard and drafts open forms."""

from __future__ import annotations

import importlib

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


def open_form(ctx, entity: str, record_id: str | None = None, *, initial: dict | None = None,
              draft_key: str | None = None, parent: QWidget | None = None):
    """Open the form (window-modal) and return it, or None when the record cannot be opened (said in a dialog)."""
    try:
        form = form_class(entity)(ctx, record_id, initial=initial, draft_key=draft_key, parent=parent)
    except Exception as exc:
        show_error(parent, exc)
        return None
    form.open()
    return form
