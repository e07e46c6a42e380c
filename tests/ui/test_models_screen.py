"""The "Dân vận khéo" models screen (grouped by field, a year picker) and the model and dialogue forms."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from app.services import listing, records

from tests.ui.conftest import dialogue, model


def _screen(qtbot, ctx):
    from ui.screens.models import ModelsScreen

    s = ModelsScreen(ctx)
    qtbot.addWidget(s)
    s.resize(1150, 650)
    s.show()
    return s


def _groups(screen) -> dict[str, list[str]]:
    """{field key: [model names]} as the tree shows them."""
    from ui.models.models_tree import FIELD_ROLE

    m = screen.model
    out = {}
    for g in range(m.rowCount()):
        parent = m.index(g, 0)
        out[parent.data(FIELD_ROLE)] = [m.index(i, 0, parent).data() for i in range(m.rowCount(parent))]
    return out


def test_models_are_grouped_by_field_with_counts(qtbot, make_ctx):
    """Each model sits under its field; the field row carries the field's label and its count."""
    ctx = make_ctx("officer")
    records.save(ctx.session, model(name="Camera an ninh", field="defense_security"))
    records.save(ctx.session, model(name="Chợ nông sản sạch", field="economy", kind="individual"))
    records.save(ctx.session, model(name="Tổ hòa giải", field="defense_security"))
    s = _screen(qtbot, ctx)
    groups = _groups(s)
    assert list(groups) == ["economy", "culture_society", "defense_security", "party_building"]
    assert groups["economy"] == ["Chợ nông sản sạch"]
    assert sorted(groups["defense_security"]) == ["Camera an ninh", "Tổ hòa giải"]
    assert groups["culture_society"] == []
    row = list(groups).index("defense_security")
    assert s.model.index(row, 0).data() == "Quốc phòng - An ninh (2)"
    assert s.tree.isFirstColumnSpanned(row, QModelIndex())
    assert s.tree.isExpanded(s.model.index(row, 0))
    assert "3" in s.count_label.text() and "1" in s.count_label.text()


def test_year_picker_defaults_to_this_year_and_filters(qtbot, make_ctx):
    """The picker starts at the clock's year; another year or "all years" changes the models shown."""
    ctx = make_ctx("officer")
    records.save(ctx.session, model(name="Mô hình năm nay", year=2026))
    records.save(ctx.session, model(name="Mô hình năm trước", year=2025))
    records.save(ctx.session, model(name="Mô hình 2023", year=2023))
    s = _screen(qtbot, ctx)
    assert s.selected_year() == 2026
    assert s.year.currentText() == "2026"
    assert sum(_groups(s).values(), []) == ["Mô hình năm nay"]
    assert [s.year.itemData(i) for i in range(s.year.count())] == ["all", 2026, 2025, 2024, 2023]
    assert s.year.itemText(0) == "Tất cả các năm"
    s.set_year(2025)
    assert sum(_groups(s).values(), []) == ["Mô hình năm trước"]
    s.set_year(None)
    assert sorted(sum(_groups(s).values(), [])) == ["Mô hình 2023", "Mô hình năm nay", "Mô hình năm trước"]
    assert not s.tree.isColumnHidden(3)  # the year column shows when every year is listed


def test_search_is_diacritic_blind_and_status_filters(qtbot, make_ctx):
    """"hoa giai" finds "Tổ hòa giải"; the status filter keeps only models of that status."""
    ctx = make_ctx("officer")
    records.save(ctx.session, model(name="Tổ hòa giải kiểu mẫu", field="culture_society"))
    records.save(ctx.session, model(name="Camera an ninh", status="recognized", recognition_level="Cấp tỉnh",
                                    decision_no="15/QĐ-UBND"))
    s = _screen(qtbot, ctx)
    qtbot.keyClicks(s.search, "hoa giai")
    qtbot.waitUntil(lambda: s.model.total() == 1, timeout=3000)
    assert _groups(s) == {"culture_society": ["Tổ hòa giải kiểu mẫu"]}  # filtered: empty fields are left out
    s.search.clear()
    s.status.set_value("recognized")
    qtbot.waitUntil(lambda: s.model.total() == 1, timeout=3000)
    parent = s.model.index(0, 0)
    child = s.model.index(0, 0, parent)
    assert child.data() == "Camera an ninh"
    assert child.siblingAtColumn(4).data() == "Được công nhận"
    assert child.siblingAtColumn(5).data() == "Cấp tỉnh"
    assert child.siblingAtColumn(6).data() == "15/QĐ-UBND"


