"""The presenter of demonstration mode: pick any lesson from the tiles, then step through
it forwards and backwards with two big buttons. The lesson plays on a session that
saves nothing (``kiosk.ui.flows.demo.DemoSession``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk.learning.catalogue import LessonTile
from kiosk.ui import theme
from kiosk.ui.audio import Narrator
from kiosk.ui.flows.demo import DemoSession
from kiosk.ui.screens.catalogue import CatalogueScreen
from kiosk.ui.screens.lesson_player import LessonPlayerScreen
from kiosk.ui.widgets import button, label

ICON_PX = 36
_STYLE = f"""
QPushButton#step-button {{ background: {theme.PRIMARY}; color: white; font-size: 30px;
                           min-height: 80px; min-width: 220px; }}
QPushButton#step-button:pressed {{ background: {theme.PRIMARY_PRESSED}; }}
QPushButton#step-button:disabled {{ background: #c9c4b5; color: {theme.INK}; }}
QLabel#demo-badge {{ background: {theme.ACCENT}; border-radius: 10px; padding: 4px 16px;
                     font-weight: bold; }}
"""


def triangle(pointing_left: bool, size: int = ICON_PX, color: str = "white") -> QIcon:
    """A filled play triangle (the shipped font has no ◀ ▶ glyphs)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    s = float(size)
    tip, back = (s * 0.15, s * 0.85) if pointing_left else (s * 0.85, s * 0.15)
    painter.drawPolygon(QPolygonF([QPointF(tip, s / 2), QPointF(back, s * 0.12),
                                   QPointF(back, s * 0.88)]))  # fmt: skip
    painter.end()
    return QIcon(pixmap)


class DemoPresenterScreen(QWidget):
    """Signals: ``loop_requested`` (back to the attract loop), ``staff_requested``."""

    loop_requested = Signal()
    staff_requested = Signal()

    def __init__(
        self,
        tr: Callable[..., str],
        tiles: Sequence[LessonTile],
        lang: str,
        narrator: Narrator,
        open_session: Callable[[str], DemoSession],
    ) -> None:
        super().__init__()
        self.setStyleSheet(_STYLE)
        self.t = tr
        self.lang = lang
        self.narrator = narrator
        self._open_session = open_session
        self.session: DemoSession | None = None
        self.player: LessonPlayerScreen | None = None
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        root.addWidget(self.pages)

        self.catalogue = CatalogueScreen(tr, lang, tiles, None)
        self.catalogue.greeting.setText(tr("demo.pick_title"))
        self.catalogue.note.setText(tr("demo.pick_note"))
        self.catalogue.leave.setText(tr("demo.to_loop"))
        self.catalogue.leave_requested.connect(self.loop_requested)
        self.catalogue.lesson_chosen.connect(self.open_lesson)
        self.pages.addWidget(self.catalogue)

        self.stage = QWidget()
        column = QVBoxLayout(self.stage)
        column.setContentsMargins(0, 0, 0, 8)
        column.setSpacing(0)
        self.player_holder = QVBoxLayout()
        column.addLayout(self.player_holder, 1)
        bar = QHBoxLayout()
        bar.setContentsMargins(24, 0, 24, 0)
        bar.setSpacing(16)
        bar.addWidget(label(tr("demo.badge"), "demo-badge", wrap=False))
        self.lessons_button = button(tr("demo.other_lesson"))
        self.lessons_button.clicked.connect(self.show_lessons)
        bar.addWidget(self.lessons_button)
        staff = button(tr("demo.staff"))
        staff.clicked.connect(self.staff_requested)
        bar.addWidget(staff)
        bar.addStretch(1)
        self.back_button = self._step_button(tr("demo.back"), pointing_left=True)
        self.back_button.clicked.connect(self.step_back)
        self.next_button = self._step_button(tr("demo.next"), pointing_left=False)
        self.next_button.clicked.connect(self.step_forward)
        bar.addWidget(self.back_button)
        bar.addWidget(self.next_button)
        column.addLayout(bar)
        self.pages.addWidget(self.stage)

    def _step_button(self, text: str, *, pointing_left: bool) -> QPushButton:
        widget = button(text, "step-button")
        widget.setIcon(triangle(pointing_left))
        widget.setIconSize(QSize(ICON_PX, ICON_PX))
        if not pointing_left:  # "Tiếp" with its triangle after the word
            widget.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        return widget

    # What the presenter does -------------------------------------------------------------

    def open_lesson(self, lesson_id: str) -> None:
        self._drop_player()
        self.session = self._open_session(lesson_id)
        player = LessonPlayerScreen(self.t, self.session, self.lang, self.narrator)  # type: ignore[arg-type]
        player.exit_requested.connect(self.show_lessons)
        player.retry_requested.connect(self.restart)
        player.finished.connect(lambda _result: self._sync())
        self.player = player
        self.player_holder.addWidget(player)
        self.pages.setCurrentWidget(self.stage)
        self._sync()

    def step_forward(self) -> None:
        if self.session is None or self.player is None or self.session.finished:
            return
        self.session.forward()
        self._redraw()

    def step_back(self) -> None:
        if self.session is None or self.player is None:
            return
        self.session.back()
        self._redraw()

    def restart(self) -> None:
        if self.session is not None:
            self.session.restart()
            self._redraw()

    def show_lessons(self) -> None:
        self._drop_player()
        self.pages.setCurrentWidget(self.catalogue)

    def save_progress(self) -> None:
        """Leaving the screen: silence and stop the player; there is nothing to save."""
        self._drop_player()

    # Inside ------------------------------------------------------------------------------

    def _redraw(self) -> None:
        player = self.player
        assert player is not None and self.session is not None
        player.feedback.clear()
        if not self.session.finished:
            player.pages.setCurrentIndex(0)  # back from the result page
            player.timer.start()
        player.show_step()
        self._sync()

    def _sync(self) -> None:
        session = self.session
        if session is None:
            return
        self.back_button.setEnabled(session.finished or session.index > 0)
        self.next_button.setEnabled(not session.finished)

    def _drop_player(self) -> None:
        if self.player is not None:
            self.player.timer.stop()
            self.narrator.stop()
            self.player_holder.removeWidget(self.player)
            self.player.deleteLater()
            self.player = None
        self.session = None
