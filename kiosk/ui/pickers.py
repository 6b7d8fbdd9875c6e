"""Big touch pickers shared by the learner screens: year, village, digits, name, tiles."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui import pictograms
from kiosk.ui.widgets import button, label

Tr = Callable[..., str]
DEFAULT_BIRTH_YEAR = 1975

PICKER_STYLE = """
QPushButton#tile { background: white; border: 3px solid #0a4d8c; border-radius: 18px;
                   text-align: left; padding: 12px; }
QPushButton#tile:checked { background: #ffd23f; border: 5px solid #0a4d8c; }
QPushButton#tile QWidget, QPushButton#toggle QWidget { background: transparent; }
QPushButton#toggle { background: white; border: 3px solid #0a4d8c; border-radius: 18px;
                     text-align: left; padding: 8px 16px; font-weight: normal; }
QPushButton#toggle:checked { background: #e3f1e6; border: 4px solid #1e7b34; }
QLabel#tile_title { font-size: 28px; font-weight: bold; color: #0a4d8c; }
QLabel#big_title { font-size: 38px; font-weight: bold; color: #0a4d8c; }
QLabel#year { font-size: 64px; font-weight: bold; color: #0a4d8c; background: white;
              border: 3px solid #0a4d8c; border-radius: 14px; padding: 0 24px; }
QLabel#digits { font-size: 48px; font-weight: bold; letter-spacing: 4px; background: white;
                border: 3px solid #4a4a4a; border-radius: 14px; padding: 4px 24px; }
