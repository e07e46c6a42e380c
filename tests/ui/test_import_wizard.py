"""The import wizard: file, column matching, preview, dry run with line-numbered problems, import, cancel, roles."""

from __future__ import annotations

import threading

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.services import listing

BOM = b"\xef\xbb\xbf"
HEADER = "Ngay tiep,Ho va ten,So CCCD,Noi dung vu viec,Nguoi tiep,Ghi chú thêm"
GOOD = ["15/11/2026,Nguyễn Văn Hùng,001099012345,Tranh chấp đất,Trần Văn Cán,",
        "16/11/2026,Lê Thị Mai,079188001122,Đề nghị cấp giấy,Trần Văn Cán,gọi lại"]
BAD_DATE = "15/12/2099,Lê Văn Tám,079188001123,Hỏi chế độ,Trần Văn Cán,"
BAD_ID = "17/11/2026,Phạm Thị Hoa,12345,Hỏi chế độ,Trần Văn Cán,"


def write_csv(path, *lines):
    path.write_bytes(BOM + ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def receptions(ctx) -> int:
    return listing.count(ctx.session, "reception")


@pytest.fixture
def wizard(qtbot, make_ctx):
    from ui.dialogs.import_wizard import ImportWizard

    def _make(user="officer"):
        ctx = make_ctx(user)
        w = ImportWizard(ctx)
        qtbot.addWidget(w)
        w.show()
        return w

    return _make


def wait_check(qtbot, w):
    qtbot.waitUntil(lambda: w.check_page.job is None and w.check_page._state in ("done", "stopped", "failed"),
                    timeout=20_000)


def to_check_page(qtbot, w, path):
    from ui.dialogs.import_wizard import PAGE_CHECK

    assert w.set_path(path)
    while w.currentId() != PAGE_CHECK:
        assert w.button(QWizard.WizardButton.NextButton).isEnabled(), w.currentId()
        w.next()
    wait_check(qtbot, w)


def held(gate: threading.Event, real, reached: threading.Event | None = None):
    """`real`, held on the worker thread until `gate` is set (the preview, on the GUI thread, is not held)."""

    def wrapper(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            if reached is not None:
                reached.set()
            gate.wait(10)
        return real(*args, **kwargs)

    return wrapper


def test_mapping_guessed_from_headers_without_diacritics(wizard, tmp_path):
    """Headers typed without diacritics are matched to their fields; an unknown column is skipped."""
    from ui.dialogs.import_wizard import PAGE_MAPPING
    from ui.models.import_preview import MappingModel

    w = wizard()
    assert w.set_path(write_csv(tmp_path / "so.csv", HEADER, *GOOD))
    assert w.plan.sheets[0].rtype == "reception"
    assert w.file_page.isComplete()
    w.next()
    assert w.currentId() == PAGE_MAPPING
    m = w.mapping_page.model
    targets = [m.index(r, MappingModel.TARGET).data() for r in range(m.rowCount())]
    assert targets[:5] == ["Ngày tiếp", "Công dân — Họ và tên", "Công dân — Số định danh cá nhân / CCCD",
                           "Nội dung vụ việc", "Người tiếp"]
    assert targets[5] == "Ghi chú"  # "Ghi chú thêm" is close enough to the notes
    assert m.index(0, MappingModel.HOW).data() == "Tiêu đề không dấu"


def test_changing_a_column_moves_the_field(wizard, tmp_path):
    """Choosing a field already read from another column takes it from that column."""
    from ui.models.import_preview import MappingModel

    w = wizard()
    w.set_path(write_csv(tmp_path / "so.csv", HEADER, *GOOD))
    w.next()
    m = w.mapping_page.model
    assert m.setData(m.index(5, MappingModel.TARGET), "content")
    assert w.plan.sheets[0].mapping.get(5) == "content" and 3 not in w.plan.sheets[0].mapping
    assert m.index(5, MappingModel.HOW).data() == "Bạn chọn"
    assert "Nội dung vụ việc" in m.index(5, MappingModel.TARGET).data()
    assert m.setData(m.index(5, MappingModel.TARGET), "")
    assert "Nội dung vụ việc" in w.mapping_page.missing.text()  # a required field now unread


def test_type_asked_when_it_cannot_be_guessed(wizard, tmp_path):
    """A book whose headers name no date field needs its record type chosen before going on."""
    from ui.models.import_preview import SheetsModel

    w = wizard()
    w.set_path(write_csv(tmp_path / "book.csv", "Họ và tên,Địa chỉ", "Nguyễn Văn Hùng,Thôn 3"))
    assert w.plan.sheets[0].rtype is None
    assert not w.file_page.isComplete()
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()
    m = w.file_page.sheets_model
    assert m.setData(m.index(0, SheetsModel.TYPE), "reception")
    assert w.file_page.isComplete()
    assert w.plan.sheets[0].mapping == {0: "citizen.name", 1: "citizen.address"}  # guessed again for the type


def test_preview_shows_rows_as_they_will_be_read(wizard, tmp_path):
    """The preview shows each row's line number and its values as read (dates dd/mm/yyyy)."""
    from ui.dialogs.import_wizard import PAGE_PREVIEW

    w = wizard()
    w.set_path(write_csv(tmp_path / "so.csv", HEADER, *GOOD))
    w.next()
    w.next()
    assert w.currentId() == PAGE_PREVIEW
    m = w.preview_page.model
    heads = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    assert heads[0] == "Dòng" and "Ngày tiếp" in heads
    date_col = heads.index("Ngày tiếp")
    assert [m.index(r, 0).data() for r in range(m.rowCount())] == ["2", "3"]
    assert m.index(0, date_col).data() == "15/11/2026 00:00"


def test_dry_run_lists_line_numbered_problems_and_blocks(qtbot, wizard, tmp_path):
    """A future date and an invalid ID number are listed with their row, field and Excel column; Import stays
    disabled and nothing is stored."""
    w = wizard()
    to_check_page(qtbot, w, write_csv(tmp_path / "so.csv", HEADER, GOOD[0], BAD_DATE, BAD_ID))
    p = w.check_page.problems
    rows = [(p.index(r, p.LINE).data(), p.index(r, p.FIELD).data(), p.index(r, p.KIND).data())
            for r in range(p.rowCount())]
    assert rows == [("3", "Ngày tiếp (cột A)", "Lỗi"), ("4", "Công dân — Số định danh cá nhân / CCCD (cột C)", "Lỗi")]
    assert "12 chữ số" in p.index(1, p.MESSAGE).data()
    assert not w.check_page.isComplete()
    assert not w.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert "2 lỗi" in w.check_page.panel.status.text()
    assert receptions(w.ctx) == 0


def test_fixed_file_checks_again_then_imports(qtbot, wizard, tmp_path):
    """After the file is corrected, Check again passes; Import stores the rows and tells the lists."""
    f = write_csv(tmp_path / "so.csv", HEADER, GOOD[0], BAD_ID)
    w = wizard()
    to_check_page(qtbot, w, f)
    assert w.check_page.problems.error_count == 1
    write_csv(f, HEADER, *GOOD)
    w.check_page.again.click()
    wait_check(qtbot, w)
    assert w.check_page.problems.error_count == 0
    assert w.check_page.isComplete()
    commit = w.button(QWizard.WizardButton.CommitButton)
    assert commit.isVisible() and commit.isEnabled() and commit.text() == "Nhập dữ liệu"
    changed = []
    w.ctx.records_changed.connect(changed.append)
    with qtbot.waitSignal(w.import_page.summary.modelReset, timeout=20_000):
        commit.click()
    qtbot.waitUntil(lambda: w.import_page.job is None, timeout=20_000)
    assert receptions(w.ctx) == 2
    s = w.import_page.summary
    assert [s.index(0, c).data() for c in range(4)] == ["Lượt tiếp công dân", "2", "0", "0"]
    assert changed == ["reception"]
    assert w.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_xlsx_workbook_imports(qtbot, wizard, tmp_path):
    """An XLSX sheet with Vietnamese headers goes through the whole wizard."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tiếp công dân"
    ws.append(HEADER.split(","))
    for line in GOOD:
        ws.append(line.split(","))
    f = tmp_path / "so.xlsx"
    wb.save(f)
    w = wizard()
    to_check_page(qtbot, w, f)
    assert w.check_page.isComplete()
    w.next()
    qtbot.waitUntil(lambda: w.import_page.job is None and w.import_page.result is not None, timeout=20_000)
    assert receptions(w.ctx) == 2


def test_form03_book_needs_the_host(qtbot, wizard):
    """The reception book has no host column: the matching page waits for the name of the host."""
    from pathlib import Path

    book = Path(__file__).resolve().parent.parent / "fixtures" / "form03" / "so_tiep_cong_dan.csv"
    w = wizard()
    w.set_path(book)
    assert w.info.sheets[0].layout == "form03"
    w.next()
    assert not w.mapping_page.isComplete()
    page = w.mapping_page
    assert page.host_edit.isEnabled() and page.host_label.text().endswith(" *")
    assert "không có cột người tiếp" in page.host_hint.text()  # why "Tiếp theo" waits, in words
    page.host_edit.setText("Trần Văn Cán")
    assert page.isComplete() and page.host_hint.text() == ""
    m = w.mapping_page.model
    assert not m.editable
    w.next()
    w.next()
    wait_check(qtbot, w)
    assert w.check_page.problems.error_count == 0, [w.check_page.problems.item(r)
                                                    for r in range(w.check_page.problems.rowCount())]


def test_cancelling_a_running_import_stores_nothing(qtbot, wizard, tmp_path, monkeypatch):
    """Stop during the import: the job ends cancelled and no record is stored."""
    from app.io import tabular

    w = wizard()
    to_check_page(qtbot, w, write_csv(tmp_path / "so.csv", HEADER, *GOOD))
    assert w.check_page.isComplete()
    gate, reached = threading.Event(), threading.Event()
    # The worker is held on its first row until the test has pressed Stop.
    monkeypatch.setattr(tabular, "row_to_record", held(gate, tabular.row_to_record, reached))
    w.next()
    qtbot.waitUntil(reached.is_set, timeout=10_000)
    assert w.import_page.panel.stop.isEnabled()
    assert not w.button(QWizard.WizardButton.FinishButton).isEnabled()
    w.import_page.panel.stop.click()
    gate.set()
    qtbot.waitUntil(lambda: w.import_page.job is None, timeout=10_000)
    assert w.import_page._state == "stopped"
    assert "Không có gì được lưu" in w.import_page.panel.status.text()
    assert receptions(w.ctx) == 0


def test_viewer_cannot_import(qtbot, wizard, tmp_path):
    """A viewer may look at the file but the Import button is disabled, its tooltip saying why."""
    w = wizard("viewer")
    w.set_path(write_csv(tmp_path / "so.csv", HEADER, *GOOD))
    assert w.file_page.denied.text() == w.ctx.denied_reason("record.import") != ""
    w.next()
    w.next()
    w.next()
    assert w.check_page._state == "idle" and w.check_page.job is None
    commit = w.button(QWizard.WizardButton.CommitButton)
    assert not commit.isEnabled()
    assert commit.toolTip() == w.ctx.denied_reason("record.import") != ""
    assert receptions(w.ctx) == 0


def test_window_stays_responsive_during_the_check(qtbot, wizard, tmp_path, monkeypatch):
    """While the check runs on its worker the GUI thread keeps processing events."""
    from PySide6.QtCore import QTimer

    from app.io import tabular

    gate = threading.Event()
    monkeypatch.setattr(tabular, "row_to_record", held(gate, tabular.row_to_record))
    w = wizard()
    w.set_path(write_csv(tmp_path / "so.csv", HEADER, *GOOD))
    w.next()
    w.next()
    w.next()
    assert w.check_page.job is not None
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5_000)
    timer.stop()
    gate.set()
    wait_check(qtbot, w)
    assert w.check_page.isComplete()


def test_models_pass_the_model_tester(qtmodeltester, wizard, tmp_path):
    """Sheets, mapping, preview, problems and summary models are consistent Qt models."""
    from app.services.records import ApplyResult
    from ui.models.import_preview import ProblemsModel, SummaryModel

    w = wizard()
    w.set_path(write_csv(tmp_path / "so.csv", HEADER, *GOOD))
    qtmodeltester.check(w.file_page.sheets_model)
    w.next()
    qtmodeltester.check(w.mapping_page.model)
    w.next()
    qtmodeltester.check(w.preview_page.model)
    p = ProblemsModel(lambda: "vi", lambda s: "reception")
    p.set_result([{"line": 3, "field": "received_at", "message": "x"}], [{"line": 0, "field": "", "message": "y"}])
    qtmodeltester.check(p)
    s = SummaryModel(lambda: "vi")
    res = ApplyResult()
    res.imported["reception"] = 2
    s.set_result(res)
    qtmodeltester.check(s)


def test_closing_during_a_check_stops_it_first(qtbot, wizard, tmp_path, monkeypatch):
    """Cancel while the check runs stops the work and then closes the wizard."""
    from app.io import tabular

    gate = threading.Event()
    monkeypatch.setattr(tabular, "row_to_record", held(gate, tabular.row_to_record))
    w = wizard()
    w.set_path(write_csv(tmp_path / "so.csv", HEADER, *GOOD))
    w.next()
    w.next()
    w.next()
    assert w.check_page.job is not None
    w.reject()
    assert w.isVisible()  # still open until the worker has stopped
    gate.set()
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=10_000)
    assert w.running_job() is None


def test_language_switch_retranslates_the_wizard(qtbot, wizard, tmp_path):
    """Switching to English re-labels the buttons, titles and the mapping choices without reopening."""
    from ui.models.import_preview import MappingModel

    w = wizard()
    w.set_path(write_csv(tmp_path / "so.csv", HEADER, *GOOD))
    w.next()
    assert w.button(QWizard.WizardButton.NextButton).text() == "Tiếp theo >"
    w.ctx.set_language("en")
    try:
        assert w.windowTitle() == "Import records"
        assert w.button(QWizard.WizardButton.NextButton).text() == "Next >"
        assert w.mapping_page.model.index(0, MappingModel.TARGET).data() == "Reception date and time"
    finally:
        w.ctx.set_language("vi")
