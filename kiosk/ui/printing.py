"""Printing slip PDFs on a system printer through Qt print support.

Qt talks to CUPS on Linux and to the spooler on Windows, so any printer the
system has installed works, thermal roll printers included. The slip PDF (made by
reportlab) is opened with QtPdf, each page is rendered to an image at the
printer's resolution (capped: a 1200 dpi laser needs no more than 600) and
painted onto a QPrinter page of the PDF page's size (80 mm wide roll pages,
A6, A4). ``send`` is slow: call it through ``kiosk.ui.worker.run_in_background``.

What Qt can tell: the printer is missing or stopped (before sending, so nothing
was printed), or the print engine failed. What it cannot: a job that the
spooler accepts and the printer later fails (paper out mid-job). Such a slip is
marked printed; staff reprint it, and the reprint is counted and marked.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.slips.printing import PrintFailed

MAX_RENDER_DPI = 600
MIN_RENDER_DPI = 150


def printer_names() -> list[str]:
    """Installed printers, as the system names them (empty when there are none)."""
    return list(QPrinterInfo.availablePrinterNames())


def default_printer_name() -> str:
    return QPrinterInfo.defaultPrinterName()


def choose_printer(configured: str) -> str | None:
    """The printer to use: the configured one if installed, else the system default."""
    names = printer_names()
    if configured and configured in names:
        return configured
    if configured:
        return None  # chosen in settings but gone: say so rather than print elsewhere
    default = default_printer_name()
    return default if default in names else (names[0] if names else None)


class SystemPrinter:
    """A ``PrintSink`` for one named system printer."""

    def __init__(self, name: str) -> None:
        self.name = name

    def describe(self) -> str:
        return self.name

    def send(self, pdf: bytes, title: str) -> None:
        info = QPrinterInfo.printerInfo(self.name)
        if info.isNull():
            raise PrintFailed(f"Không tìm thấy máy in “{self.name}”.", sent=False)
        if info.state() == QPrinter.PrinterState.Error:
            raise PrintFailed(
                f"Máy in “{self.name}” đang tắt hoặc báo lỗi. Kiểm tra nguồn, cáp và giấy.",
                sent=False,
            )
        with tempfile.TemporaryDirectory(prefix="hocso-print-") as tmp:
            path = Path(tmp) / "slip.pdf"
            path.write_bytes(pdf)
            document = QPdfDocument()
            error = document.load(str(path))
            if error != QPdfDocument.Error.None_ or document.pageCount() < 1:
                raise PrintFailed(f"Không mở được trang in ({error.name}).", sent=False)
            try:
                self._print(info, document, title)
            finally:
                document.close()

    def _print(self, info: QPrinterInfo, document: QPdfDocument, title: str) -> None:
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        printer.setFullPage(True)
        printer.setPageLayout(_layout_for(document.pagePointSize(0)))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintFailed(f"Máy in “{self.name}” không nhận lệnh in.", sent=False)
        try:
            for page in range(document.pageCount()):
                if page > 0:
                    printer.setPageLayout(_layout_for(document.pagePointSize(page)))
                    if not printer.newPage():
                        raise PrintFailed(f"Máy in “{self.name}” dừng giữa chừng.")
                _paint_page(painter, printer, document, page)
        finally:
            painter.end()
        if printer.printerState() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
            raise PrintFailed(f"Máy in “{self.name}” báo lỗi khi in.")


def _layout_for(points: QSizeF) -> QPageLayout:
    size = QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))


def _paint_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    points = document.pagePointSize(page)
    dpi = max(MIN_RENDER_DPI, min(printer.resolution(), MAX_RENDER_DPI))
    pixels = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    rendered = document.render(page, pixels)
    # The PDF page is transparent: flatten onto white paper, then to grey (small spool files).
    image = QImage(pixels, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    flatten = QPainter(image)
    flatten.drawImage(0, 0, rendered)
    flatten.end()
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    target = printer.pageLayout().fullRectPixels(printer.resolution())
    painter.drawImage(QRectF(target), gray)