def test_empty_state_says_what_to_do(qtbot, make_ctx):
    """With no models in the year the list says so and names the button to press."""
    ctx = make_ctx("officer")
    s = _screen(qtbot, ctx)
    assert s.model.rowCount() == 0
    assert s.empty.isVisible()
    assert "2026" in s.empty.text() and "Ctrl+N" in s.empty.text()


def test_kind_is_shown_by_an_icon(qtbot, make_ctx):
    """Collective and individual models carry different drawn icons in the kind column."""
    ctx = make_ctx("officer")
    records.save(ctx.session, model(name="A", kind="collective", field="economy"))
    records.save(ctx.session, model(name="B", kind="individual", field="economy"))
    s = _screen(qtbot, ctx)
    parent = s.model.index(0, 0)
    icons = {}
    for i in range(2):
        idx = s.model.index(i, 2, parent)
        icon = idx.data(Qt.ItemDataRole.DecorationRole)
        assert icon is not None and not icon.isNull()
        icons[idx.data()] = icon.pixmap(16, 16).toImage()
    assert set(icons) == {"Tập thể", "Cá nhân"}
    assert icons["Tập thể"] != icons["Cá nhân"]


def test_tree_model_passes_qtmodeltester(qtbot, qtmodeltester, make_ctx):
    """The grouped tree model keeps Qt's model rules (parents, row counts, sorting with persistent indexes)."""
    from ui.models.models_tree import ModelsTreeModel, fetch_groups, year_filters

    ctx = make_ctx("officer")
    for i, f in enumerate(["economy", "economy", "party_building", "defense_security"]):
        records.save(ctx.session, model(name=f"Mô hình {i}", field=f, kind="individual" if i % 2 else "collective"))
    m = ModelsTreeModel(lambda: "vi")
    m.set_groups(fetch_groups(ctx.session, year_filters(2026)))
    qtmodeltester.check(m, force_py=True)  # the tester stays connected and checks every change below
    m.sort(0, Qt.SortOrder.DescendingOrder)
    parent = m.index(0, 0)
    assert [m.index(i, 0, parent).data() for i in range(2)] == ["Mô hình 1", "Mô hình 0"]
    m.sort(-1)  # back to the core's order (newest first)
    assert [m.index(i, 0, parent).data() for i in range(2)] == ["Mô hình 1", "Mô hình 0"]
    m.sort(0, Qt.SortOrder.AscendingOrder)
    assert [m.index(i, 0, parent).data() for i in range(2)] == ["Mô hình 0", "Mô hình 1"]
    m.set_groups({})
    assert m.rowCount() == 0


def test_changes_refresh_the_list(qtbot, make_ctx):
    """A model saved elsewhere appears once records_changed("model") is announced."""
    ctx = make_ctx("officer")
    s = _screen(qtbot, ctx)
    records.save(ctx.session, model(name="Mới lưu"))
    ctx.notify_changed("model")
    assert sum(_groups(s).values(), []) == ["Mới lưu"]
    assert not s.empty.isVisible()


def test_enter_opens_the_model_form(qtbot, make_ctx):
    """Enter on a model row opens its form with the record loaded."""
    from ui.forms.model_form import ModelForm

    ctx = make_ctx("officer")
    rid = records.save(ctx.session, model(name="Camera an ninh", field="economy"))
    s = _screen(qtbot, ctx)
    opened = []
    s.tree.setFocus()
    idx = s.model.index(0, 0, s.model.index(0, 0))
    s.tree.setCurrentIndex(idx)
    import ui.screens.models as screen_module

    real_open = screen_module.open_form
    screen_module.open_form = lambda *a, **k: opened.append(real_open(*a, **k)) or opened[-1]
    try:
        qtbot.keyClick(s.tree, Qt.Key.Key_Return)
    finally:
        screen_module.open_form = real_open
    assert len(opened) == 1 and isinstance(opened[0], ModelForm)
    form = opened[0]
    qtbot.addWidget(form)
    assert form.record_id == rid
    assert form.editors["name"].text() == "Camera an ninh"
    form.close()


