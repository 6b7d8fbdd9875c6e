"""The staff menu; later issues add their items here."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.ui.widgets import button, label


class StaffMenuScreen(QWidget):
    settings_requested = Signal()
    slips_requested = Signal()
    about_requested = Signal()
    exit_requested = Signal()
    leave_requested = Signal()

    def __init__(self, tr: Callable[..., str], role_label: str) -> None:
        super().__init__()
        root = QVBoxLayout(self)
        root.setContentsMargins(48, 24, 48, 24)
        root.addWidget(label(tr("staff.menu_title"), "heading"))
        root.addWidget(label(tr("staff.logged_in_as", role=role_label), "muted"))
        root.addSpacing(24)
        grid = QGridLayout()
        grid.setSpacing(16)
        items = [
            ("slips.menu_item", self.slips_requested, ""),
            ("staff.settings", self.settings_requested, ""),
            ("staff.about", self.about_requested, ""),
            ("staff.exit_kiosk", self.exit_requested, "danger"),
            ("staff.leave", self.leave_requested, "primary"),
        ]
        self.buttons = {}
        for i, (key, signal, style) in enumerate(items):
            btn = button(tr(key), style)
            btn.clicked.connect(signal)
            self.buttons[key] = btn
            grid.addWidget(btn, i // 2, i % 2)
        root.addLayout(grid)
        root.addStretch(1)
        self.message = label("", "message")
        root.addWidget(self.message)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
