"""At the upper level a commune's record opens read-only, says whose it is, and offers no deletion; the upper
level's own records stay editable (the core refuses the change either way — tests/app/test_record_ownership.py)."""

from __future__ import annotations

import pytest

from app.services import records as record_service
from app.storage import records as store
from tests.app.conftest import citizen, petition
from tests.app.test_sync_scenario import _export, _import, _model, templates, world  # noqa: F401


@pytest.fixture
def upper(qt_app, world, tmp_path):
    """The upper level's context after Ngọc Hà (00008) sent a model and a petition: (ctx, model id, petition id)."""
    from ui.context import AppContext, open_settings

    b = world["b"]
    mid = record_service.save(b, _model("Mô hình đèn đường Ngọc Hà"))
    pid = record_service.save(b, petition(petitioners=[citizen(name="Vi Văn Sấu", id_number=None)]))
    _import(world["u"], _export(b, tmp_path)["file"])
    return AppContext(world["u"], open_settings(tmp_path / "u.ini")), mid, pid


def _window(qtbot, ctx):
    """The upper level's main window, shown (the screens' filters read their visibility)."""
    from ui.main_window import MainWindow

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.parametrize("entity", ["model", "petition"])
def test_a_communes_record_opens_read_only_and_says_whose_it_is(qtbot, upper, entity):
    from ui.forms.registry import open_form

    ctx, mid, pid = upper
    form = open_form(ctx, entity, mid if entity == "model" else pid)
    qtbot.addWidget(form)
    assert not form.can_write and not form.save_button.isEnabled()
    assert form.read_only_note.isVisibleTo(form) and "Phường Ngọc Hà" in form.read_only_note.text()
    assert "Phường Ngọc Hà" in form.save_button.toolTip()
    form.mark_dirty()
    assert not form.save()  # Ctrl+S does nothing either
    assert store.get(ctx.session.db, entity, mid if entity == "model" else pid).rev == 1


def test_the_upper_levels_own_record_stays_editable(qtbot, upper):
    from ui.forms.registry import open_form

    ctx, _mid, _pid = upper
    own = record_service.save(ctx.session, _model("Mô hình của tỉnh"))
    form = open_form(ctx, "model", own)
    qtbot.addWidget(form)
    assert form.can_write and form.save_button.isEnabled() and not form.read_only_note.isVisibleTo(form)


def test_the_lists_offer_no_deletion_of_a_communes_record(qtbot, upper):
    from ui.screens.lists import PetitionsScreen
    from ui.screens.models import ModelsScreen

    ctx, _mid, _pid = upper
    screen = PetitionsScreen(ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0)
    actions = {a.text(): a for a in screen.row_menu(screen.model.index(0, 0)).actions()}
    assert not actions["Xóa…"].isEnabled() and "Phường Ngọc Hà" in actions["Xóa…"].toolTip()
    models = ModelsScreen(ctx)
    qtbot.addWidget(models)
    qtbot.waitUntil(lambda: any(models.model.record_id(models.model.index(r, 0, models.model.index(f, 0)))
                                for f in range(models.model.rowCount())
                                for r in range(models.model.rowCount(models.model.index(f, 0)))))
    field = next(f for f in range(models.model.rowCount()) if models.model.rowCount(models.model.index(f, 0)))
    idx = models.model.index(0, 0, models.model.index(field, 0))
    actions = {a.text(): a for a in models.row_menu(idx).actions()}
    assert not actions["Xóa…"].isEnabled() and "Phường Ngọc Hà" in actions["Xóa…"].toolTip()


def test_the_models_screens_print_follows_its_unit_filter(qtbot, upper):
    """"In sổ…" with every unit shown prints every unit's register, even after one commune's was chosen on the
    print screen earlier (that choice stayed and printed one commune's models)."""
    ctx, _mid, _pid = upper
    w = _window(qtbot, ctx)
    printing = w.go_to("print")
    printing.unit.setCurrentIndex(printing.unit.findData("00008"))
    models = w.go_to("model")
    assert models.unit.currentData() in (None, "")
    assert models.open_print().unit.currentData() == ""
    models = w.go_to("model")
    models.unit.setCurrentIndex(models.unit.findData("00008"))
    assert models.open_print().unit.currentData() == "00008"


def test_the_models_excel_export_follows_the_unit_shown(qtbot, upper, answer_boxes, tmp_path, monkeypatch):
    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    ctx, _mid, _pid = upper
    record_service.save(ctx.session, _model("Mô hình của tỉnh"))
    w = _window(qtbot, ctx)
    models = w.go_to("model")
    models.unit.setCurrentIndex(models.unit.findData("00008"))
    out = tmp_path / "mo-hinh.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    models.export_excel()
    cells = {str(c.value) for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows() for c in row}
    assert "Mô hình đèn đường Ngọc Hà" in cells and "Mô hình của tỉnh" not in cells


def test_a_communes_petition_prints_no_notice_at_the_upper_level(qtbot, upper, tmp_path):
    """The notice is the commune's letter in its own name: printed at the province it read "Ủy ban nhân dân thành
    phố Hà Nội … đã được thụ lý". The button says why; the core refuses it too."""
    from app.errors import DanvanError
    from app.services.printing import print_document
    from ui.forms.registry import open_form

    ctx, _mid, pid = upper
    form = open_form(ctx, "petition", pid)
    qtbot.addWidget(form)
    notice = next(b for b in form.print_buttons if b.kind == "notice")
    assert not notice.isEnabled() and "Phường Ngọc Hà" in notice.toolTip()
    with pytest.raises(DanvanError) as err:
        print_document(ctx.session, "notice", tmp_path / "tb.pdf", {"id": pid})
    assert err.value.key == "print.notice_other_owner" and not (tmp_path / "tb.pdf").exists()


def test_a_lists_print_follows_its_unit_filter(qtbot, upper):
    ctx, _mid, _pid = upper
    w = _window(qtbot, ctx)
    printing = w.go_to("print")
    printing.unit.setCurrentIndex(printing.unit.findData("00008"))
    assert w.go_to("petition").open_print().unit.currentData() == ""  # every unit, as the list shows
    lst = w.go_to("petition")
    lst.filter_combos["unit_code"][1].set_value("00008")
    assert lst.open_print().unit.currentData() == "00008"


def test_a_communes_petition_history_names_the_commune_and_when_it_arrived(qtbot, upper):
    from ui.forms.registry import open_form

    ctx, _mid, pid = upper
    form = open_form(ctx, "petition", pid)
    qtbot.addWidget(form)
    text = form.history_label.text()
    assert "Phường Ngọc Hà" in text and "cấp trên nhận ngày 23/11/2026" in text
    assert ctx.session.user_name not in text  # not the account that imported the bundle
