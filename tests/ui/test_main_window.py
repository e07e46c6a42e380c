"""The main window: navigation, lists over the core, status bar, badges."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.services import records

from tests.ui.conftest import citizen, petition, reception, show_active


def test_main_window_shows_unit_user_and_data_file(qtbot, make_ctx):
    """The status bar names the officer, their role and the data file."""
    from ui.main_window import MainWindow

    ctx = make_ctx("officer")
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    assert "officer" in w.status_user.text() and "Cán bộ" in w.status_user.text()
    assert str(ctx.session.path) in w.status_db.text()
    titles = [w.nav.item(i).text() for i in range(w.nav.count())]
    assert "Tiếp công dân" in titles and "Đơn thư" in titles


def test_overdue_badge_counts_overdue_petitions(qtbot, make_ctx):
    """An overdue petition puts a red count on "Đơn thư"."""
    from ui.main_window import BADGE_ROLE, MainWindow

    ctx = make_ctx("officer")
    records.save(ctx.session, petition(received_on="2026-06-01"))
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    row = next(i for i, e in enumerate(w.entries) if e.key == "petition")
    qtbot.waitUntil(lambda: w.nav.item(row).data(BADGE_ROLE) == 1)  # counted just after the first paint


def test_status_bar_counts_what_the_upper_level_has_not_received(qtbot, make_ctx):
    """A commune's status bar: "Chưa gửi cấp trên: N bản ghi", counted with the badges and kept current."""
    from ui.main_window import MainWindow

    ctx = make_ctx("officer")
    records.save(ctx.session, reception())
    records.save(ctx.session, reception())
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.status_sync.text() == "Chưa gửi cấp trên: 2 bản ghi")
    records.save(ctx.session, reception())
    ctx.notify_changed("reception")
    qtbot.waitUntil(lambda: w.status_sync.text() == "Chưa gửi cấp trên: 3 bản ghi")


def test_in_so_opens_the_book_over_the_lists_dates(qtbot, make_ctx):
    """"In sổ…" on the receptions list: the Print screen with the reception book chosen, over the list's dates;
    the petitions list prints its register."""
    from ui.main_window import MainWindow

    ctx = make_ctx("officer")
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    lst = w.go_to("reception")
    assert lst.print_button.text() == "In sổ…" and lst.print_button.isEnabled()
    lst.date_from.set_value("2026-03-01")
    lst.date_to.set_value("2026-03-31")
    screen = lst.open_print()
    assert w.current_screen() is screen and screen.kind == "reception-log"
    assert (screen.date_from.value(), screen.date_to.value()) == ("2026-03-01", "2026-03-31")
    assert w.go_to("petition").print_button.text() == "In sổ theo dõi đơn…"
    assert w.go_to("petition").open_print().kind == "petition-register"
    assert w.go_to("dialogue").print_button.text() == "In sổ theo dõi đối thoại…"  # once the petitions' words
    assert w.go_to("dialogue").open_print().kind == "dialogue-register"  # and the dialogues list its register


def test_reception_list_search_is_diacritic_blind(qtbot, make_ctx):
    """Typing "duc" in the list search finds "Đặng Văn Đức"."""
    from ui.main_window import MainWindow

    ctx = make_ctx("officer")
    records.save(ctx.session, reception(citizen={"name": "Đặng Văn Đức"}))
    records.save(ctx.session, reception(citizen={"name": "Ưng Hoàng Phúc"}))
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    screen = w.go_to("reception")
    assert screen.model.rowCount() == 2
    qtbot.keyClicks(screen.search, "duc")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=3000)
    assert "Đặng Văn Đức" in screen.model.data(screen.model.index(0, 2))


def test_hidden_list_waits_until_shown(qtbot, make_ctx):
    """A list that is not on screen does not query on each change; it catches up when shown."""
    from ui.screens.lists import ReceptionsScreen

    ctx = make_ctx("officer")
    screen = ReceptionsScreen(ctx)
    qtbot.addWidget(screen)
    assert screen.model.rowCount() == 0
    records.save(ctx.session, reception())
    ctx.notify_changed("reception")
    assert screen.model.rowCount() == 0 and screen._stale
    screen.show()
    qtbot.waitExposed(screen)
    assert screen.model.rowCount() == 1