def test_add_model_through_the_form_stores_it(qtbot, make_ctx):
    """Ctrl+N opens the form for the picked year; filling it and saving stores the model and lists it."""
    from ui.forms.model_form import ModelForm

    ctx = make_ctx("officer")
    s = _screen(qtbot, ctx)
    form = s.add_new()
    assert isinstance(form, ModelForm)
    qtbot.addWidget(form)
    assert form.editors["year"].value() == 2026
    form.editors["name"].setText("Dân vận khéo trong xây dựng nông thôn mới")  # QTest types ASCII only
    form.editors["kind"].set_value("collective")
    form.editors["field"].set_value("economy")
    form.editors["owner"].setText("Chi hội Nông dân thôn 3")
    form.editors["goals"].setPlainText("100% hộ tham gia")
    form.editors["status"].set_value("recognized")
    form.editors["recognized_on"].set_value("2026-11-20")
    form.editors["decision_no"].setText("12/QĐ-UBND")
    assert form.save()
    rows = listing.page(ctx.session, "model")
    assert len(rows) == 1 and rows[0]["owner"] == "Chi hội Nông dân thôn 3"
    stored = records.get(ctx.session, "model", rows[0]["id"])
    assert stored["goals"] == "100% hộ tham gia" and stored["recognized_on"] == "2026-11-20"
    assert stored["decision_no"] == "12/QĐ-UBND" and stored["year"] == 2026
    assert _groups(s)["economy"] == ["Dân vận khéo trong xây dựng nông thôn mới"]


def test_missing_required_field_shows_message_and_keeps_form_open(qtbot, make_ctx):
    """Saving without a model name shows the core's message beside the name and leaves the form open."""
    from ui.forms.model_form import ModelForm

    ctx = make_ctx("officer")
    form = ModelForm(ctx)
    qtbot.addWidget(form)
    form.open()
    form.editors["kind"].set_value("individual")
    form.editors["field"].set_value("economy")
    form.editors["owner"].setText("Ông Nguyễn Văn An")
    form.tabs.setCurrentIndex(2)
    assert not form.save()
    assert form.isVisible()
    assert form.error_text("name")
    assert form.tabs.currentIndex() == 0  # the tab holding the refused field comes forward
    assert not form.error_text("owner")
    assert listing.count(ctx.session, "model") == 0


def test_editing_a_model_keeps_its_id(qtbot, make_ctx):
    """Reopening a model and changing its status updates the same record."""
    from ui.forms.model_form import ModelForm

    ctx = make_ctx("officer")
    rid = records.save(ctx.session, model(situation="Trộm cắp vặt", goals="Giảm 50%"))
    form = ModelForm(ctx, rid)
    qtbot.addWidget(form)
    assert form.editors["situation"].toPlainText() == "Trộm cắp vặt"
    form.editors["status"].set_value("implementing")
    assert form.save()
    stored = records.get(ctx.session, "model", rid)
    assert stored["status"] == "implementing" and stored["goals"] == "Giảm 50%"
    assert listing.count(ctx.session, "model") == 1


