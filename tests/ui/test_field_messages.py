"""A validation message under a field goes away as soon as the officer edits that field (every record form)."""

from __future__ import annotations

import pytest



def _form(ctx, entity):
    from ui.forms.registry import form_class

    return form_class(entity)(ctx)


@pytest.mark.parametrize("entity, path", [("reception", "content"), ("petition", "content"), ("model", "name"),
                                          ("dialogue", "topics")])
def test_a_fields_message_goes_when_the_field_is_edited(qtbot, make_ctx, answer_boxes, entity, path):
    """Saved empty, the form shows its messages; typing into one field takes away its message, not the others'."""
    ctx = make_ctx("officer")
    form = _form(ctx, entity)
    qtbot.addWidget(form)
    form.open()
    assert not form.save()
    assert form.error_text(path)
    others = {p for p in form._errors if p != path and form.error_text(p)}
    editor = form._editors[path]
    if hasattr(editor, "setPlainText"):
        editor.setPlainText("Nội dung đã sửa")
    else:
        editor.setText("Nội dung đã sửa")
    assert form.error_text(path) == ""
    assert not form._errors[path].isVisibleTo(form)
    assert all(form.error_text(p) for p in others)  # the messages of fields not touched stay


def test_an_authorised_persons_message_goes_when_any_of_their_fields_is_edited(qtbot, make_ctx, answer_boxes):
    """The message under the authorised person is about all of their fields: correcting the ID number it names
    takes it away, as editing the name does."""
    ctx = make_ctx("officer")
    form = _form(ctx, "petition")
    qtbot.addWidget(form)
    form.open()
    form.auth_box.setChecked(True)
    form.auth_editors["name"].setText("Lê Văn Tám")
    form.auth_editors["id_number"].setText("12345")
    assert not form.save()
    assert form.error_text("authorized_person").startswith("Người được ủy quyền")
    form.auth_editors["id_number"].setText("001099012345")
    assert form.error_text("authorized_person") == ""