def test_export_list_to_excel_leaves_denouncer_out(qtbot, make_ctx, answer_boxes, tmp_path, monkeypatch):
    """"Xuất Excel" writes the list's records to a workbook, with a denouncer's name replaced by [Bảo mật]."""
    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    from tests.ui.conftest import denunciation
    from ui.screens.lists import PetitionsScreen

    ctx = make_ctx("officer")
    records.save(ctx.session, petition())
    records.save(ctx.session, denunciation())
    out = tmp_path / "don-thu.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    screen = PetitionsScreen(ctx)
    qtbot.addWidget(screen)
    screen.export_excel()
    assert out.exists()
    cells = [str(c.value) for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows() for c in row
             if c.value is not None]
    assert "Lê Văn Tố" not in cells and "[Bảo mật]" in cells
    assert "Trần Thị Bình" in cells
    assert any("2" in a["text"] and str(out) in a["text"] for a in answer_boxes.asked)


def test_export_list_to_excel_writes_what_the_list_shows(qtbot, make_ctx, answer_boxes, tmp_path, monkeypatch):
    """With a search text and the "overdue" box set, "Xuất Excel…" writes the rows the list shows, not every
    record of its dates."""
    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    from ui.screens.lists import PetitionsScreen

    ctx = make_ctx("officer")
    records.save(ctx.session, petition(content="Khiếu nại việc thu hồi đất ở Thôn Đông", received_on="2026-06-01",
                                       status="accepted", accepted_on="2026-06-02"))
    records.save(ctx.session, petition(content="Khiếu nại việc thu hồi đất ở Thôn Tây"))
    records.save(ctx.session, petition(content="Kiến nghị sửa chữa đường làng", category="petition"))
    out = tmp_path / "don-thu.xlsx"
    suggested = []

    def save_as(*a, **k):
        suggested.append(a[2])
        return str(out), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    screen = PetitionsScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.search.setText("zzzz")  # nothing shown: nothing to export, no file asked for
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0 and not screen.model.counting)
    screen.export_excel()
    assert not suggested and "không có hồ sơ nào để xuất" in answer_boxes.asked[-1]["text"]
    screen.search.setText("thu hoi dat")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2)
    screen.overdue.setChecked(True)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    screen.export_excel()
    cells = [str(c.value) for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows() for c in row
             if c.value is not None]
    assert "Khiếu nại việc thu hồi đất ở Thôn Đông" in cells
    assert "Khiếu nại việc thu hồi đất ở Thôn Tây" not in cells and "Kiến nghị sửa chữa đường làng" not in cells
    # a workbook for people: Vietnamese titles and labels, not the exchange format's keys and codes
    assert {"Phân loại đơn", "Khiếu nại", "Đã thụ lý"} <= set(cells) and "complaint" not in cells
    # the name and the message say the file holds what the filters show, not the whole book
    assert Path(suggested[-1]).name == "don-thu-20261123-loc.xlsx"
    assert "theo bộ lọc đang chọn" in answer_boxes.asked[-1]["text"]


def test_a_masked_denouncer_reads_confidential_in_english_in_the_cell_and_its_tooltip(qtbot, make_ctx):
    from PySide6.QtCore import Qt

    from tests.ui.conftest import denunciation
    from ui.screens.lists import PetitionsScreen

    ctx = make_ctx("officer")
    records.save(ctx.session, denunciation())
    screen = PetitionsScreen(ctx)
    qtbot.addWidget(screen)
    ctx.set_language("en")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    cells = [screen.model.index(0, c) for c in range(screen.model.columnCount())]
    shown = [screen.model.data(i) for i in cells]
    tips = [screen.model.data(i, Qt.ItemDataRole.ToolTipRole) for i in cells]
    assert "[Confidential]" in shown and "[Confidential]" in tips
    assert not any("Bảo mật" in str(x) for x in shown + tips)


