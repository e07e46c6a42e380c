"""In & báo cáo: only built documents listed, background preview of the pages, print through QPrinter, save as,
the confidential choice for leaders only, and "In phiếu" / "In thông báo" on the record forms.

This module doubles as a tiny document module (`build` below) that tests point app.services.printing.DOCUMENTS
at, so the screen is tested before — and independently of — the real reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services import printing as service
from app.services import records

from tests.app.test_sync_scenario import templates, world  # noqa: F401 — three communes and an upper level
from tests.ui.conftest import denunciation, petition, reception

FAKE = __name__
CALLS: list[dict] = []


def build(session, out: Path, options: dict, *, include_confidential: bool, invariant: bool) -> dict:
    """A fake document: two A4 pages (landscape for the book), or raw bytes for a spreadsheet."""
    CALLS.append({"options": dict(options), "confidential": include_confidential, "user": session.user_name})
    if ".xlsx" in Path(out).name or ".docx" in Path(out).name:
        Path(out).write_bytes(b"PK\x03\x04 fake office file")
        return {"pages": 0, "entries": 3}
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(out), pagesize=landscape(A4), invariant=1)
    for n in (1, 2):
        c.drawString(72, 500, f"Page {n} {options}")
        c.showPage()
    c.save()
    return {"pages": 2, "entries": 5}


@pytest.fixture(autouse=True)
def _boxes(answer_boxes):
    return answer_boxes


@pytest.fixture
def fake_docs(monkeypatch):
    """Every document kind points at the fake module above."""
    CALLS.clear()
    docs = {k: (FAKE, suffixes) for k, (_m, suffixes) in service.DOCUMENTS.items()}
    monkeypatch.setattr(service, "DOCUMENTS", docs)
    return CALLS


def _screen(qtbot, ctx):
    from ui.screens.printing import PrintScreen

    screen = PrintScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1150, 700)
    screen.show()
    return screen


def _preview(qtbot, screen):
    with qtbot.waitSignal(screen.built, timeout=15000) as sig:
        assert screen.show_preview()
    return sig.args[0]


def _pdf_pages(path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


# -- the list of documents -------------------------------------------------------------------------------------

def test_only_documents_whose_module_exists_are_listed(qtbot, make_ctx, monkeypatch):
    """"Show only what works": a kind whose module is missing is not offered."""
    docs = dict(service.DOCUMENTS)
    docs["reception-log"] = (FAKE, (".pdf",))
    docs["petition-register"] = ("app.reports.no_such_module_yet", (".pdf",))
    docs["models"] = (FAKE, (".pdf",))
    docs["report"] = ("app.reports.no_such_module_either", (".pdf", ".xlsx", ".docx"))
    monkeypatch.setattr(service, "DOCUMENTS", docs)
    screen = _screen(qtbot, make_ctx("officer"))
    assert screen.kinds.kinds == ["reception-log", "models", "dialogue-register"]
    assert screen.kind == "reception-log"
    assert screen.kinds.index(0).data() == "Sổ tiếp công dân"


def test_document_list_model_passes_the_model_tester(qtmodeltester, fake_docs):
    """The document picker's model obeys the Qt model contract."""
    from ui.models.print_documents import PrintDocumentsModel

    model = PrintDocumentsModel()
    assert model.rowCount() == 5
    qtmodeltester.check(model)


# -- preview, save, print ----------------------------------------------------------------------------------------

def test_quick_buttons_use_the_statistical_cut_off(qtbot, make_ctx, fake_docs):
    """"Tháng này / Quý này / Năm nay" give the period of the unit's cut-off day (15th to 14th by default)."""
    screen = _screen(qtbot, make_ctx("officer"))
    screen.this_month.click()
    assert (screen.date_from.value(), screen.date_to.value()) == ("2026-11-15", "2026-12-14")
    screen.this_quarter.click()
    assert (screen.date_from.value(), screen.date_to.value()) == ("2026-09-15", "2026-12-14")
    screen.this_year.click()
    assert (screen.date_from.value(), screen.date_to.value()) == ("2025-12-15", "2026-12-14")


