"""Tổng quan: four figures for the current statistical period, the petitions due or overdue (a click opens one),
petitions of the period by category and status, receptions per month and the models being carried out.

The figures come from app.services.dashboard in one call, run on a worker thread with its own connection, so
the window never waits for the database; the screen reloads when records change (at once when visible,
otherwise the next time it is shown).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QTextDocumentFragment
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QFrame, QGridLayout, QHBoxLayout, QHeaderView,
                               QLabel, QSizePolicy, QStackedWidget, QStyle, QStyleOption, QTableView, QVBoxLayout,
                               QWidget)

from app.domain import enums
from app.domain.enums import label
from app.services import dashboard
from ui import format as fmt
from ui import style  # style.prefers_high_contrast() asked when needed (tests simulate a theme)
from ui.errors import show_error
from ui.forms import registry
from ui.first_paint import after_first_paint
from ui.jobs import Refresh
from ui.models.due_list import DueListModel
from ui.style import ACCENT, BORDER, MUTED
from ui.widgets.charts import Bar, BarChart, HBarChart
from ui.widgets.tables import row_height

REFRESH_DELAY_MS = 150  # several saves in a row (an import, "save and new") reload once
DUE_PERSON_MIN = 120  # the petitioner's name in the due list: "Nguyễn Thị Thu…" at the least

_LOCAL_STYLE = f"""
QFrame#panel {{ background: white; border: 1px solid {BORDER}; border-radius: 6px; }}
QLabel#panelTitle {{ font-weight: 600; }}
QLabel#panelSubtitle {{ color: {MUTED}; }}
#tile:focus {{ border: 2px solid {ACCENT}; }}
QTableView#dueTable {{ border: none; }}
"""
# A high-contrast theme keeps its own colours: the frames and the focus ring in the theme's.
_HIGH_CONTRAST_STYLE = """
QFrame#panel, #tile { border: 1px solid palette(window-text); border-radius: 6px; }
#tile:focus { border: 2px solid palette(highlight); }
QLabel#panelTitle { font-weight: 600; }
"""


class _TileBody:
    """A figure, its caption and a note, stacked; read aloud as "2 Đơn quá hạn" (the figure, then the caption)."""

    def _build_body(self) -> None:
        self.value = QLabel("–", objectName="tileValue")
        self.caption = QLabel(objectName="tileLabel")
        self.note = QLabel(objectName="muted")
        self.caption.setWordWrap(True)
        self.note.setWordWrap(True)
        v = QVBoxLayout(self)
        v.setContentsMargins(14, 8, 14, 8)
        v.setSpacing(0)
        v.addWidget(self.value)
        v.addWidget(self.caption)
        v.addWidget(self.note)
        v.addStretch(1)  # a tile taller than its own lines (its neighbour's caption wraps) keeps them at the top
        # As tall as its wrapped lines need: a fixed height cut the captions off at a large font (15 pt).
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_value(self, n: int | None, alert: bool = False) -> None:
        self.value.setText("–" if n is None else fmt.number(n))
        name = "tileValueAlert" if alert else "tileValue"
        if self.value.objectName() != name:
            self.value.setObjectName(name)
            self.value.style().unpolish(self.value)
            self.value.style().polish(self.value)
        self._name_it()

    def set_texts(self, caption: str, note: str) -> None:
        self.caption.setText(caption)
        self.note.setText(note)
        self._name_it()

    def _name_it(self) -> None:
        self.setAccessibleName(f"{self.value.text()} {self.caption.text()}")
        self.setAccessibleDescription(self.note.text())


class Tile(_TileBody, QFrame):
    """A figure of the period with its caption."""

    def __init__(self, parent: QWidget | None = None):
        QFrame.__init__(self, parent, objectName="tile")
        self._build_body()


class TileButton(_TileBody, QAbstractButton):
    """A tile that opens what it counts (the overdue petitions): a button to the keyboard (Tab, then Enter or Space)
    and to a screen reader, a tile to the eye."""

    def __init__(self, parent: QWidget | None = None):
        QAbstractButton.__init__(self, parent, objectName="tile")
        self._build_body()
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def paintEvent(self, _event) -> None:
        # The frame, background and focus ring of the style sheet (#tile, #tile:focus); the labels paint themselves.
        opt = QStyleOption()
        opt.initFrom(self)
        p = QPainter(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, opt, p, self)
        p.end()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()  # Space is QAbstractButton's own
            return
        super().keyPressEvent(event)


class LinkLine(QLabel):
    """A line of text with links, each a tab stop: Tab lands on its first link (Shift+Tab on its last) — a
    QLabel would first take the focus with no link chosen — and Enter follows the chosen one."""

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        reason = event.reason()
        if reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            forward = reason == Qt.FocusReason.TabFocusReason
            # start from the line's beginning (or end): after an earlier visit the cursor is on the last link
            self.setSelection(0 if forward else len(QTextDocumentFragment.fromHtml(self.text()).toPlainText()), 0)
            self.focusNextPrevChild(forward)


class Panel(QFrame):
    """A white box with a title: one table or chart of the dashboard."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="panel")
        self.title = QLabel(objectName="panelTitle")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(12, 8, 12, 10)
        self.body.setSpacing(6)
        self.body.addWidget(self.title)


