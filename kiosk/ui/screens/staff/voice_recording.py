"""Staff (admin or voice role): "Ghi âm lời đọc". Record the kiosk's lines in a language.

Left: the learner screens and each lesson, with how many lines are recorded. Middle: the
lines of the chosen one, each with its Vietnamese text and state. Right: the chosen line
to read aloud, and the buttons: record (a level meter while recording), stop, listen,
save, delete. Everything is touched: nothing needs typing.

Thin: it shows what the voices flow gives and emits what the person did.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui import pictograms
from kiosk.ui.theme import DANGER, INK
from kiosk.ui.widgets import button, label

OK_GREEN = "#1b6e20"
STATE_COLOURS = {"missing": INK, "current": OK_GREEN, "out_of_date": DANGER}
_STYLE = f"""
QListWidget {{ font-size: 20px; }}
QListWidget::item {{ min-height: 48px; padding: 0px; }}
QLabel#line-text {{ font-size: 24px; font-weight: bold; }}
QScrollArea#line-box {{ border: none; background: transparent; }}
QLabel#message {{ font-size: 20px; }}
QLabel#message[error="true"] {{ color: {DANGER}; }}
QLabel#message[error="false"] {{ color: {INK}; }}
QPushButton#language:checked {{ background: #0a4d8c; color: white; }}
QPushButton#record {{ background: {DANGER}; color: white; border-color: {DANGER}; }}
QPushButton#stop {{ background: #0a4d8c; color: white; }}
QPushButton#save {{ background: {OK_GREEN}; color: white; border-color: {OK_GREEN}; }}
QPushButton:disabled, QPushButton#record:disabled, QPushButton#stop:disabled,
QPushButton#save:disabled {{ background: #e8e4d8; color: #4a4a4a; border-color: #4a4a4a; }}
QProgressBar#level {{ min-height: 36px; border: 2px solid {INK}; border-radius: 8px; }}
QProgressBar#level::chunk {{ background: {OK_GREEN}; }}
QProgressBar#progress {{ min-height: 32px; font-size: 18px; }}
"""

IDLE, RECORDING, TAKE = "idle", "recording", "take"
SCOPES_WIDTH = 330


class VoiceRecordingScreen(QWidget):
    back_requested = Signal()
    language_chosen = Signal(str)
    scope_chosen = Signal(int)
    line_chosen = Signal(int)
    record_requested = Signal()
    stop_requested = Signal()
    play_requested = Signal()
    save_requested = Signal()
    delete_requested = Signal()
    import_requested = Signal()
    leaving = Signal()

    def __init__(self, tr: Callable[..., str], languages: Sequence[tuple[str, str]]) -> None:
        """``languages``: (code, name) of the languages to record, in the order offered."""
        super().__init__()
        self.t = tr
        self.setStyleSheet(_STYLE)
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 12, 24, 12)
        root.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(label(tr("voices.title"), "heading", wrap=False))
        top.addStretch(1)
        top.addWidget(label(tr("voices.language"), wrap=False))
        self.language_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        for code, name in languages:
            choice = button(name, "language")
            choice.setCheckable(True)
            group.addButton(choice)
            choice.clicked.connect(lambda _=False, c=code: self.language_chosen.emit(c))
            self.language_buttons[code] = choice
            top.addWidget(choice)
        root.addLayout(top)

        middle = QHBoxLayout()
        middle.setSpacing(16)
        self.scopes = QListWidget()
        self.scopes.setObjectName("scopes")
        self.scopes.setFixedWidth(SCOPES_WIDTH)
        self.scopes.setWordWrap(True)
        self.scopes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scopes.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scopes.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.scopes.setResizeMode(QListView.ResizeMode.Adjust)
        self.scopes.setSpacing(4)
        self.scopes.currentRowChanged.connect(self._scope_row)
        middle.addWidget(self.scopes)
        self.lines = QListWidget()
        self.lines.setObjectName("lines")
        self.lines.setWordWrap(True)
        self.lines.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there: a scroll bar that appears later narrows the items after their
        # heights were measured, and wrapped lines end in "…".
        self.lines.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.lines.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.lines.setResizeMode(QListView.ResizeMode.Adjust)
        self.lines.setSpacing(4)  # the items have no padding: Qt measures wrapped text without it
        self.lines.currentRowChanged.connect(self._line_row)
        middle.addWidget(self.lines, 1)
        middle.addWidget(self._line_panel(tr))
        root.addLayout(middle, 1)

        bottom = QHBoxLayout()
        back = button(tr("common.back"))
        back.clicked.connect(self.back_requested)
        bottom.addWidget(back)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setTextVisible(True)
        bottom.addWidget(self.progress, 1)
        self.import_button = button(tr("voices.import"))
        self.import_button.clicked.connect(self.import_requested)
        bottom.addWidget(self.import_button)
        root.addLayout(bottom)
        self._updating = False
        self.set_mode(IDLE, has_take=False, has_clip=False)

    def _line_panel(self, tr: Callable[..., str]) -> QWidget:
        panel = QWidget()
        panel.setFixedWidth(520)
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(label(tr("voices.line_lead"), "muted"))
        self.line_text = label(tr("voices.choose_line"), "line-text")
        self.line_text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        box = QScrollArea()  # a long narration scrolls; the buttons keep their place
        box.setObjectName("line-box")
        box.setWidgetResizable(True)
        box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        box.setWidget(self.line_text)
        box.setMinimumHeight(72)
        column.addWidget(box, 1)
        self.state = label("", "lead")
        column.addWidget(self.state)
        self.level = QProgressBar()
        self.level.setObjectName("level")
        self.level.setRange(0, 100)
        self.level.setTextVisible(False)
        column.addWidget(self.level)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.record_button = button(tr("voices.record"), "record")
        self.stop_button = button(tr("voices.stop"), "stop")
        self.play_button = button(tr("voices.play"))
        self.save_button = button(tr("voices.save"), "save")
        self.delete_button = button(tr("voices.delete"))
        for widget, picture in (
            (self.record_button, "record"),
            (self.stop_button, "stop"),
            (self.play_button, "speaker"),
            (self.save_button, "check"),
        ):
            widget.setIcon(pictograms.icon(picture, 96))
            widget.setIconSize(QSize(30, 30))
        actions = (
            (self.record_button, self.record_requested, 0, 0, 1),
            (self.stop_button, self.stop_requested, 0, 1, 1),
            (self.play_button, self.play_requested, 0, 2, 1),
            (self.save_button, self.save_requested, 1, 0, 2),
            (self.delete_button, self.delete_requested, 1, 2, 1),
        )
        for widget, signal, row, col, span in actions:
            widget.clicked.connect(signal)
            grid.addWidget(widget, row, col, 1, span)
        column.addLayout(grid)
        self.message = label("", "message")
        column.addWidget(self.message)
        return panel

    # What the flow calls ---------------------------------------------------------------

    def set_language(self, code: str) -> None:
        if code in self.language_buttons:
            self.language_buttons[code].setChecked(True)

    def show_scopes(self, rows: Sequence[str], current: int) -> None:
        self._updating = True
        self.scopes.clear()
        self.scopes.ensurePolished()
        metrics = self.scopes.fontMetrics()
        wrap = Qt.TextFlag.TextWordWrap
        for text in rows:
            # Measured a little narrower than drawn: Qt's own measure of a wrapped item in
            # a fixed-width list can come out one line short, and the item ends in "…".
            height = metrics.boundingRect(0, 0, SCOPES_WIDTH - 60, 2000, wrap, text).height()
            item = QListWidgetItem(text)
            item.setSizeHint(QSize(SCOPES_WIDTH - 40, max(48, height + 12)))
            self.scopes.addItem(item)
        self.scopes.setCurrentRow(current)
        self._updating = False

    def show_lines(self, rows: Sequence[tuple[str, str]], current: int) -> None:
        """``rows``: (text, state code) of each line."""
        self._updating = True
        self.lines.clear()
        for text, state in rows:
            self.lines.addItem(text)
            item = self.lines.item(self.lines.count() - 1)
            item.setForeground(QColor(STATE_COLOURS.get(state, INK)))
        self.lines.setCurrentRow(current)
        self._updating = False

    def show_line(self, text: str, state: str) -> None:
        self.line_text.setText(text)
        self.state.setText(state)

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.t("voices.progress", done=done, total=total))

    def set_mode(self, mode: str, *, has_take: bool, has_clip: bool, line: bool = True) -> None:
        """Which buttons work: nothing but "Dừng" while recording."""
        recording = mode == RECORDING
        self.record_button.setText(
            self.t("voices.rerecord" if has_take or has_clip else "voices.record")
        )
        self.record_button.setEnabled(line and not recording and self._can_record)
        self.stop_button.setEnabled(recording)
        self.play_button.setEnabled(line and not recording and (has_take or has_clip))
        self.save_button.setEnabled(not recording and has_take)
        self.delete_button.setEnabled(line and not recording and has_clip and not has_take)
        for widget in (
            self.scopes,
            self.lines,
            self.import_button,
            *self.language_buttons.values(),
        ):
            widget.setEnabled(not recording)

    _can_record = True

    def show_no_microphone(self, text: str) -> None:
        """No microphone: say so, and leave the USB import as the way in."""
        self._can_record = False
        self.record_button.setEnabled(False)
        self.show_message(text, error=True)

    def set_level(self, level: float) -> None:
        self.level.setValue(round(max(0.0, min(1.0, level)) * 100))

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("error", error)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def _scope_row(self, row: int) -> None:
        if not self._updating and row >= 0:
            self.scope_chosen.emit(row)

    def _line_row(self, row: int) -> None:
        if not self._updating and row >= 0:
            self.line_chosen.emit(row)

    def save_progress(self) -> None:
        """Leaving the screen (the controller's cleanup): a take in progress is dropped."""
        self.leaving.emit()
