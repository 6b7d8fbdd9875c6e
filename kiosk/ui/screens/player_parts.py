"""Pieces of the lesson player: progress dots, feedback, quiz options, exit confirmation."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.schema import AnyStep, PhoneScreen, QuizOption, QuizStep
from kiosk.content.schema.phone import Button
from kiosk.ui import theme
from kiosk.ui.phone.parts import picture
from kiosk.ui.widgets import button, label, speaker_button

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
        self.setMinimumWidth(min(16 * count, 180))
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


class OptionButton(QPushButton):
    """A big answer button whose words wrap and which grows to hold them all.

    A plain QPushButton would widen the screen for a long answer, or (with a layout
    inside) keep its one-line height and cut the second line off.
    """

    MIN_HEIGHT = 80

    def __init__(self, text: str, name: str, pix: QPixmap | None) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setProperty("quiz", True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        row = QHBoxLayout(self)
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
        self.setAccessibleName(text)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        inside = self.layout()
        need = inside.totalHeightForWidth(width) if inside is not None else 0
        return max(self.MIN_HEIGHT, need)


def option_button(text: str, name: str, pix: QPixmap | None) -> QPushButton:
    return OptionButton(text, name, pix)


class QuizOptions(QWidget):
    """Big answer buttons, each with its own loudspeaker (hear it without choosing it).

    Single choice answers on touch; multiple choice with "Xong". ``spoken`` maps each
    option to the key of its clip; ``listen`` carries the option whose loudspeaker was
    touched.
    """

    chosen = Signal(tuple)
    listen = Signal(str)

    def __init__(
        self,
        tr: Callable[..., str],
        step: QuizStep,
        options: Sequence[QuizOption],
        spoken: Mapping[str, str],
        lang: str,
        media: Callable[[str | None], Path | None],
    ) -> None:
        super().__init__()
        self._multiple = step.mode == "multiple"
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        pick = "player.quiz_pick_many" if self._multiple else "player.quiz_pick_one"
        column.addWidget(label(tr(pick), "muted"))
        self.buttons: dict[str, QPushButton] = {}
        self.speakers: dict[str, QPushButton] = {}
        for option in options or step.options:
            pix = picture(media(option.picture), 64, 64) if option.picture else None
            btn = option_button(option.text.text(lang), f"option-{option.id}", pix)
            btn.setCheckable(self._multiple)
            if not self._multiple:
                btn.clicked.connect(lambda _=False, o=option.id: self.chosen.emit((o,)))
            speaker = speaker_button(spoken[option.id])
            speaker.clicked.connect(lambda _=False, o=option.id: self.listen.emit(o))
            row = QWidget()
            row.setObjectName("option-row")
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(10)
            line.addWidget(speaker, 0, Qt.AlignmentFlag.AlignVCenter)
            line.addWidget(btn, 1)
            self.buttons[option.id] = btn
            self.speakers[option.id] = speaker
            column.addWidget(row)
        self.done: QPushButton | None = None
        if self._multiple:
            self.done = button(tr("player.quiz_done"), "quiz-done")
            self.done.clicked.connect(self._submit)
            row_done = QHBoxLayout()
            row_done.addStretch(1)
            row_done.addWidget(self.done)
            column.addLayout(row_done)

    def _submit(self) -> None:
        picked = tuple(sorted(o for o, b in self.buttons.items() if b.isChecked()))
        if picked:
            self.chosen.emit(picked)

    def show_answer(self, right: frozenset[str]) -> None:
        """Ring the right options in green (the answer, once the tries have run out)."""
        for option in right:
            btn = self.buttons[option]
            btn.setProperty("answer", True)
            btn.style().unpolish(btn)
            btn.style().polish(btn)

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


def button_saying(screen: PhoneScreen | None, text: str, lang: str) -> str | None:
    """The id of the phone screen's button labelled ``text``, if it has one."""
    for element in screen.elements if screen else ():
        if isinstance(element, Button) and element.label.text(lang) == text:
            return element.id
    return None


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
