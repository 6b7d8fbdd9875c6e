"""The player's look (style sheet), its stage (the phone or a picture, sized to fit), and the
sheet over a finished step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedWidget, QWidget

from kiosk.ui import theme
from kiosk.ui.phone.parts import picture
from kiosk.ui.screens.player_parts import RIGHT_GREEN

ASPECT = 19.5 / 9  # a phone screen's height to width
TICK_MS = 1000  # how often the player asks the engine whether a hint is due
# How long a finished step stays on screen with its feedback before the next one (a touch
# anywhere goes on sooner): long enough to see the tick, longer to hear the right answer.
RIGHT_PAUSE_MS = 1500
ANSWER_PAUSE_MS = 6000


STYLE = f"""
QLabel#narration {{ font-size: 30px; }}
QLabel#step-count {{ color: {theme.MUTED}; font-size: 22px; }}
QLabel#hint {{ background: #fff3c4; border: 2px solid #b58900; border-radius: 12px;
               padding: 10px 16px; font-size: 26px; }}
QFrame#feedback {{ border-radius: 12px; }}
QFrame#feedback[kind="right"] {{ background: #e6f4ea; border: 2px solid {RIGHT_GREEN}; }}
QFrame#feedback[kind="wrong"] {{ background: #fdf0e1; border: 2px solid #b26a00; }}
QLabel#feedback-text {{ font-size: 26px; background: transparent; }}
QPushButton[quiz="true"] {{ min-height: 80px; padding: 0px; }}
QPushButton#hearing {{ padding: 4px 8px; }}
QPushButton[quiz="true"] QLabel {{ font-size: 26px; font-weight: bold; color: {theme.PRIMARY};
                                   background: transparent; }}
QPushButton[quiz="true"] QLabel[tried="true"] {{ color: {theme.MUTED}; }}
QPushButton[quiz="true"]:checked {{ background: {theme.ACCENT}; color: {theme.INK};
                                    border: 4px solid {theme.INK}; }}
QPushButton[quiz="true"][answer="true"] {{ background: #e6f4ea; border: 4px solid {RIGHT_GREEN}; }}
"""


class Stage(QStackedWidget):
    """Holds the phone or the step's picture; prefers a width that fits, but may shrink."""

    def __init__(self, phone: QWidget) -> None:
        super().__init__()
        self._target = 360
        self.setMinimumWidth(280)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.phone = phone
        self.picture = QLabel()
        self.picture.setObjectName("stage-picture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The picture is scaled to the stage: its pixmap must never hold the window wide.
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.addWidget(phone)
        self.addWidget(self.picture)
        self._picture_file: Path | None = None
        self._space = QSize(1366, 768)

    def show_phone(self) -> None:
        self._picture_file = None
        self.setCurrentWidget(self.phone)
        self.fit(self._space)
        self.show()

    def show_picture(self, file: Path | None) -> None:
        self._picture_file = file
        self.setCurrentWidget(self.picture)
        self.fit(self._space)
        self.show()

    def fit(self, space: QSize) -> None:
        """Size for a player of ``space``: the phone as wide as its height allows, a picture
        a third of the width, scaled whole into what is left."""
        self._space = space
        phone = max(280, round((space.height() - 32) / ASPECT))
        showing_picture = self.currentWidget() is self.picture
        self.set_target(max(phone, round(space.width() * 0.32)) if showing_picture else phone)
        if showing_picture:
            pix = picture(self._picture_file, self._target, max(space.height() - 64, 320))
            self.picture.setPixmap(pix) if pix is not None else self.picture.clear()

    def set_target(self, width: int) -> None:
        # A preferred width, not a fixed one: a fixed width taken from a bigger window
        # would stop the window from ever shrinking again.
        if width != self._target:
            self._target = width
            self.setMaximumWidth(width)
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(self._target, super().sizeHint().height())


class GoOn(QWidget):
    """A clear sheet over the finished step: a touch anywhere goes on to the next step."""

    touched = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.touched.emit()
