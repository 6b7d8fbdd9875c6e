"""The player's look (style sheet) and its stage: the phone or a picture, sized to fit."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSizePolicy, QStackedWidget

from kiosk.ui import theme
from kiosk.ui.screens.player_parts import RIGHT_GREEN

ASPECT = 19.5 / 9  # a phone screen's height to width
TICK_MS = 1000  # how often the player asks the engine whether a hint is due

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
QPushButton[quiz="true"] QLabel {{ font-size: 26px; font-weight: bold; color: {theme.PRIMARY};
                                   background: transparent; }}
QPushButton[quiz="true"] QLabel[tried="true"] {{ color: {theme.MUTED}; }}
QPushButton[quiz="true"]:checked {{ background: {theme.ACCENT}; color: {theme.INK};
                                    border: 4px solid {theme.INK}; }}
QPushButton#stage-picture {{ border: none; }}
"""


class Stage(QStackedWidget):
    """Holds the phone or the picture; prefers ``target`` px wide but may shrink."""

    def __init__(self) -> None:
        super().__init__()
        self._target = 360
        self.setMinimumWidth(280)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_target(self, width: int) -> None:
        if width != self._target:
            self._target = width
            self.setMaximumWidth(width)
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(self._target, super().sizeHint().height())
