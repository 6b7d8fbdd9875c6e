"""After "Bắt đầu học": practise as a guest, sign in, or register for a slip."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui import pictograms
from kiosk.ui.pickers import PICKER_STYLE, ChoiceTile
from kiosk.ui.spoken import hearing_button, listen_again_button, with_speaker
from kiosk.ui.widgets import button, label

CHOICES = ("guest", "sign_in", "register")


class LearnerStartScreen(QWidget):
    """Three huge choices, each a pictogram, a title and one short line."""

    guest_chosen = Signal()
    sign_in_chosen = Signal()
    register_chosen = Signal()
    back_requested = Signal()
    hearing_requested = Signal()
    hear = Signal(object)  # list of lines to say (kiosk.ui.spoken)

    rebuilds_on_hearing = True  # its hearing button names the heard language

    def __init__(
        self, tr: Callable[..., str], hearing: tuple[str, Path | None] = ("", None)
    ) -> None:
        super().__init__()
        self.setStyleSheet(PICKER_STYLE)
        root = QVBoxLayout(self)
        root.setContentsMargins(48, 24, 48, 24)
        root.setSpacing(16)
        root.addWidget(label(tr("start.title"), "heading", center=True))
        root.addSpacing(8)
        choices = QVBoxLayout()
        choices.setSpacing(20)
        self.guest = ChoiceTile("guest", tr("start.guest"), tr("start.guest_line"), icon_px=112)
        self.guest.clicked.connect(self.guest_chosen)
        self.sign_in = ChoiceTile(
            "sign_in", tr("start.sign_in"), tr("start.sign_in_line"), icon_px=112
        )
        self.sign_in.clicked.connect(self.sign_in_chosen)
        self.register = ChoiceTile(
            "register", tr("start.register"), tr("start.register_line"), icon_px=112
        )
        self.register.clicked.connect(self.register_chosen)
        for choice, tile in zip(CHOICES, (self.guest, self.sign_in, self.register), strict=True):
            tile.title.setObjectName("big_title")  # the first choice a newcomer makes
            said = [f"start.{choice}", f"start.{choice}_line"]
            choices.addWidget(with_speaker(tile, said, self.hear.emit), 1)
        root.addLayout(choices, 1)
        row = QHBoxLayout()
        self.back = button(tr("common.back"))
        self.back.setIcon(pictograms.icon("back"))
        self.back.setIconSize(QSize(28, 28))
        self.back.clicked.connect(self.back_requested)
        row.addWidget(self.back)
        row.addStretch(1)
        self.hearing = hearing_button(tr, *hearing)
        self.hearing.clicked.connect(self.hearing_requested)
        row.addWidget(self.hearing)
        self.listen_again = listen_again_button(tr, self.hear.emit, self.spoken_lines)
        row.addWidget(self.listen_again)
        root.addLayout(row)

    def spoken_lines(self) -> list[str]:
        """The question, then each choice and its line."""
        lines = ["start.title"]
        for choice in CHOICES:
            lines += [f"start.{choice}", f"start.{choice}_line"]
        return lines
