"""First-run column widths fitted to the screen: the upper level's extra "Đơn vị" column pushed a dialogue's
result and a model's unit off a 1366-pixel screen."""

from __future__ import annotations

import pytest

from app.services import records as record_service
from tests.app.conftest import dialogue
from tests.app.test_sync_scenario import _export, _import, _model, templates, world  # noqa: F401
from ui.widgets.column_fit import FLOOR, fitted_widths


def test_widths_that_fit_are_kept():
    assert fitted_widths([110, 200, 135], 500) == [110, 200, 135]


def test_wide_columns_give_room_in_proportion_and_narrow_ones_keep_theirs():
    widths = [110, 200, 310, 90]  # a date, a unit, a text, a count
    out = fitted_widths(widths, 600, floors=[110, FLOOR, FLOOR, 90])
    assert sum(out) == 600
    assert out[0] == 110 and out[3] == 90  # at their floor: untouched
    assert out[1] < 200 and out[2] < 310
    assert (310 - out[2]) > (200 - out[1])  # the wider column gives more
    assert min(out[1], out[2]) >= FLOOR


def test_a_columns_own_floor_is_kept_and_too_little_room_stops_at_the_floors():
    assert fitted_widths([150, 300], 200, floors=[140, 110]) == [140, 110]
    assert fitted_widths([126, 300], 350, floors=[126, 110]) == [126, 224]


@pytest.fixture
def upper_ctx(qt_app, world, tmp_path):
    """The upper level after Ngọc Hà (00008) sent a dialogue with commitments and a model."""
    from ui.context import AppContext, open_settings

    b = world["b"]
    record_service.save(b, dialogue(commitments="Lắp thêm 20 thùng rác ở các ngõ", commitments_due="2026-12-31"))
    record_service.save(b, _model("Mô hình đèn đường Ngọc Hà"))
    _import(world["u"], _export(b, tmp_path)["file"])
    return AppContext(world["u"], open_settings(tmp_path / "u.ini"))


ROOM = 1096  # a 1366-pixel window less the navigation column


def _screen(qtbot, ctx, key):
    """One list screen alone at the width a 1366-pixel main window gives it, shown."""
    from ui.screens.lists import DialoguesScreen, PetitionsScreen, ReceptionsScreen
    from ui.screens.models import ModelsScreen

    kind = {"dialogue": DialoguesScreen, "reception": ReceptionsScreen, "petition": PetitionsScreen,
            "model": ModelsScreen}[key]
    screen = kind(ctx)
    qtbot.addWidget(screen)
    screen.resize(ROOM, 650)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


@pytest.mark.parametrize("key", ["dialogue", "model", "reception", "petition"])
def test_every_column_of_an_upper_levels_list_shows_on_a_1366_pixel_screen(qtbot, upper_ctx, key):
    from ui.screens.models import WIDTHS

    screen = _screen(qtbot, upper_ctx, key)
    view = screen.tree if key == "model" else screen.table
    header = view.header() if key == "model" else view.horizontalHeader()
    shown = [i for i in range(header.count()) if not header.isSectionHidden(i)]
    titles = [view.model().headerData(i, header.orientation()) for i in shown]
    assert "Đơn vị" in titles
    first_run = ([WIDTHS[k] for k in screen.model.column_keys()] if key == "model"
                 else [c.width for c in screen.model.columns])
    assert sum(first_run[i] for i in shown) > view.viewport().width()  # they did not fit
    qtbot.waitUntil(lambda: header.length() <= view.viewport().width(), timeout=3000)
    floors = [None] * len(first_run) if key == "model" else [c.min_width for c in screen.model.columns]
    titles_fit = sum(min(first_run[i], floors[i]) if floors[i] is not None
                     else max(80, min(first_run[i], header.sectionSizeHint(i), 170))
                     for i in shown) <= view.viewport().width()
    for i in shown[:-1]:  # no text column narrower than its title (or its first-run width), but a long title's —
        if floors[i] is None and titles_fit:  # when the titles can all be whole
            assert header.sectionSize(i) >= min(first_run[i], header.sectionSizeHint(i), 170)
        elif floors[i] is None:
            assert header.sectionSize(i) >= 80
    if key != "model":  # a case number or a date is never cut
        for i, c in enumerate(screen.model.columns[:-1]):
            if c.min_width is not None:
                assert header.sectionSize(i) >= c.min_width, c.key
    # fitted widths are not the officer's: never remembered as theirs
    assert upper_ctx.settings.value(f"{screen._settings_key}/own_widths") != "true"


