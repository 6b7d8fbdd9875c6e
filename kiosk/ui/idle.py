"""Idle reset: after a quiet spell, ask "Bạn còn ở đây không?" (aloud too) and count down."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.widgets import button, label

QUESTION = "idle.title"

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.Wheel,
    }
)


class IdleWatcher(QObject):
    """Watches all input to the application; emits ``idle`` after the timeout."""

    idle = Signal()
    activity = Signal()

    def __init__(self, timeout_s: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_timeout(timeout_s)
        self.enabled = True

    def set_timeout(self, timeout_s: int) -> None:
        self._timer.setInterval(timeout_s * 1000)
        self.restart()

    def restart(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            if self.enabled:
                self._timer.start()
            self.activity.emit()
        return False


class IdleOverlay(QFrame):
    """A dimmed layer over the whole window with a big countdown card."""

    stay = Signal()
    expired = Signal()
    hear = Signal(object)  # list of lines to say (kiosk.ui.spoken)

    def __init__(self, tr: Callable[..., str], parent: QWidget) -> None:
        super().__init__(parent)
        self._tr = tr
        self.setObjectName("overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(900)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(48, 40, 48, 40)
        self._heading = QHBoxLayout()
        self._heading.setSpacing(16)
        self.title = label("", "heading", center=True)
        self._heading.addWidget(self.title, 1)
        self.speaker: QPushButton | None = None  # made when first shown, long after start-up
        inner.addLayout(self._heading)
        self.body = label("", "lead", center=True)
        inner.addWidget(self.body)
        self.stay_button = stay = button("", "primary")
        stay.clicked.connect(self._stay)
        inner.addWidget(stay)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self._left = 0
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count)
        self.hide()

    def start(self, seconds: int) -> None:
        if self.speaker is None:
            from kiosk.ui.spoken import speaker_for

            self.speaker = speaker_for([QUESTION], self.hear.emit)
            self._heading.addWidget(self.speaker, 0, Qt.AlignmentFlag.AlignVCenter)
        self._left = seconds
        self._render()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self._tick.start()

    def spoken_lines(self) -> list[str]:
        """What the overlay says when it appears: the question."""
        return [QUESTION]

    def cancel(self) -> None:
        self._tick.stop()
        self.hide()

    def _stay(self) -> None:
        self.cancel()
        self.stay.emit()

    def _count(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self.cancel()
            self.expired.emit()
        else:
            self._render()

    def _render(self) -> None:
        # Rendered on every tick so a language change during a session shows up here too.
        self.title.setText(self._tr(QUESTION))
        self.stay_button.setText(self._tr("idle.stay"))
        self.body.setText(self._tr("idle.body", seconds=self._left))
