"""A big on-screen Vietnamese keyboard for touch-only kiosks, typing with Telex.

Villagers' phones type Vietnamese with Telex (``aa`` → â, ``vieejt`` → việt), so the
keyboard does too, through ``kiosk.content.telex``. Keys are widgets named ``key-a``,
``key-0``, ``key-space``, ``key-backspace``, ``key-enter``, ``key-shift``, ``key-digits``,
``key-letters`` so tests can find them (space, enter and backspace are on both pages: take
the visible one).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.telex import TelexComposer
from kiosk.ui import theme

LETTER_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
DIGIT_ROWS = ("1234567890", "-/:()đ@", ".,?!'")
_DEFAULT_WORDS = {
    "player.key_backspace": "Xoá",
    "player.key_space": "dấu cách",
    "player.key_done": "Xong",
    "player.key_shift": "Chữ hoa",
}
KEY_PX = 64


def _default_tr(key: str, **_values: object) -> str:
    return _DEFAULT_WORDS.get(key, key)


# touch keys: comfortably above the 56 px floor

_STYLE = f"""
QPushButton {{ min-height: {KEY_PX}px; min-width: 56px; padding: 0px; font-size: 30px;
               font-weight: normal; border-radius: 10px; border: 2px solid {theme.MUTED};
               background: white; color: {theme.INK}; }}