class DashboardScreen(QWidget):
    open_requested = Signal(str, str)  # (screen key, action): e.g. ("petition", "show_overdue")
    loaded = Signal()  # fresh figures are on screen

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.data: dict | None = None
        self._refresh = Refresh(lambda: self.ctx.session, dashboard.overview, self._loaded, self._failed)
        self._stale = False
        self._loaded_on = None  # the day of the figures shown: "overdue" and "this week" move at midnight
        self.setStyleSheet(_HIGH_CONTRAST_STYLE if style.prefers_high_contrast() else _LOCAL_STYLE)

        v = QVBoxLayout(self)
        v.setContentsMargins(14, 10, 14, 10)
        v.setSpacing(10)
        head = QHBoxLayout()
        self.title = QLabel(objectName="screenTitle")
        self.subtitle = QLabel(objectName="muted")
        head.addWidget(self.title)
        head.addSpacing(12)
        head.addWidget(self.subtitle, 0, Qt.AlignmentFlag.AlignBottom)
        head.addStretch(1)
        v.addLayout(head)

        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        self.tile_receptions = Tile()
        self.tile_petitions = Tile()
        self.tile_overdue = TileButton()
        self.tile_models = Tile()
        for t in (self.tile_receptions, self.tile_petitions, self.tile_overdue, self.tile_models):
            tiles.addWidget(t)
        self.tile_overdue.clicked.connect(lambda _checked=False: self.show_overdue())
        v.addLayout(tiles)

        grid = QGridLayout()
        grid.setSpacing(10)
        # Due and overdue petitions
        self.due_panel = Panel()
        self.due_model = DueListModel(ctx.lang, self)
        self.due_table = QTableView(objectName="dueTable")
        self.due_table.setModel(self.due_model)
        self.due_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.due_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.due_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.due_table.setTabKeyNavigation(False)  # rows by the arrows; Tab goes on to the next panel
        self.due_table.setAlternatingRowColors(True)
        self.due_table.setShowGrid(False)
        self.due_table.setWordWrap(False)
        self.due_table.verticalHeader().hide()
        self.due_table.verticalHeader().setDefaultSectionSize(row_height(self.due_table, least=0))
        hh = self.due_table.horizontalHeader()
        hh.setHighlightSections(False)
        hh.setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrow panel: "Người gửi…", not "gày làm việc"
        fm = self.fontMetrics()
        samples = ("00004-2026-00000", "Nguyễn Thị Phương Hà", "Khiếu nại", "00/00/0000", "Quá 000 ngày")
        self._due_widths = [fm.horizontalAdvance(sample) + 24 for sample in samples]  # widths, not text
        for col, width in enumerate(self._due_widths):
            self.due_table.setColumnWidth(col, width)
        hh.setStretchLastSection(False)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the petitioner takes what is left
        self._due_viewport = self.due_table.viewport()  # compared by identity in eventFilter
        self._due_viewport.installEventFilter(self)  # its width decides which columns fit
        self.due_table.clicked.connect(lambda idx: self.open_row(idx.row()))
        self.due_table.installEventFilter(self)  # Enter opens the selected petition
        self.due_empty = QLabel(objectName="emptyState", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.due_stack = QStackedWidget()
        self.due_stack.addWidget(self.due_table)
        self.due_stack.addWidget(self.due_empty)
        self.due_more = LinkLine(objectName="muted", wordWrap=True)
        self.due_more.setTextFormat(Qt.TextFormat.RichText)
        # Tab reaches each link in turn and Enter follows it, as a click does
        self.due_more.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                              | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.due_more.linkActivated.connect(
            lambda href: {"replies": self.show_overdue_replies,
                          "commitments": self.show_open_commitments}.get(href, self.show_overdue)())
        self.due_panel.body.addWidget(self.due_stack, 1)
        self.due_panel.body.addWidget(self.due_more)
        grid.addWidget(self.due_panel, 0, 0)

        # Petitions of the period by category and by status
        self.petitions_panel = Panel()
        self.by_category_title = QLabel(objectName="panelSubtitle")
        self.by_category = HBarChart()
        self.by_status_title = QLabel(objectName="panelSubtitle")
        self.by_status = HBarChart()
        for w in (self.by_category_title, self.by_category, self.by_status_title, self.by_status):
            self.petitions_panel.body.addWidget(w)
        self.petitions_panel.body.addStretch(1)
        grid.addWidget(self.petitions_panel, 0, 1)

        # Receptions per month
        self.months_panel = Panel()
        self.months_chart = BarChart()
        self.months_panel.body.addWidget(self.months_chart, 1)
        grid.addWidget(self.months_panel, 1, 0)

        # Models being carried out, by field
        self.models_panel = Panel()
        self.models_chart = HBarChart()
        # This year's models by status: one line of text — a second chart would not fit 768 px.
        self.models_status = QLabel(objectName="muted", wordWrap=True)
        for w in (self.models_chart, self.models_status):
            self.models_panel.body.addWidget(w)
        self.models_panel.body.addStretch(1)
        grid.addWidget(self.models_panel, 1, 1)

        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnMinimumWidth(1, 380)  # the longest category and status names stay readable
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        v.addLayout(grid, 1)

        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        ctx.records_changed.connect(self._on_records_changed)
        ctx.language_changed.connect(self._on_language_changed)
        self.retranslate_ui()
        # Loaded on a worker started once the screen has painted: started now, it would hold the interpreter
        # lock while the window is still being built and drawn.
        after_first_paint(self, self.refresh)

    # -- the screen protocol the main window uses --------------------------------------------------------------
    def nav_title(self) -> str:
        return self.tr("Overview")

    def show_overdue(self) -> None:
        """Open the petitions screen filtered to overdue petitions."""
        self.open_requested.emit("petition", "show_overdue")

    def show_overdue_replies(self) -> None:
        """Open the receptions screen filtered to those whose reply to the citizen is overdue."""
        self.open_requested.emit("reception", "show_overdue")

    def show_open_commitments(self) -> None:
        """Open the dialogues list filtered to commitments with no result yet (the late ones in red)."""
        self.open_requested.emit("dialogue", "show_overdue")

    def _fit_due_columns(self) -> None:
        """A narrow panel (a 1366-pixel screen at 125 %) left the petitioner 20 px and cut the working days off the
        right: the category goes first, then the case number (the form names both), so that the name and the days
        left stay readable."""
        room = self.due_table.viewport().width()
        hidden: set[int] = set()
        for col in (2, 0):
            if sum(w for i, w in enumerate(self._due_widths) if i != 1 and i not in hidden) + DUE_PERSON_MIN <= room:
                break
            hidden.add(col)
        for col in (0, 2):
            self.due_table.setColumnHidden(col, col in hidden)

    def open_row(self, row: int):
        rid = self.due_model.record_id(row)
        if rid:
            return registry.open_form(self.ctx, "petition", rid, parent=self.window())
        return None

    def eventFilter(self, watched, event) -> bool:
        if watched is self._due_viewport and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._fit_due_columns)  # after the resize, not inside it
        if watched is self.due_table and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open_current()
            return True
        return super().eventFilter(watched, event)

    def _open_current(self) -> None:
        idx = self.due_table.currentIndex()
        if idx.isValid():
            self.open_row(idx.row())

    # -- loading ----------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload every figure on a worker thread (one more run follows if asked again meanwhile)."""
        self._stale = False
        self._refresh.run()

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc)

    def _loaded(self, data: dict) -> None:
        self.data = data
        self._loaded_on = self.ctx.session.clock.today()
        self._render()
        self.loaded.emit()

    def _on_records_changed(self, _entity: str) -> None:
        if self.isVisible():
            self._timer.start()
        else:
            self._stale = True

    def _on_language_changed(self, lang: str) -> None:
        self.due_model.set_language(lang)
        self.refresh()  # the period's name comes from the core in the session's language

    def showEvent(self, event) -> None:
        if self._stale or (self._loaded_on is not None and self._loaded_on != self.ctx.session.clock.today()):
            self.refresh()
        super().showEvent(event)

    # -- showing ----------------------------------------------------------------------------------------------------
    def _render(self) -> None:
        d = self.data
        if d is None:
            return
        lang = self.ctx.lang
        p = d["period"]
        self.subtitle.setText(self.tr("Statistical period: {period} ({start} – {end})").format(
            period=p["label"], start=fmt.d(p["from"]), end=fmt.d(p["to"])))
        t = d["tiles"]
        self.tile_receptions.set_value(t["receptions"])
        self.tile_petitions.set_value(t["petitions"])
        self.tile_overdue.set_value(t["overdue"], alert=t["overdue"] > 0)
        self.tile_models.set_value(t["models_active"])

        due = d["due"]
        self.due_model.set_rows(due["rows"])
        self.due_stack.setCurrentWidget(self.due_table if due["rows"] else self.due_empty)
        shown_overdue = sum(1 for r in due["rows"] if r["overdue"])
        parts = []
        if due["overdue_total"]:
            parts.append(self.tr("{n} overdue").format(n=fmt.number(due["overdue_total"])))
        if due["due_soon_total"]:
            parts.append(self.tr("{n} due within 7 days").format(n=fmt.number(due["due_soon_total"])))
        more = " · ".join(parts)
        if shown_overdue < due["overdue_total"]:
            more += " — " + self.tr("listed: the {n} longest overdue.").format(n=fmt.number(shown_overdue))
        if due["overdue_total"]:
            more += ' <a href="overdue">' + self.tr("All overdue petitions") + "</a>"
        if t.get("overdue_replies"):
            # the reply a reception owes the citizen (Reception Law Art. 28) is followed on the receptions list
            more += (" · " if more else "") + '<a href="replies">' + self.tr(
                "{n} receptions not answered in time").format(n=fmt.number(t["overdue_replies"])) + "</a>"
        if t.get("open_commitments"):
            # dialogues whose commitments have no result: the link's first figure is the rows of the list it opens
            # (its box; sorted late first), the second those past their deadline
            words = (self.tr("Dialogues: {open} with commitments not yet followed up, {late} past their deadline")
                     if t.get("late_commitments") else
                     self.tr("Dialogues: {open} with commitments not yet followed up"))
            more += (" · " if more else "") + '<a href="commitments">' + words.format(
                open=fmt.number(t["open_commitments"]), late=fmt.number(t["late_commitments"])) + "</a>"
        self.due_more.setText(more)
        self.due_more.setVisible(bool(more))
        # a tab stop only when there is a link to follow
        self.due_more.setFocusPolicy(Qt.FocusPolicy.StrongFocus if "<a " in more else Qt.FocusPolicy.NoFocus)

        cats = d["petitions_by_category"]
        self.by_category.set_bars([Bar(label(enums.CATEGORY, k, lang), cats.get(k, 0)) for k in enums.CATEGORY])
        statuses = d["petitions_by_status"]
        self.by_status.set_bars([Bar(label(enums.PETITION_STATUS, k, lang), statuses.get(k, 0))
                                 for k in enums.PETITION_STATUS])
        shared = max(self.by_category.label_width_needed(), self.by_status.label_width_needed())
        self.by_category.set_label_width(shared)
        self.by_status.set_label_width(shared)

        bars = []
        for m in d["receptions_by_month"]:
            month = f"{m['month']:02d}/{m['year']}"
            bars.append(Bar(f"{m['month']:02d}/{m['year'] % 100:02d}", m["count"],
                            self.tr("{month}: {n} receptions ({start} – {end})").format(
                                month=month, n=fmt.number(m["count"]), start=fmt.d(m["from"]), end=fmt.d(m["to"]))))
        self.months_chart.set_bars(bars)
        units = d.get("units_overdue")
        if units is not None:  # an upper level: which communes owe most, late — its first question
            self.models_panel.title.setText(self.tr("Communes with the most late records (today)"))
            self.models_chart.set_title(self.models_panel.title.text())
            self.models_chart.set_empty_text(self.tr("No commune has a late record today."))
            self.models_chart.set_bars([Bar(u["unit_name"] or u["unit_code"],
                                            u["overdue"] + u["overdue_replies"] + u["commitments_late"],
                                            self.tr("{unit}: {petitions} overdue petitions, {receptions} receptions "
                                                    "not answered in time, {commitments} dialogues with late "
                                                    "commitments").format(
                                                unit=u["unit_name"] or u["unit_code"],
                                                petitions=fmt.number(u["overdue"]),
                                                receptions=fmt.number(u["overdue_replies"]),
                                                commitments=fmt.number(u["commitments_late"])))
                                        for u in units])
        else:
            fields = d["models_by_field"]
            self.models_chart.set_bars([Bar(label(enums.MODEL_FIELD, k, lang), fields.get(k, 0))
                                        for k in enums.MODEL_FIELD])
        statuses = d.get("models_by_status") or {}
        year = self.ctx.session.clock.today().year
        if any(statuses.values()):
            parts = " · ".join(f"{label(enums.MODEL_STATUS, k, lang)}: {fmt.number(statuses[k])}"
                               for k in enums.MODEL_STATUS if statuses.get(k))
            self.models_status.setText(self.tr("Models of {year} by status — {parts}").format(year=year,
                                                                                           parts=parts))
        else:
            self.models_status.setText(self.tr("No model registered in {year}.").format(year=year))

    # -- language ---------------------------------------------------------------------------------------------------
    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Overview"))
        self.tile_receptions.set_texts(self.tr("Citizen receptions"), self.tr("in this period"))
        self.tile_petitions.set_texts(self.tr("Petitions received"), self.tr("in this period"))
        self.tile_overdue.set_texts(self.tr("Overdue petitions"), self.tr("as of today · click to see them"))
        self.tile_overdue.setToolTip(self.tr("Every petition whose deadline has passed, whenever it was received"))
        self.tile_models.set_texts(self.tr("Models being carried out"), self.tr("as of today"))
        self.due_panel.title.setText(self.tr("Due soon / Overdue"))
        self.due_empty.setText(self.tr("No petition is overdue or due within the next 7 days."))
        self.due_table.setToolTip(self.tr("Click a petition (or press Enter) to open it."))
        self.petitions_panel.title.setText(self.tr("Petitions received in this period"))
        self.by_category_title.setText(self.tr("By category"))
        self.by_status_title.setText(self.tr("By status"))
        self.by_category.set_empty_text(self.tr("No petitions in this period."))
        self.by_status.set_empty_text(self.tr("No petitions in this period."))
        self.months_panel.title.setText(self.tr("Citizen receptions per month (last 12 statistical months)"))
        self.months_chart.set_empty_text(self.tr("No receptions in the last 12 months."))
        self.models_panel.title.setText(self.tr("Models being carried out, by field"))
        self.models_chart.set_empty_text(self.tr("No model is being carried out."))
        self.by_category.set_title(f"{self.petitions_panel.title.text()} — {self.by_category_title.text()}")
        self.by_status.set_title(f"{self.petitions_panel.title.text()} — {self.by_status_title.text()}")
        self.months_chart.set_title(self.months_panel.title.text())
        self.models_chart.set_title(self.models_panel.title.text())
        self._render()
