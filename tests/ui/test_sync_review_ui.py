"""The upper level's Đồng bộ tabs and lists: conflicts side by side with their differences highlighted, settled
after a confirmation; the quarantine tab; a silent commune in red with its reason; the navigation's count; the unit
column and filter on the lists (upper level only); the models pass qtmodeltester."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.services import records, setup, sync_export, sync_import, sync_keys
from app.services.session import Session
from app.storage import sync_log
from app.storage.db import write_transaction
from tests.app.conftest import PASSWORD, make_clock

SAME_ID = "019a0000-0000-7000-8000-000000000001"


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    d = tmp_path_factory.mktemp("sync-review-ui")
    setup.init(d / "u.db", "1", "upper", "admin", PASSWORD, clock=make_clock())
    for name, code in (("a.db", "4"), ("b.db", "8")):
        setup.init(d / name, code, "commune", "admin", PASSWORD, clock=make_clock())
    return d


@pytest.fixture
def world(qt_app, templates, tmp_path):
    """The upper level's ctx with a conflict (the same record id from two communes) and a quarantined record."""
    from ui.context import AppContext, open_settings

    s = {}
    for name in ("u", "a", "b"):
        shutil.copyfile(templates / f"{name}.db", tmp_path / f"{name}.db")
        shutil.copy2(sync_keys.keys_path(templates / f"{name}.db"), sync_keys.keys_path(tmp_path / f"{name}.db"))
        s[name] = Session.open(tmp_path / f"{name}.db", "admin", PASSWORD, clock=make_clock())
    sync_keys.export_keyfile(s["u"], tmp_path / "u.dvkey", password=PASSWORD)
    out = tmp_path / "out"
    out.mkdir()
    for k, chair in (("a", "Nguyễn Đình Khôi"), ("b", "Lò Thị Ưng")):
        sync_keys.trust(s[k], tmp_path / "u.dvkey")
        sync_keys.export_keyfile(s[k], tmp_path / f"{k}.dvkey", password=PASSWORD)
        sync_keys.trust(s["u"], tmp_path / f"{k}.dvkey")
        records.save(s[k], {"type": "dialogue", "id": SAME_ID, "held_on": "2026-10-05", "chair": chair,
                            "participants": 30, "topics": "Đối thoại về thu gom rác thải"})
        res = sync_export.export_bundle(s[k], out, password=PASSWORD)
        sync_import.import_bundles(s["u"], [Path(res["file"])], password=PASSWORD)
    with write_transaction(s["u"].db):
        sync_log.add_quarantined(s["u"].db, bundle_id=res["bundle_id"], sender_site=s["b"].site_id,
                                 entity="dialogue", record_id="019a0000-0000-7000-8000-00000000ffff",
                                 record={"entity": "dialogue", "record": {"topics": "Họp dân tổ 5"}},
                                 reason="reference_missing", at="2026-11-23T10:00:00+00:00")
    ctx = AppContext(s["u"], open_settings(tmp_path / "u.ini"))
    yield ctx
    for x in s.values():
        x.close()