def test_preview_builds_in_the_background_and_shows_the_pages(qtbot, make_ctx, fake_docs):
    """Xem trước builds the document through the printing service with the chosen dates and shows every page."""
    screen = _screen(qtbot, make_ctx("officer"))
    screen.date_from.set_value("2026-10-01")
    screen.date_to.set_value("2026-10-31")
    result = _preview(qtbot, screen)
    assert fake_docs[-1]["options"] == {"date_from": "2026-10-01", "date_to": "2026-10-31"}
    assert fake_docs[-1]["confidential"] is False
    assert screen.view.currentWidget() is screen.preview
    qtbot.waitUntil(lambda: screen.preview.page_count == 2 and screen.preview.page_pixmap(0) is not None,
                    timeout=10000)
    pm = screen.preview.page_pixmap(0)
    assert pm.width() > pm.height()  # a landscape page, fitted to the width
    assert screen.status.text() == "5 mục, 2 trang"
    assert Path(result["file"]).exists()


def test_changed_dates_make_the_preview_stale(qtbot, make_ctx, fake_docs):
    """After the choices change, the status says so and Save as builds the new document first."""
    screen = _screen(qtbot, make_ctx("officer"))
    _preview(qtbot, screen)
    screen.date_from.set_value("2026-01-01")
    assert screen.stale and "Xem trước" in screen.status.text()
    assert screen._current_file() is None


def test_another_documents_pages_are_not_shown_under_the_one_chosen(qtbot, make_ctx, fake_docs):
    """The book previewed, then "Báo cáo định kỳ" chosen: the book's pages stayed on screen under the report's
    name. The prompt shows until the report is built; going back to the book shows its pages again."""
    screen = _screen(qtbot, make_ctx("officer"))
    _preview(qtbot, screen)
    assert screen.view.currentWidget() is screen.preview
    book = screen.kind
    assert screen.select_kind("report")
    assert screen.view.currentWidget() is screen.empty
    assert screen.select_kind(book)
    assert screen.view.currentWidget() is screen.preview and screen.stale


def test_a_start_date_after_the_end_date_is_refused(qtbot, make_ctx, fake_docs):
    """A reversed date range disables Xem trước and says why."""
    screen = _screen(qtbot, make_ctx("officer"))
    screen.date_from.set_value("2026-12-01")
    screen.date_to.set_value("2026-11-01")
    assert not screen.preview_button.isEnabled()
    assert screen.status.text() == screen.preview_button.toolTip() != ""
    assert not screen.show_preview()


def test_save_as_writes_the_file(qtbot, make_ctx, fake_docs, tmp_path, monkeypatch):
    """Lưu thành… copies the previewed PDF to the place chosen in the file dialog."""
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "out" / "so tiep"
    target.parent.mkdir()
    asked = {}

    def fake_dialog(parent, caption, path, filters):
        asked.update(path=path, filters=filters)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    screen = _screen(qtbot, make_ctx("officer"))
    result = _preview(qtbot, screen)
    saved = screen.save_as()
    assert saved == target.with_name("so tiep.pdf")
    assert saved.read_bytes() == Path(result["file"]).read_bytes()
    assert Path(asked["path"]).name == "Sổ tiếp công dân 15-11-2026 – 14-12-2026.pdf"
    assert "*.pdf" in asked["filters"]


