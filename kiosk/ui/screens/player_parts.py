"""Pieces of the lesson player: progress dots, quiz options, exit confirmation, result view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.schema import AnyStep, QuizStep
from kiosk.ui import theme
from kiosk.ui.phone.parts import picture
from kiosk.ui.widgets import button, label

RIGHT_GREEN = "#1a7f37"  # 5.1:1 on white


class ProgressDots(QWidget):
    """One dot per step: done ones filled, the current one ringed in yellow."""

    def __init__(self) -> None:
        super().__init__()
        self._count = 0
        self._index = 0
        self.setMinimumHeight(28)

    def set_progress(self, index: int, count: int) -> None:
        self._index, self._count = index, count
        self.setMinimumWidth(min(20 * count, 240))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self._count:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        gap = min(36.0, self.width() / self._count)
        radius = min(9.0, gap * 0.3)
        y = self.height() / 2
        for i in range(self._count):
            centre = QPointF(gap * (i + 0.5), y)
            if i == self._index:
                painter.setPen(QPen(QColor(theme.INK), 3))
                painter.setBrush(QColor(theme.ACCENT))
                painter.drawEllipse(centre, radius + 3, radius + 3)
            else:
                painter.setPen(QPen(QColor(theme.PRIMARY), 2))
                painter.setBrush(QColor(theme.PRIMARY) if i < self._index else QColor("white"))
                painter.drawEllipse(centre, radius, radius)
        painter.end()


def tick_pixmap(size: int = 36) -> QPixmap:
    """A white tick in a green disc (the theme font has no ✓)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(RIGHT_GREEN))
    painter.drawEllipse(0, 0, size, size)
    path = QPainterPath(QPointF(size * 0.27, size * 0.52))
    path.lineTo(size * 0.43, size * 0.68)
    path.lineTo(size * 0.74, size * 0.34)
    pen = QPen(QColor("white"), size * 0.11)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.end()
    return pixmap


