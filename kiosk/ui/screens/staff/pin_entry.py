"""Staff entry: the PIN pad on its own screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.screens.pin_pad import PinPad


class StaffPinScreen(QWidget):
    def __init__(self, tr: Callable[..., str], title: str) -> None:
        super().__init__()
        root = QVBoxLayout(self)
        root.setContentsMargins(48, 24, 48, 24)
        self.pad = PinPad(tr, title)
        root.addWidget(self.pad)
        self.submitted = self.pad.submitted
        self.cancelled = self.pad.cancelled

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.pad.setFocus()