def test_report_as_excel_has_no_preview_but_can_be_saved_or_opened(qtbot, make_ctx, fake_docs, tmp_path,
                                                                  monkeypatch):
    """XLSX: the screen says there is no preview, In… is disabled with a reason, Lưu thành… and opening work."""
    from PySide6.QtWidgets import QFileDialog

    from ui import printing as tools

    opened = []
    monkeypatch.setattr(tools.QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a: (str(tmp_path / "bao-cao.xlsx"), "")))
    screen = _screen(qtbot, make_ctx("officer"))
    assert screen.select_kind("report")
    screen.period_kind.setCurrentIndex(screen.period_kind.findData("quarter"))
    screen.period_number.setCurrentIndex(screen.period_number.findData(1))
    screen.report_year.setValue(2026)
    assert screen.period_range.text() == "15/12/2025 – 14/03/2026"
    screen.out_format.setCurrentIndex(screen.out_format.findData(".xlsx"))
    assert not screen.print_button.isEnabled() and screen.print_button.toolTip()
    _preview(qtbot, screen)
    assert fake_docs[-1]["options"] == {"period": "2026-Q1"}
    assert screen.view.currentWidget() is screen.no_preview
    assert "không" in screen.no_preview_text.text().lower()
    assert screen.status.text() == "3 mục"
    assert screen.save_as() == tmp_path / "bao-cao.xlsx"
    assert (tmp_path / "bao-cao.xlsx").read_bytes().startswith(b"PK")
    assert screen.open_with_system()
    assert opened and opened[0].toLocalFile().endswith(".xlsx")


def test_models_register_takes_a_year(qtbot, make_ctx, fake_docs):
    """Sổ mô hình "Dân vận khéo" is built for the chosen year."""
    screen = _screen(qtbot, make_ctx("officer"))
    screen.select_kind("models")
    assert screen.params.currentWidget() is screen.year_page
    assert screen.year.value() == 2026
    screen.year.setValue(2025)
    _preview(qtbot, screen)
    assert fake_docs[-1]["options"] == {"year": 2025}


def test_print_paints_every_page_on_the_printer(qtbot, make_ctx, fake_docs, tmp_path):
    """The print path renders each page on a QPrinter (a PDF file here), landscape pages on landscape paper."""
    from PySide6.QtGui import QPageLayout
    from PySide6.QtPrintSupport import QPrinter

    from ui.printing import prepare_printer, print_pdf

    screen = _screen(qtbot, make_ctx("officer"))
    result = _preview(qtbot, screen)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    prepare_printer(printer, result["file"])
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    assert print_pdf(result["file"], printer) == 2
    assert _pdf_pages(tmp_path / "printed.pdf") == 2


def test_print_button_opens_the_print_dialog_and_prints(qtbot, make_ctx, fake_docs, tmp_path, monkeypatch):
    """In… builds the document when needed, opens the system print dialog and prints what it chose."""
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QDialog

    from ui import printing as tools

    class FakePrintDialog:
        def __init__(self, printer, parent=None):
            self.printer = printer

        def setWindowTitle(self, _t):
            pass

        def setMinMax(self, lo, hi):
            self.range = (lo, hi)

        def exec(self):
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(tmp_path / "printer.pdf"))
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(tools, "QPrintDialog", FakePrintDialog)
    ctx = make_ctx("officer")
    screen = _screen(qtbot, ctx)
    with qtbot.waitSignal(screen.built, timeout=15000):
        assert screen.print_document()  # nothing built yet: build, then print
    qtbot.waitUntil(lambda: (tmp_path / "printer.pdf").exists(), timeout=5000)
    assert _pdf_pages(tmp_path / "printer.pdf") == 2
    actions = [r[0] for r in ctx.session.db.conn.execute(
        "SELECT action FROM audit_log WHERE action LIKE 'print%' ORDER BY seq")]
    assert actions == ["print.preview", "print"]  # built for the preview, then sent to the printer


# -- confidentiality -----------------------------------------------------------------------------------------------

def test_confidential_choice_is_disabled_for_an_officer_with_the_reason(qtbot, make_ctx, fake_docs):
    """An officer may not include a denouncer's identity: the box is disabled and its tooltip says why."""
    ctx = make_ctx("officer")
    screen = _screen(qtbot, ctx)
    assert not screen.confidential.isEnabled()
    assert screen.confidential.toolTip() == ctx.denied_reason("export.confidential") != ""


