"""Drive the lesson player like a learner: real clicks, drags and key presses."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from shiboken6 import isValid

from kiosk.content.answers import right_event
from kiosk.content.events import TextEntered
from kiosk.content.schema import (
    ExplainStep,
    KeypadStep,
    LongPressStep,
    PickStep,
    QuizStep,
    ScanQrStep,
    SwipeStep,
    TapStep,
    TypeTextStep,
)
from kiosk.ui.phone.view import LONG_PRESS_MS

LEFT = Qt.MouseButton.LeftButton
_MARKS = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_SHAPES = {
    "\u0302": lambda c: c + c.lower(),
    "\u0306": lambda c: c + "w",
    "\u031b": lambda c: c + "w",
}


def telex_keys(text: str) -> str:
    """The Telex keystrokes that type ``text`` (tone keys at the end of each word)."""
    out = []
    for word in text.split(" "):
        keys, tone = "", ""
        for char in unicodedata.normalize("NFD", word.replace("đ", "dd").replace("Đ", "Dd")):
            if char in _MARKS:
                tone = _MARKS[char]
            elif char in _SHAPES:
                keys = keys[:-1] + _SHAPES[char](keys[-1])
            else:
                keys += char
        out.append(keys + tone)
    return " ".join(out)


def _send(widget: QWidget, kind: QEvent.Type, local: QPoint, buttons: Qt.MouseButton) -> None:
    pos = QPointF(local)
    glob = QPointF(widget.mapToGlobal(local))
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else LEFT
    event = QMouseEvent(kind, pos, glob, button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def drag(widget: QWidget, direction: str) -> None:
    """A finger drag of 120 px in ``direction``, starting in the middle of ``widget``."""
    start = widget.rect().center()
    dx, dy = {"up": (0, -120), "down": (0, 120), "left": (-120, 0), "right": (120, 0)}[direction]
    _send(widget, QEvent.Type.MouseButtonPress, start, LEFT)
    for i in range(1, 5):
        _send(widget, QEvent.Type.MouseMove, start + QPoint(dx * i // 4, dy * i // 4), LEFT)
    _send(widget, QEvent.Type.MouseButtonRelease, start + QPoint(dx, dy), Qt.MouseButton.NoButton)


def visible_key(keyboard: QWidget, name: str) -> QPushButton:
    keys = [k for k in keyboard.findChildren(QPushButton, f"key-{name}") if k.isVisible()]
    assert keys, f"no visible key {name}"
    return keys[0]


def type_on_keyboard(qtbot, keyboard, text: str, *, telex: bool = True) -> None:  # type: ignore[no-untyped-def]
    for char in telex_keys(text) if telex else text:
        if char.isdigit() or not (char.isalpha() or char == " "):
            if visible_key_or_none(keyboard, "digits"):
                qtbot.mouseClick(visible_key(keyboard, "digits"), LEFT)
        elif visible_key_or_none(keyboard, "letters"):
            qtbot.mouseClick(visible_key(keyboard, "letters"), LEFT)
        if char == " ":
            qtbot.mouseClick(visible_key(keyboard, "space"), LEFT)
            continue
        if char.isupper():
            qtbot.mouseClick(visible_key(keyboard, "shift"), LEFT)
        qtbot.mouseClick(visible_key(keyboard, char.lower()), LEFT)


def visible_key_or_none(keyboard: QWidget, name: str) -> QPushButton | None:
    keys = [k for k in keyboard.findChildren(QPushButton, f"key-{name}") if k.isVisible()]
    return keys[0] if keys else None


def text_to_type(step: TypeTextStep, screen) -> str:  # type: ignore[no-untyped-def]
    event = right_event(step, screen)
    if isinstance(event, TextEntered):
        return event.text
    example = getattr(step.rule, "example", None)
    assert example, f"{step.id}: no text known to answer it"
    return str(example)


def element(player, element_id: str) -> QWidget:  # type: ignore[no-untyped-def]
    widget = player.phone.findChild(QWidget, element_id)
    assert widget is not None and widget.isVisible(), element_id
    return widget


def play_step(qtbot, player) -> None:  # type: ignore[no-untyped-def]
    """Answer the current step right, the way a learner would, then go on to the next."""
    stage_step(qtbot, player)()
    go_on(qtbot, player)


def go_on(qtbot, player) -> None:  # type: ignore[no-untyped-def]
    """A finished step shows its feedback until the learner touches the screen (or a while)."""
    if player.pausing:
        qtbot.mouseClick(player.go_on_sheet, LEFT)


def stage_step(qtbot, player):  # type: ignore[no-untyped-def]
    """Do everything up to the learner's last touch of the step; return that touch.

    Typing and keypad steps type all but the final press here, so a bench can time
    the one touch that ends the step.
    """
    view = player.view
    step = view.step

    def click(widget: QWidget):  # type: ignore[no-untyped-def]
        return lambda: qtbot.mouseClick(widget, LEFT)

    if isinstance(step, ExplainStep):
        return click(player.continue_button)
    if isinstance(step, QuizStep):
        options = sorted(step.answer)
        if player.quiz.done is None:
            return click(player.quiz.buttons[options[0]])
        for option in options:
            qtbot.mouseClick(player.quiz.buttons[option], LEFT)
        return click(player.quiz.done)
    if isinstance(step, TapStep | PickStep | ScanQrStep):
        return click(element(player, step.target))
    if isinstance(step, LongPressStep):
        target = element(player, step.target)

        def hold() -> None:
            qtbot.mousePress(target, LEFT)
            qtbot.wait(LONG_PRESS_MS + 150)
            if isValid(target):  # the next step may already have replaced it
                qtbot.mouseRelease(target, LEFT)

        return hold
    if isinstance(step, SwipeStep):
        target = element(player, step.target)
        return lambda: drag(target, step.direction)
    if isinstance(step, TypeTextStep):
        qtbot.mouseClick(element(player, step.target), LEFT)
        field = player.phone.field(step.target)
        plain = field.echoMode() == field.EchoMode.Normal
        type_on_keyboard(qtbot, player.keyboard, text_to_type(step, view.screen), telex=plain)
        return click(visible_key(player.keyboard, "enter"))
    if isinstance(step, KeypadStep):
        for digit in step.expected[:-1]:
            qtbot.mouseClick(element(player, f"{step.target}-key-{digit}"), LEFT)
        last = element(player, f"{step.target}-key-{step.expected[-1]}")
        if view.screen.element(step.target).length is None:
            qtbot.mouseClick(last, LEFT)
            return click(element(player, f"{step.target}-ok"))
        return click(last)
    raise AssertionError(f"cannot play {step.kind}")  # a new step kind needs a line here


class BenchBot:
    """The few qtbot verbs the driver uses, without pytest (for the benches)."""

    def mouseClick(self, widget, button, pos=None):  # type: ignore[no-untyped-def]
        from PySide6.QtTest import QTest

        QTest.mouseClick(widget, button, pos=pos) if pos else QTest.mouseClick(widget, button)

    def mousePress(self, widget, button):  # type: ignore[no-untyped-def]
        from PySide6.QtTest import QTest

        QTest.mousePress(widget, button)

    def mouseRelease(self, widget, button):  # type: ignore[no-untyped-def]
        from PySide6.QtTest import QTest

        QTest.mouseRelease(widget, button)

    def wait(self, ms: int) -> None:
        from PySide6.QtTest import QTest

        QTest.qWait(ms)
