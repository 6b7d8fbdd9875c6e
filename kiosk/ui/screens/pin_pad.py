"""A large PIN pad: digits shown as dots, touch keys 64 px and up."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.widgets import button, label

MAX_DIGITS = 8


class PinPad(QWidget):
    """The keypad itself; used by the staff PIN screen and the set-up wizard."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, tr: Callable[..., str], title: str) -> None:
        super().__init__()
        self._digits = ""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(8)
        root.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title = label(title, "heading", center=True)
        root.addWidget(self.title)
        self.dots = label("", "title", center=True)
        self.dots.setMinimumHeight(56)
        root.addWidget(self.dots)
        self.message = label("", "message", center=True)
        root.addWidget(self.message)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.keys = {}
        for i, digit in enumerate("123456789"):
            self.keys[digit] = self._key(digit, grid, i // 3, i % 3)
        clear = button(tr("pin.clear"), "key")
        clear.clicked.connect(self.clear)
        grid.addWidget(clear, 3, 0)
        self.keys["0"] = self._key("0", grid, 3, 1)
        back = button("⌫", "key")
        back.setAccessibleName(tr("pin.backspace"))
        back.clicked.connect(self.backspace)
        grid.addWidget(back, 3, 2)
        holder = QHBoxLayout()
        holder.addStretch(1)
        holder.addLayout(grid)
        holder.addStretch(1)
        root.addLayout(holder)
        actions = QHBoxLayout()
        self.cancel_button = button(tr("common.cancel"))
        self.cancel_button.clicked.connect(self.cancelled)
        self.ok_button = button(tr("common.ok"), "confirm")
        self.ok_button.clicked.connect(self._submit)
        actions.addStretch(1)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.ok_button)
        actions.addStretch(1)
        root.addLayout(actions)

    def _key(self, digit: str, grid: QGridLayout, row: int, col: int):  # type: ignore[no-untyped-def]
        key = button(digit, "key")
        key.clicked.connect(lambda _=False, d=digit: self.press(d))
        grid.addWidget(key, row, col)
        return key

    def press(self, digit: str) -> None:
        if len(self._digits) < MAX_DIGITS:
            self._digits += digit
            self._refresh()

    def backspace(self) -> None:
        self._digits = self._digits[:-1]
        self._refresh()

    def clear(self) -> None:
        self._digits = ""
        self._refresh()

    def set_title(self, text: str) -> None:
        self.title.setText(text)

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def _refresh(self) -> None:
        self.dots.setText("● " * len(self._digits) if self._digits else "")

    def _submit(self) -> None:
        pin, self._digits = self._digits, ""
        self._refresh()
        self.submitted.emit(pin)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and len(text) == 1:
            self.press(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.backspace()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit()
        else:
            super().keyPressEvent(event)
