"""Speaking a learner screen: its lines, a loudspeaker beside each choice, "Nghe lại".

A screen names what it says as *lines*: a message key of the learner screens
(``kiosk.content.speech.LEARNER_SCREEN_LINES``) or a ready ``Clip`` (a lesson's title,
from its pack). Its ``spoken_lines()`` are said when it appears (the controller asks, on
entering a screen); anything else it says by emitting its ``hear`` signal, which the flow
passes to ``FlowHost.say``. That finds each key's file and text in the visit's language.
Screens never touch the narrator.

Cheap to import (the welcome screen uses it): the content modules load only when a
loudspeaker button is made, and the welcome screen makes none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.ui.widgets import button, speaker_button

if TYPE_CHECKING:
    from pathlib import Path

    from kiosk.content.speech import Clip

Spoken: TypeAlias = "str | Clip"  # a learner-screen message key, or a lesson's clip
Say: TypeAlias = Callable[[list[Spoken]], None]


def spoken_key(line: Spoken) -> str:
    """The key the narrator reports for ``line`` (``_screens/<message key>`` for a key)."""
    from kiosk.content.speech import SCREENS

    return f"{SCREENS}/{line}" if isinstance(line, str) else line.key


def speaker_for(lines: Sequence[Spoken], say: Say) -> QPushButton:
    """A loudspeaker button that says ``lines`` (one choice's name, and its line if it has
    one) and nothing else; it is known by the first line's key."""
    said = list(lines)
    speaker = speaker_button(spoken_key(said[0]))
    speaker.clicked.connect(lambda _=False: say(said))
    return speaker


def with_speaker(widget: QWidget, lines: Sequence[Spoken], say: Say) -> QWidget:
    """``widget`` (a choice, a toggle) with its loudspeaker at its right."""
    row_widget = QWidget()
    row = QHBoxLayout(row_widget)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(12)
    row.addWidget(widget, 1)
    row.addWidget(speaker_for(lines, say), 0, Qt.AlignmentFlag.AlignVCenter)
    return row_widget


def listen_again_button(
    tr: Callable[..., str], say: Say, lines: Callable[[], Sequence[Spoken]]
) -> QPushButton:
    """The "Nghe lại" button: says the screen's narration again, from the start."""
    from kiosk.ui import pictograms

    again = button(tr("common.listen_again"))
    again.setObjectName("listen_again")
    again.setIcon(pictograms.icon("speaker", 96))
    again.setIconSize(QSize(36, 36))
    again.clicked.connect(lambda _=False: say(list(lines())))
    return again


def hearing_button(tr: Callable[..., str], name: str, picture: Path | None) -> QPushButton:
    """The button that opens the hearing-language picker: the heard language's picture
    and "Nghe: <its name>"."""
    from PySide6.QtGui import QIcon

    from kiosk.ui import pictograms

    text = tr("hearing.button", name=name)
    widget = button(text, "hearing")
    widget.setIcon(QIcon(pictograms.file_pixmap(picture, 96, "speaker")))
    widget.setIconSize(QSize(44, 44))
    widget.setAccessibleName(text)
    return widget
