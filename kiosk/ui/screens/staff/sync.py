"""Đồng bộ: enrol with the provincial hub, see how sending goes, send now, export to USB.

The hub address and enrolment code take a physical keyboard or the on-screen one
("Bàn phím"), which types letter for letter there (no Telex).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.keyboard import OnScreenKeyboard
from kiosk.ui.theme import INK
from kiosk.ui.widgets import button, label


class SyncScreen(QWidget):
    enroll_requested = Signal(str, str)  # hub address, enrolment code
    sync_requested = Signal()
    export_requested = Signal()
    profile_requested = Signal()  # the province profile from a USB stick
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
        self.hub_field.setPlaceholderText("https://…")
        self.hub_field.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly)
        self.code_field = QLineEdit()
        self.code_field.setInputMethodHints(Qt.InputMethodHint.ImhLatinOnly)
        form.addRow(label(tr("sync.hub_address")), self.hub_field)
        form.addRow(label(tr("sync.enrol_code")), self.code_field)
        root.addLayout(form)
        self.keyboard = OnScreenKeyboard(tr)
        self.keyboard.setVisible(False)
        self.keyboard.attach(self.hub_field)
        self.keyboard.submitted.connect(self._next_field)
        root.addWidget(self.keyboard)
        for field in (self.hub_field, self.code_field):
            field.installEventFilter(self)
        self.enroll_button = button(tr("sync.enroll"))
        self.enroll_button.clicked.connect(
            lambda: self.enroll_requested.emit(self.hub_field.text(), self.code_field.text())
        )
        self.profile_button = button(tr("sync.profile"))
        self.profile_button.clicked.connect(self.profile_requested)
        self.setup_row = QHBoxLayout()  # enrolling, or the province profile from a USB stick
        self.setup_row.addWidget(self.enroll_button)
        self.setup_row.addWidget(self.profile_button)
        self.setup_row.addStretch(1)
        root.addLayout(self.setup_row)
        root.addStretch(1)
        self.bottom_row = row = QHBoxLayout()
        back = button(tr("common.back"))
        back.clicked.connect(self.back_requested)
        self.sync_button = button(tr("sync.now"), "primary")
        self.sync_button.clicked.connect(self.sync_requested)
        self.export_button = button(tr("sync.export"))
        self.export_button.clicked.connect(self.export_requested)
        self.keyboard_button = button(tr("common.keyboard"))
        self.keyboard_button.setCheckable(True)
        self.keyboard_button.toggled.connect(self._toggle_keyboard)
        row.addWidget(back)
        row.addWidget(self.keyboard_button)
        row.addStretch(1)
        for widget in (self.export_button, self.sync_button):
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
            line = label(text, "message" if error else "")
            line.setVisible(not self.keyboard_button.isChecked())  # the keys need the room
            self.status_box.addWidget(line)
        if hub_url and not self.hub_field.text():
            self.hub_field.setText(hub_url)

    def show_message(self, text: str, error: bool = False) -> None:
        """A note after an action; errors in red, the rest in plain ink."""
        self.message.setText(text)
        self.message.setStyleSheet("" if error else f"color: {INK};")
        self.message.show()

    def set_busy(self, busy: bool) -> None:
        for widget in (
            self.enroll_button,
            self.profile_button,
            self.sync_button,
            self.export_button,
        ):
            widget.setEnabled(not busy)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The on-screen keys type into whichever field was touched last."""
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            self.keyboard.attach(watched)
        return super().eventFilter(watched, event)

    def _toggle_keyboard(self, on: bool) -> None:
        """Room for the keys at 1366×768: only the fields and enrolling stay in view.

        What makes room goes first, so the layout never asks for more than the screen.
        """
        if not on:
            self.keyboard.setVisible(False)
        status = [self.status_box.itemAt(i) for i in range(self.status_box.count())]
        widgets = [item.widget() for item in status if item is not None]
        for widget in (*widgets, self.sync_button, self.export_button, self.profile_button):
            if widget is not None:
                widget.setVisible(not on)
        # Enrolling stays in view beside the keys: it joins the bottom row, one row less.
        (self.bottom_row if on else self.setup_row).insertWidget(2 if on else 0, self.enroll_button)
        if on:
            self.keyboard.setVisible(True)
        if on:
            field = self.keyboard.target or self.hub_field
            field.setFocus()

    def _next_field(self) -> None:
        """ "Xong": from the address to the code; after the code, put the keys away."""
        if self.keyboard.target is self.hub_field:
            self.code_field.setFocus()
            self.keyboard.attach(self.code_field)
        else:
            self.keyboard_button.setChecked(False)
