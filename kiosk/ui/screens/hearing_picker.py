"""The hearing-language picker: one big tile per language to hear, over any learner screen.

A tile shows the language's picture and its name; its loudspeaker plays the language's
sample (or the Vietnamese voice says its name). Touching a tile chooses the language for
the rest of the visit; the text on screen does not change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.content.speech import Clip
from kiosk.ui import pictograms
from kiosk.ui.pickers import PICKER_STYLE
from kiosk.ui.widgets import button, label, speaker_button
from kiosk.voices.hearing import language_clip
from kiosk.voices.languages import HearingLanguage

PICTURE_PX = 190


class LanguageTile(QPushButton):
    """A big, checkable tile: the picture above the name."""

    def __init__(self, language: HearingLanguage, current: bool) -> None:
        super().__init__()
        self.setObjectName("tile")
        self.setCheckable(True)
        self.setChecked(current)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(language.name)
        self.code = language.code
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        picture = label("", center=True)
        picture.setPixmap(pictograms.file_pixmap(language.picture, PICTURE_PX, "speaker"))
        picture.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column.addWidget(picture)
        self.title = label(language.name, "tile_title", center=True)
        self.title.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column.addWidget(self.title)
        self.setMinimumSize(QSize(PICTURE_PX + 120, PICTURE_PX + 110))

    def sizeHint(self) -> QSize:
        return QSize(PICTURE_PX + 160, PICTURE_PX + 120)


class HearingPicker(QFrame):
    """The picker, laid over the window; ``chosen(code)`` or ``closed``."""

    chosen = Signal(str)
    closed = Signal()
    hear = Signal(object)  # list of clips to say

    def __init__(self, tr: Callable[..., str], parent: QWidget) -> None:
        super().__init__(parent)
        self._tr = tr
        self.setObjectName("overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(PICKER_STYLE)
        self.tiles: dict[str, LanguageTile] = {}
        self.speakers: dict[str, QPushButton] = {}
        self._clips: list[Clip] = []
        self._card: QFrame | None = None
        outer = self._outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        self.hide()

    def open(self, languages: Sequence[HearingLanguage], current: str) -> None:
        """Show one tile per language, ``current`` ticked; says each language in turn."""
        if self._card is not None:
            self._outer.removeWidget(self._card)
            self._card.deleteLater()
        self.tiles.clear()
        self.speakers.clear()
        self._card = card = QFrame()
        card.setObjectName("card")
        column = QVBoxLayout(card)
        column.setContentsMargins(40, 28, 40, 28)
        column.setSpacing(18)
        heading = QHBoxLayout()
        icon = label("")
        icon.setPixmap(pictograms.icon("speaker", 96).pixmap(56, 56))
        heading.addWidget(icon)
        heading.addWidget(label(self._tr("hearing.title"), "heading"), 1)
        column.addLayout(heading)
        grid = QGridLayout()
        grid.setSpacing(24)
        self._clips = []
        per_row = 3 if len(languages) <= 6 else 4
        for index, language in enumerate(languages):
            tile = LanguageTile(language, language.code == current)
            tile.clicked.connect(lambda _=False, code=language.code: self._choose(code))
            clip = language_clip(language)
            self._clips.append(clip)
            speaker = speaker_button(clip.key)
            speaker.clicked.connect(lambda _=False, c=clip: self.hear.emit([c]))
            cell = QVBoxLayout()
            cell.addWidget(tile, 1)
            cell.addWidget(speaker, 0, Qt.AlignmentFlag.AlignHCenter)
            grid.addLayout(cell, index // per_row, index % per_row)
            self.tiles[language.code] = tile
            self.speakers[language.code] = speaker
        column.addLayout(grid, 1)
        row = QHBoxLayout()
        self.back = button(self._tr("common.back"))
        self.back.setIcon(pictograms.icon("back"))
        self.back.setIconSize(QSize(28, 28))
        self.back.clicked.connect(self.close_picker)
        row.addWidget(self.back)
        row.addStretch(1)
        column.addLayout(row)
        self._outer.addWidget(card)
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def spoken_lines(self) -> list[Clip]:
        """Each language's name or sample, in the tiles' order."""
        return list(self._clips)

    def _choose(self, code: str) -> None:
        for tile_code, tile in self.tiles.items():
            tile.setChecked(tile_code == code)
        self.hide()
        self.chosen.emit(code)

    def close_picker(self) -> None:
        self.hide()
        self.closed.emit()
