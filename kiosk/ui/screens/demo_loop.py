"""The attract loop of demonstration mode: short animated stories on the simulated phone,
one after another while nobody touches the screen; any touch asks for the presenter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEasingCurve, QPropertyAnimation, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui import theme
from kiosk.ui.flows.demo import Demonstration
from kiosk.ui.phone import PhoneView
from kiosk.ui.phone.view import ASPECT
from kiosk.ui.widgets import label

FADE_MS = 700
_STYLE = f"""
QLabel#demo-kicker {{ color: {theme.MUTED}; font-size: 24px; font-weight: bold; }}
QLabel#demo-title {{ font-size: 48px; font-weight: bold; color: {theme.PRIMARY}; }}
QLabel#demo-caption {{ font-size: 30px; }}
QLabel#callout {{ border-radius: 16px; padding: 16px 24px; font-size: 32px; font-weight: bold; }}
QLabel#callout[kind="check"] {{ background: #fff3c4; border: 4px solid #b58900;
                                color: {theme.INK}; }}
QLabel#callout[kind="danger"] {{ background: {theme.DANGER}; border: 4px solid #6d0e11;
                                 color: white; }}
QLabel#callout[kind="ok"] {{ background: #e6f4ea; border: 4px solid #1b6e20; color: {theme.INK}; }}
QLabel#touch-me {{ background: {theme.PRIMARY}; color: white; border-radius: 16px;
                   padding: 12px 32px; font-size: 30px; font-weight: bold; }}
QLabel#dot {{ border-radius: 9px; background: #c9c4b5; }}
QLabel#dot[current="true"] {{ background: {theme.PRIMARY}; }}
"""


class _TouchLayer(QWidget):
    """Lies over the whole loop: a touch anywhere (the phone too) is one signal."""

    pressed = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.pressed.emit()
        event.accept()


class DemoLoopScreen(QWidget):
    """Cycles ``demos`` every ``interval_ms``; each shows its frames in turn, the callout
    fading in. Signals: ``touched``, ``demo_changed(int)``."""

    touched = Signal()
    demo_changed = Signal(int)

    def __init__(
        self,
        tr: Callable[..., str],
        demos: Sequence[Demonstration],
        lang: str,
        interval_ms: int,
    ) -> None:
        super().__init__()
        self.setObjectName("demo-loop")
        self.setStyleSheet(_STYLE)
        self.t = tr
        self.demos = list(demos)
        self.lang = lang
        self.index = 0
        self.frame = 0
        row = QHBoxLayout(self)
        row.setContentsMargins(48, 24, 48, 24)
        row.setSpacing(48)
        self.phone = PhoneView(tr, lang)
        row.addWidget(self.phone)
        column = QVBoxLayout()
        column.setSpacing(18)
        column.addWidget(label(tr("demo.kicker"), "demo-kicker", wrap=False))
        self.title = label("", "demo-title")
        column.addWidget(self.title)
        self.caption = label("", "demo-caption")
        column.addWidget(self.caption)
        self.callout = label("", "callout")
        self.fade = QGraphicsOpacityEffect(self.callout)
        self.callout.setGraphicsEffect(self.fade)
        self.fade_in = QPropertyAnimation(self.fade, b"opacity", self)
        self.fade_in.setStartValue(0.0)
        self.fade_in.setEndValue(1.0)
        self.fade_in.setDuration(FADE_MS)
        self.fade_in.setEasingCurve(QEasingCurve.Type.OutCubic)
        column.addWidget(self.callout)
        column.addStretch(1)
        dots = QHBoxLayout()
        self.dots: list[QLabel] = []
        for _ in self.demos:
            dot = label("", "dot")
            dot.setFixedSize(18, 18)
            self.dots.append(dot)
            dots.addWidget(dot)
        dots.addStretch(1)
        column.addLayout(dots)
        touch = label(tr("demo.touch"), "touch-me", center=True)
        column.addWidget(touch)
        row.addLayout(column, 1)

        self.layer = _TouchLayer(self)
        self.layer.pressed.connect(self.touched)
        self.timer = QTimer(self)
        self.timer.setInterval(max(1, interval_ms // 2))  # two frames per demonstration
        self.timer.timeout.connect(self.advance)
        self.show_demo(0)
        self.timer.start()

    def show_demo(self, index: int, frame: int = 0) -> None:
        if not self.demos:
            return
        self.index, self.frame = index % len(self.demos), frame
        demo = self.demos[self.index]
        shown = demo.frames[min(frame, len(demo.frames) - 1)]
        self.title.setText(self.t(demo.title))
        self.caption.setText(self.t(shown.caption))
        self.callout.setText(self.t(shown.callout))
        self.callout.setProperty("kind", shown.kind)
        self.callout.style().unpolish(self.callout)
        self.callout.style().polish(self.callout)
        self.phone.show_screen(shown.screen, self.lang)
        if frame == 0:
            self.fade.setOpacity(0.0)
            self.fade_in.start()
            self.demo_changed.emit(self.index)
        for i, dot in enumerate(self.dots):
            dot.setProperty("current", i == self.index)
            dot.style().unpolish(dot)
            dot.style().polish(dot)

    def advance(self) -> None:
        """The next frame, or the next demonstration after the last frame."""
        frames = len(self.demos[self.index].frames) if self.demos else 1
        if self.frame + 1 < frames:
            self.show_demo(self.index, self.frame + 1)
        else:
            self.show_demo(self.index + 1)

    def save_progress(self) -> None:
        """Leaving the screen (the controller's cleanup): stop the clock."""
        self.timer.stop()
        self.fade_in.stop()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.phone.setFixedWidth(max(260, round((self.height() - 48) / ASPECT)))
        self.layer.setGeometry(self.rect())
        self.layer.raise_()
