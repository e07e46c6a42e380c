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
    out = fitted_widths(widths, 600)
    assert sum(out) == 600
    assert out[0] == 110 and out[3] == 90  # at or under the floor: untouched
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


@pytest.mark.parametrize("key", ["dialogue", "model"])
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
    for i in shown[:-1]:  # no column narrower than its title (or its first-run width), but a long title's
        assert header.sectionSize(i) >= min(first_run[i], header.sectionSizeHint(i), 170)
    # the fitted widths are remembered like widths the officer set
    assert upper_ctx.settings.value(f"{screen._settings_key}/header") is not None


def test_a_communes_lists_keep_their_first_run_widths(qtbot, make_ctx):
    screen = _screen(qtbot, make_ctx("officer"), "dialogue")
    qtbot.wait(50)
    h = screen.table.horizontalHeader()
    assert [h.sectionSize(i) for i in range(h.count() - 1)] == [c.width for c in screen.model.columns[:-1]]
