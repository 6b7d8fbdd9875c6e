"""First-run set-up (staff): commune or ward, learning point name, two PINs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.staff.pin import pin_is_allowed
from kiosk.text import fold
from kiosk.ui.screens.pin_pad import PinPad
from kiosk.ui.widgets import button, label
from kiosk_records.communes import Unit


@dataclass(frozen=True)
class SetupAnswers:
    commune_code: str
    learning_point: str
    staff_pin: str
    admin_pin: str


class SetupWizard(QWidget):
    finished = Signal(object)  # SetupAnswers
    cancelled = Signal()

    def __init__(self, tr: Callable[..., str], units: Sequence[Unit]) -> None:
        super().__init__()
        self._tr = tr
        self._pins: dict[str, str] = {}
        self._first_pin: str | None = None
        root = QVBoxLayout(self)
        root.setContentsMargins(48, 24, 48, 24)
        root.addWidget(label(tr("setup.title"), "heading"))
        self.pages = QStackedWidget()
        root.addWidget(self.pages, 1)
        self.message = label("", "message")
        root.addWidget(self.message)

        # page 0: commune
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(label(tr("setup.step_commune"), "lead"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("setup.filter"))
        self.filter.textChanged.connect(self._filter_units)
        lay.addWidget(self.filter)
        self.unit_list = QListWidget()
        for unit in units:
            kind = tr("unit.ward") if unit.kind == "ward" else tr("unit.commune")
            item = QListWidgetItem(f"{kind} {unit.name}")
            item.setData(Qt.ItemDataRole.UserRole, unit.code)
            self.unit_list.addItem(item)
        lay.addWidget(self.unit_list, 1)
        lay.addLayout(self._nav(self._after_commune, back=self.cancelled.emit))
        self.pages.addWidget(page)

        # page 1: name
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(label(tr("setup.step_name"), "lead"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(tr("setup.name_placeholder"))
        self.name_edit.setMaxLength(120)
        lay.addWidget(self.name_edit)
        lay.addStretch(1)
        lay.addLayout(self._nav(self._after_name, back=lambda: self._show(0)))
        self.pages.addWidget(page)

        # page 2: PINs (one pad, asked four times: staff, staff again, admin, admin again)
        self.pad = PinPad(tr, tr("setup.step_staff_pin"))
        self.pad.submitted.connect(self._pin_entered)
        self.pad.cancelled.connect(lambda: self._show(1))
        self.pages.addWidget(self.pad)

    def _nav(self, forward: Callable[[], None], back: Callable[[], None]) -> QHBoxLayout:
        row = QHBoxLayout()
        back_btn = button(self._tr("common.back"))
        back_btn.clicked.connect(back)
        next_btn = button(self._tr("common.next"), "primary")
        next_btn.clicked.connect(forward)
        row.addWidget(back_btn)
        row.addStretch(1)
        row.addWidget(next_btn)
        return row

    def _show(self, index: int) -> None:
        self.message.setText("")
        self.pages.setCurrentIndex(index)

    def _filter_units(self, text: str) -> None:
        needle = fold(text)
        for i in range(self.unit_list.count()):
            item = self.unit_list.item(i)
            item.setHidden(needle not in fold(item.text()))

    def selected_code(self) -> str | None:
        item = self.unit_list.currentItem()
        return None if item is None or item.isHidden() else item.data(Qt.ItemDataRole.UserRole)

    def _after_commune(self) -> None:
        if self.selected_code() is None:
            self.message.setText(self._tr("setup.error.commune"))
            return
        self._show(1)

    def _after_name(self) -> None:
        if len(" ".join(self.name_edit.text().split())) < 2:
            self.message.setText(self._tr("setup.error.name"))
            return
        self._pins.clear()
        self._first_pin = None
        self.pad.set_title(self._tr("setup.step_staff_pin"))
        self._show(2)
        self.pad.setFocus()

    def _pin_entered(self, pin: str) -> None:
        if not pin_is_allowed(pin):
            self.pad.show_message(self._tr("setup.error.pin_format"))
            return
        role = "staff" if "staff" not in self._pins else "admin"
        if self._first_pin is None:
            if role == "admin" and pin == self._pins["staff"]:
                self.pad.show_message(self._tr("setup.error.pin_same"))
                return
            self._first_pin = pin
            self.pad.show_message("")
            self.pad.set_title(self._tr("setup.repeat_pin"))
            return
        if pin != self._first_pin:
            self._first_pin = None
            self.pad.show_message(self._tr("setup.pin_mismatch"))
            self.pad.set_title(self._tr(f"setup.step_{role}_pin"))
            return
        self._pins[role] = pin
        self._first_pin = None
        self.pad.show_message("")
        if role == "staff":
            self.pad.set_title(self._tr("setup.step_admin_pin"))
            return
        code = self.selected_code()
        assert code is not None
        self.finished.emit(
            SetupAnswers(code, self.name_edit.text(), self._pins["staff"], self._pins["admin"])
        )

    def show_message(self, text: str) -> None:
        self.message.setText(text)