def test_confidential_choice_asks_then_builds_with_the_identity(qtbot, make_ctx, fake_docs, answer_boxes):
    """A leader may include it after confirming (it is audited and marked MẬT); declining unticks the box."""
    screen = _screen(qtbot, make_ctx("leader"))
    assert screen.confidential.isEnabled()
    answer_boxes.push("no")
    screen.confidential.setChecked(True)
    assert not screen.confidential.isChecked()
    answer_boxes.push("yes")
    screen.confidential.setChecked(True)
    assert screen.confidential.isChecked()
    assert "MẬT" in answer_boxes.asked[-1]["text"]
    _preview(qtbot, screen)
    assert fake_docs[-1]["confidential"] is True
    screen.select_kind("report")  # a report holds no identities
    assert not screen.confidential.isEnabled() and not screen.confidential.isChecked()
    assert not screen.confidential.isVisibleTo(screen)  # nor is the choice shown, greyed, under it
    screen.select_kind("petition-register")
    assert screen.confidential.isVisibleTo(screen)


def test_the_build_runs_on_its_own_connection_and_audits(qtbot, make_ctx, fake_docs, answer_boxes, tmp_path,
                                                         monkeypatch):
    """The worker uses a spawned session (same user); a preview is audited as a preview (the identity choice
    apart), and only saving or printing it as a print."""
    from PySide6.QtWidgets import QFileDialog

    ctx = make_ctx("leader")
    screen = _screen(qtbot, ctx)
    _preview(qtbot, screen)
    answer_boxes.push("yes")
    screen.confidential.setChecked(True)
    _preview(qtbot, screen)
    assert [c["user"] for c in fake_docs] == ["leader", "leader"]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "so"), "")))
    assert screen.save_as() == tmp_path / "so.pdf"
    rows = list(ctx.session.db.conn.execute(
        "SELECT action, detail FROM audit_log WHERE action LIKE 'print%' ORDER BY seq"))
    assert [r[0] for r in rows] == ["print.preview", "print.preview.confidential", "print.confidential"]
    assert rows[-1][1].endswith("saved as so.pdf with confidential identity")


# -- the real documents, when they are built ---------------------------------------------------------------------

@pytest.mark.parametrize("kind,module", [("reception-log", "app.reports.reception_log"),
                                         ("petition-register", "app.reports.petition_register"),
                                         ("models", "app.reports.models_register"),
                                         ("report", "app.reports.periodic")])
def test_real_documents_preview(qtbot, make_ctx, kind, module):
    """Each real document, once built, previews with its pages and the count of entries and pages."""
    pytest.importorskip(module)
    ctx = make_ctx("officer")
    records.save(ctx.session, reception())
    records.save(ctx.session, petition())
    screen = _screen(qtbot, ctx)
    assert screen.select_kind(kind)
    result = _preview(qtbot, screen)
    assert result["pages"] >= 1
    if kind in ("reception-log", "petition-register"):
        assert result["entries"] == 1
    qtbot.waitUntil(lambda: screen.preview.page_pixmap(0) is not None, timeout=10000)
    assert screen.preview.page_count == result["pages"]
    assert screen.status.text() == f"{result['entries']} mục, {result['pages']} trang"


def test_real_record_sheet_previews_from_the_form(qtbot, make_ctx):
    """The real record sheet of a saved reception previews from its form."""
    pytest.importorskip("app.reports.record_sheet")
    from ui.forms.reception_form import ReceptionForm

    ctx = make_ctx("officer")
    form = ReceptionForm(ctx, records.save(ctx.session, reception()))
    qtbot.addWidget(form)
    dialog = form.print_buttons[0].open_preview()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preview.page_pixmap(0) is not None, timeout=15000)
    assert dialog.result_info["pages"] >= 1


# -- the record forms ------------------------------------------------------------------------------------------