def test_danvan_smoke_opens_the_main_window_in_a_real_process(db_path, tmp_path):
    """`danvan --smoke` (the seam the installer build uses): a real process logs in, paints the main window
    offscreen and exits 0."""
    import json
    import os
    import subprocess
    import sys

    from tests.ui.conftest import PASSWORD

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DANVAN_USER="officer", DANVAN_PASSWORD=PASSWORD,
               XDG_CONFIG_HOME=str(tmp_path / "cfg"), XDG_STATE_HOME=str(tmp_path / "state"))
    proc = subprocess.run([sys.executable, "-m", "app", "--smoke", "--db", str(db_path)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    assert info["ok"] is True and info["window_ms"] > 0


def test_danvan_smoke_refuses_a_wrong_password(db_path, tmp_path):
    """A wrong password makes `danvan --smoke` fail with the core's sentence, not a traceback."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DANVAN_USER="officer", DANVAN_PASSWORD="sai-mat-khau",
               XDG_CONFIG_HOME=str(tmp_path / "cfg"), XDG_STATE_HOME=str(tmp_path / "state"))
    proc = subprocess.run([sys.executable, "-m", "app", "--smoke", "--db", str(db_path)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr and "mật khẩu" in proc.stderr.lower()


def test_screen_modules_are_imported_in_idle_time(qtbot, make_ctx, monkeypatch):
    """After the first paint the screens' modules are imported (not built), so the first click on a list is
    quicker; a module failing to import is only logged."""
    import importlib

    from ui import main_window
    from ui.main_window import MainWindow

    seen = []
    real = importlib.import_module

    def spy(name, *a):
        seen.append(name)
        if name == "ui.screens.audit_log":
            raise ImportError("broken on purpose")
        return real(name, *a)

    monkeypatch.setattr(main_window, "PRELOAD_AFTER_MS", 0)
    w = MainWindow(make_ctx("leader"))
    qtbot.addWidget(w)
    monkeypatch.setattr(main_window.importlib, "import_module", spy)
    qtbot.waitUntil(lambda: "ui.screens.sync" in seen and "ui.screens.audit_log" in seen)
    assert set(w.screens) == {"dashboard"}  # imported, not built


def test_work_after_the_first_paint_waits_for_it(qtbot):
    """after_first_paint: a shown widget's work starts once it has painted (a worker started earlier holds the
    interpreter lock while the window is drawn); a widget never shown gets it from the event loop anyway."""
    from PySide6.QtWidgets import QWidget

    from ui.first_paint import after_first_paint

    painted, ran = [], []

    class Probe(QWidget):
        def paintEvent(self, event):
            painted.append(1)
            super().paintEvent(event)

    shown = Probe()
    qtbot.addWidget(shown)
    after_first_paint(shown, lambda: ran.append(len(painted)))
    shown.show()
    qtbot.waitUntil(lambda: bool(ran), timeout=3000)
    assert ran[0] >= 1  # after at least one paint
    qtbot.wait(50)
    assert len(ran) == 1

    hidden, later = QWidget(), []
    qtbot.addWidget(hidden)
    after_first_paint(hidden, lambda: later.append(hidden.isVisible()))
    qtbot.waitUntil(lambda: bool(later), timeout=3000)
    assert later == [False]


def test_badges_are_counted_after_the_window_has_painted(qtbot, make_ctx, monkeypatch):
    """The navigation's counts start on a worker only once the main window has painted."""
    from ui import main_window as mw

    painted, started = [], []
    real_run = mw.Refresh.run

    def run(self):
        started.append(len(painted))
        return real_run(self)

    monkeypatch.setattr(mw.Refresh, "run", run)

    class Probe(mw.MainWindow):
        def paintEvent(self, event):
            painted.append(1)
            super().paintEvent(event)

    w = Probe(make_ctx("officer"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: bool(started), timeout=3000)
    assert started[0] >= 1


def test_a_new_record_saved_is_selected_in_its_list_and_the_next_form_keeps_the_host(qtbot, make_ctx,
                                                                                      answer_boxes):
    """Ctrl+N on the receptions list, a reception saved with "Lưu và thêm mới": the list selects the new row
    and the status bar names its case number; the next form starts with the same host, and what it saves is
    selected in turn. A record the filters hide is said to be hidden, not silently missing."""
    from ui.main_window import MainWindow

    ctx = make_ctx("officer")
    for i in range(3):
        records.save(ctx.session, reception(received_at=f"2026-11-1{i}T08:00"))
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    screen = w.go_to("reception")
    screen.add_new()
    form = next(f for f in w.findChildren(QWidget) if f.__class__.__name__ == "ReceptionForm" and f.isVisible())
    form.host_name.setEditText("Lê Thị Hoa")
    form.host_role.set_value("vice_chairman")
    form.name.insert("Phạm Văn Tư")
    form.content.setPlainText("Hỏi về hồ sơ cấp giấy chứng nhận")
    form.save_and_new()
    qtbot.waitUntil(lambda: screen.table.currentIndex().isValid(), timeout=3000)
    row = screen.model.row(screen.table.currentIndex().row())
    assert row["person_name"] == "Phạm Văn Tư"
    assert w.statusBar().currentMessage() == f"Đã lưu: {row['case_no']}."
    nxt = next(f for f in w.findChildren(QWidget) if f.__class__.__name__ == "ReceptionForm" and f.isVisible()
               and f is not form)
    assert nxt.host_name.currentText() == "Lê Thị Hoa" and nxt.host_role.value() == "vice_chairman"
    assert not nxt.record_id
    screen.search.setText("zzz")  # a filter the next record does not match
    screen.reload()
    nxt.name.insert("Vũ Văn Năm")
    nxt.content.setPlainText("Phản ánh đèn đường hỏng")
    assert nxt.save()
    qtbot.waitUntil(lambda: "bộ lọc" in w.statusBar().currentMessage(), timeout=3000)


def test_ctrl_n_from_the_overview_opens_a_new_reception_and_ctrl_digits_go_to_screens(qtbot, make_ctx):
    """On Tổng quan, Ctrl+N opens a new reception (it did nothing); Ctrl+3 goes to the third screen of the menu,
    whose tooltip says so."""
    from PySide6.QtCore import Qt

    from ui.main_window import MainWindow

    ctx = make_ctx("officer")
    w = MainWindow(ctx)
    show_active(qtbot, w)
    assert w.entries[0].key == "dashboard" and w.current_screen() is w.screens.get("dashboard")
    qtbot.keyClick(w, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert w.current_screen() is w.screens.get(w.entries[2].key)
    assert [w.nav.item(i).toolTip() for i in (1, 2)] == ["Ctrl+2", "Ctrl+3"]  # no overdue petition to count
    qtbot.keyClick(w, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert w.current_screen() is w.screens.get("dashboard")
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(f.__class__.__name__ == "ReceptionForm" and f.isVisible()
                                for f in w.findChildren(QWidget)), timeout=3000)
    assert w.current_screen() is w.screens.get("reception")
    form = next(f for f in w.findChildren(QWidget) if f.__class__.__name__ == "ReceptionForm")
    form._dirty = False
    form.close()


def test_tab_leaves_a_list_instead_of_walking_its_cells(qtbot, make_ctx):
    """A list is read row by row with the arrows; Tab goes on to the next control (it walked every cell of every
    row, 200 rows × 8 columns, before reaching the buttons)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from tests.ui.conftest import show_active
    from ui.screens.lists import ReceptionsScreen

    ctx = make_ctx("officer")
    for _ in range(3):
        records.save(ctx.session, reception())
    screen = ReceptionsScreen(ctx)
    show_active(qtbot, screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3)
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(0, 0))
    qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    assert screen.table.currentIndex().row() == 1  # the arrows move between rows
    qtbot.keyClick(screen.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not screen.table


def test_the_dialogue_list_shows_what_became_of_the_promises(qtbot, make_ctx):
    """A "Kết quả thực hiện" column beside the commitments, and a box keeping only the dialogues whose
    commitments have no result yet (from the models and dialogues review)."""
    from PySide6.QtCore import Qt

    from tests.ui.conftest import dialogue
    from ui.screens.lists import DialoguesScreen

    ctx = make_ctx("officer")
    records.save(ctx.session, dialogue(topics="Đường làng", commitments="Đổ bê tông trước Tết",
                                       commitments_due="2026-11-15"))  # passed, no result: red
    records.save(ctx.session, dialogue(topics="Chợ tạm", commitments="Dời chợ", commitments_due="2026-11-15",
                                       follow_up="Đã dời chợ"))
    screen = DialoguesScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    headers = [screen.model.headerData(c, Qt.Orientation.Horizontal) for c in range(screen.model.columnCount())]
    assert "Kết quả thực hiện" in headers and screen.overdue.text() == "Chỉ cam kết chưa có kết quả"
    assert screen.model.rowCount() == 2
    done, due = headers.index("Kết quả thực hiện"), headers.index("Hạn thực hiện")
    assert {screen.model.data(screen.model.index(r, done)) for r in range(2)} == {"Đã dời chợ", ""}
    colours = {screen.model.row(r)["topics"]: screen.model.data(screen.model.index(r, due),
                                                                 Qt.ItemDataRole.ForegroundRole) for r in range(2)}
    assert colours["Đường làng"] is not None and colours["Chợ tạm"] is None
    assert screen.model.data(screen.model.index(0, due)) == "15/11/2026"
    screen.overdue.setChecked(True)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert screen.model.row(0)["topics"] == "Đường làng"


def test_after_saving_a_new_reception_the_keyboard_is_on_its_row(qtbot, make_ctx, answer_boxes):
    """A new reception saved from the list: the cursor lands on its selected row (Enter opens it), not back on
    the menu on the left."""
    from ui.main_window import MainWindow

    ctx = make_ctx("officer")
    for i in range(3):
        records.save(ctx.session, reception(received_at=f"2026-11-1{i}T08:00"))
    w = MainWindow(ctx)
    show_active(qtbot, w)
    screen = w.go_to("reception")
    w.nav.setFocus()
    screen.add_new()
    form = next(f for f in w.findChildren(QWidget) if f.__class__.__name__ == "ReceptionForm" and f.isVisible())
    form.host_name.setEditText("Lê Thị Hoa")
    form.name.insert("Phạm Văn Tư")
    form.content.setPlainText("Hỏi về hồ sơ cấp giấy chứng nhận")
    assert form.save()
    qtbot.waitUntil(lambda: screen.table.currentIndex().isValid(), timeout=3000)
    assert not form.isVisible()
    # the window's own focus widget: what gets the keyboard as the window becomes active again once the form is
    # gone (the offscreen platform does not move the activation back by itself)
    qtbot.waitUntil(lambda: w.focusWidget() is screen.table, timeout=3000)
    row = screen.table.currentIndex().row()
    assert screen.model.row(row)["person_name"] == "Phạm Văn Tư"
    assert screen.table.selectionModel().isRowSelected(row)


def test_deleting_a_row_names_the_record_before_asking(qtbot, make_ctx, answer_boxes):
    """"Xóa bản ghi này?" named nothing — after scrolling, the officer could not tell which record "this" was. The
    question names its case number, time and citizen; "Không" keeps it."""
    from ui.screens.lists import ReceptionsScreen

    ctx = make_ctx("officer")
    rid = records.save(ctx.session, reception(received_at="2026-11-20T09:30",
                                              citizen=citizen(name="Hoàng Quang Sơn")))
    case_no = records.get(ctx.session, "reception", rid)["case_no"]
    screen = ReceptionsScreen(ctx)
    qtbot.addWidget(screen)
    screen.reload()
    screen.delete_row(0)
    asked = answer_boxes.asked[-1]["text"]
    assert asked.startswith(f"Xóa bản ghi {case_no} · 20/11/2026 09:30 · Hoàng Quang Sơn?")
    assert records.get(ctx.session, "reception", rid)["case_no"] == case_no  # "Không": still there
