"""The main window: left navigation, one screen at a time, a status bar with unit, user and data file."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (QLabel, QListWidget, QListWidgetItem, QMainWindow, QMessageBox, QPushButton,
                               QSizePolicy, QSplitter, QStackedWidget, QStyledItemDelegate, QVBoxLayout, QWidget)

from app.domain import roles
from app.domain.text import local_dmy_hm
from app.services import listing
from app.services.clock_check import clock_doubts
from app.services.drafts import DraftStore
from app.storage import settings as unit_settings
from ui import format as fmt
from ui.accessibility import name_from_labels
from ui.errors import reported
from ui.first_paint import after_first_paint
from ui.jobs import Refresh
from ui.style import ACCENT, OVERDUE
from ui.sync_mark import show_sync_mark, sync_attention
from ui.widgets.screen_fit import fit_to_screen, screen_is_small, scrolling

log = logging.getLogger(__name__)
BADGE_ROLE = Qt.ItemDataRole.UserRole + 1
MARK_ROLE = Qt.ItemDataRole.UserRole + 2  # Đồng bộ: (count, show the number) in the accent colour — not red



@dataclass
class ScreenEntry:
    key: str
    title: Callable[[], str]
    module: str
    cls: str
    permission: str | None = None  # a role without it sees the entry disabled, with the reason as tooltip


PRELOAD_AFTER_MS = 800  # after the first paint and the dashboard's own loading

SCREENS = [
    ScreenEntry("dashboard", lambda: QCoreApplication.translate("MainWindow", "Overview"), "ui.screens.dashboard", "DashboardScreen"),
    ScreenEntry("reception", lambda: QCoreApplication.translate("MainWindow", "Citizen reception"), "ui.screens.lists", "ReceptionsScreen"),
    ScreenEntry("petition", lambda: QCoreApplication.translate("MainWindow", "Petitions"), "ui.screens.lists", "PetitionsScreen"),
    ScreenEntry("model", lambda: QCoreApplication.translate("MainWindow", "\"Dân vận khéo\" models"), "ui.screens.models", "ModelsScreen"),
    ScreenEntry("dialogue", lambda: QCoreApplication.translate("MainWindow", "Dialogues"), "ui.screens.lists", "DialoguesScreen"),
    ScreenEntry("sync", lambda: QCoreApplication.translate("MainWindow", "Sync"), "ui.screens.sync", "SyncScreen"),
    ScreenEntry("print", lambda: QCoreApplication.translate("MainWindow", "Print & reports"), "ui.screens.printing", "PrintScreen"),
    ScreenEntry("admin", lambda: QCoreApplication.translate("MainWindow", "Administration"), "ui.screens.admin", "AdminScreen"),
    ScreenEntry("audit", lambda: QCoreApplication.translate("AuditLogScreen", "Audit log"), "ui.screens.audit_log",
                "AuditLogScreen", roles.AUDIT_READ),
]


class BadgeDelegate(QStyledItemDelegate):
    """Navigation items with a red count on the right (overdue petitions)."""

    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        n = index.data(BADGE_ROLE)
        mark = index.data(MARK_ROLE)
        if mark and mark[0] and not mark[1]:  # a dot: a commune's unsent records
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(QColor(ACCENT))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(option.rect.right() - 22, option.rect.center().y() - 4, 8, 8)
            painter.restore()
        if not n:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = fmt.number(n)
        fm = option.fontMetrics
        w = max(20, fm.horizontalAdvance(text) + 12)
        r = QRect(option.rect.right() - w - 10, option.rect.center().y() - 9, w, 18)
        painter.setBrush(QColor(ACCENT if mark and mark[1] else OVERDUE))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(r, 9, 9)
        painter.setPen(QColor("white"))
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        s = super().sizeHint(option, index)
        return QSize(s.width(), max(s.height(), 30))


def badge_counts(session) -> dict:
    """What the navigation marks show (run on a worker thread): overdue petitions and sync_attention()."""
    try:
        overdue = listing.count(session, "petition", overdue=True)
    except Exception:  # a badge is a hint; the list itself reports problems
        log.exception("badge count failed")
        overdue = 0
    return {"overdue": overdue, "sync": sync_attention(session)}


NAV_BADGE_ROOM = 48  # px beside a menu entry's label: its count badge and the list's margins


class MainWindow(QMainWindow):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.entries = [e for e in SCREENS if importlib.util.find_spec(e.module) is not None]
        self.screens: dict[str, QWidget] = {}
        self._frames: dict[str, QWidget] = {}  # key -> the scroll area holding the screen in the stack
        self.unit_name = unit_settings.get(ctx.session.db, "unit_name") or ""
        self.is_demo = ctx.session.is_demo
        self._badges = Refresh(lambda: self.ctx.session, badge_counts, self._show_badges)

        nav = QWidget(objectName="navigation")
        nv = QVBoxLayout(nav)
        nv.setContentsMargins(8, 14, 8, 8)
        self.app_title = QLabel(objectName="appTitle")
        self.unit_label = QLabel(objectName="unitName", wordWrap=True)
        nv.addWidget(self.app_title)
        nv.addWidget(self.unit_label)
        nv.addSpacing(10)
        self.nav = QListWidget(objectName="navList")
        self.nav.setItemDelegate(BadgeDelegate(self.nav))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideRight)
        for e in self.entries:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, e.key)
            if e.permission and not ctx.can(e.permission):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.nav.addItem(item)
        nv.addWidget(self.nav, 1)
        self.stack = QStackedWidget()
        split = QSplitter()
        split.addWidget(nav)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        split.setSizes([210, 1150])
        split.setChildrenCollapsible(False)
        self.setCentralWidget(split)

        self.status_user = QLabel()
        self.status_db = QLabel(objectName="muted")
        self.status_db.setMinimumWidth(80)  # a long path is cut (the whole one is its tooltip), not the window widened
        self.status_db.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status_sync = QLabel()  # "Chưa gửi cấp trên: N bản ghi" (a commune), filled with the badges
        self.status_sync.hide()
        self.statusBar().addWidget(self.status_user)
        self.statusBar().addWidget(self.status_db, 1)
        self.statusBar().addPermanentWidget(self.status_sync)
        # A clock in another time zone, or set back years, dates every new record wrongly: said until it is put right
        # a button drawn as a red link: reached with Tab and opened with Enter or Space, not by the mouse only
        self.status_clock = QPushButton(objectName="clockWarning", flat=True)
        self.status_clock.setCursor(Qt.CursorShape.PointingHandCursor)
        self.status_clock.setStyleSheet(
            f"QPushButton#clockWarning {{ color: {OVERDUE}; text-decoration: underline; border: 1px solid transparent;"
            f" background: transparent; padding: 0 4px; }}"
            f" QPushButton#clockWarning:focus {{ border: 1px solid {OVERDUE}; }}")
        self.status_clock.clicked.connect(self.show_clock_doubts)
        self.status_clock.hide()
        self.statusBar().addPermanentWidget(self.status_clock)
        self.clock_doubts: list[dict] = []

        self.nav.currentRowChanged.connect(self._show_row)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_search)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self._add_new)
        # Ctrl+1 … Ctrl+9: the screens in the order of the menu (said in each entry's tooltip)
        for i in range(min(9, len(self.entries))):
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, activated=lambda i=i: self._go_to_row(i))
        ctx.records_changed.connect(lambda _e: self.update_badges())
        ctx.restored_elsewhere.connect(self.close_after_restore_elsewhere)
        ctx.language_changed.connect(lambda _l: self.retranslate_ui())

        self.retranslate_ui()
        # The badges count over the whole book on a worker thread, started once the window has painted.
        after_first_paint(self, self.update_badges)
        # The screens' modules are imported while the officer reads the dashboard, so the first click on a list
        # does not pay for it (the receptions list's first opening spent a tenth of its time importing).
        QTimer.singleShot(PRELOAD_AFTER_MS, self, self.preload_screen_modules)
        self._restore_geometry()
        self.nav.setCurrentRow(0)

        from ui.idle_lock import IdleLock  # locks the windows after the unit's idle time (Quản trị → Bảo vệ dữ liệu)

        self.idle_lock = IdleLock(ctx, self)
        self.idle_lock.close_requested.connect(self.close_session)

    def close_session(self) -> None:
        """From the lock dialog: end the program without closing the forms, so their drafts are offered again at
        the next start (to whoever logs in as that user)."""
        self.ctx.settings.setValue("window/geometry", self.saveGeometry())
        self.ctx.settings.sync()
        QCoreApplication.exit(0)

    def close_after_restore_elsewhere(self, facts: dict) -> None:
        """Another program restored a backup into this file: the accounts, the data key and every record may be
        another day's, so — as after a restore made here — the program closes and is opened again. Open forms are
        left as they are, so their drafts are offered again at the next start."""
        lines = [QCoreApplication.translate(
            "MainWindow", "The data of this file was just restored from a backup by another program (a danvan "
                          "command or another window). The records, accounts and settings may now be as they were "
                          "on the day of that backup.")]
        if facts.get("file"):
            lines.append(QCoreApplication.translate("MainWindow", "Backup: {file}").format(file=facts["file"]))
        if facts.get("at"):
            lines.append(QCoreApplication.translate("MainWindow", "Restored at: {at}").format(
                at=local_dmy_hm(facts["at"])))
        if facts.get("by"):
            lines.append(QCoreApplication.translate("MainWindow", "Restored by: {by}").format(by=facts["by"]))
        lines.append("")
        lines.append(QCoreApplication.translate(
            "MainWindow", "The program will now close. Open it again to work with the restored data; what was "
                          "being typed in open forms is offered back then."))
        QMessageBox.information(self, QCoreApplication.translate("MainWindow", "The data was restored"),
                                "\n".join(lines))
        self.close_session()

    # -- screens -----------------------------------------------------------------------------------------------
    def preload_screen_modules(self) -> None:
        """Import (not build) the screens' modules in idle time; a failure is only logged — the click shows it."""
        for module in dict.fromkeys(e.module for e in self.entries):
            try:
                importlib.import_module(module)
            except Exception:  # noqa: BLE001 — never an error box from idle work
                log.exception("preloading %s failed", module)

    def screen(self, key: str) -> QWidget | None:
        """The screen for `key`, built the first time it is shown (start-up builds only the first)."""
        if key in self.screens:
            return self.screens[key]
        entry = next((e for e in self.entries if e.key == key), None)
        if entry is None:
            return None
        cls = getattr(importlib.import_module(entry.module), entry.cls)
        widget = cls(self.ctx)
        if hasattr(widget, "open_requested"):  # the dashboard asks to show a list (e.g. overdue petitions)
            widget.open_requested.connect(self.go_to)
        self.screens[key] = widget
        # Each in a scroll area: the stack is as large as its largest screen, and one wide screen (the sync
        # screen's three boxes, a list's filters) would otherwise make the window wider than a laptop's screen.
        self._frames[key] = scrolling(widget)
        self.stack.addWidget(self._frames[key])
        if self.property("a11yNamed") is not None:  # built after the focus entered the window, which named it
            name_from_labels(widget)
        return widget

    def go_to(self, key: str, action: str = "") -> QWidget | None:
        row = next((i for i, e in enumerate(self.entries) if e.key == key), -1)
        if row < 0:
            return None
        self.nav.setCurrentRow(row)
        widget = self.screens.get(key)
        if widget is not None and action and hasattr(widget, action):
            getattr(widget, action)()
        return widget

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.entries):
            return
        with reported(self):
            key = self.entries[row].key
            if self.screen(key) is not None:
                self.stack.setCurrentWidget(self._frames[key])

    def current_screen(self) -> QWidget | None:
        frame = self.stack.currentWidget()
        return frame.widget() if frame is not None else None

    def _focus_search(self) -> None:
        w = self.current_screen()
        if w is not None and hasattr(w, "focus_search"):
            w.focus_search()

    def _add_new(self) -> None:
        """Ctrl+N: a new record of the screen on show; from a screen that has none (Tổng quan), a new reception
        — what a citizen at the desk needs."""
        w = self.current_screen()
        if w is None or not hasattr(w, "add_new"):
            if not self.ctx.can(roles.WRITE):
                return
            w = self.go_to("reception")
        if w is not None and hasattr(w, "add_new"):
            w.add_new()

    def _go_to_row(self, row: int) -> None:
        item = self.nav.item(row)
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.go_to(self.entries[row].key)

    # -- badges and status ----------------------------------------------------------------------------------------
    def update_badges(self) -> None:
        """Count the overdue petitions and what Đồng bộ marks on a worker thread (a tenth of a second at 200,000
        records, which the window would otherwise spend frozen); the marks change when it reports."""
        self._badges.run()

    def _show_badges(self, counts: dict) -> None:
        for i, e in enumerate(self.entries):
            item = self.nav.item(i)
            if e.key == "petition":
                overdue = counts["overdue"]
                item.setData(BADGE_ROLE, overdue)
                item.setToolTip(QCoreApplication.translate("MainWindow", "{n} overdue petitions").format(
                    n=fmt.number(overdue)) if overdue else (f"Ctrl+{i + 1}" if i < 9 else ""))
            elif e.key == "sync":
                show_sync_mark(item, counts["sync"], BADGE_ROLE, MARK_ROLE)
        self._last_counts = counts
        self._speak_marks()
        self._show_unsent()

    def _speak_marks(self) -> None:
        """A badge or dot is only painted: a screen reader reads the entry with what its tooltip says of it
        ("Đơn thư — 2 đơn quá hạn")."""
        for i in range(self.nav.count()):
            item = self.nav.item(i)
            marked = item.data(BADGE_ROLE) or item.data(MARK_ROLE)
            said = f"{item.text()} — {item.toolTip()}" if marked and item.toolTip() else None
            item.setData(Qt.ItemDataRole.AccessibleTextRole, said)

    def _show_unsent(self) -> None:
        att = (getattr(self, "_last_counts", None) or {}).get("sync") or {}
        commune = att.get("level", "commune") != "upper" and "count" in att
        self.status_sync.setVisible(commune)
        if commune:
            n = fmt.number(att.get("count") or 0)
            if att.get("more"):  # counted up to a cap, so that the count never slows the window down
                text = QCoreApplication.translate("MainWindow", "Not sent to the upper level: more than {n} records")
            else:
                text = QCoreApplication.translate("MainWindow", "Not sent to the upper level: {n} records")
            self.status_sync.setText(text.format(n=n))

    def show_clock_doubts(self) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("MainWindow", "Check the computer's clock"))
        box.setText("\n\n".join(d["message"] for d in self.clock_doubts))
        box.addButton(QCoreApplication.translate("MainWindow", "Close"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        self._show_clock_doubts_mark()  # put right meanwhile (the clock set while the box was open): the mark goes

    def retranslate_ui(self) -> None:
        s = self.ctx.session
        unit = self.unit_name
        demo = QCoreApplication.translate("MainWindow", " (demo data)") if self.is_demo else ""
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "Sổ Dân Vận — {unit}").format(unit=unit) + demo)
        self.app_title.setText(QCoreApplication.translate("MainWindow", "SỔ DÂN VẬN"))
        self.unit_label.setText(unit + demo)
        for i, e in enumerate(self.entries):
            self.nav.item(i).setText(e.title())
            denied = self.ctx.denied_reason(e.permission) if e.permission else ""
            keys = f"Ctrl+{i + 1}" if i < 9 else ""
            if denied or not self.nav.item(i).toolTip():  # a badge's count keeps its own tooltip
                self.nav.item(i).setToolTip(denied or keys)
        # The menu keeps its labels whole (with room for a badge) when the window is narrow: the screens scroll.
        self.nav.setMinimumWidth(self.nav.sizeHintForColumn(0) + NAV_BADGE_ROOM)
        self.nav.setAccessibleName(QCoreApplication.translate("MainWindow", "Screens"))
        self._speak_marks()
        self.status_user.setText(
            QCoreApplication.translate("MainWindow", "Unit: {unit}").format(unit=unit) + " · "
            + QCoreApplication.translate("MainWindow", "Officer: {name} ({role})").format(
                name=self.ctx.user_display, role=self.ctx.role_label))
        self.status_db.setText(QCoreApplication.translate("MainWindow", "Data: {path}").format(path=str(s.path)))
        self.status_db.setToolTip(str(s.path))
        self._show_unsent()
        self._show_clock_doubts_mark()

    def _show_clock_doubts_mark(self) -> None:
        try:
            self.clock_doubts = clock_doubts(self.ctx.session)
        except Exception:  # a hint: never in the way of the window
            log.exception("clock not checked")
            self.clock_doubts = []
        text = QCoreApplication.translate("MainWindow", "⚠ The computer's clock looks wrong — see why")
        self.status_clock.setText(text)
        self.status_clock.setToolTip("\n\n".join(d["message"] for d in self.clock_doubts))
        self.status_clock.setVisible(bool(self.clock_doubts))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self.clock_doubts:
            # back from Windows' clock settings: the mark goes once the clock is right
            self._show_clock_doubts_mark()
        super().changeEvent(event)


    # -- drafts from a crash or power cut ---------------------------------------------------------------------------
    def offer_drafts(self) -> None:
        store = DraftStore(self.ctx.session.path, self.ctx.session.cipher)
        store.clear_stale_parts()
        drafts = store.pending(self.ctx.session.user_name)
        if not drafts:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QCoreApplication.translate("MainWindow", "Unsaved forms"))
        box.setText(QCoreApplication.translate("MainWindow", "{n} form(s) were not saved when the program last closed (a crash or a power cut?). "
                       "Open them again to finish?").format(n=len(drafts)))
        reopen = box.addButton(QCoreApplication.translate("MainWindow", "Open them"), QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton(QCoreApplication.translate("MainWindow", "Discard them"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QCoreApplication.translate("MainWindow", "Later"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is reopen:
            from ui.forms.registry import open_form

            for d in drafts:
                open_form(self.ctx, d.entity, d.record_id, initial=d.data, draft_key=d.key, parent=self)
        elif box.clickedButton() is drop:
            for d in drafts:
                store.discard(d.key)

    # -- window state -------------------------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geo = self.ctx.settings.value("window/geometry")
        if geo is not None:
            self.restoreGeometry(geo)
        elif screen_is_small(self, 1366, 740):  # a laptop's screen, or one with display scaling: use all of it
            fit_to_screen(self, 1366, 740)
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        else:
            self.resize(1366, 740)

    def closeEvent(self, event) -> None:
        self.ctx.settings.setValue("window/geometry", self.saveGeometry())
        self.ctx.settings.sync()
        super().closeEvent(event)