def test_fitted_columns_follow_the_window_until_the_officer_sets_a_width(qtbot, upper_ctx):
    """Made wider, the list gets its first-run widths back; once the officer drags a column's edge their widths
    stay (and are remembered as theirs) whatever the window does; "Đặt lại độ rộng cột" fits them again."""
    screen = _screen(qtbot, upper_ctx, "reception")
    h = screen.table.horizontalHeader()
    first = [c.width for c in screen.model.columns]
    qtbot.waitUntil(lambda: h.length() <= screen.table.viewport().width(), timeout=3000)
    narrow = [h.sectionSize(i) for i in range(h.count())]
    assert narrow[:-1] != first[:-1]
    screen.resize(1900, 650)
    qtbot.waitUntil(lambda: [h.sectionSize(i) for i in range(h.count() - 1)] == first[:-1], timeout=3000)

    h.resizeSection(3, 300)  # the officer's drag (Qt emits the same signal)
    assert not screen.autofit.active
    assert upper_ctx.settings.value(f"{screen._settings_key}/own_widths") == "true"
    screen.resize(ROOM, 650)
    qtbot.wait(100)
    assert h.sectionSize(3) == 300  # kept

    screen.autofit.reset()
    assert screen.autofit.active and h.length() <= screen.table.viewport().width()
    assert upper_ctx.settings.value(f"{screen._settings_key}/own_widths") == "false"


def test_a_communes_lists_keep_their_first_run_widths(qtbot, make_ctx):
    screen = _screen(qtbot, make_ctx("officer"), "dialogue")
    qtbot.wait(50)
    h = screen.table.horizontalHeader()
    assert [h.sectionSize(i) for i in range(h.count() - 1)] == [c.width for c in screen.model.columns[:-1]]


def test_the_models_year_column_shown_again_is_fitted_in(qtbot, upper_ctx):
    """"Tất cả các năm" shows the year column: the others make room for it (it pushed "Đơn vị" off screen)."""
    screen = _screen(qtbot, upper_ctx, "model")
    h = screen.tree.header()
    qtbot.waitUntil(lambda: h.length() <= screen.tree.viewport().width(), timeout=3000)
    screen.set_year(None)
    year = screen.model.column_keys().index("year")
    qtbot.waitUntil(lambda: not screen.tree.isColumnHidden(year), timeout=3000)
    qtbot.waitUntil(lambda: h.length() <= screen.tree.viewport().width(), timeout=3000)
    assert h.sectionSize(year) > 0


def test_a_lists_sort_is_remembered(qtbot, upper_ctx):
    from PySide6.QtCore import Qt

    screen = _screen(qtbot, upper_ctx, "dialogue")
    due = [c.key for c in screen.model.columns].index("commitments_due")
    screen.table.sortByColumn(due, Qt.SortOrder.AscendingOrder)
    again = _screen(qtbot, upper_ctx, "dialogue")
    h = again.table.horizontalHeader()
    assert (h.sortIndicatorSection(), h.sortIndicatorOrder()) == (due, Qt.SortOrder.AscendingOrder)


@pytest.mark.parametrize("key", ["reception", "petition"])
@pytest.mark.parametrize("level", ["commune", "upper"])
def test_a_case_number_is_never_cut_at_1366_pixels(qtbot, make_ctx, upper_ctx, key, level):
    """"00004-2026-7…" in the commune's reception list at 1366 px: the column's first-run width and floor were
    pixel counts narrower than the interface font's digits. They are now measured on the widest number."""
    screen = _screen(qtbot, make_ctx("officer") if level == "commune" else upper_ctx, key)
    view, header = screen.table, screen.table.horizontalHeader()
    qtbot.wait(50)
    col = next(i for i, c in enumerate(screen.model.columns) if c.key == "case_no")
    assert header.sectionSize(col) >= view.fontMetrics().horizontalAdvance("00004-2026-8888") + 8
    if key == "reception":  # "04/12/2026 09:…": the time's digits are wider than "14:15"'s
        col = next(i for i, c in enumerate(screen.model.columns) if c.key == "received_at")
        assert header.sectionSize(col) >= view.fontMetrics().horizontalAdvance("00/00/0000 00:00") + 8


