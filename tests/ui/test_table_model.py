"""The lazy table model: windows of rows from the source, never the whole list."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services import records
from app.storage.listing import Filters

from tests.ui.conftest import reception


class BigSource:
    """200,000 rows that exist only when fetched; counts what was asked for."""

    def __init__(self, n: int = 200_000):
        self.n = n
        self.fetched = 0
        self.sort = ("date", True)

    def count(self) -> int:
        return self.n

    def fetch(self, offset: int, limit: int) -> list[dict]:
        rows = [{"id": f"r{i}", "name": f"Người {i}"} for i in range(offset, min(self.n, offset + limit))]
        self.fetched += len(rows)
        return rows

    def set_sort(self, key: str, descending: bool) -> None:
        self.sort = (key, descending)


def _columns():
    from ui.models.record_table import Column

    return [Column("id", lambda: "Mã", lambda r: r["id"], "date"), Column("name", lambda: "Tên", lambda r: r["name"])]


def _reception_model(ctx, source=None):
    """The receptions list's model (the screen's own columns) over `source`."""
    from types import SimpleNamespace

    from ui.models.record_table import RecordTableModel
    from ui.screens.lists import _reception_columns

    return RecordTableModel(_reception_columns(SimpleNamespace(ctx=ctx)), source)


def _with_receptions(ctx, folder, n: int) -> None:
    """`n` receptions imported in one go (a page and more, without n saves)."""
    import json

    from app.services.importing import import_file

    src = folder / "many.ndjson"
    src.write_text("\n".join(json.dumps(reception(content=f"Nội dung số {i}"), ensure_ascii=False)
                             for i in range(n)), encoding="utf-8")
    assert not import_file(ctx.session, src).errors


def test_200k_rows_open_without_fetching_all(qtbot, qt_app):
    """A 200,000-row list opens in a view, scrolls to the end, and only a few pages are ever read."""
    from PySide6.QtWidgets import QTableView

    from ui.models.record_table import PAGE_SIZE, RecordTableModel

    src = BigSource()
    model = RecordTableModel(_columns(), src)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    assert model.rowCount() == 200_000
    assert src.fetched <= 2 * PAGE_SIZE
    view.scrollToBottom()
    qtbot.wait(50)
    assert model.data(model.index(199_999, 1)) == "Người 199999"
    assert src.fetched <= 4 * PAGE_SIZE


def test_sorting_goes_to_the_source(qtbot, qt_app):
    """Clicking a sortable header asks the source (SQL) to sort; a column without a sort key is ignored."""
    from ui.models.record_table import RecordTableModel

    src = BigSource(10)
    model = RecordTableModel(_columns(), src)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert src.sort == ("date", False)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert src.sort == ("date", False)


def test_cache_is_bounded(qt_app):
    """Scrolling through every row keeps at most MAX_PAGES pages in memory."""
    from ui.models.record_table import MAX_PAGES, PAGE_SIZE, RecordTableModel

    src = BigSource(PAGE_SIZE * (MAX_PAGES + 10))
    model = RecordTableModel(_columns(), src)
    for r in range(0, model.rowCount(), PAGE_SIZE):
        model.data(model.index(r, 0))
    assert len(model._pages) == MAX_PAGES


def test_listing_model_passes_qtmodeltester(qtmodeltester, make_ctx):
    """The record list model over the real core passes Qt's model tester, empty and with rows."""
    from ui.models.listing_source import ListingSource

    ctx = make_ctx("officer")
    model = _reception_model(ctx, ListingSource(ctx.session, "reception", Filters()))
    qtmodeltester.check(model)
    for i in range(3):
        records.save(ctx.session, reception(content=f"Nội dung số {i}"))
    model.refresh()
    assert model.rowCount() == 3
    qtmodeltester.check(model)


def test_qt_standard_buttons_are_vietnamese(qtbot, qt_app):
    """Qt's own buttons (QMessageBox, QDialogButtonBox) speak Vietnamese: Qt ships no catalogue, we do."""
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    texts = {b.text() for b in box.buttons()}
    assert texts == {"Đồng ý", "Hủy"}


def test_a_background_count_shows_the_first_page_then_grows(qtbot, qtmodeltester, make_ctx, tmp_path):
    """count_in_background: the first page is the whole model at once; the count made on a worker (its own
    connection) then grows the model to every row, which Qt's model tester follows; a count that belongs to
    filters changed meanwhile is dropped."""
    from ui.models.listing_source import ListingSource
    from ui.models.record_table import PAGE_SIZE

    ctx = make_ctx("officer")
    _with_receptions(ctx, tmp_path, PAGE_SIZE + 30)
    model = _reception_model(ctx)
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.counted, timeout=10000) as got:
        model.set_source(ListingSource(ctx.session, "reception"), count_in_background=True)
        assert model.rowCount() == PAGE_SIZE and model.counting  # the first page, before the count
    assert got.args == [PAGE_SIZE + 30] and model.rowCount() == PAGE_SIZE + 30 and not model.counting
    assert model.data(model.index(PAGE_SIZE + 29, 0)) not in (None, "")
    qtmodeltester.check(model)

    seen = []
    model.counted.connect(seen.append)
    model.set_source(ListingSource(ctx.session, "reception"), count_in_background=True)
    stale = model._generation
    model.set_source(ListingSource(ctx.session, "reception", text="khong-co-ai-ten-nay"), count_in_background=True)
    assert model.rowCount() == 0 and not model.counting  # an empty first page is the whole answer
    model._counted(stale, 999)  # a count that arrives late for the filters before
    qtbot.wait(200)
    assert model.rowCount() == 0 and 999 not in seen


def test_a_list_closed_while_counting_is_left_alone(qtbot, make_ctx, tmp_path):
    """The screen (and its model) may be closed while the worker still counts: the count is then dropped, never
    delivered to a deleted model (no error in the Qt callbacks, which pytest-qt would report)."""
    from ui.jobs import wait_all
    from ui.models.listing_source import ListingSource
    from ui.models.record_table import PAGE_SIZE

    ctx = make_ctx("officer")
    _with_receptions(ctx, tmp_path, PAGE_SIZE + 5)
    model = _reception_model(ctx)
    model.set_source(ListingSource(ctx.session, "reception"), count_in_background=True)
    assert model.counting
    model.deleteLater()
    qtbot.wait(10)
    assert wait_all(10_000)
    qtbot.wait(100)  # the worker's signals reach the event loop: nothing is raised
