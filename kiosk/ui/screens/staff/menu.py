"""The staff menu: one big button per tool; tools are declared in kiosk.ui.flows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.ui.widgets import button, label


@dataclass(frozen=True)
class MenuEntry:
    key: str  # translation key of the button; also what ``chosen`` emits
    style: str = ""


class StaffMenuScreen(QWidget):
    chosen = Signal(str)  # the entry's key

    def __init__(
        self, tr: Callable[..., str], role_label: str, entries: Sequence[MenuEntry]
    ) -> None:
        super().__init__()
        root = QVBoxLayout(self)
        root.setContentsMargins(48, 12, 48, 12)
        root.addWidget(label(tr("staff.menu_title"), "heading"))
        root.addWidget(label(tr("staff.logged_in_as", role=role_label), "muted"))
        root.addSpacing(8)
        grid = QGridLayout()
        grid.setSpacing(10)  # six rows of tools fit 768 px
        self.buttons = {}
        columns = 3 if len(entries) > 8 else 2  # many tools register: keep it on one screen
        for i, entry in enumerate(entries):
            btn = button(tr(entry.key), entry.style)
            btn.clicked.connect(lambda _=False, key=entry.key: self.chosen.emit(key))
            self.buttons[entry.key] = btn
            grid.addWidget(btn, i // columns, i % columns)
        root.addLayout(grid)
        root.addStretch(1)
        self.message = label("", "message")
        root.addWidget(self.message)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