def test_a_narrow_list_hides_its_least_needed_columns_not_the_reply_due_date(qtbot, make_ctx):
    """A 1366×768 screen at 125 % gives the reception list ~777 px: the floors of its nine columns (865 px) did
    not fit, so "Hạn trả lời" went behind a scroll bar and names were cut to 80 px. The least needed columns
    (result, then who received) are hidden while the room is short, and come back when it is not."""
    ctx = make_ctx("officer")
    screen = _screen(qtbot, ctx, "reception")
    view, h = screen.table, screen.table.horizontalHeader()
    keys = [c.key for c in screen.model.columns]
    screen.resize(777, 650)
    qtbot.waitUntil(lambda: view.isColumnHidden(keys.index("result")), timeout=3000)
    qtbot.waitUntil(lambda: h.length() <= view.viewport().width(), timeout=3000)
    assert not view.isColumnHidden(keys.index("due")) and h.sectionSize(keys.index("due")) >= 100
    assert h.sectionSize(keys.index("person")) >= 130
    assert not view.isColumnHidden(keys.index("content"))
    screen.resize(ROOM, 650)
    qtbot.waitUntil(lambda: not any(view.isColumnHidden(i) for i in range(len(keys))), timeout=3000)
    screen.resize(777, 650)
    qtbot.waitUntil(lambda: view.isColumnHidden(keys.index("result")), timeout=3000)
    h.resizeSection(keys.index("content"), 250)  # the officer's own widths: every column, scrolled to
    assert not screen.autofit.active
    assert not any(view.isColumnHidden(i) for i in range(len(keys)))


def test_a_narrow_models_list_keeps_the_models_name_readable(qtbot, make_ctx):
    """At 125 % the models' names were cut to "Cựu chiế…" while the often empty decision number kept 130 px."""
    from ui.screens.models import MIN_WIDTHS

    screen = _screen(qtbot, make_ctx("officer"), "model")
    view, h = screen.tree, screen.tree.header()
    keys = screen.model.column_keys()
    screen.resize(777, 650)
    qtbot.waitUntil(lambda: h.length() <= view.viewport().width(), timeout=3000)
    assert h.sectionSize(keys.index("name")) >= MIN_WIDTHS["name"]
    screen.resize(560, 650)  # narrower still: the decision number goes, not the name
    qtbot.waitUntil(lambda: view.isColumnHidden(keys.index("decision_no")), timeout=3000)
    qtbot.waitUntil(lambda: h.length() <= view.viewport().width(), timeout=3000)
    assert h.sectionSize(keys.index("name")) >= MIN_WIDTHS["name"]
    screen.resize(ROOM, 650)
    qtbot.waitUntil(lambda: not view.isColumnHidden(keys.index("decision_no")), timeout=3000)


def test_drawn_icons_are_painted_for_each_display_scale(qt_app):
    """At 125 % or 150 % a 16-pixel bitmap stretched read blurry: each icon holds a bitmap at the screen's ratio."""
    from PySide6.QtCore import QSize

    from ui.widgets.icons import SCALES, calendar_icon, lock_icon

    for icon in (calendar_icon(), lock_icon()):
        for ratio in (1.5, 2.0):
            assert ratio in SCALES
            pm = icon.pixmap(QSize(16, 16), ratio)
            assert (pm.width(), pm.devicePixelRatio()) == (round(16 * ratio), ratio)
            assert not pm.toImage().isNull() and pm.toImage().pixelColor(8 * ratio, 12 * ratio).alpha() > 0


def test_the_column_a_list_is_sorted_by_is_never_the_one_hidden(qtbot, make_ctx):
    from PySide6.QtCore import Qt

    screen = _screen(qtbot, make_ctx("officer"), "reception")
    view = screen.table
    keys = [c.key for c in screen.model.columns]
    view.sortByColumn(keys.index("result"), Qt.SortOrder.AscendingOrder)
    screen.resize(777, 650)
    qtbot.waitUntil(lambda: view.isColumnHidden(keys.index("host")), timeout=3000)
    assert not view.isColumnHidden(keys.index("result"))