def test_dialogue_form_saves(qtbot, make_ctx):
    """A dialogue typed into its form is stored with its date, chair, count and texts."""
    from ui.forms.dialogue_form import DialogueForm

    ctx = make_ctx("officer")
    form = DialogueForm(ctx)
    qtbot.addWidget(form)
    assert form.editors["held_on"].value() == "2026-11-23"
    form.editors["held_on"].set_value("2026-10-02")
    form.editors["chair"].setText("Bí thư Đảng ủy phường")
    form.editors["participants"].setValue(45)
    form.editors["topics"].setPlainText("Giải phóng mặt bằng đường vành đai")
    form.editors["commitments"].setPlainText("Trả lời trong 15 ngày")
    form.editors["commitments_due"].setText("31/12/2026")  # ahead of today: a deadline
    assert form.labels["commitments_due"].text().replace("&", "") == "Hạn thực hiện cam kết"
    assert form.save()
    rows = listing.page(ctx.session, "dialogue")
    assert len(rows) == 1
    stored = records.get(ctx.session, "dialogue", rows[0]["id"])
    assert stored["held_on"] == "2026-10-02" and stored["participants"] == 45
    assert stored["chair"] == "Bí thư Đảng ủy phường" and stored["commitments"] == "Trả lời trong 15 ngày"
    assert stored["commitments_due"] == "2026-12-31"
    again = DialogueForm(ctx, rows[0]["id"])
    qtbot.addWidget(again)
    assert again.editors["commitments_due"].value() == "2026-12-31"


def test_dialogue_without_topics_is_refused_beside_the_field(qtbot, make_ctx):
    """A dialogue without topics is not saved; the message shows beside "Nội dung đối thoại"."""
    from ui.forms.dialogue_form import DialogueForm

    ctx = make_ctx("officer")
    form = DialogueForm(ctx)
    qtbot.addWidget(form)
    form.editors["chair"].setText("Chủ tịch UBND")
    assert not form.save()
    assert form.error_text("topics")
    assert listing.count(ctx.session, "dialogue") == 0


def test_dialogue_form_loads_a_record_without_a_count(qtbot, make_ctx):
    """A stored dialogue without a participant count loads blank and saves back without one."""
    from ui.forms.dialogue_form import DialogueForm

    ctx = make_ctx("officer")
    rid = records.save(ctx.session, dialogue(participants=None))
    form = DialogueForm(ctx, rid)
    qtbot.addWidget(form)
    assert form.editors["participants"].text().strip() == ""
    assert form.collect()["participants"] is None
    assert form.editors["topics"].toPlainText() == "Giải phóng mặt bằng đường vành đai"


def test_viewer_cannot_add_or_save(qtbot, make_ctx):
    """A viewer sees the add button disabled with the reason, and the forms cannot save."""
    from ui.forms.dialogue_form import DialogueForm
    from ui.forms.model_form import ModelForm

    officer = make_ctx("officer")
    rid = records.save(officer.session, model(name="Camera an ninh"))
    ctx = make_ctx("viewer")
    s = _screen(qtbot, ctx)
    assert not s.add_button.isEnabled()
    assert s.add_button.toolTip()
    assert s.add_new() is None
    form = ModelForm(ctx, rid)
    qtbot.addWidget(form)
    assert not form.save_button.isEnabled() and form.save_button.toolTip()
    assert form.editors["name"].isReadOnly()
    form.editors["owner"].setText("Khác")  # even if typed programmatically, nothing is written
    assert not form.save()
    assert records.get(ctx.session, "model", rid)["owner"] == "Tổ dân phố số 5"
    d = DialogueForm(ctx)
    qtbot.addWidget(d)
    assert not d.save_button.isEnabled() and not d.save()


def test_main_window_shows_the_models_screen(qtbot, make_ctx):
    """The navigation entry opens this screen; Ctrl+F reaches its search box."""
    from ui.main_window import MainWindow
    from ui.screens.models import ModelsScreen

    ctx = make_ctx("officer")
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    screen = w.go_to("model")
    assert isinstance(screen, ModelsScreen)
    w._focus_search()
    assert w.focusWidget() is screen.search


def test_language_switch_relabels_and_keeps_the_filter(qtbot, make_ctx):
    """Switching to English relabels fields, headers and the status filter; the chosen status stays."""
    ctx = make_ctx("officer")
    records.save(ctx.session, model(name="Camera an ninh", status="recognized"))
    s = _screen(qtbot, ctx)
    s.status.set_value("recognized")
    try:
        ctx.set_language("en")
        qtbot.waitUntil(lambda: s.title.text() == "\"Dân vận khéo\" models", timeout=3000)
        assert s.status.value() == "recognized" and s.status.currentText() == "Recognised"
        assert s.model.index(0, 0).data() == "Defence and security (1)"
        assert s.model.headerData(0, Qt.Orientation.Horizontal) == "Model name"
        assert s.year.itemText(0) == "All years"
    finally:
        ctx.set_language("vi")
    qtbot.waitUntil(lambda: s.year.itemText(0) == "Tất cả các năm", timeout=3000)


