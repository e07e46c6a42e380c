"""An in-app preview of a PDF: a scrollable column of page images fitted to the width of the view.

The Essentials wheel has no QtPdf, so pages are rendered with pypdfium2 on a worker thread (ui.jobs) into QImages
(safe off the GUI thread) and turned into pixmaps here. Only the pages near the visible part are rendered and kept,
so a 200-page book costs the memory of a dozen page images. PDFium is not thread-safe: every use goes through
PDFIUM_LOCK (the printing helpers take it too).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from shiboken6 import isValid

from ui.jobs import Job

PDFIUM_LOCK = threading.Lock()
PAGE_GAP = 12  # pixels between pages and around them
KEEP_PAGES = 12  # page images kept in memory around the visible ones


def page_sizes(path: str | Path) -> list[tuple[float, float]]:
    """(width, height) of every page in points."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        doc = pdfium.PdfDocument(str(path))
        try:
            return [tuple(doc[i].get_size()) for i in range(len(doc))]
        finally:
            doc.close()


def render_pages(path: str | Path, indexes: list[int], width_px: int | None = None, dpi: float | None = None,
                 cancel: threading.Event | None = None) -> dict[int, QImage]:
    """QImages of the given pages, either `width_px` wide or at `dpi` (white background, RGB)."""
    import pypdfium2 as pdfium

    out: dict[int, QImage] = {}
    with PDFIUM_LOCK:
        doc = pdfium.PdfDocument(str(path))
        try:
            for i in indexes:
                if cancel is not None and cancel.is_set():
                    break
                page = doc[i]
                w_pt, _h = page.get_size()
                scale = (width_px / w_pt) if width_px else (dpi or 72) / 72
                bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
                fmt = QImage.Format.Format_RGBX8888 if bitmap.n_channels == 4 else QImage.Format.Format_RGB888
                image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, fmt).copy()
                bitmap.close()
                page.close()
                out[i] = image
        finally:
            doc.close()
    return out


class PdfPreview(QScrollArea):
    """Pages of one PDF, fitted to the width; `set_pdf(path)` shows a file, `clear()` empties the view."""

    loaded = Signal(int)  # page count, once the page sizes are known
    rendered = Signal()  # the visible pages are on screen
    failed = Signal(object)  # the file could not be read

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setObjectName("pdfPreview")
        self.setStyleSheet("QScrollArea#pdfPreview, QWidget#pdfPages { background: #e4e6e9; }"
                           "QLabel#pdfPage { background: white; border: 1px solid #c4c8cd; }")
        self._pages_widget = QWidget(objectName="pdfPages")
        self._layout = QVBoxLayout(self._pages_widget)
        self._layout.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self._layout.setSpacing(PAGE_GAP)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._pages_widget)
        self.path: Path | None = None
        self.sizes: list[tuple[float, float]] = []
        self.labels: list[QLabel] = []
        self._rendered_width: dict[int, int] = {}  # page -> the pixel width its image was rendered at
        self._job: Job | None = None
        self._jobs: list[Job] = []  # the latest jobs, referenced until long after they reported
        self._generation = 0
        self._timer = QTimer(self, singleShot=True, interval=60)
        self._timer.timeout.connect(self._render_visible)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._timer.start())

    # -- public ------------------------------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return len(self.sizes)

    def set_pdf(self, path: str | Path) -> None:
        self.clear()
        self.path = Path(path)
        generation = self._generation
        job = Job(lambda progress=None, cancel=None: page_sizes(path))
        # Jobs are unparented and may report after this widget is gone: every callback checks it still exists.
        job.succeeded.connect(lambda sizes: isValid(self) and self._sizes_known(generation, sizes))
        job.failed.connect(lambda exc: isValid(self) and self._failed(generation, exc))
        self._keep(job)
        job.start()

    def clear(self) -> None:
        self._generation += 1
        if self._job is not None:
            self._job.cancel()
            self._job = None
        for label in self.labels:
            label.deleteLater()
        self.labels = []
        self.sizes = []
        self._rendered_width = {}
        self.path = None

    def page_pixmap(self, index: int) -> QPixmap | None:
        """The image shown for a page (None while not rendered)."""
        pm = self.labels[index].pixmap() if 0 <= index < len(self.labels) else None
        return None if pm is None or pm.isNull() else pm

    # -- layout --------------------------------------------------------------------------------------------------
    def _page_width(self) -> int:
        return max(200, self.viewport().width() - 2 * PAGE_GAP)

    def _sizes_known(self, generation: int, sizes: list) -> None:
        if generation != self._generation:
            return
        self.sizes = list(sizes)
        for _ in self.sizes:
            label = QLabel(objectName="pdfPage")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self._layout.addWidget(label)
            self.labels.append(label)
        self._size_labels()
        self.verticalScrollBar().setValue(0)
        self.loaded.emit(len(self.sizes))
        self._timer.start(0)

    def _size_labels(self) -> None:
        width = self._page_width()
        for label, (w_pt, h_pt) in zip(self.labels, self.sizes):
            label.setFixedSize(width, round(width * h_pt / w_pt))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.labels:
            self._size_labels()
            self._timer.start()

    def _visible(self) -> list[int]:
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        shown = [i for i, lb in enumerate(self.labels) if lb.y() + lb.height() >= top and lb.y() <= bottom]
        if not shown and self.labels:
            shown = [0]
        if shown:  # one page ahead and behind, so scrolling rarely shows a blank page
            shown = list(range(max(0, shown[0] - 1), min(len(self.labels), shown[-1] + 2)))
        return shown

    def _render_visible(self) -> None:
        if not self.labels or self.path is None or self._job is not None:
            return
        dpr = self.devicePixelRatioF()
        width = self._page_width()
        wanted = [i for i in self._visible() if self._rendered_width.get(i) != width]
        if not wanted:
            self._forget_far_pages()
            self.rendered.emit()
            return
        generation = self._generation
        path = self.path
        job = Job(lambda progress=None, cancel=None: render_pages(path, wanted, round(width * dpr), cancel=cancel))
        self._job = job
        self._keep(job)
        job.succeeded.connect(lambda images: isValid(self) and self._show_images(generation, width, dpr, images))
        job.failed.connect(lambda exc: isValid(self) and self._failed(generation, exc))
        job.ended.connect(lambda: isValid(self) and self._job_ended(job))
        job.start()

    def _keep(self, job: Job) -> None:
        """Hold a job past its report: a Job whose last reference went away would be deleted on the worker
        thread, possibly while its signals are being delivered here."""
        self._jobs = [*self._jobs[-3:], job]

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.failed.emit(exc)

    def _job_ended(self, job: Job) -> None:
        if self._job is job:
            self._job = None
            self._timer.start(0)  # the view may have moved meanwhile

    def _show_images(self, generation: int, width: int, dpr: float, images: dict) -> None:
        if generation != self._generation:
            return
        for i, image in images.items():
            if i >= len(self.labels):
                continue
            pm = QPixmap.fromImage(image)
            pm.setDevicePixelRatio(dpr)
            self.labels[i].setPixmap(pm)
            self._rendered_width[i] = width

    def _forget_far_pages(self) -> None:
        visible = self._visible()
        if not visible or len(self._rendered_width) <= KEEP_PAGES:
            return
        centre = visible[len(visible) // 2]
        far = sorted(self._rendered_width, key=lambda i: abs(i - centre))[KEEP_PAGES:]
        for i in far:
            self.labels[i].clear()
            del self._rendered_width[i]
