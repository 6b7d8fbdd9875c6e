"""A printable VietQR poster (A5 or A6) for a shop counter.

Imports reportlab: import this module only when printing.
"""

from __future__ import annotations

import io
from typing import Literal

from reportlab.lib.pagesizes import A5, A6
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from kiosk.slips import pdfkit
from kiosk.slips.qr import qr_matrix
from kiosk.vietqr.payload import parse_payload

CHECK_NAME = "Kiểm tra tên người nhận trước khi chuyển"
PRACTICE_BANNER = "MÃ LUYỆN TẬP – KHÔNG DÙNG ĐỂ CHUYỂN TIỀN"
_SIZES = {"A5": (A5, 95 * mm, 1.0), "A6": (A6, 68 * mm, 0.72)}


def render_poster(
    shop_name: str,
    bank_name: str,
    account_name: str,
    payload: str,
    size: Literal["A5", "A6"] = "A5",
) -> bytes:
    """PDF bytes of a poster; raises VietQRError if payload is not a valid VietQR code."""
    if size not in _SIZES:
        raise ValueError("poster size must be 'A5' or 'A6'")
    practice = parse_payload(payload).is_practice
    (width, height), qr_target, scale = _SIZES[size]
    pdfkit.register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height), pageCompression=1)
    canvas.setTitle(shop_name)
    margin = 10 * mm * scale
    inner = width - 2 * margin
    y = height - margin
    y = _centred(canvas, shop_name, pdfkit.BOLD, 22 * scale, width, inner, y)
    if practice:
        y = _centred(canvas, PRACTICE_BANNER, pdfkit.BOLD, 11 * scale, width, inner, y - 4)
    matrix = qr_matrix(payload)
    module = pdfkit.qr_module_size(matrix, qr_target)
    extent = pdfkit.qr_extent(matrix, module)
    top = y - 4 * scale
    pdfkit.draw_qr(canvas, matrix, (width - extent) / 2, top, module)
    y = top - extent
    y = _centred(canvas, bank_name, pdfkit.REGULAR, 13 * scale, width, inner, y)
    y = _centred(canvas, account_name, pdfkit.BOLD, 15 * scale, width, inner, y - 2)
    _centred(canvas, CHECK_NAME, pdfkit.BOLD, 12 * scale, width, inner, y - 10 * scale)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _centred(
    canvas: Canvas, text: str, font: str, size: float, width: float, inner: float, y: float
) -> float:
    canvas.setFont(font, size)
    canvas.setFillGray(0)
    for line in simpleSplit(text, font, size, inner):
        y -= size * 1.3
        canvas.drawCentredString(width / 2, y, line)
    return y
