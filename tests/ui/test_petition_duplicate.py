"""A duplicate petition (trùng đơn — same person, same content) marked in the form: linked to the earlier one
and filed with it, no deadline of its own, not counted as a new case (BRIEF "Not eligible … duplicate")."""

from __future__ import annotations

import pytest

from app.services import records, stats
from app.storage import records as store
from tests.ui.conftest import citizen, petition


@pytest.fixture(autouse=True)
def _boxes_answered(answer_boxes):
    return answer_boxes


@pytest.fixture
def pick(monkeypatch):
    """Answer the "which earlier petition" dialog: the first earlier petition listed, or a typed case number."""
    from ui.forms.duplicates import ParentPetitionDialog

    answers: list[str | None] = []
    shown: list[ParentPetitionDialog] = []

    def fake_exec(dialog):
        shown.append(dialog)
        typed = answers.pop(0) if answers else None
        if typed:
            dialog.case_no.setText(typed)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ParentPetitionDialog, "exec", fake_exec)
    return answers, shown


def _form(qtbot, ctx, record_id=None):
    from ui.forms.petition_form import PetitionForm

    form = PetitionForm(ctx, record_id)
    qtbot.addWidget(form)
    return form


def _fill(form, name="Đặng Văn Đức", number="001085012345"):
    form.received_on.set_value("2026-11-20")
    form.category.set_value("complaint")
    form.petitioners.model.append_row({"name": name, "id_type": "cccd", "id_number": number})
    form.content.setPlainText("Khiếu nại việc bồi thường đất ở khi mở đường")


def test_the_duplicates_question_marks_a_new_petition_as_a_repeat(qtbot, make_ctx, answer_boxes, pick):
    ctx = make_ctx("officer")
    parent = records.save(ctx.session, petition(petitioners=[citizen("Đặng Văn Đức", "001085012345")]))
    parent_no = records.get(ctx.session, "petition", parent)["case_no"]
    form = _form(qtbot, ctx)
    _fill(form)
    answer_boxes.push("lặp lại")
    assert form.save()
    asked = answer_boxes.asked[-1]
    assert asked["title"] == "Có thể trùng" and "Đơn này lặp lại một đơn trong số đó…" in asked["buttons"]
    assert pick[1][0].list.count() == 1 and parent_no in pick[1][0].list.item(0).text()
    saved = records.get(ctx.session, "petition", form.record_id)
    assert saved["duplicate_of"] == parent and saved["direction"] == "file"  # filed with the earlier one
    assert store.get(ctx.session.db, "petition", form.record_id).extra["due_on"] is None
    assert stats.stats(ctx.session)["petitions"]["duplicates"] == 1


def test_an_open_petition_is_marked_by_case_number_and_unmarked(qtbot, make_ctx, pick):
    ctx = make_ctx("officer")
    parent = records.save(ctx.session, petition(petitioners=[citizen("Lò Văn Páo", "011090000001")]))
    parent_no = records.get(ctx.session, "petition", parent)["case_no"]
    later = records.save(ctx.session, petition(petitioners=[citizen("Lò Thị Mai", "011090000002")],
                                               received_on="2026-11-20"))
    form = _form(qtbot, ctx, later)
    assert form.duplicate_button.text() == "Ghi là đơn trùng…" and form.duplicate_link.isHidden()
    assert "Hạn" in form.deadline_strip.text()
    pick[0].append(f" {parent_no} ")  # typed with spaces
    form.duplicate_button.click()
    assert form.duplicate_link.text() == f"Mở đơn {parent_no} · 16/11/2026"
    assert form.deadline_strip.text().startswith("Đơn trùng với một đơn trước")
    assert form.dirty and form.save()
    assert records.get(ctx.session, "petition", later)["duplicate_of"] == parent
    reopened = _form(qtbot, ctx, later)
    assert reopened.duplicate_button.text() == "Không phải đơn trùng"
    reopened.duplicate_button.click()
    assert reopened.save()
    assert "duplicate_of" not in records.get(ctx.session, "petition", later)


def test_a_case_number_nobody_has_is_said_and_nothing_is_chosen(qtbot, make_ctx):
    from ui.forms.duplicates import ParentPetitionDialog

    ctx = make_ctx("officer")
    dialog = ParentPetitionDialog(ctx, [])
    qtbot.addWidget(dialog)
    assert dialog.list.isHidden() and "nhập số hồ sơ" in dialog.intro.text()
    dialog.accept()  # nothing chosen, nothing typed
    assert dialog.result() == 0 and dialog.error.text() == "Hãy chọn đơn trước đó, hoặc nhập số hồ sơ của đơn đó."
    dialog.case_no.setText("00004-2026-999")
    dialog.accept()
    assert dialog.chosen is None and dialog.error.text() == "Không có đơn nào mang số hồ sơ 00004-2026-999."


def test_a_viewer_cannot_mark_a_duplicate(qtbot, make_ctx):
    ctx = make_ctx("officer")
    rid = records.save(ctx.session, petition())
    form = _form(qtbot, make_ctx("viewer"), rid)
    assert not form.duplicate_button.isEnabled() and form.duplicate_button.toolTip()