QPushButton:pressed {{ background: {theme.ACCENT}; }}
QPushButton[role="special"] {{ background: #e8e4d8; font-size: 24px; font-weight: bold; }}
QPushButton[role="special"][on="true"] {{ background: {theme.ACCENT}; }}
QPushButton[role="enter"] {{ background: {theme.PRIMARY}; color: white; border-color:
                             {theme.PRIMARY}; font-size: 26px; font-weight: bold; }}
QPushButton[role="enter"]:pressed {{ background: {theme.PRIMARY_PRESSED}; }}
"""


def _arrow_up(size: int) -> QPixmap:
    """The shift key's arrow (the shipped font has no ⇧)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(theme.INK), 3))
    s = size
    painter.drawPolygon(
        QPolygonF(
            [
                QPointF(s * 0.5, s * 0.1),
                QPointF(s * 0.9, s * 0.5),
                QPointF(s * 0.66, s * 0.5),
                QPointF(s * 0.66, s * 0.88),
                QPointF(s * 0.34, s * 0.88),
                QPointF(s * 0.34, s * 0.5),
                QPointF(s * 0.1, s * 0.5),
            ]
        )
    )
    painter.end()
    return pixmap


class OnScreenKeyboard(QWidget):
    """Letters (with shift), a "123" page, space, backspace and "Xong".

    ``attach(field)`` makes the keys type into that QLineEdit; ``submitted`` fires on "Xong".
    """

    submitted = Signal()

    def __init__(self, tr: Callable[..., str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboard")
        self.setStyleSheet(_STYLE)
        self._tr: Callable[..., str] = tr or _default_tr
        self._target: QLineEdit | None = None
        self._composer = TelexComposer()
        self._telex = True
        self._shift = False
        self.keys: dict[str, QPushButton] = {}
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._letters_page())
        self.pages.addWidget(self._digits_page())
        root.addWidget(self.pages)

    # Public API --------------------------------------------------------------------------

    def attach(self, target: QLineEdit | None) -> None:
        """Type into ``target`` from now on (None: type nowhere)."""
        self._target = target
        self._composer = TelexComposer(target.text() if target is not None else "")
        # passwords, web addresses and codes are typed letter for letter (no Telex), as
        # phones do: hints ImhLatinOnly / ImhUrlCharactersOnly mark the last two
        latin = Qt.InputMethodHint.ImhLatinOnly | Qt.InputMethodHint.ImhUrlCharactersOnly
        self._telex = target is None or (
            target.echoMode() == QLineEdit.EchoMode.Normal and not target.inputMethodHints() & latin
        )
        digits = target is not None and bool(
            target.inputMethodHints() & Qt.InputMethodHint.ImhDigitsOnly
        )
        self.show_digits(digits)

    @property
    def target(self) -> QLineEdit | None:
        return self._target

    def show_digits(self, digits: bool) -> None:
        self.pages.setCurrentIndex(1 if digits else 0)

    def press(self, key: str) -> None:
        """Type one character (letters go through Telex)."""
        if self._target is None:
            return
        self._sync()
        if self._shift and key.isalpha():
            key = key.upper()
            self._set_shift(False)
        if not self._telex:
            self._composer = TelexComposer(self._target.text() + key)
            self._show(self._composer.text)
            return
        self._show(self._composer.feed(key))

    def backspace(self) -> None:
        if self._target is None:
            return
        self._sync()
        self._show(self._composer.backspace())

    # Building ----------------------------------------------------------------------------

    def _key(self, name: str, text: str, role: str = "") -> QPushButton:
        """A key; the digits page's own space/enter/backspace share their letters-page name."""
        key = QPushButton(text)
        shared = name.removesuffix("2") if len(name) > 2 else name
        key.setObjectName(f"key-{shared}")
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the focus and cursor
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if role:
            key.setProperty("role", role)
        self.keys[name] = key
        return key

    def _char_key(self, char: str) -> QPushButton:
        key = self._key(char, char)
        key.clicked.connect(lambda _=False, c=char: self.press(c))
        return key

    def _backspace_key(self, name: str) -> QPushButton:
        key = self._key(name, self._tr("player.key_backspace"), "special")
        key.setAutoRepeat(True)
        key.clicked.connect(self.backspace)
        return key

    def _bottom_row(self, page_key: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(page_key, 2)
        space = self._key("space" if "space" not in self.keys else "space2", "", "special")
        space.setText(self._tr("player.key_space"))
        space.clicked.connect(lambda: self.press(" "))
        row.addWidget(space, 6)
        enter = self._key("enter" if "enter" not in self.keys else "enter2", "", "enter")
        enter.setText(self._tr("player.key_done"))
        enter.clicked.connect(self.submitted)
        row.addWidget(enter, 3)
        return row

    def _letters_page(self) -> QWidget:
        page = QWidget()
        rows = QVBoxLayout(page)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(8)
        for i, letters in enumerate(LETTER_ROWS):
            row = QHBoxLayout()
            row.setSpacing(6)
            if i == 1:
                row.addStretch(1)
            if i == 2:
                shift = self._key("shift", "", "special")
                shift.setIcon(QIcon(_arrow_up(36)))
                shift.setIconSize(QSize(36, 36))
                shift.setAccessibleName(self._tr("player.key_shift"))
                shift.clicked.connect(lambda: self._set_shift(not self._shift))
                row.addWidget(shift, 3)
            for char in letters:
                row.addWidget(self._char_key(char), 2)
            if i == 1:
                row.addStretch(1)
            if i == 2:
                row.addWidget(self._backspace_key("backspace"), 3)
            rows.addLayout(row)
        to_digits = self._key("digits", "123", "special")
        to_digits.clicked.connect(lambda: self.show_digits(True))
        rows.addLayout(self._bottom_row(to_digits))
        return page

    def _digits_page(self) -> QWidget:
        page = QWidget()
        rows = QVBoxLayout(page)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(8)
        for i, chars in enumerate(DIGIT_ROWS):
            row = QHBoxLayout()
            row.setSpacing(6)
            for char in chars:
                row.addWidget(self._char_key(char), 2)
            if i == len(DIGIT_ROWS) - 1:
                row.addWidget(self._backspace_key("backspace2"), 3)
            rows.addLayout(row)
        to_letters = self._key("letters", "ABC", "special")
        to_letters.clicked.connect(lambda: self.show_digits(False))
        rows.addLayout(self._bottom_row(to_letters))
        return page

    # Typing ------------------------------------------------------------------------------

    def _sync(self) -> None:
        """Start afresh if the field was changed by something else (cleared, edited)."""
        if self._target is not None and self._target.text() != self._composer.text:
            self._composer = TelexComposer(self._target.text())

    def _show(self, text: str) -> None:
        if self._target is not None:
            self._target.setText(text)
            self._target.setCursorPosition(len(text))

    def _set_shift(self, on: bool) -> None:
        self._shift = on
        key = self.keys["shift"]
        key.setProperty("on", on)
        key.style().unpolish(key)
        key.style().polish(key)
        for char in LETTER_ROWS[0] + LETTER_ROWS[1] + LETTER_ROWS[2]:
            self.keys[char].setText(char.upper() if on else char)
