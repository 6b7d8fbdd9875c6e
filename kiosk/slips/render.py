"""Slip PDFs with reportlab: 80 mm thermal roll, A6, and A4 sheets of four.

This module imports reportlab; the kiosk imports it only when it prints, so
start-up stays fast. Texts use the shipped Noto Sans (Vietnamese letters).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kiosk.slips import pdfkit
from kiosk.slips.qr import qr_matrix
from kiosk.slips.view import TITLE, Layout, SlipView

ROLL_WIDTH = 80 * mm
ROLL_MARGIN = 4 * mm
SHEET_MARGIN = 7 * mm
QR_TARGET = 30 * mm
CUT_MARK = 5 * mm


@dataclass(frozen=True)
class _Line:
    text: str
    font: str
    size: float
    align: str = "left"  # "left" or "center"
    right: str = ""  # text right-aligned on the same line (scores)
    gap_after: float = 0.0


def render_slips(slips: Sequence[SlipView], layout: Layout) -> bytes:
    """A PDF of the slips: one page each (roll, A6) or four per A4 page."""
    if not slips:
        raise ValueError("no slips to render")
    pdfkit.register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pageCompression=1)
    canvas.setTitle(TITLE)
    if layout is Layout.A4X4:
        _render_a4x4(canvas, slips)
    else:
        for slip in slips:
            if layout is Layout.ROLL80:
                width = ROLL_WIDTH
                height = pdfkit.snap(_draw_slip(None, slip, 0, 0, width, ROLL_MARGIN))
            else:
                width, height = A6
            canvas.setPageSize((width, height))
            _draw_slip(canvas, slip, 0, height, width, ROLL_MARGIN)
            canvas.showPage()
    canvas.save()
    return out.getvalue()


def _render_a4x4(canvas: Canvas, slips: Sequence[SlipView]) -> None:
    width, height = A4
    cell_w, cell_h = width / 2, height / 2
    canvas.setPageSize(A4)
    for start in range(0, len(slips), 4):
        for i, slip in enumerate(slips[start : start + 4]):
            left = (i % 2) * cell_w
            top = height - (i // 2) * cell_h
            _draw_slip(canvas, slip, left, top, cell_w, SHEET_MARGIN)
        _draw_cut_marks(canvas, width, height)
        canvas.showPage()


def _draw_cut_marks(canvas: Canvas, width: float, height: float) -> None:
    """Marks at the page edges and a cross in the middle where the sheet is cut."""
    cx, cy = width / 2, height / 2
    canvas.setLineWidth(0.5)
    canvas.setStrokeGray(0)
    for x1, y1, x2, y2 in (
        (cx, height, cx, height - CUT_MARK),
        (cx, 0, cx, CUT_MARK),
        (0, cy, CUT_MARK, cy),
        (width, cy, width - CUT_MARK, cy),
        (cx - CUT_MARK, cy, cx + CUT_MARK, cy),
        (cx, cy - CUT_MARK, cx, cy + CUT_MARK),
    ):
        canvas.line(x1, y1, x2, y2)


def _lines(slip: SlipView, width: float) -> list[_Line]:
    regular, bold = pdfkit.REGULAR, pdfkit.BOLD
    lines = [_Line(TITLE, bold, 13, "center", gap_after=2)]
    if slip.reprint_label:
        lines.append(_Line(slip.reprint_label, bold, 10, "center", gap_after=2))
    lines += _wrapped(slip.learning_point, regular, 8.5, width, "center")
    lines += _wrapped(slip.commune, regular, 8.5, width, "center")
    lines[-1] = _replace_gap(lines[-1], 5)
    lines += _wrapped(slip.learner_name, bold, 11, width)
    lines.append(_Line(f"Năm sinh: {slip.birth_year}", regular, 9, gap_after=4))
    lines.append(_Line("Bài đã hoàn thành", bold, 9, right="Điểm"))
    score_width = stringWidth("100/100  ", regular, 9)
    for lesson in slip.lessons:
        parts = simpleSplit(f"• {lesson.title}", regular, 9, width - score_width)
        for j, part in enumerate(parts):
            right = f"{lesson.score}/100" if j == 0 else ""
            lines.append(_Line(part if j == 0 else f"   {part}", regular, 9, right=right))
    lines[-1] = _replace_gap(lines[-1], 4)
    lines.append(_Line(f"Ngày hoàn thành: {slip.date_text}", regular, 9))
    lines.append(_Line(f"Số phiếu: {slip.serial_text}", regular, 9))
    return lines


def _wrapped(text: str, font: str, size: float, width: float, align: str = "left") -> list[_Line]:
    return [_Line(part, font, size, align) for part in simpleSplit(text, font, size, width)]


def _replace_gap(line: _Line, gap: float) -> _Line:
    return _Line(line.text, line.font, line.size, line.align, line.right, gap)


def _draw_slip(
    canvas: Canvas | None, slip: SlipView, left: float, top: float, width: float, margin: float
) -> float:
    """Draw one slip below (left, top) in a box `width` wide; return the height used.

    With canvas None nothing is drawn: the roll layout measures the page first.
    """
    inner = width - 2 * margin
    y = top - margin
    for line in _lines(slip, inner):
        y -= line.size * 1.25
        if canvas is not None:
            _draw_line(canvas, line, left + margin, y, inner)
        y -= line.gap_after
    matrix = qr_matrix(slip.qr_text)
    module = pdfkit.qr_module_size(matrix, QR_TARGET)
    extent = pdfkit.qr_extent(matrix, module)
    qr_top = top - pdfkit.snap(top - y)
    if canvas is not None:
        qr_left = pdfkit.snap(left + (width - extent) / 2)
        pdfkit.draw_qr(canvas, matrix, qr_left, qr_top, module)
    y = qr_top - extent
    for line in _wrapped(slip.note, pdfkit.REGULAR, 8.5, inner, "center"):
        y -= line.size * 1.25
        if canvas is not None:
            _draw_line(canvas, line, left + margin, y, inner)
    return top - y + margin


def _draw_line(canvas: Canvas, line: _Line, left: float, baseline: float, width: float) -> None:
    canvas.setFont(line.font, line.size)
    canvas.setFillGray(0)
    if line.align == "center":
        canvas.drawCentredString(left + width / 2, baseline, line.text)
    else:
        canvas.drawString(left, baseline, line.text)
    if line.right:
        canvas.drawRightString(left + width, baseline, line.right)