QLabel#state { font-size: 22px; font-weight: bold; }
QLabel#value { font-size: 30px; font-weight: bold; }
QScrollBar:vertical { width: 28px; background: #ebe7da; border: none; margin: 0; }
QScrollBar::handle:vertical { background: #0a4d8c; min-height: 72px; border-radius: 12px;
                              margin: 2px; }
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: none; }
"""


def _passive(widget: QWidget) -> QWidget:
    """Children of a big button must let the touch reach the button."""
    widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return widget


def icon_label(name: str, size: int) -> QLabel:
    picture = QLabel()
    picture.setPixmap(pictograms.pixmap(name, size))
    picture.setFixedSize(size, size)
    return picture


class ChoiceTile(QPushButton):
    """A big button: a pictogram, a bold title and one short line under it."""

    def __init__(
        self,
        pictogram: str,
        title: str,
        line: str = "",
        *,
        icon_px: int = 96,
        checkable: bool = False,
    ) -> None:
        super().__init__()
        self.setObjectName("tile")
        self.setCheckable(checkable)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        row = self._row = QHBoxLayout(self)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(20)
        row.addWidget(_passive(icon_label(pictogram, icon_px)))
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addStretch(1)
        self.title = _passive(label(title, "tile_title"))
        text.addWidget(self.title)
        if line:
            text.addWidget(_passive(label(line, "lead")))
        text.addStretch(1)
        row.addLayout(text, 1)

    def sizeHint(self) -> QSize:
        return self._row.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._row.minimumSize()


class ConsentToggle(QPushButton):
    """An unticked box with the purpose in plain words; touching it ticks it."""

    def __init__(self, tr: Tr, title: str, line: str) -> None:
        super().__init__()
        self._tr = tr
        self.setObjectName("toggle")
        self.setCheckable(True)
        self.setChecked(False)  # silence is not consent: never pre-ticked
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row = self._row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 16, 8)
        row.setSpacing(16)
        self.box = QLabel()
        self.box.setFixedSize(56, 56)
        row.addWidget(_passive(self.box))
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(_passive(label(title, "tile_title")))
        text.addWidget(_passive(label(line)))
        row.addLayout(text, 1)
        self.state = label("", "state", wrap=False)
        row.addWidget(_passive(self.state))
        self.toggled.connect(self._refresh)
        self._refresh(False)

    def _refresh(self, on: bool) -> None:
        self.box.setPixmap(pictograms.pixmap("box_ticked" if on else "box_empty", 56))
        self.state.setText(self._tr("register.consent_yes" if on else "register.consent_no"))

    def sizeHint(self) -> QSize:
        return self._row.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._row.minimumSize()


class YearPicker(QWidget):
    """The year in big digits between −10 / −1 and +1 / +10 buttons."""

    changed = Signal(int)

    def __init__(self, first: int, last: int, start: int = DEFAULT_BIRTH_YEAR) -> None:
        super().__init__()
        self.first, self.last = first, last
        self._year = min(max(start, first), last)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        row.addStretch(1)
        self.steps: dict[int, QPushButton] = {}
        for step in (-10, -1):
            row.addWidget(self._step_button(step))
        self.display = label(str(self._year), "year", wrap=False, center=True)
        self.display.setMinimumWidth(220)
        row.addWidget(self.display)
        for step in (1, 10):
            row.addWidget(self._step_button(step))
        row.addStretch(1)
        self._refresh_steps()

    def _step_button(self, step: int) -> QPushButton:
        # the shipped font has no minus sign: an en dash reads the same
        text = f"+{step}" if step > 0 else f"–{-step}"
        btn = button(text, "key")
        btn.setMinimumSize(104, 88)
        btn.setAutoRepeat(True)
        btn.clicked.connect(lambda _=False: self.set_value(self._year + step))
        self.steps[step] = btn
        return btn

    def value(self) -> int:
        return self._year

    def set_value(self, year: int) -> None:
        year = min(max(year, self.first), self.last)
        if year != self._year:
            self._year = year
            self.display.setText(str(year))
            self.changed.emit(year)
        self._refresh_steps()

    def _refresh_steps(self) -> None:
        for step, btn in self.steps.items():
            btn.setEnabled(self._year > self.first if step < 0 else self._year < self.last)


def attach_keyboard(tr: Tr, line_edit: QLineEdit) -> QWidget | None:
    """The on-screen keyboard (kiosk.ui.keyboard) bound to ``line_edit``; None until it exists.

    Imported lazily so these screens work before the keyboard lands, and so a
    keyboard that fails to build leaves a plain line edit rather than no screen.
    """
    try:
        module = importlib.import_module("kiosk.ui.keyboard")
    except ImportError:
        return None
    keyboard: QWidget = module.OnScreenKeyboard(tr)
    keyboard.attach(line_edit)  # type: ignore[attr-defined]
    return keyboard


class NameEntry(QWidget):
    """A big line edit with the on-screen keyboard under it; ``submitted`` on its Enter key."""

    submitted = Signal()

    def __init__(self, tr: Tr, placeholder: str, max_length: int = 120) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMaxLength(max_length)
        self.edit.setMinimumHeight(72)
        self.edit.returnPressed.connect(self.submitted)
        self.row = QHBoxLayout()  # room for a button beside the field
        self.row.addWidget(self.edit, 1)
        lay.addLayout(self.row)
        self.keyboard = attach_keyboard(tr, self.edit)
        if self.keyboard is not None:
            if hasattr(self.keyboard, "submitted"):
                self.keyboard.submitted.connect(self.submitted)
            lay.addWidget(self.keyboard, 1)

    def text(self) -> str:
        return " ".join(self.edit.text().split())

    def set_text(self, text: str) -> None:
        self.edit.setText(text)


class VillagePicker(QWidget):
    """The learning point's villages as a big list, plus "Khác" to type another name."""

    def __init__(self, tr: Tr, villages: Sequence[str]) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.modes = QStackedWidget()
        lay.addWidget(self.modes)
        self.list = QListWidget()
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        QScroller.grabGesture(
            self.list.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        for name in villages:
            self.list.addItem(QListWidgetItem(name))
        self.other_item = QListWidgetItem(tr("register.village_other"))
        self.other_item.setIcon(pictograms.icon("keyboard"))
        self.list.addItem(self.other_item)
        self.list.setIconSize(QSize(40, 40))
        self.list.currentItemChanged.connect(self._chosen)
        self.modes.addWidget(self.list)
        typing = QWidget()
        typing_lay = QVBoxLayout(typing)
        typing_lay.setContentsMargins(0, 0, 0, 0)
        self.other = NameEntry(tr, tr("register.village_placeholder"))
        self.back_to_list = button(tr("register.village_list"))
        self.back_to_list.setIcon(pictograms.icon("back"))
        self.back_to_list.setIconSize(QSize(28, 28))
        self.back_to_list.clicked.connect(self.show_list)
        self.other.row.insertWidget(0, self.back_to_list)
        typing_lay.addWidget(self.other, 1)
        self.modes.addWidget(typing)

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is self.other_item:
            self.modes.setCurrentIndex(1)
            self.other.edit.setFocus()

    def show_list(self) -> None:
        self.list.setCurrentRow(-1)
        self.modes.setCurrentIndex(0)

    def choose(self, name: str) -> None:
        """Select ``name`` in the list, or type it under "Khác" when it is not listed."""
        for i in range(self.list.count() - 1):
            if self.list.item(i).text() == name:
                self.list.setCurrentRow(i)
                return
        self.list.setCurrentItem(self.other_item)
        self.other.set_text(name)

    def value(self) -> str | None:
        item = self.list.currentItem()
        if item is None:
            return None
        if item is self.other_item:
            return self.other.text() or None
        return item.text()


class DigitPad(QWidget):
    """Digits typed on big keys; ``masked`` shows dots and, once complete, the last 4 only."""

    changed = Signal(str)

    def __init__(self, tr: Tr, length: int, *, masked: bool = False) -> None:
        super().__init__()
        self.length, self.masked = length, masked
        self._digits = ""
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(32)
        shown = QVBoxLayout()
        shown.addStretch(1)
        self.display = label("", "digits", wrap=False, center=True)
        self.display.setMinimumSize(420, 88)
        shown.addWidget(self.display)
        self.count = label("", "muted", center=True)
        shown.addWidget(self.count)
        shown.addStretch(1)
        lay.addLayout(shown, 1)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.keys: dict[str, QPushButton] = {}
        for i, digit in enumerate("1234567890"):
            key = button(digit, "key")
            key.setMinimumSize(128, 72)
            key.clicked.connect(lambda _=False, d=digit: self.press(d))
            self.keys[digit] = key
            grid.addWidget(key, i // 3, i % 3 if digit != "0" else 1)
        clear = button(tr("register.clear_all"), "key")
        clear.setMinimumSize(128, 72)
        clear.clicked.connect(self.clear)
        grid.addWidget(clear, 3, 0)
        back = button(tr("register.backspace"), "key")
        back.setMinimumSize(128, 72)
        back.setAccessibleName(tr("pin.backspace"))
        back.setAutoRepeat(True)
        back.clicked.connect(self.backspace)
        grid.addWidget(back, 3, 2)
        self.clear_button, self.back_button = clear, back
        for col in range(3):
            grid.setColumnMinimumWidth(col, 150)
        for key in (*self.keys.values(), clear, back):
            key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        lay.addLayout(grid)
        lay.addStretch(1)
        self._tr = tr
        self._refresh()

    def press(self, digit: str) -> None:
        if len(self._digits) < self.length:
            self._digits += digit
            self._refresh()

    def backspace(self) -> None:
        self._digits = self._digits[:-1]
        self._refresh()

    def clear(self) -> None:
        self._digits = ""
        self._refresh()

    def value(self) -> str:
        return self._digits

    def _refresh(self) -> None:
        self.display.setText(self.shown(self._digits, self.length, self.masked) or " ")
        self.count.setText(self._tr("register.digits_count", n=len(self._digits), of=self.length))
        self.changed.emit(self._digits)

    @staticmethod
    def shown(digits: str, length: int, masked: bool) -> str:
        """How the digits appear: groups of 4; a masked number never shows more than 4."""
        if masked:
            visible = digits[-4:] if len(digits) == length else ""
            text = "•" * (len(digits) - len(visible)) + visible
        else:
            text = digits
        return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def masked_id(last4: str) -> str:
    """ "•••• •••• 1234": how a citizen ID is ever shown."""
    return f"•••• •••• {last4}"
