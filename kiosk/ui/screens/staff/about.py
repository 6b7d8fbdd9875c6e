"""About this kiosk: version, identity, data folder, licences."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.widgets import button, label


class AboutScreen(QWidget):
    back_requested = Signal()

    def __init__(self, tr: Callable[..., str], lines: Sequence[str]) -> None:
        super().__init__()
        root = QVBoxLayout(self)
        root.setContentsMargins(48, 24, 48, 24)
        root.addWidget(label(tr("about.title"), "heading"))
        for line in lines:
            root.addWidget(label(line))
        root.addWidget(label(tr("about.fonts"), "muted"))
        root.addStretch(1)
        row = QHBoxLayout()
        back = button(tr("common.back"))
        back.clicked.connect(self.back_requested)
        row.addWidget(back)
        row.addStretch(1)
        root.addLayout(row)
