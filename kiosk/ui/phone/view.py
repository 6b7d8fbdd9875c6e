"""The simulated phone: a portrait frame with a screen drawn from data, and touch gestures.

Touches on an element become typed signals (tap, long press, swipe, text, keypad, QR);
the phone never judges them, the lesson does.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QObject,
    QPointF,
    QRect,
    QRectF,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from kiosk.content.schema import PhoneScreen
from kiosk.ui import theme
from kiosk.ui.phone.elements import ELEMENT_ID, INTERNAL, RenderContext
from kiosk.ui.phone.parts import KeypadWidget
from kiosk.ui.phone.registry import renderer_for

ASPECT = 19.5 / 9  # height / width of a modern phone
DESIGN_WIDTH = 360  # the width, in points, that element sizes are written for
LONG_PRESS_MS = 600
SWIPE_PX = 40
FLASH_MS = 450


class _Overlay(QWidget):
    """Draws the yellow ring around a highlighted element and the soft red wrong-tap flash."""

    def __init__(self, phone: PhoneView) -> None:
        super().__init__(phone)
        self._phone = phone
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.flash = 0.0  # 0..1, the red flash's strength
        self.pulse = 0.0  # 0..1, the ring's breathing

    def paintEvent(self, _event: QPaintEvent) -> None:
        phone = self._phone
        target = phone.element_widget(phone.highlighted) if phone.highlighted else None
        if self.flash <= 0 and target is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.flash > 0:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(220, 60, 60, round(90 * self.flash)))
            r = phone.screen_rect()
            painter.drawRoundedRect(QRectF(r), 18, 18)
        if target is not None and target.isVisible():
            top_left = target.mapTo(phone, target.rect().topLeft())
            rect = QRectF(QRect(top_left, target.size())).adjusted(-6, -6, 6, 6)
            width = 6 + 5 * self.pulse
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(theme.INK), width + 4))
            painter.drawRoundedRect(rect, 14, 14)
            painter.setPen(QPen(QColor(theme.ACCENT), width))
            painter.drawRoundedRect(rect, 14, 14)
        painter.end()


class PhoneView(QWidget):
    """A phone drawing one ``PhoneScreen``; fits itself, portrait, into the space it is given."""

    tapped = Signal(str)
    long_pressed = Signal(str)
    swiped = Signal(str, object)  # direction ("up"...), element id or None (anywhere)
    text_entered = Signal(str, str)  # text, text field id
    keypad_entered = Signal(str, str)  # digits, keypad id
    qr_scanned = Signal(str)  # payload

    def __init__(
        self,
        tr: Callable[..., str],
        lang: str = "vi",
        media: Callable[[str | None], Path | None] = lambda _rel: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("phone")
        self._tr = tr
        self._lang = lang
        self._media = media
        self._screen: PhoneScreen | None = None
        self._body: QWidget | None = None
        self._unit = 0.0
        self._frame = QRectF()
        self._glass = QRect()
        self.highlighted: str | None = None
        self._press: tuple[str | None, QPointF, float] | None = None
        self._long_fired = False
        self._long_timer = QTimer(self)
        self._long_timer.setSingleShot(True)
        self._long_timer.setInterval(LONG_PRESS_MS)
        self._long_timer.timeout.connect(self._on_long_press)
        self._overlay = _Overlay(self)
        self._pulse = QVariantAnimation(self)
        self._pulse.setStartValue(0.0)
        self._pulse.setKeyValueAt(0.5, 1.0)
        self._pulse.setEndValue(0.0)
        self._pulse.setDuration(1200)
        self._pulse.setLoopCount(-1)
        self._pulse.valueChanged.connect(self._on_pulse)
        self._flash = QVariantAnimation(self)
        self._flash.setStartValue(1.0)
        self._flash.setEndValue(0.0)
        self._flash.setDuration(FLASH_MS)
        self._flash.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._flash.valueChanged.connect(self._on_flash)

    # What the player calls -------------------------------------------------------------

    def show_screen(
        self,
        screen: PhoneScreen | None,
        lang: str | None = None,
        media: Callable[[str | None], Path | None] | None = None,
    ) -> None:
        """Draw ``screen`` (None: the phone is dark)."""
        self._screen = screen
        if lang is not None:
            self._lang = lang
        if media is not None:
            self._media = media
        self.highlight(None)
        self._rebuild()

    def element_widget(self, element_id: str | None) -> QWidget | None:
        if self._body is None or not element_id:
            return None
        if self._body.objectName() == element_id:
            return self._body
        return self._body.findChild(QWidget, element_id)

    def field(self, element_id: str) -> QLineEdit | None:
        """The line edit of a text field element."""
        widget = self.element_widget(element_id)
        return None if widget is None else widget.findChild(QLineEdit, f"{element_id}-input")

    def submit_text(self, element_id: str) -> None:
        edit = self.field(element_id)
        if edit is not None:
            self.text_entered.emit(edit.text(), element_id)

    def highlight(self, element_id: str | None) -> None:
        """Ring the element in thick, breathing yellow (None: no ring)."""
        self.highlighted = element_id
        if element_id and self.element_widget(element_id) is not None:
            if self._pulse.state() != QVariantAnimation.State.Running:
                self._pulse.start()
        else:
            self.highlighted = None
            self._pulse.stop()
        self._overlay.update()

    def flash_wrong(self) -> None:
        """A soft red flash and a small shake: gentle, silent."""
        self._flash.stop()
        self._flash.start()

    def screen_rect(self) -> QRect:
        return QRect(self._glass)

    # Layout and painting ---------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        w, h = self.width(), self.height()
        fw = min(w, h / ASPECT)
        fh = fw * ASPECT
        self._frame = QRectF((w - fw) / 2, (h - fh) / 2, fw, fh)
        side = max(8.0, fw * 0.035)
        top = max(18.0, fw * 0.07)
        self._glass = self._frame.adjusted(side, top, -side, -side * 1.6).toRect()
        self._overlay.setGeometry(self.rect())
        unit = self._glass.width() / DESIGN_WIDTH
        if abs(unit - self._unit) > 0.01:
            self._unit = unit
            self._rebuild()
        elif self._body is not None:
            self._body.setGeometry(self._glass)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        f = self._frame
        radius = f.width() * 0.12
        painter.setPen(QPen(QColor("#5f6368"), 3))
        painter.setBrush(QColor("#1b1b1b"))
        painter.drawRoundedRect(f, radius, radius)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#3c4043"))
        cam = f.width() * 0.025
        painter.drawEllipse(
            QPointF(f.center().x(), f.top() + (self._glass.top() - f.top()) / 2), cam, cam
        )
        painter.setBrush(QColor("#0d0d0d") if self._body is None else QColor("white"))
        painter.drawRect(self._glass)
        bar = QRectF(0, 0, f.width() * 0.3, 5)
        bar.moveCenter(QPointF(f.center().x(), (self._glass.bottom() + f.bottom()) / 2))
        painter.setBrush(QColor("#9aa0a6"))
        painter.drawRoundedRect(bar, 2.5, 2.5)
        painter.end()

    def _rebuild(self) -> None:
        old, self._body = self._body, None
        if old is not None:
            old.hide()
            old.setParent(None)  # out of the phone at once: element ids stay unique
            old.deleteLater()
        if self._screen is None or self._unit <= 0:
            self.update()
            return
        ctx = RenderContext(self._lang, self._unit, self._media, self._tr)
        body = renderer_for(self._screen.app).render(self._screen, ctx)
        body.setParent(self)
        body.setGeometry(self._glass)
        self._wire(body)
        self._body = body
        body.show()
        self._overlay.raise_()
        self.update()

    def _wire(self, body: QWidget) -> None:
        for widget in [body, *body.findChildren(QWidget)]:
            if not _is_internal(widget, body):
                widget.installEventFilter(self)
        for keypad in body.findChildren(KeypadWidget):
            element_id = keypad.objectName()
            keypad.entered.connect(lambda d, e=element_id: self.keypad_entered.emit(d, e))
        for edit in body.findChildren(QLineEdit):
            element_id = edit.objectName().removesuffix("-input")
            edit.returnPressed.connect(lambda e=element_id: self.submit_text(e))
        codes = [e for e in self._screen.elements if e.type == "qr_code"] if self._screen else []
        for element in self._screen.elements if self._screen else []:
            shutter = body.findChild(QPushButton, f"{element.id}-shutter")
            if element.type == "camera_viewfinder" and shutter is not None and codes:
                payload = codes[0].payload
                shutter.clicked.connect(lambda _=False, p=payload: self.qr_scanned.emit(p))

    # Gestures --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseMove,
            QEvent.Type.MouseButtonDblClick,
        ) or not isinstance(event, QMouseEvent):
            return False
        pos = event.globalPosition()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self._press = (_element_of(watched, self._body), pos, time.monotonic())
            self._long_fired = False
            self._long_timer.start()
        elif kind == QEvent.Type.MouseMove and self._press is not None:
            if _distance(pos, self._press[1]) > SWIPE_PX:
                self._long_timer.stop()
        elif kind == QEvent.Type.MouseButtonRelease and self._press is not None:
            self._long_timer.stop()
            element_id, start, _t = self._press
            self._press = None
            if self._long_fired:
                return True
            dx, dy = pos.x() - start.x(), pos.y() - start.y()
            if math.hypot(dx, dy) > SWIPE_PX:
                direction = (
                    ("right" if dx > 0 else "left")
                    if abs(dx) > abs(dy)
                    else ("down" if dy > 0 else "up")
                )
                self.swiped.emit(direction, element_id)
            elif element_id is not None:
                self._tap(element_id)
        return True

    def _tap(self, element_id: str) -> None:
        screen = self._screen
        element = screen.element(element_id) if screen else None
        in_camera = screen is not None and any(
            e.type == "camera_viewfinder" for e in screen.elements
        )
        if element is not None and element.type == "qr_code" and in_camera:
            self.qr_scanned.emit(element.payload)
        else:
            self.tapped.emit(element_id)

    def _on_long_press(self) -> None:
        if self._press is not None and self._press[0] is not None:
            self._long_fired = True
            self.long_pressed.emit(self._press[0])

    def _on_pulse(self, value: object) -> None:
        self._overlay.pulse = float(value)  # type: ignore[arg-type]
        self._overlay.update()

    def _on_flash(self, value: object) -> None:
        strength = float(value)  # type: ignore[arg-type]
        self._overlay.flash = strength
        if self._body is not None:
            shake = round(6 * strength * math.sin((1 - strength) * math.pi * 6))
            self._body.move(self._glass.x() + shake, self._glass.y())
        self._overlay.update()


def _element_of(widget: QObject, body: QWidget | None) -> str | None:
    node: QObject | None = widget
    while node is not None and node is not body:
        element_id = node.property(ELEMENT_ID)
        if element_id:
            return str(element_id)
        node = node.parent()
    return None


def _is_internal(widget: QObject, body: QWidget) -> bool:
    node: QObject | None = widget
    while node is not None and node is not body:
        if node.property(INTERNAL):
            return True
        node = node.parent()
    return False


def _distance(a: QPointF, b: QPointF) -> float:
    return math.hypot(a.x() - b.x(), a.y() - b.y())