def test_conflict_tab_shows_both_versions_with_differences_highlighted(world, qtbot):
    """The conflicts tab lists the conflict with its commune; the selected one shows both versions field by field,
    the differing field bold on an amber background."""
    from ui.screens.sync import SyncScreen

    screen = SyncScreen(world)
    qtbot.addWidget(screen)
    tab = screen.conflicts_tab
    assert tab.model.rowCount() == 1 and "Ngọc Hà" in tab.model.row(0)["unit_name"]
    assert "(1)" in screen.tabs.tabText(1) and "(1)" in screen.tabs.tabText(2)
    fm = tab.fields_model
    chair = next(i for i, r in enumerate(fm.rows()) if r["path"] == "chair")
    topics = next(i for i, r in enumerate(fm.rows()) if r["path"] == "topics")
    assert fm.data(fm.index(chair, 1)) == "Nguyễn Đình Khôi" and fm.data(fm.index(chair, 2)) == "Lò Thị Ưng"
    assert fm.data(fm.index(chair, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert fm.data(fm.index(topics, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert "1" in tab.detail_title.text() and tab.take_button.isEnabled()
    assert tab.detail_title.text().endswith("1 trường khác nhau, được tô màu.")
    tab.fields_model.differing = lambda: 0  # two versions alike but for the unit holding them
    tab._show_title()
    assert tab.detail_title.text().endswith("Nội dung hai bản giống nhau: chỉ khác đơn vị giữ hồ sơ.")


def test_settling_asks_first_and_a_no_changes_nothing(world, qtbot, answer_boxes):
    """"Dùng bản mới nhận" asks for confirmation: No leaves the conflict; Yes writes the received version, empties
    the tab and tells the lists (records_changed)."""
    from app.storage import records as store
    from ui.screens.sync import SyncScreen

    screen = SyncScreen(world)
    qtbot.addWidget(screen)
    answer_boxes.push("no")
    assert screen.conflicts_tab.resolve("incoming") is None
    assert "Ngọc Hà" in answer_boxes.asked[-1]["text"] and screen.conflicts_tab.model.rowCount() == 1
    # the same record from two communes: taking the received one moves it to the other commune's figures
    assert "được tính vào số liệu của Phường Ngọc Hà" in answer_boxes.asked[-1]["text"]
    assert "không còn tính cho Phường Ba Đình" in answer_boxes.asked[-1]["text"]
    answer_boxes.push("yes")
    with qtbot.waitSignal(world.records_changed) as sig:
        res = screen.conflicts_tab.resolve("incoming")
    assert res["choice"] == "incoming" and sig.args == ["dialogue"]
    assert store.get(world.session.db, "dialogue", SAME_ID).record["chair"] == "Lò Thị Ưng"
    assert screen.conflicts_tab.model.rowCount() == 0 and screen.conflicts_tab.empty.isVisibleTo(screen.conflicts_tab)
    assert not screen.conflicts_tab.keep_button.isEnabled()


def test_quarantine_tab_names_bundle_commune_record_and_reason(world, qtbot):
    """The quarantine tab shows the commune, the bundle, the record and the reason in words."""
    from ui.screens.sync import SyncScreen

    screen = SyncScreen(world)
    qtbot.addWidget(screen)
    m = screen.quarantine_tab.model
    texts = [m.data(m.index(0, c)) for c in range(m.columnCount())]
    assert any("Ngọc Hà" in t for t in texts) and "Họp dân tổ 5" in texts
    reason = [c.key for c in m.columns].index("reason")
    assert "chưa được gửi đến" in texts[reason] and reason == 2  # beside the commune, in view on a small screen


def test_a_silent_commune_is_red_with_its_reason(world, qtbot):
    """A commune with no bundle for longer than the limit is drawn red, the tooltip saying why and what to do."""
    from PySide6.QtGui import QColor

    from app.clock import Clock
    from ui.screens.sync import SyncScreen
    from ui.style import OVERDUE
    from tests.app.conftest import NOW

    world.session.clock = Clock(NOW + timedelta(days=40))
    screen = SyncScreen(world)
    qtbot.addWidget(screen)
    m = screen.communes_model
    assert m.data(m.index(0, 0), Qt.ItemDataRole.ForegroundRole) == QColor(OVERDUE)
    tip = m.data(m.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "40" in tip and "30" in tip
    assert "2" in screen.tabs.tabText(0)


def test_navigation_counts_what_needs_a_person(world, qtbot):
    """The Đồng bộ item carries the number of conflicts and quarantined records (2 here) with a tooltip."""
    from ui.main_window import BADGE_ROLE, MainWindow

    win = MainWindow(world)
    qtbot.addWidget(win)
    item = next(win.nav.item(i) for i, e in enumerate(win.entries) if e.key == "sync")
    qtbot.waitUntil(lambda: item.data(BADGE_ROLE) == 2)  # counted just after the first paint
    assert "1" in item.toolTip()


def test_lists_at_the_upper_level_have_a_unit_column_and_filter(world, qtbot):
    """At the upper level a list shows "Đơn vị" and filters by unit in SQL; at a commune neither appears."""
    from ui.screens.lists import DialoguesScreen

    screen = DialoguesScreen(world)
    qtbot.addWidget(screen)
    screen.show()
    keys = [c.key for c in screen.model.columns]
    assert keys[1] == "unit" and "unit_code" in screen.filter_combos
    assert screen.model.rowCount() == 1
    combo = screen.filter_combos["unit_code"][1]
    combo.set_value("00008")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0)  # the record is A's (the conflict kept A's version)
    combo.set_value("00004")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert "Ba Đình" in screen.model.data(screen.model.index(0, 1))


def test_lists_at_a_commune_are_unchanged(make_ctx, qtbot):
    """A commune's lists have no unit column nor unit filter."""
    from ui.screens.lists import ReceptionsScreen

    screen = ReceptionsScreen(make_ctx("officer"))
    qtbot.addWidget(screen)
    assert "unit" not in [c.key for c in screen.model.columns] and "unit_code" not in screen.filter_combos


def test_review_models_pass_the_model_tester(world, qtmodeltester):
    """Conflicts, their fields and the quarantine list are well-behaved Qt models."""
    from ui.screens.sync import SyncScreen

    screen = SyncScreen(world)
    for m in (screen.conflicts_tab.model, screen.conflicts_tab.fields_model, screen.quarantine_tab.model,
              screen.communes_model):
        qtmodeltester.check(m)


def _models_screen(world, qtbot, **model):
    """The upper level's "Dân vận khéo" screen, shown, after saving one collective economy model of 2026 there."""
    from ui.screens.models import ModelsScreen

    records.save(world.session, {"type": "model", "year": 2026, "kind": "collective", "field": "economy",
                                 "status": "registered", **model})
    screen = ModelsScreen(world)
    qtbot.addWidget(screen)
    screen.show()
    return screen


def test_models_at_the_upper_level_filter_by_unit(world, qtbot):
    """The "Dân vận khéo" tree at the upper level has a unit filter (SQL, as the lists); a commune's has none."""
    screen = _models_screen(world, qtbot, name="Mô hình tỉnh tự đăng ký", owner="Ban Dân vận tỉnh",
                            level="province")
    screen.set_year(None)
    assert screen.unit.isVisible() and screen.unit.findData("00004") > 0
    qtbot.waitUntil(lambda: screen.model.total() == 1)
    screen.unit.setCurrentIndex(screen.unit.findData("00004"))
    qtbot.waitUntil(lambda: screen.model.total() == 0)  # commune A sent no model
    screen.unit.setCurrentIndex(screen.unit.findData(world.session.unit_code))
    qtbot.waitUntil(lambda: screen.model.total() == 1)
    screen.reset_filters()
    assert screen.selected_unit() is None


def test_models_at_a_commune_have_no_unit_filter(make_ctx, qtbot):
    from ui.screens.models import ModelsScreen

    screen = ModelsScreen(make_ctx("officer"))
    qtbot.addWidget(screen)
    screen.show()
    assert not screen.unit.isVisible()


def test_the_upper_level_dashboard_shows_the_communes_that_owe_most(world, qtbot):
    """At a province board the bottom-right panel names the communes with the most late records (at a commune it
    shows the models by field)."""
    from ui.screens.dashboard import DashboardScreen

    records.save(world.session, {"type": "petition", "received_on": "2026-10-01", "category": "complaint",
                                 "petitioners": [{"name": "Đinh Văn Tâm"}], "content": "Khiếu nại về bồi thường"})
    screen = DashboardScreen(world)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        screen.show()
    assert screen.models_panel.title.text() == "Xã, phường có nhiều hồ sơ quá hạn nhất (tính đến hôm nay)"
    bars = screen.models_chart.bars()
    assert [(b.label, b.value) for b in bars] == [("Thành phố Hà Nội", 1)]
    assert "1 đơn quá hạn" in bars[0].tooltip
    tip = screen.due_model.data(screen.due_model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Thành phố Hà Nội (01)"  # the due list's case number says whose petition it is


def test_an_import_s_result_is_scrolled_into_view_on_a_short_screen(world, qtbot):
    """At 125 % the Đồng bộ screen is taller than the window and scrolls: the result table is brought into view."""
    from ui.screens.sync import SyncScreen
    from ui.widgets.screen_fit import scrolling

    screen = SyncScreen(world)
    area = scrolling(screen)
    qtbot.addWidget(area)
    area.resize(900, 380)
    area.show()
    qtbot.waitExposed(area)
    assert area.verticalScrollBar().maximum() > 0 and area.verticalScrollBar().value() == 0
    screen._imported({"bundles": [{"file": "/x/a.dvb", "sender": "00004", "sender_name": "Phường Ba Đình",
                                   "status": "imported", "imported": 2, "updated": 0, "ignored": 0,
                                   "conflicts": 0, "quarantined": 0, "gaps": []}], "cancelled": False})
    qtbot.wait(50)
    top = screen.results.mapTo(screen, screen.results.rect().topLeft()).y()
    shown = area.verticalScrollBar().value()
    assert shown > 0 and shown <= top <= shown + area.viewport().height()


def test_the_upper_level_models_tree_says_whose_each_model_is(world, qtbot, make_ctx):
    """A province's tree holds every commune's models: a "Đơn vị" column (a commune's tree has none)."""
    from ui.screens.models import ModelsScreen

    screen = _models_screen(world, qtbot, name="Dân vận khéo trong giải phóng mặt bằng", owner="Hội Nông dân",
                            level="commune")
    qtbot.waitUntil(lambda: screen.model.total() == 1)
    keys = screen.model.column_keys()
    assert keys[-1] == "unit" and screen.model.headerData(len(keys) - 1, Qt.Orientation.Horizontal) == "Đơn vị"
    group = screen.model.index(screen.model.group_row("economy"), 0)
    assert screen.model.index(0, len(keys) - 1, group).data() == "Thành phố Hà Nội"
    commune = ModelsScreen(make_ctx("officer"))
    qtbot.addWidget(commune)
    assert "unit" not in commune.model.column_keys()