def test_the_models_screen_prints_the_years_register_and_exports_its_models(qtbot, make_ctx, answer_boxes,
                                                                             tmp_path, monkeypatch):
    """"In sổ…" opens the models register of the year shown; "Xuất Excel…" writes that year's models (the other
    lists had both, the models screen neither)."""
    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    from ui.main_window import MainWindow

    ctx = make_ctx("officer")
    records.save(ctx.session, model(name="Camera an ninh", year=2025))
    records.save(ctx.session, model(name="Chợ nông sản sạch", year=2026))
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    screen = w.go_to("model")
    assert (screen.print_button.text(), screen.export_button.text()) == ("In sổ…", "Xuất Excel…")
    screen.set_year(2025)
    printing = screen.open_print()
    assert w.current_screen() is printing and printing.kind == "models" and printing.year.value() == 2025
    screen = w.go_to("model")
    out = tmp_path / "mo-hinh.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    screen.export_excel()
    cells = {str(c.value) for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows() for c in row}
    assert "Camera an ninh" in cells and "Chợ nông sản sạch" not in cells  # the year shown only
    assert any(str(out) in a["text"] for a in answer_boxes.asked)
    # every year, narrowed by the search box: what the tree shows
    records.save(ctx.session, model(name="Camera giám sát ngõ xóm", year=2026))
    screen.set_year(None)
    screen.search.setText("camera")
    screen.reload()  # the window is not shown: no debounce runs
    assert screen.model.total() == 2
    screen.export_excel()
    cells = {str(c.value) for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows() for c in row}
    assert {"Camera an ninh", "Camera giám sát ngõ xóm"} <= cells and "Chợ nông sản sạch" not in cells


def test_print_and_export_follow_the_roles_export_right(qtbot, make_ctx):
    from app.domain import roles

    for role in ("viewer", "officer"):
        ctx = make_ctx(role)
        s = _screen(qtbot, ctx)
        assert s.print_button.isEnabled() == ctx.can(roles.EXPORT) == s.export_button.isEnabled()


def test_a_model_registered_twice_in_a_year_is_asked_about(qtbot, make_ctx, answer_boxes):
    """The same name (diacritics and case aside) in the same year: "Quay lại kiểm tra" first; another year's
    model of that name, or saving the model itself again, asks nothing."""
    from ui.forms.model_form import ModelForm

    ctx = make_ctx("officer")
    records.save(ctx.session, model(name="Camera an ninh Tổ 5", year=2026))
    alone = records.save(ctx.session, model(name="Chợ sạch", year=2025))

    def new_form(name, year):
        form = ModelForm(ctx, initial=model(name=name, year=year))
        qtbot.addWidget(form)
        form.mark_dirty()
        return form

    form = new_form("camera AN NINH  to 5", 2026)
    answer_boxes.push("Quay lại")
    assert not form.save() and "Camera an ninh Tổ 5" in answer_boxes.asked[-1]["text"]
    assert set(answer_boxes.asked[-1]["buttons"]) == {"Quay lại kiểm tra", "Lưu thành mô hình khác"}
    answer_boxes.push("Lưu thành")
    assert form.save() and listing.count(ctx.session, "model") == 3
    asked = len(answer_boxes.asked)
    assert new_form("Chợ sạch", 2026).save() and len(answer_boxes.asked) == asked  # another year's name
    again = ModelForm(ctx, alone)
    qtbot.addWidget(again)
    again.mark_dirty()
    assert again.save() and len(answer_boxes.asked) == asked  # a model is no duplicate of itself
    twin = next(r["id"] for r in listing.page(ctx.session, "model") if r["name"] == "camera AN NINH to 5")
    edit = ModelForm(ctx, twin)  # saved as another model once: its later edits are not asked about again
    qtbot.addWidget(edit)
    edit.mark_dirty()
    assert edit.save() and len(answer_boxes.asked) == asked
