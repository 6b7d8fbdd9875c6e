"""Hand-drawn parts of the simulated phone: status bar, switch, keypad, QR code, camera."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.slips.qr import QUIET_ZONE, qr_matrix

log = logging.getLogger(__name__)


@lru_cache(maxsize=8)  # one lesson's pictures and options; more only holds memory
def _picture(path: str, width: int, height: int) -> QImage | None:
    size = QSize(width, height)
    if path.lower().endswith(".svg"):
        renderer = QSvgRenderer(path)
        if not renderer.isValid():
            return None
        natural = renderer.defaultSize()
        if not natural.isEmpty():
            size = natural.scaled(size, Qt.AspectRatioMode.KeepAspectRatio)
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        return image
    image = QImage(path)
    if image.isNull():
        return None
    return image.scaled(
        size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def picture(path: Path | None, width: int, height: int) -> QPixmap | None:
    """An SVG or PNG scaled to fit ``width`` × ``height``; None if missing or unreadable."""
    if path is None or not path.is_file():
        if path is not None:
            log.warning("picture missing: %s", path)
        return None
    image = _picture(str(path), width, height)
    return None if image is None else QPixmap.fromImage(image)


class StatusBarWidget(QWidget):
    """Time on the left; signal bars and battery on the right, drawn rather than glyphs."""

    def __init__(self, time: str, battery: int, signal: int, height: int) -> None:
        super().__init__()
        self._time, self._battery, self._signal = time, battery, signal
        self.setFixedHeight(height)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        h = self.height()
        ink = self.palette().windowText().color()
        font = painter.font()
        font.setPixelSize(max(18, round(h * 0.55)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(ink)
        painter.drawText(QRectF(h * 0.4, 0, h * 3, h), Qt.AlignmentFlag.AlignVCenter, self._time)
        right = self.width() - h * 0.4
        bw, bh = h * 0.9, h * 0.42  # battery body
        body = QRectF(right - bw, (h - bh) / 2, bw, bh)
        painter.setPen(QPen(ink, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(body, 3, 3)
        fill = body.adjusted(3, 3, -3, -3)
        fill.setWidth(fill.width() * self._battery / 100)
        painter.fillRect(fill, ink)
        x = body.left() - h * 0.35
        step = h * 0.16
        for i in range(4, 0, -1):  # signal bars, tallest on the right
            bar_h = h * 0.12 * (i + 1)
            colour = QColor(ink)
            colour.setAlphaF(1.0 if i <= self._signal else 0.3)
            painter.fillRect(QRectF(x - step * 0.7, h * 0.72 - bar_h, step * 0.7, bar_h), colour)
            x -= step
        painter.end()


class Switch(QWidget):
    """An on/off switch as phones draw it."""

    def __init__(self, checked: bool, width: int, height: int) -> None:
        super().__init__()
        self.checked = checked
        self.setFixedSize(width, height)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self.rect().adjusted(2, 2, -2, -2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#1a7f37" if self.checked else "#8a8a8a"))
        painter.drawRoundedRect(r, r.height() / 2, r.height() / 2)
        d = r.height() - 6
        x = r.right() - d - 3 if self.checked else r.left() + 3
        painter.setBrush(QColor("white"))
        painter.drawEllipse(x, r.top() + 3, d, d)
        painter.end()


class KeypadWidget(QWidget):
    """Digits 0-9, delete and OK; the digits typed show as dots (PIN) or numbers (OTP)."""

    entered = Signal(str)

    def __init__(
        self,
        element_id: str,
        label: str,
        length: int | None,
        hidden: bool,
        spacing: int,
        words: tuple[str, str] = ("Xoá", "OK"),
    ) -> None:
        super().__init__()
        self._digits = ""
        self._length = length
        self._hidden = hidden
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(spacing)
        if label:
            title = QLabel(label)
            title.setWordWrap(True)
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(title)
        self.display = QLabel()
        self.display.setObjectName("dots")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.display)
        grid = QGridLayout()
        grid.setSpacing(spacing)
        self.keys: dict[str, QPushButton] = {}
        labels = [*"123456789", words[0], "0", words[1]]
        names = [*"123456789", "back", "0", "ok"]
        for i, (text, name) in enumerate(zip(labels, names, strict=True)):
            key = QPushButton(text)
            key.setObjectName(f"{element_id}-{'key-' if len(name) == 1 else ''}{name}")
            key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            key.clicked.connect(lambda _=False, n=name: self.press(n))
            grid.addWidget(key, i // 3, i % 3)
            self.keys[name] = key
        column.addLayout(grid)
        self._refresh()

    @property
    def digits(self) -> str:
        return self._digits

    def press(self, name: str) -> None:
        if name == "back":
            self._digits = self._digits[:-1]
        elif name == "ok":
            self._submit()
            return
        elif self._length is None or len(self._digits) < self._length:
            self._digits += name
        self._refresh()
        if self._length is not None and len(self._digits) == self._length:
            self._submit()

    def clear(self) -> None:
        self._digits = ""
        self._refresh()

    def _submit(self) -> None:
        digits = self._digits
        if digits:
            self._digits = ""
            self._refresh()
            self.entered.emit(digits)

    def _refresh(self) -> None:
        typed = "•" * len(self._digits) if self._hidden else self._digits
        left = (self._length or 0) - len(self._digits)
        self.display.setText(" ".join(typed + "_" * max(0, left)) or " ")


@lru_cache(maxsize=32)
def _qr_image(payload: str) -> QImage:
    matrix = qr_matrix(payload)
    side = matrix.size + 2 * QUIET_ZONE
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for row, col, length in matrix.dark_runs():
        painter.fillRect(col + QUIET_ZONE, row + QUIET_ZONE, length, 1, QColor("black"))
    painter.end()
    return image


class QrWidget(QLabel):
    """A QR code drawn from its payload (zxing-cpp), crisp at any size."""

    def __init__(self, payload: str, side: int) -> None:
        super().__init__()
        image = _qr_image(payload)
        modules = max(1, side // image.width())
        side = image.width() * modules
        self.setPixmap(QPixmap.fromImage(image.scaled(side, side)))
        self.setFixedSize(self.pixmap().size())


class Viewfinder(QWidget):
    """A dark camera area with corner marks around what the camera sees."""

    def __init__(self, caption: str, inside: Sequence[QWidget], margin: int, shutter: str) -> None:
        super().__init__()
        self._margin = margin
        column = QVBoxLayout(self)
        column.setContentsMargins(margin * 2, margin * 2, margin * 2, margin * 2)
        column.setSpacing(margin)
        column.addStretch(1)
        if caption:
            text = QLabel(caption)
            text.setWordWrap(True)
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(text)
        for widget in inside:
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        self.shutter = QPushButton(shutter)
        self.shutter.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.shutter.setVisible(bool(inside))  # "scan" only when there is a code to scan
        column.addWidget(self.shutter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#1e1e1e"))
        m = self._margin
        below = self.shutter.height() + m if self.shutter.isVisible() else 0
        r = self.rect().adjusted(m, m, -m, -m - below)
        arm = min(r.width(), r.height()) // 6
        pen = QPen(QColor("#ffd23f"), max(4, m // 3))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        for x, y, dx, dy in (
            (r.left(), r.top(), 1, 1),
            (r.right(), r.top(), -1, 1),
            (r.left(), r.bottom(), 1, -1),
            (r.right(), r.bottom(), -1, -1),
        ):
            painter.drawLine(x, y, x + dx * arm, y)
            painter.drawLine(x, y, x, y + dy * arm)
        painter.end()
