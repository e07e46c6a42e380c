"""Printing from the GUI: documents are built by app.services.printing (the only entry point: permissions, audit,
atomic write) on a worker thread into a temporary file; the GUI previews, prints and saves copies of that file.

- build_job(): the background build (its own connection, closed after).
- print_pdf() / print_with_dialog(): each page rendered with pypdfium2 at the printer's resolution (capped) and
  painted on a QPrinter — the system print dialog picks the printer; tests print to a PDF file instead.
- save_copy(): "Lưu thành…" through QFileDialog; open_with_system() hands XLSX/DOCX to Excel, Word or LibreOffice.
- RecordPrintDialog and record_print_buttons(): "In phiếu" / "In thông báo" on the reception and petition forms.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QStandardPaths, QTemporaryDir, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QCheckBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QMenu, QMessageBox,
                               QPushButton, QVBoxLayout, QWidget)

from app.domain import roles
from app.domain.notices import KINDS as NOTICE_KINDS, fitting_kinds
from app.domain.records import is_confidential
from app.i18n import tr as core_tr
from app.io.part_files import part_name
from app.services import printing as service
from ui.errors import reported, show_error
from ui.jobs import Job
from ui.widgets.pdf_preview import PdfPreview, page_sizes, render_pages
from ui.widgets.screen_fit import fit_to_screen

MAX_PRINT_DPI = 300  # a page image at 1200 dpi would take half a gigabyte; 300 dpi prints text crisply
CONFIDENTIAL_KINDS = ("reception-log", "petition-register", "record-sheet", "notice")


# -- building ----------------------------------------------------------------------------------------------------
def build_document(session, kind: str, out: Path, options: dict, include_confidential: bool = False, *,
                   progress=None, cancel=None) -> dict:
    """Run in a worker: a connection of its own for this thread, closed afterwards."""
    worker = session.spawn()
    try:
        result = service.print_document(worker, kind, out, options, include_confidential=include_confidential,
                                        preview=True)
    finally:
        worker.close()
    return {**result, "kind": kind, "confidential": include_confidential}


def record_output(ctx, built: dict, saved_as: Path | None = None) -> None:
    """The previewed document `built` (build_document's result) went to the printer or, `saved_as`, to a file:
    the audit's "print" entry (the build was audited as a preview)."""
    service.record_output(ctx.session, built["kind"], built["file"], include_confidential=built["confidential"],
                          saved_as=saved_as)


def build_job(ctx, kind: str, out: Path, options: dict, include_confidential: bool = False) -> Job:
    """A Job (not started: connect its signals, keep a reference, then start it) whose `succeeded` carries
    {"file", "pages", "entries"}."""
    return Job(build_document, ctx.session, kind, Path(out), dict(options), include_confidential)


def status_text(result: dict | None, suffix: str = ".pdf") -> str:
    """"N mục, M trang" (just "N mục" for a spreadsheet or a Word file)."""
    if not result:
        return ""
    from ui import format as fmt

    entries = fmt.number(int(result.get("entries") or 0))
    if suffix != ".pdf":
        return QCoreApplication.translate("Printing", "{n} entries").format(n=entries)
    return QCoreApplication.translate("Printing", "{n} entries, {pages} pages").format(
        n=entries, pages=fmt.number(int(result.get("pages") or 0)))


# -- printing ----------------------------------------------------------------------------------------------------
def prepare_printer(printer: QPrinter, pdf: str | Path) -> None:
    """Paper orientation from the document's first page, and the whole sheet as the drawing area: the PDF has
    its own margins, so pages print at their true size."""
    sizes = page_sizes(pdf)
    if sizes:
        w, h = sizes[0]
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setDocName(Path(pdf).name)


def print_pdf(pdf: str | Path, printer: QPrinter, cancel: threading.Event | None = None, progress=None) -> int:
    """Paint every page of `pdf` on `printer` (already set up, e.g. by the print dialog); return pages printed.
    Safe on a worker thread (Qt allows a QPainter on a QPrinter there), so a long book never freezes the window."""
    sizes = page_sizes(pdf)
    if not sizes:
        return 0
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    first, last = printer.fromPage(), printer.toPage()
    indexes = [i for i in range(len(sizes)) if not first or first <= i + 1 <= (last or len(sizes))]
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(QCoreApplication.translate("Printing", "The printer could not be started."))
    printed = 0
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for n, i in enumerate(indexes):
            if cancel is not None and cancel.is_set():
                break
            if n:
                printer.newPage()
            image = render_pages(pdf, [i], dpi=dpi)[i]
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            w_pt, h_pt = sizes[i]
            scale = min(target.width() / w_pt, target.height() / h_pt)
            w, h = w_pt * scale, h_pt * scale
            x, y = (target.width() - w) / 2, (target.height() - h) / 2
            from PySide6.QtCore import QRectF

            painter.drawImage(QRectF(x, y, w, h), image)
            printed += 1
            if progress is not None:
                progress(printed, len(indexes))
    finally:
        painter.end()
    return printed


def print_with_dialog(parent: QWidget | None, pdf: str | Path) -> bool:
    """The system print dialog, then the pages; False when the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, pdf)
    count = len(page_sizes(pdf))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print"))
    dialog.setMinMax(1, max(1, count))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    from ui.widgets.progress import run_with_progress

    run_with_progress(parent, QCoreApplication.translate("Printing", "Sending the pages to the printer…"),
                      _print_in_background, str(pdf), printer)
    return True


def _print_in_background(pdf: str, printer: QPrinter, *, progress=None, cancel=None) -> int:
    return print_pdf(pdf, printer, cancel=cancel, progress=progress)


# -- saving ------------------------------------------------------------------------------------------------------
_FILTERS = {
    ".pdf": lambda: QCoreApplication.translate("Printing", "PDF document (*.pdf)"),
    ".xlsx": lambda: QCoreApplication.translate("Printing", "Excel workbook (*.xlsx)"),
    ".docx": lambda: QCoreApplication.translate("Printing", "Word document (*.docx)"),
}


def save_copy(parent: QWidget | None, settings, src: str | Path, suggested: str) -> Path | None:
    """"Lưu thành…": ask where, copy the built file there (never half-written); the folder is remembered."""
    src = Path(src)
    suffix = src.suffix.lower()
    folder = (settings.value("print/folder") if settings is not None else None) or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    name, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("Printing", "Save as"),
                                          str(Path(folder) / (suggested + suffix)), _FILTERS[suffix]())
    if not name:
        return None
    target = Path(name)
    if target.suffix.lower() != suffix:
        target = target.with_name(target.name + suffix)
    part = target.with_name(part_name(target))  # within the length limits (app.io.part_files)
    try:
        shutil.copyfile(src, part)
        os.replace(part, target)
    finally:
        if part.exists():
            part.unlink()
    if settings is not None:
        settings.setValue("print/folder", str(target.parent))
    return target


def open_with_system(path: str | Path) -> bool:
    """Open a file with the program the system associates with it (Excel, Word, LibreOffice …)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def confirm_confidential(parent: QWidget | None) -> bool:
    """Including a denouncer's identity is a deliberate, audited choice: ask once more."""
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("Printing", "Include the denouncer's identity?"),
        QCoreApplication.translate(
            "Printing", "The printed document will show the name, ID number and address of denouncers, which the "
            "law requires to be kept secret. It will bear the \"MẬT\" (confidential) mark and this choice is "
            "recorded in the activity log. Include them?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


# -- one record: "In phiếu", "In thông báo" -------------------------------------------------------------------------
class RecordPrintDialog(QDialog):
    """The document of one record built in the background, its pages, Print and Save as."""

    built = Signal(dict)  # the document is ready (result of print_document)
    issued = Signal()  # the document was printed or saved (a notice: it goes to the citizen)

    def __init__(self, ctx, kind: str, options: dict, suggested_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.kind, self.options, self.suggested_name = ctx, kind, dict(options), suggested_name
        self.result_info: dict | None = None
        self._tmp = QTemporaryDir()
        self._count = 0
        self._job: Job | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(10, 10, 10, 10)
        self.preview = PdfPreview()
        self.preview.failed.connect(lambda exc: show_error(self, exc))
        v.addWidget(self.preview, 1)
        row = QHBoxLayout()
        self.confidential = QCheckBox()
        self.confidential.toggled.connect(self._confidential_toggled)
        can = ctx.can(roles.EXPORT_CONFIDENTIAL)
        self.confidential.setEnabled(can)
        self.confidential.setToolTip("" if can else ctx.denied_reason(roles.EXPORT_CONFIDENTIAL))
        self.status = QLabel(objectName="muted")
        self.print_button = QPushButton(objectName="primary")
        self.save_button = QPushButton()
        self.close_button = QPushButton()
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.confidential)
        row.addWidget(self.status, 1)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        row.addWidget(self.close_button)
        v.addLayout(row)
        self._set_ready(False)
        self.retranslate_ui()
        fit_to_screen(self, 900, 720)
        self.build()

    @property
    def file(self) -> Path | None:
        return Path(self.result_info["file"]) if self.result_info else None

    def build(self) -> None:
        if self._job is not None:
            return
        self._count += 1
        out = Path(self._tmp.path()) / f"{self.kind}-{self._count}.pdf"
        self.result_info = None
        self._set_ready(False)
        self.preview.clear()
        self.status.setText(self.tr("Preparing the document…"))
        self._job = build_job(self.ctx, self.kind, out, self.options, self.confidential.isChecked())
        self._job.succeeded.connect(self._built)
        self._job.failed.connect(self._failed)
        self._last_job = self._job  # held past its report (see PdfPreview._keep)
        self._job.start()

    def _built(self, result: dict) -> None:
        self._job = None
        self.result_info = result
        self.preview.set_pdf(result["file"])
        self.status.setText(status_text(result))
        self._set_ready(True)
        self.built.emit(result)

    def _failed(self, exc) -> None:
        self._job = None
        self.status.setText("")
        show_error(self, exc)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def _confidential_toggled(self, checked: bool) -> None:
        if checked and not confirm_confidential(self):
            self.confidential.blockSignals(True)
            self.confidential.setChecked(False)
            self.confidential.blockSignals(False)
            return
        self.build()

    def print_document(self) -> bool:
        if self.file is None:
            return False
        with reported(self):
            printed = print_with_dialog(self, self.file)
            if printed:
                record_output(self.ctx, self.result_info)
                self.issued.emit()
            return printed
        return False

    def save_as(self) -> Path | None:
        if self.file is None:
            return None
        with reported(self):
            target = save_copy(self, self.ctx.settings, self.file, self.suggested_name)
            if target is not None:
                record_output(self.ctx, self.result_info, target)
                self.issued.emit()
            return target
        return None

    def retranslate_ui(self) -> None:
        titles = {"record-sheet": self.tr("Record sheet"), "notice": self.tr("Notice to the citizen")}
        self.setWindowTitle(titles.get(self.kind, self.tr("Print")))
        self.confidential.setText(self.tr("Include the denouncer's identity"))
        self.print_button.setText(self.tr("Print…"))
        self.save_button.setText(self.tr("Save as…"))
        self.close_button.setText(self.tr("Close"))
        if self.result_info:
            self.status.setText(status_text(self.result_info))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class RecordPrintButton(QPushButton):
    """"In phiếu" / "In thông báo" on a record form: enabled once the record is saved."""

    def __init__(self, form, kind: str):
        super().__init__()
        self.form, self.kind = form, kind
        self.dialog: RecordPrintDialog | None = None
        if kind == "notice":
            menu = QMenu(self)
            self.notice_actions = {}
            for key in NOTICE_KINDS:  # (app.domain.notices.KINDS)
                action = menu.addAction("")
                action.triggered.connect(lambda _c=False, k=key: self.open_preview(k))
                self.notice_actions[key] = action
            self.setMenu(menu)
        else:
            self.clicked.connect(lambda: self.open_preview())
        form.saved.connect(lambda _id: self.update_state())
        self.retranslate_ui()

    def update_state(self) -> None:
        ctx = self.form.ctx
        if not ctx.can(roles.EXPORT):
            self.setEnabled(False)
            self.setToolTip(ctx.denied_reason(roles.EXPORT))
        elif not self.form.record_id:
            self.setEnabled(False)
            self.setToolTip(self.tr("Save the record first, then print it."))
        elif self.kind == "notice" and self.form.owner_elsewhere:  # a commune's petition at the upper level
            self.setEnabled(False)
            self.setToolTip(core_tr("print.notice_other_owner", ctx.lang, unit=self.form.owner_elsewhere))
        elif self.kind == "notice" and is_confidential(self.form.record or {}) \
                and not (self.form.record or {}).get("anonymous") and not ctx.can(roles.EXPORT_CONFIDENTIAL):
            self.setEnabled(False)  # it carries the denouncer's name: a leader prints it
            self.setToolTip(core_tr("print.notice_confidential_role", ctx.lang))
        elif self.kind == "notice" and not fitting_kinds(self.form.record or {})[0]:
            # anonymous, or no handling decided yet: the core says which and what to do
            self.setEnabled(False)
            self.setToolTip(core_tr(fitting_kinds(self.form.record or {})[1], ctx.lang))
        else:
            self.setEnabled(True)
            self.setToolTip(self.tr("Preview, print or save this document"))
            if self.kind == "notice":  # only the notice the recorded handling calls for
                fitting = fitting_kinds(self.form.record or {})[0]
                for key, action in self.notice_actions.items():
                    action.setEnabled(key in fitting)

    def open_preview(self, notice_kind: str | None = None) -> RecordPrintDialog | None:
        if not self.form.record_id:
            return None
        options = {"id": self.form.record_id}
        if self.kind == "notice":
            options["kind"] = notice_kind
        name = (self.tr("Notice") if self.kind == "notice" else self.tr("Record sheet")) + " " + str(
            self.form.record.get("case_no") or self.form.record_id)
        self.dialog = RecordPrintDialog(self.form.ctx, self.kind, options, name, self.form)
        if self.kind == "notice" and hasattr(self.form, "notice_issued"):
            self.dialog.issued.connect(self.form.notice_issued)
        self.dialog.open()
        return self.dialog

    def retranslate_ui(self) -> None:
        if self.kind == "notice":
            self.setText(self.tr("Print notice"))
            labels = {"accepted": self.tr("Accepted for handling"), "not_accepted": self.tr("Not accepted"),
                      "guidance": self.tr("Returned with guidance"), "forwarded": self.tr("Forwarded")}
            for key, action in self.notice_actions.items():
                action.setText(labels[key])
        else:
            self.setText(self.tr("Print sheet"))
        self.update_state()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def record_print_buttons(form, kinds: tuple[str, ...]) -> list[QPushButton]:
    """The print buttons a record form shows: only for documents that are built (the rest would not work)."""
    return [RecordPrintButton(form, kind) for kind in kinds if service.available(kind)]
