"""The guidance panel beside the phone: progress, the step's words, hint, feedback, actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from kiosk.ui import pictograms
from kiosk.ui.keyboard import OnScreenKeyboard
from kiosk.ui.screens.player_parts import FeedbackLine, ProgressDots
from kiosk.ui.widgets import button, label

# The action area's pages.
ON_PHONE, CONTINUE, QUIZ, TYPING = range(4)


class GuidePanel(QWidget):
    """What the learner reads (and hears) beside the phone, and the panel's own buttons."""

    def __init__(self, tr: Callable[..., str]) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(14)
        top = QHBoxLayout()
        self.dots = ProgressDots()
        self.step_count = label("", "step-count", wrap=False)
        top.addWidget(self.dots)
        top.addWidget(self.step_count)
        top.addStretch(1)
        self.listen_button = button(tr("player.listen_again"), "listen-again")
        self.hint_button = button(tr("player.hint"), "hint-button")
        self.exit_button = button(tr("player.exit"), "exit")
        self.hearing_button = button("", "hearing")  # a picture only: the phone needs the width
        self.hearing_button.setIcon(pictograms.icon("languages", 96))
        self.hearing_button.setIconSize(QSize(40, 40))
        self.hearing_button.setAccessibleName(tr("player.hearing"))
        self.hearing_button.setToolTip(tr("player.hearing"))
        buttons = (self.listen_button, self.hint_button, self.hearing_button, self.exit_button)
        for widget in buttons:
            top.addWidget(widget)
        column.addLayout(top)
        self.narration = label("", "narration")
        column.addWidget(self.narration)
        self.hint = label("", "hint")
        self.hint.hide()
        column.addWidget(self.hint)
        self.feedback = FeedbackLine()
        column.addWidget(self.feedback)

        self.action_pages = QStackedWidget()
        nothing = QWidget()  # the learner acts on the phone
        self.continue_button = button(tr("player.continue"), "primary")
        holder = QWidget()
        holder_row = QHBoxLayout(holder)
        holder_row.setContentsMargins(0, 0, 0, 0)
        holder_row.addWidget(self.continue_button)
        holder_row.addStretch(1)
        self.quiz_holder = QWidget()
        self.quiz_column = QVBoxLayout(self.quiz_holder)
        self.quiz_column.setContentsMargins(0, 0, 0, 0)
        self.quiz_column.addStretch(1)
        typing = QWidget()
        typing_column = QVBoxLayout(typing)
        typing_column.setContentsMargins(0, 0, 0, 0)
        typing_column.addWidget(label(tr("player.type_here"), "muted"))
        self.keyboard = OnScreenKeyboard(tr)
        typing_column.addWidget(self.keyboard)
        self._pages: list[QWidget] = [nothing, holder, self.quiz_holder, typing]
        for page in self._pages:
            self.action_pages.addWidget(page)
        column.addWidget(self.action_pages)
        column.addStretch(1)

    def show_actions(self, page: int) -> None:
        """Show one page of actions; only that page takes room.

        A stacked widget is as tall as its tallest page: the keyboard's height held on an
        explain step squeezed a long narration beside a picture until its last line was cut.
        """
        for index, widget in enumerate(self._pages):
            shown = QSizePolicy.Policy.Preferred if index == page else QSizePolicy.Policy.Ignored
            widget.setSizePolicy(shown, shown)
        self.action_pages.setCurrentIndex(page)
        self.action_pages.updateGeometry()

    def set_hint(self, text: str | None) -> None:
        self.hint.setText(text or "")
        self.hint.setVisible(bool(text))
