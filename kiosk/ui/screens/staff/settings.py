"""Settings (admin): idle reset times, the slip printer and the slip paper."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.settings import KioskSettings
from kiosk.slips.view import Layout
from kiosk.ui.widgets import button, label


class SettingsScreen(QWidget):
    save_requested = Signal(object)  # dict of changed fields
    back_requested = Signal()

    def __init__(
        self,
        tr: Callable[..., str],
        settings: KioskSettings,
        editable: bool,
        printers: Sequence[str] = (),
    ) -> None:
        super().__init__()
        root = QVBoxLayout(self)
        root.setContentsMargins(48, 24, 48, 24)
        root.addWidget(label(tr("settings.title"), "heading"))
        form = QFormLayout()
        form.setVerticalSpacing(16)
        self.idle_timeout = QSpinBox()
        self.idle_timeout.setRange(15, 3600)
        self.idle_timeout.setSingleStep(15)
        self.idle_timeout.setValue(settings.idle_timeout_s)
        form.addRow(label(tr("settings.idle_timeout")), self.idle_timeout)
        self.idle_countdown = QSpinBox()
        self.idle_countdown.setRange(5, 120)
        self.idle_countdown.setValue(settings.idle_countdown_s)
        form.addRow(label(tr("settings.idle_countdown")), self.idle_countdown)
        self.printer = QComboBox()
        self.printer.addItem(tr("printing.system_default"), "")
        for name in printers:
            self.printer.addItem(name, name)
        if settings.printer and settings.printer not in printers:
            self.printer.addItem(tr("printing.not_found", name=settings.printer), settings.printer)
        self.printer.setCurrentIndex(max(0, self.printer.findData(settings.printer)))
        form.addRow(label(tr("printing.printer")), self.printer)
        self.slip_layout = QComboBox()
        for layout in Layout:
            self.slip_layout.addItem(tr(f"printing.layout.{layout.value}"), layout.value)
        self.slip_layout.setCurrentIndex(max(0, self.slip_layout.findData(settings.slip_layout)))
        form.addRow(label(tr("printing.layout")), self.slip_layout)
        for combo in (self.printer, self.slip_layout):
            combo.setMinimumHeight(56)
        root.addLayout(form)
        root.addStretch(1)
        self.message = label("" if editable else tr("settings.need_admin"), "message")
        root.addWidget(self.message)
        row = QHBoxLayout()
        back = button(tr("common.back"))
        back.clicked.connect(self.back_requested)
        self.save_button = button(tr("common.save"), "primary")
        self.save_button.clicked.connect(self._save)
        editors = (self.idle_timeout, self.idle_countdown, self.printer, self.slip_layout)
        for widget in (*editors, self.save_button):
            widget.setEnabled(editable)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.save_button)
        root.addLayout(row)

    def _save(self) -> None:
        self.save_requested.emit(
            {
                "idle_timeout_s": self.idle_timeout.value(),
                "idle_countdown_s": self.idle_countdown.value(),
                "printer": str(self.printer.currentData() or ""),
                "slip_layout": str(self.slip_layout.currentData()),
            }
        )

    def show_message(self, text: str) -> None:
        self.message.setText(text)
