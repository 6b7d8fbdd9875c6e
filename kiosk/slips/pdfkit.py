"""reportlab helpers shared by slips and VietQR posters: fonts and vector QR codes.

Imports reportlab at module level: import this module only when rendering.
Helvetica has no Vietnamese letters, so every text uses the shipped Noto Sans.
"""

from __future__ import annotations

from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from kiosk.paths import resources_dir
from kiosk.slips.qr import QUIET_ZONE, QrMatrix

REGULAR = "HocSo-NotoSans"
BOLD = "HocSo-NotoSans-Bold"
THERMAL_DOT: float = inch / 203  # one dot of a 203 dpi thermal printer, in points


def register_fonts() -> None:
    """Register the shipped Noto Sans fonts once per process."""
    registered = pdfmetrics.getRegisteredFontNames()
    fonts = resources_dir() / "fonts"
    for name, file_name in ((REGULAR, "NotoSans-Regular.ttf"), (BOLD, "NotoSans-Bold.ttf")):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(fonts / file_name)))


def snap(value: float, step: float = THERMAL_DOT) -> float:
    """Round a length to whole printer dots so QR modules print evenly."""
    return float(round(value / step) * step)


def qr_module_size(matrix: QrMatrix, target: float) -> float:
    """Module size in points: whole thermal dots, symbol about `target` points wide."""
    dots = max(2, int(target / matrix.size / THERMAL_DOT))
    return dots * THERMAL_DOT


def qr_extent(matrix: QrMatrix, module: float) -> float:
    """Width of the symbol with its quiet zone, in points."""
    return (matrix.size + 2 * QUIET_ZONE) * module


def draw_qr(canvas: Canvas, matrix: QrMatrix, left: float, top: float, module: float) -> None:
    """Draw the symbol as filled squares; (left, top) is the quiet zone's corner.

    Horizontal runs of dark modules become one rectangle each and all go into a
    single path, so the PDF stays small and renders without hairline seams.
    """
    x0 = left + QUIET_ZONE * module
    y0 = top - QUIET_ZONE * module
    path = canvas.beginPath()
    for row, col, length in matrix.dark_runs():
        path.rect(x0 + col * module, y0 - (row + 1) * module, length * module, module)
    canvas.setFillGray(0)
    canvas.drawPath(path, stroke=0, fill=1)