def test_reception_form_prints_its_sheet_once_saved(qtbot, make_ctx, fake_docs):
    """"In phiếu" is disabled on a new reception and previews the saved reception's sheet."""
    from ui.forms.reception_form import ReceptionForm

    ctx = make_ctx("officer")
    new = ReceptionForm(ctx)
    qtbot.addWidget(new)
    [button] = new.print_buttons
    assert button.text() == "In phiếu" and not button.isEnabled() and button.toolTip()
    rid = records.save(ctx.session, reception())
    form = ReceptionForm(ctx, rid)
    qtbot.addWidget(form)
    [button] = form.print_buttons
    assert button.isEnabled()
    button.click()
    dialog = button.dialog
    with qtbot.waitSignal(dialog.built, timeout=15000):
        pass
    assert fake_docs[-1]["options"] == {"id": rid}
    qtbot.waitUntil(lambda: dialog.preview.page_pixmap(0) is not None, timeout=10000)
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert not dialog.confidential.isEnabled()  # an officer
    dialog.close()


def test_petition_form_prints_sheet_and_notices(qtbot, make_ctx, fake_docs):
    """A saved petition offers "In phiếu" and "In thông báo" with the notice kinds — only the one its recorded
    handling calls for is enabled; with no handling decided the notice button is off, saying why."""
    from ui.forms.petition_form import PetitionForm

    ctx = make_ctx("leader")
    pid = records.save(ctx.session, denunciation(eligible=False, ineligible_reason="Không rõ người bị tố cáo"))
    form = PetitionForm(ctx, pid)
    qtbot.addWidget(form)
    sheet, notice = form.print_buttons
    assert (sheet.text(), notice.text()) == ("In phiếu", "In thông báo")
    assert [a.text() for a in notice.menu().actions()][0] == "Thụ lý"
    assert [k for k, a in notice.notice_actions.items() if a.isEnabled()] == ["not_accepted"]
    notice.notice_actions["not_accepted"].trigger()
    with qtbot.waitSignal(notice.dialog.built, timeout=15000):
        pass
    assert fake_docs[-1]["options"] == {"id": pid, "kind": "not_accepted"}
    assert notice.dialog.confidential.isEnabled()  # a leader

    undecided = PetitionForm(ctx, records.save(ctx.session, denunciation()))
    qtbot.addWidget(undecided)
    button = undecided.print_buttons[1]
    assert not button.isEnabled() and "hãy ghi hướng xử lý" in button.toolTip()


def test_forms_show_no_print_button_for_documents_not_built(qtbot, make_ctx, monkeypatch):
    """Without the record-sheet module the forms show no print button (only what works)."""
    from ui.forms.petition_form import PetitionForm

    docs = {k: ("app.reports.not_there", s) for k, (_m, s) in service.DOCUMENTS.items()}
    monkeypatch.setattr(service, "DOCUMENTS", docs)
    form = PetitionForm(make_ctx("officer"))
    qtbot.addWidget(form)
    assert form.print_buttons == []


def test_screen_relabels_on_language_change(qtbot, make_ctx, fake_docs):
    """Switching to English relabels the screen and its document list."""
    ctx = make_ctx("officer")
    screen = _screen(qtbot, ctx)
    ctx.set_language("en")
    try:
        qtbot.waitUntil(lambda: screen.preview_button.text() == "Preview", timeout=3000)  # LanguageChange is posted
        assert screen.kinds.index(0).data() == "Citizen reception book"
    finally:
        ctx.set_language("vi")


def test_a_notice_saved_for_the_citizen_offers_today_as_the_day_notified(qtbot, make_ctx, fake_docs, answer_boxes,
                                                                        monkeypatch, tmp_path):
    """Printing or saving a notice is when the citizen is told: the form offers today as "Ngày thông báo cho công
    dân" (the notice deadline follows it), kept when the petition is saved; not asked once a date is there."""
    from PySide6.QtWidgets import QFileDialog

    from ui.forms.petition_form import PetitionForm

    ctx = make_ctx("officer")
    pid = records.save(ctx.session, petition(direction="accept", accepted_on="2026-11-18"))
    form = PetitionForm(ctx, pid)
    qtbot.addWidget(form)
    notice = form.print_buttons[1]
    notice.notice_actions["accepted"].trigger()
    with qtbot.waitSignal(notice.dialog.built, timeout=15000):
        pass
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "thong-bao.pdf"), "")))
    answer_boxes.push("Ghi ngày")
    assert notice.dialog.save_as() is not None
    assert answer_boxes.asked[-1]["text"] == "Ghi ngày 23/11/2026 là ngày thông báo cho công dân?"
    assert form.dates["notified_on"].value() == "2026-11-23" and form.dirty
    assert form.save()
    assert records.get(ctx.session, "petition", pid)["notified_on"] == "2026-11-23"
    asked = len(answer_boxes.asked)
    assert notice.dialog.save_as() is not None and len(answer_boxes.asked) == asked  # a date is there: no question


