"""Shown when the database cannot be used: what happened, that nothing was lost."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.widgets import label


class DatabaseErrorScreen(QWidget):
    def __init__(self, tr: Callable[..., str], reason_key: str, path: str) -> None:
        super().__init__()
        root = QVBoxLayout(self)
        root.setContentsMargins(64, 48, 64, 48)
        root.addStretch(1)
        root.addWidget(label(tr("error.title"), "title", center=True))
        root.addSpacing(24)
        self.reason = label(tr(reason_key), "lead", center=True)
        root.addWidget(self.reason)
        root.addWidget(label(tr("error.what_to_do"), "lead", center=True))
        root.addSpacing(24)
        root.addWidget(label(tr("error.where", path=path), "muted", center=True))
        root.addStretch(2)
