"""In-app PDF preview and printing (R38) with QtPdf: the stored PDF bytes, never a temp file.

`PdfPreview` shows a PDF from bytes (QPdfDocument over a QBuffer, in a QPdfView);
`print_pdf` sends the pages to a printer chosen in QPrintDialog, rendering each page with
QPdfDocument.render at the printer's resolution.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def load_document(document: QPdfDocument, data: bytes, parent) -> QBuffer:
    """Load `data` into `document`; the returned buffer must live as long as the document uses it."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return buffer


class PdfPreview(QWidget):
    """A page-scrolling PDF viewer with zoom buttons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._buffer: QBuffer | None = None
        self.info = QLabel()
        fit = QPushButton(self.tr("Fit width"))
        fit.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        whole = QPushButton(self.tr("Whole page"))
        whole.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        zoom_in = QPushButton("+")
        zoom_in.setToolTip(self.tr("Zoom in"))
        zoom_in.clicked.connect(lambda: self._zoom(1.25))
        zoom_out = QPushButton("−")
        zoom_out.setToolTip(self.tr("Zoom out"))
        zoom_out.clicked.connect(lambda: self._zoom(0.8))
        bar = QHBoxLayout()
        bar.addWidget(self.info, 1)
        for button in (zoom_out, zoom_in, fit, whole):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.document.pageCountChanged.connect(self._update_info)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(5.0, self.view.zoomFactor() * factor)))

    def _update_info(self, *_args: object) -> None:
        pages = self.document.pageCount()
        self.info.setText(self.tr("%n page(s)", "", pages) if pages else "")

    def load_bytes(self, data: bytes | None) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        if data:
            self._buffer = load_document(self.document, data, self)
        self._update_info()

    def page_count(self) -> int:
        return self.document.pageCount()


def render_to_printer(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint every page (or the printer's page range) onto `printer`; returns the pages printed."""
    pages = document.pageCount()
    first, last = 1, pages
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = max(1, printer.fromPage()), min(pages, printer.toPage() or pages)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        dpi = printer.resolution()
        target: QRect = printer.pageLayout().paintRectPixels(dpi)
        for number in range(first, last + 1):
            if printed:
                printer.newPage()
            size_pt = document.pagePointSize(number - 1)
            scale = min(target.width() / (size_pt.width() / 72 * dpi), target.height() / (size_pt.height() / 72 * dpi))
            width = int(size_pt.width() / 72 * dpi * scale)
            height = int(size_pt.height() / 72 * dpi * scale)
            image = document.render(number - 1, QSize(width, height))
            painter.drawImage(QPointF(0, 0), image)
            printed += 1
    finally:
        painter.end()
    return printed


def print_pdf(parent: QWidget | None, data: bytes, title: str = "") -> int:
    """Ask for a printer and print the PDF; returns the pages printed (0 when cancelled)."""
    document = QPdfDocument(parent)
    buffer = load_document(document, data, parent)
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        printer.setFromTo(1, max(1, document.pageCount()))
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(title or dialog.windowTitle())
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        return render_to_printer(document, printer)
    finally:
        document.close()
        buffer.close()
        buffer.deleteLater()
        document.deleteLater()


__all__ = ["PdfPreview", "print_pdf", "render_to_printer"]