class FeedbackLine(QFrame):
    """Right: a green tick and the text. Wrong: the text on soft amber, never alarming."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("feedback")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 16, 8)
        self.icon = QLabel()
        self.icon.setPixmap(tick_pixmap())
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        self.text = label("", "feedback-text")
        row.addWidget(self.text, 1)
        self.kind = ""
        self.hide()

    def show_right(self, text: str) -> None:
        self._show(text, "right")

    def show_wrong(self, text: str) -> None:
        self._show(text, "wrong")

    def clear(self) -> None:
        self.kind = ""
        self.text.setText("")
        self.hide()

    def _show(self, text: str, kind: str) -> None:
        self.kind = kind
        self.text.setText(text)
        self.icon.setVisible(kind == "right")
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()


def option_button(text: str, name: str, pix: QPixmap | None) -> QPushButton:
    """A big answer button whose text wraps (a plain QPushButton would widen the screen)."""
    btn = button("", name)
    btn.setProperty("quiz", True)
    row = QHBoxLayout(btn)
    row.setContentsMargins(20, 10, 20, 10)
    row.setSpacing(16)
    if pix is not None:
        icon = QLabel()
        icon.setPixmap(pix)
        icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row.addWidget(icon)
    words = label(text, "option-text")
    words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    row.addWidget(words, 1)
    btn.setAccessibleName(text)
    return btn


class QuizOptions(QWidget):
    """Big answer buttons. Single choice answers on touch; multiple choice with "Xong"."""

    chosen = Signal(tuple)

    def __init__(
        self,
        tr: Callable[..., str],
        step: QuizStep,
        lang: str,
        media: Callable[[str | None], Path | None],
    ) -> None:
        super().__init__()
        self._multiple = step.mode == "multiple"
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        pick = "player.quiz_pick_many" if self._multiple else "player.quiz_pick_one"
        column.addWidget(label(tr(pick), "muted"))
        self.buttons: dict[str, QPushButton] = {}
        for option in step.options:
            pix = picture(media(option.picture), 72, 72) if option.picture else None
            btn = option_button(option.text.text(lang), f"option-{option.id}", pix)
            btn.setCheckable(self._multiple)
            if not self._multiple:
                btn.clicked.connect(lambda _=False, o=option.id: self.chosen.emit((o,)))
            self.buttons[option.id] = btn
            column.addWidget(btn)
        self.done: QPushButton | None = None
        if self._multiple:
            self.done = button(tr("player.quiz_done"), "quiz-done")
            self.done.clicked.connect(self._submit)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(self.done)
            column.addLayout(row)

    def _submit(self) -> None:
        picked = tuple(sorted(o for o, b in self.buttons.items() if b.isChecked()))
        if picked:
            self.chosen.emit(picked)

    def mark_wrong(self, choices: tuple[str, ...]) -> None:
        """Grey out a wrong single answer so the next try is easier."""
        if not self._multiple:
            for option in choices:
                btn = self.buttons[option]
                btn.setEnabled(False)
                for words in btn.findChildren(QLabel):
                    words.setProperty("tried", True)
                    words.style().unpolish(words)
                    words.style().polish(words)


class ExitConfirm(QFrame):
    """An in-window "stop the lesson?" card over a dimmed screen (no system dialog)."""

    def __init__(self, tr: Callable[..., str], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        outer = QVBoxLayout(self)
        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(760)
        column = QVBoxLayout(card)
        column.setContentsMargins(40, 32, 40, 32)
        column.setSpacing(20)
        column.addWidget(label(tr("player.exit_title"), "heading", center=True))
        column.addWidget(label(tr("player.exit_body"), "lead", center=True))
        row = QHBoxLayout()
        self.stay = button(tr("player.exit_stay"), "confirm")
        self.stay.setObjectName("exit-stay")
        self.leave = button(tr("player.exit_leave"), "exit-leave")
        row.addWidget(self.stay)
        row.addWidget(self.leave)
        column.addLayout(row)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.stay.clicked.connect(self.hide)
        self.hide()


class ResultView(QWidget):
    """The end of the lesson: passed or not, the score, and what to do next."""

    def __init__(self, tr: Callable[..., str]) -> None:
        super().__init__()
        self._tr = tr
        column = QVBoxLayout(self)
        column.setContentsMargins(64, 48, 64, 48)
        column.setSpacing(24)
        column.addStretch(1)
        self.title = label("", "title", center=True)
        self.detail = label("", "lead", center=True)
        self.score = label("", "heading", center=True)
        for widget in (self.title, self.detail, self.score):
            column.addWidget(widget)
        row = QHBoxLayout()
        row.addStretch(1)
        self.retry = button(tr("player.retry"), "result-retry")
        self.to_list = button(tr("player.to_list"), "primary")
        row.addWidget(self.retry)
        row.addSpacing(24)
        row.addWidget(self.to_list)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(2)
        self.passed = False

    def show_result(self, passed: bool, quiz: tuple[int, int], practice: tuple[int, int]) -> None:
        tr = self._tr
        self.passed = passed
        self.title.setText(tr("player.result_passed" if passed else "player.result_failed"))
        self.detail.setText("" if passed else tr("player.result_failed_body"))
        self.detail.setVisible(not passed)
        lines = []
        if quiz[1]:
            lines.append(tr("player.result_quiz", right=quiz[0], total=quiz[1]))
        if practice[1]:
            lines.append(tr("player.result_practice", done=practice[0], total=practice[1]))
        self.score.setText("\n".join(lines))


_HOW_TO = {
    "explain": "player.hint_continue",
    "quiz": "player.hint_quiz",
    "type_text": "player.hint_type",
    "keypad": "player.hint_keypad",
    "scan_qr": "player.hint_scan",
    "long_press": "player.hint_long_press",
}


def generic_hint(tr: Callable[..., str], step: AnyStep) -> str:
    """How to do this kind of step, for when the lesson's own hints have all been shown."""
    if step.kind == "swipe":
        direction = tr(f"player.direction.{getattr(step, 'direction', 'down')}")
        return tr("player.hint_swipe", direction=direction)
    return tr(_HOW_TO.get(step.kind, "player.hint_tap"))
