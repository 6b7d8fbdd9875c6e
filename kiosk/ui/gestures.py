"""The hidden staff gesture: a 3-second press on the top-left corner."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

CORNER_PX = 90
HOLD_MS = 3000


class CornerLongPress(QObject):
    """Emits ``triggered`` when a press stays inside the corner for ``HOLD_MS``."""

    triggered = Signal()

    def __init__(self, window: QWidget, hold_ms: int = HOLD_MS) -> None:
        super().__init__(window)
        self._window = window
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self.triggered)

    def _in_corner(self, global_pos: QPoint) -> bool:
        local = self._window.mapFromGlobal(global_pos)
        return 0 <= local.x() < CORNER_PX and 0 <= local.y() < CORNER_PX

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            pos = self._global_pos(event)
            if pos is not None and self._in_corner(pos):
                if not self._timer.isActive():
                    self._timer.start()
            else:
                self._timer.stop()
        elif kind in (QEvent.Type.MouseMove, QEvent.Type.TouchUpdate):
            pos = self._global_pos(event)
            if self._timer.isActive() and (pos is None or not self._in_corner(pos)):
                self._timer.stop()
        elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd):
            self._timer.stop()
        return False

    @staticmethod
    def _global_pos(event: QEvent) -> QPoint | None:
        if isinstance(event, QMouseEvent):
            return event.globalPosition().toPoint()
        if isinstance(event, QTouchEvent) and event.points():
            return event.points()[0].globalPosition().toPoint()
        return None