# -- the upper level: one commune's book or every commune's ------------------------------------------------------

def test_upper_level_prints_one_communes_book_or_every_communes(qtbot, qt_app, world, fake_docs, tmp_path):
    """At the upper level the books (not the report) offer "Xã, phường": every commune by default, or one, whose
    code goes to the printing service and whose name goes into the suggested file name."""
    from ui.context import AppContext, open_settings

    screen = _screen(qtbot, AppContext(world["u"], open_settings(tmp_path / "u.ini")))
    assert screen.kind == "reception-log" and screen.unit_row.isVisible()
    screen.resize(1100, 700)
    screen.show()
    qtbot.waitExposed(screen)
    left_edge = (lambda w: w.mapTo(screen, w.rect().topLeft()).x())
    assert left_edge(screen.unit) == left_edge(screen.date_from)  # its own form, in line with the dates above
    assert screen.unit.itemText(0).startswith("Mọi xã, phường")
    codes = [screen.unit.itemData(i) for i in range(screen.unit.count())]
    assert {"00004", "00008", "00025"} <= set(codes)
    _preview(qtbot, screen)
    assert "unit_code" not in fake_docs[-1]["options"]
    screen.unit.setCurrentIndex(codes.index("00008"))
    assert screen.stale
    _preview(qtbot, screen)
    assert fake_docs[-1]["options"]["unit_code"] == "00008"
    assert screen.suggested_name().startswith("Sổ tiếp công dân Phường Ngọc Hà (00008)")
    assert screen.unit_label.text() == "Đơn vị" and screen.unit.toolTip().startswith("Phường Ngọc Hà (00008)\n")
    assert screen.select_kind("models") and screen.unit_row.isVisible()
    assert screen.options()["unit_code"] == "00008"
    assert screen.select_kind("report") and not screen.unit_row.isVisible()
    assert "unit_code" not in screen.options()
    assert screen.suggested_name().endswith("Tháng 11-2026")  # the month just ended (23/11)


def test_a_commune_has_no_commune_choice(qtbot, make_ctx, fake_docs):
    screen = _screen(qtbot, make_ctx("officer"))
    assert not screen.unit_row.isVisible()
    screen.unit.addItem("x", "00008")  # even a stray choice is not sent from a commune
    screen.unit.setCurrentIndex(1)
    assert "unit_code" not in screen.options()


@pytest.mark.parametrize("today,year,month", [("2026-12-15T08:00", 2026, 12), ("2026-12-26T08:00", 2027, 1),
                                              ("2027-01-16T08:00", 2027, 1)])
def test_the_periodic_report_starts_on_the_period_just_ended_for_ten_days(qtbot, make_ctx, today, year, month):
    """On 15/12 the report being written is the one of the period that ended on 14/12 (the year's too): the
    screen offered "Tháng 1/2027", begun that morning with nothing in it, and year 2027."""
    from datetime import datetime

    from app.clock import Clock

    ctx = make_ctx("officer")
    ctx.session.clock = Clock(datetime.fromisoformat(today))
    screen = _screen(qtbot, ctx)
    assert screen.select_kind("report")
    assert (screen.report_year.value(), screen.period_number.currentData()) == (year, month)
    assert screen.period_kind.currentData() == "month"
