"""Đồng bộ: enrol with the provincial hub, see how sending goes, send now, export to USB."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.theme import INK
from kiosk.ui.widgets import button, label


class SyncScreen(QWidget):
    enroll_requested = Signal(str, str)  # hub address, enrolment code
    sync_requested = Signal()
    export_requested = Signal()
    back_requested = Signal()

    def __init__(self, tr: Callable[..., str]) -> None:
        super().__init__()
        root = QVBoxLayout(self)
        root.setContentsMargins(48, 24, 48, 24)
        root.setSpacing(12)
        root.addWidget(label(tr("sync.title"), "heading"))
        self.status_box = QVBoxLayout()
        root.addLayout(self.status_box)
        self.message = label("", "message")
        self.message.hide()
        root.addWidget(self.message)
        form = QFormLayout()
        form.setVerticalSpacing(12)
        self.hub_field = QLineEdit()
        self.hub_field.setPlaceholderText("http://…")
        self.code_field = QLineEdit()
        form.addRow(label(tr("sync.hub_address")), self.hub_field)
        form.addRow(label(tr("sync.enrol_code")), self.code_field)
        root.addLayout(form)
        self.enroll_button = button(tr("sync.enroll"))
        self.enroll_button.clicked.connect(
            lambda: self.enroll_requested.emit(self.hub_field.text(), self.code_field.text())
        )
        root.addStretch(1)
        row = QHBoxLayout()
        back = button(tr("common.back"))
        back.clicked.connect(self.back_requested)
        self.sync_button = button(tr("sync.now"), "primary")
        self.sync_button.clicked.connect(self.sync_requested)
        self.export_button = button(tr("sync.export"))
        self.export_button.clicked.connect(self.export_requested)
        row.addWidget(back)
        row.addStretch(1)
        for widget in (self.enroll_button, self.export_button, self.sync_button):
            row.addWidget(widget)
        root.addLayout(row)

    def show_status(self, lines: Sequence[tuple[str, bool]], hub_url: str | None) -> None:
        """Status lines (text, is an error); the known hub address fills the field."""
        while self.status_box.count():
            item = self.status_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for text, error in lines:
            self.status_box.addWidget(label(text, "message" if error else ""))
        if hub_url and not self.hub_field.text():
            self.hub_field.setText(hub_url)

    def show_message(self, text: str, error: bool = False) -> None:
        """A note after an action; errors in red, the rest in plain ink."""
        self.message.setText(text)
        self.message.setStyleSheet("" if error else f"color: {INK};")
        self.message.show()

    def set_busy(self, busy: bool) -> None:
        for widget in (self.enroll_button, self.sync_button, self.export_button):
            widget.setEnabled(not busy)
