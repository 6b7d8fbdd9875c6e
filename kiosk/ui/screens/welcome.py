"""The welcome (attract) screen: big, friendly, in the chosen language, and spoken."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import Language
from kiosk.ui.spoken import hearing_button, listen_again_button
from kiosk.ui.widgets import button, label

NARRATION = ("welcome.greeting", "welcome.lead", "welcome.touch_hint")


class WelcomeScreen(QWidget):
    start_requested = Signal()
    setup_requested = Signal()
    language_chosen = Signal(str)
    hearing_requested = Signal()
    hear = Signal(object)  # list of lines to say (kiosk.ui.spoken)

    def __init__(
        self,
        tr: Callable[..., str],
        languages: Sequence[Language],
        current_language: str,
        place: str | None,
        hearing: tuple[str, Path | None] = ("", None),
    ) -> None:
        super().__init__()
        self._set_up = place is not None
        root = QVBoxLayout(self)
        root.setContentsMargins(48, 24, 48, 24)

        top = QHBoxLayout()
        top.addWidget(label(tr("app.movement"), "muted", wrap=False))
        top.addStretch(1)
        top.addWidget(label(tr("welcome.language"), wrap=False))
        self.language_buttons = {}
        for lang in languages:
            btn = button(lang.name, "language")
            btn.setProperty("current", lang.code == current_language)
            btn.clicked.connect(lambda _=False, code=lang.code: self.language_chosen.emit(code))
            self.language_buttons[lang.code] = btn
            top.addWidget(btn)
        top.addSpacing(24)
        self.hearing = hearing_button(tr, *hearing)  # the language narration is heard in
        self.hearing.clicked.connect(self.hearing_requested)
        top.addWidget(self.hearing)
        root.addLayout(top)

        root.addStretch(2)
        root.addWidget(label(tr("app.title"), "title", center=True))
        root.addWidget(label(tr("welcome.greeting"), "heading", center=True))
        root.addWidget(label(tr("welcome.lead"), "lead", center=True))
        root.addSpacing(32)
        if place is None:
            root.addWidget(label(tr("welcome.not_set_up"), "lead", center=True))
            self.action = button(tr("welcome.setup_button"), "primary")
            self.action.clicked.connect(self.setup_requested)
        else:
            self.action = button(tr("welcome.start"), "primary")
            self.action.clicked.connect(self.start_requested)
        # The big button in the middle; "Nghe lại" beside it, where it costs no height (the
        # large-text, high-contrast welcome screen has none to spare at 1366×768).
        row = QGridLayout()
        row.setHorizontalSpacing(24)
        row.setColumnStretch(0, 1)
        row.setColumnStretch(2, 1)
        row.addWidget(self.action, 0, 1)
        root.addLayout(row)
        if place is not None:
            self.listen_again = listen_again_button(tr, self.hear.emit, self.spoken_lines)
            row.addWidget(self.listen_again, 0, 2, Qt.AlignmentFlag.AlignLeft)
            root.addWidget(label(tr("welcome.touch_hint"), "muted", center=True))
        root.addStretch(3)
        self.message = label("", "lead", center=True)
        root.addWidget(self.message)
        if place:
            footer = label(place, "muted", center=True)
            footer.setAlignment(Qt.AlignmentFlag.AlignCenter)
            root.addWidget(footer)

    rebuilds_on_hearing = True  # its hearing button names the heard language

    def spoken_lines(self) -> list[str]:
        """What the screen says when it appears (nothing before the kiosk is set up:
        only staff see it then)."""
        return list(NARRATION) if self._set_up else []

    def show_message(self, text: str) -> None:
        self.message.setText(text)
