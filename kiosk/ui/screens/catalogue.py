"""The lesson catalogue: big tiles by track, done lessons marked, touch scrolling.

It says its lead, then each track's name and its lessons' titles; a loudspeaker on each
track heading and each tile says just that name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.speech import TITLE, Clip, Voice
from kiosk.learning.catalogue import LessonTile, tracks_in
from kiosk.ui import pictograms
from kiosk.ui.pickers import PICKER_STYLE, icon_label
from kiosk.ui.spoken import Say, Spoken, listen_again_button, speaker_for
from kiosk.ui.widgets import button, label

TILE_ICON_PX = 88
TILE_MIN_HEIGHT = 180
WIDE_PX = 1600  # three columns of tiles from this window width, else two

CATALOGUE_STYLE = (
    PICKER_STYLE
    + """
QPushButton#tile[done="true"] { border: 4px solid #1e7b34; }
QPushButton#tile QLabel#done { background: #1e7b34; color: white; font-weight: bold;
                               border-radius: 10px; padding: 2px 12px; }
QLabel#lesson_title { font-size: 26px; font-weight: bold; color: #0a4d8c; }
QPushButton#track { padding: 4px 12px; min-height: 72px; text-align: left; }
QPushButton#track[current="true"] { background: #ffd23f; color: #1b1b1b; border-width: 4px; }
QScrollArea { border: none; }
"""
)


def first_name(full_name: str) -> str:
    """The name people are called by: in Vietnamese, the last word ("Lò Thị Lan" -> "Lan")."""
    words = full_name.split()
    return words[-1] if words else full_name


class LessonTileButton(QPushButton):
    """One lesson: its icon with a loudspeaker for its title under it, the title, minutes
    and, when done, a green badge. The loudspeaker is under the icon, not beside the title,
    so a long title keeps its width (beside it, four-line titles were cut off)."""

    def __init__(
        self, tr: Callable[..., str], tile: LessonTile, title: Clip | None, say: Say
    ) -> None:
        super().__init__()
        self.tile = tile
        self.setObjectName("tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(tile.title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        row = self._row = QHBoxLayout(self)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(16)
        icon = QLabel()
        icon.setPixmap(pictograms.file_pixmap(tile.icon_path, TILE_ICON_PX, tile.track))
        icon.setFixedSize(TILE_ICON_PX, TILE_ICON_PX)
        picture = QVBoxLayout()
        picture.setSpacing(8)
        picture.addWidget(icon, 0, Qt.AlignmentFlag.AlignHCenter)
        picture.addStretch(1)
        row.addLayout(picture)
        text = QVBoxLayout()
        text.setSpacing(6)
        self.title = label(tile.title, "lesson_title")
        text.addWidget(self.title)
        text.addStretch(1)
        text.addWidget(label(tr("catalogue.minutes", minutes=tile.minutes), "muted", wrap=False))
        self.badge: QWidget | None = None
        if tile.done_score is not None:
            self.setProperty("done", True)
            self.badge = QWidget()
            badge_row = QHBoxLayout(self.badge)
            badge_row.setContentsMargins(0, 0, 0, 0)
            badge_row.setSpacing(8)
            badge_row.addWidget(icon_label("check", 36))
            badge_row.addWidget(
                label(tr("catalogue.done", score=tile.done_score), "done", wrap=False)
            )
            badge_row.addStretch(1)
            text.addWidget(self.badge)
        row.addLayout(text, 1)
        for child in self.findChildren(QWidget):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # After the loop: the loudspeaker takes its own taps, the rest of the tile opens it.
        self.speaker = None if title is None else speaker_for([title], say)
        if self.speaker is not None:
            picture.insertWidget(1, self.speaker, 0, Qt.AlignmentFlag.AlignHCenter)
        self._least_height = max(TILE_MIN_HEIGHT, row.minimumSize().height())
        self.setMinimumHeight(self._least_height)

    def sizeHint(self) -> QSize:
        return self._row.sizeHint().expandedTo(QSize(320, self._least_height))

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self._least_height)

    def heightForWidth(self, width: int) -> int:
        return max(self._least_height, self._row.heightForWidth(width))

    def hasHeightForWidth(self) -> bool:
        return True


class CatalogueScreen(QWidget):
    """``titles`` holds each lesson's title clip (lesson id -> clip, from its pack); a
    lesson without one is read by a system voice. Without ``titles`` the catalogue does not
    speak and has no loudspeakers (the demo presenter's, where staff do the talking)."""

    lesson_chosen = Signal(str)
    leave_requested = Signal()
    hear = Signal(object)  # list of lines to say (kiosk.ui.spoken)

    def __init__(
        self,
        tr: Callable[..., str],
        lang: str,
        tiles: Sequence[LessonTile],
        learner_name: str | None,
        titles: Mapping[str, Clip] | None = None,
    ) -> None:
        super().__init__()
        self.lang = lang
        self._lines: list[Spoken] = []
        self.setStyleSheet(CATALOGUE_STYLE)
        root = QVBoxLayout(self)
        root.setContentsMargins(32, 16, 32, 8)
        root.setSpacing(8)

        header = QHBoxLayout()
        header.addWidget(icon_label("person" if learner_name else "guest", 56))
        greeting = (
            tr("catalogue.hello", name=first_name(learner_name))
            if learner_name
            else tr("catalogue.guest")
        )
        self.greeting = label(greeting, "heading", wrap=False)
        header.addWidget(self.greeting)
        header.addSpacing(16)
        note = "catalogue.lead" if learner_name else "catalogue.guest_note"
        speaks = self._speaks = titles is not None
        self._lines.append(note)
        self.note = label(tr(note), "muted")
        header.addWidget(self.note, 1)
        if speaks:
            self.listen_again = listen_again_button(tr, self.hear.emit, self.spoken_lines)
            header.addWidget(self.listen_again)
        self.leave = button(tr("catalogue.leave"))
        self.leave.setIcon(pictograms.icon("home"))
        self.leave.setIconSize(QSize(36, 36))
        self.leave.clicked.connect(self.leave_requested)
        header.addWidget(self.leave)
        root.addLayout(header)

        body = QHBoxLayout()
        body.setSpacing(16)
        root.addLayout(body, 1)
        tracks = tracks_in(tiles)
        self.track_buttons: dict[str, QPushButton] = {}
        if len(tracks) > 1:
            bar = QVBoxLayout()
            bar.setSpacing(8)
            for track in tracks:
                btn = button(tr(f"track.{track}"), "track")
                btn.setIcon(pictograms.icon(track))
                btn.setIconSize(QSize(40, 40))
                btn.clicked.connect(lambda _=False, t=track: self.show_track(t))
                self.track_buttons[track] = btn
                bar.addWidget(btn)
            bar.addStretch(1)
            body.addLayout(bar)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        lay = QVBoxLayout(content)
        lay.setContentsMargins(0, 0, 12, 16)
        lay.setSpacing(12)
        self.sections: dict[str, QWidget] = {}
        self.grids: dict[str, QGridLayout] = {}
        self.tiles: dict[str, LessonTileButton] = {}
        for track in tracks:
            heading = QWidget()
            head_row = QHBoxLayout(heading)
            head_row.setContentsMargins(0, 8, 0, 0)
            head_row.addWidget(icon_label(track, 48))
            head_row.addWidget(label(tr(f"track.{track}"), "heading", wrap=False), 1)
            if speaks:
                head_row.addWidget(speaker_for([f"track.{track}"], self.hear.emit))
            self._lines.append(f"track.{track}")
            self.sections[track] = heading
            lay.addWidget(heading)
            grid = QGridLayout()
            grid.setSpacing(16)
            for tile in tiles:
                if tile.track == track:
                    title = None
                    if titles is not None:
                        title = titles.get(tile.lesson_id) or Voice(tile.lesson_id, lang, []).clip(
                            TITLE, tile.title
                        )
                        self._lines.append(title)
                    tile_button = LessonTileButton(tr, tile, title, self.hear.emit)
                    tile_button.clicked.connect(
                        lambda _=False, lesson_id=tile.lesson_id: self.lesson_chosen.emit(lesson_id)
                    )
                    self.tiles[tile.lesson_id] = tile_button
                    grid.addWidget(tile_button)
            self.grids[track] = grid
            lay.addLayout(grid)
        if not tiles:
            lay.addWidget(label(tr("catalogue.empty"), "lead", center=True))
        lay.addStretch(1)
        self.scroll_area.setWidget(content)
        # touch: drag anywhere to scroll, with momentum; a plain tap still opens a lesson
        QScroller.grabGesture(
            self.scroll_area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._mark_current_track)
        body.addWidget(self.scroll_area, 1)
        self.columns = 0
        self._arrange(2)
        self._mark_current_track()

    def spoken_lines(self) -> list[Spoken]:
        """The lead, then each track's name followed by its lessons' titles."""
        return list(self._lines) if self._speaks else []

    def _arrange(self, columns: int) -> None:
        """Lay the tiles out in ``columns`` columns (two on 1366 px, three on wide screens)."""
        if columns == self.columns:
            return
        self.columns = columns
        for track, grid in self.grids.items():
            buttons = [t for t in self.tiles.values() if t.tile.track == track]
            for tile_button in buttons:
                grid.removeWidget(tile_button)
            for i, tile_button in enumerate(buttons):
                grid.addWidget(tile_button, i // columns, i % columns)
            for col in range(3):
                grid.setColumnStretch(col, 1 if col < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(3 if event.size().width() >= WIDE_PX else 2)
        super().resizeEvent(event)

    def show_track(self, track: str) -> None:
        """Scroll so the track's heading is at the top."""
        section = self.sections.get(track)
        if section is not None:
            self.scroll_area.verticalScrollBar().setValue(section.y())
            self._mark(track)  # the last sections cannot reach the top: mark what was asked

    def _mark_current_track(self) -> None:
        top = self.scroll_area.verticalScrollBar().value()
        current = None
        for track, section in self.sections.items():
            if current is None or section.y() <= top + 8:
                current = track
        self._mark(current)

    def _mark(self, current: str | None) -> None:
        for track, btn in self.track_buttons.items():
            btn.setProperty("current", track == current)
            btn.style().unpolish(btn)
            btn.style().polish(btn)
