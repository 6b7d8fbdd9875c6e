"""Changing a PIN (admin): two staff menu items and a PIN pad that asks for the new PIN twice.

The rule and the change are the core's (`kiosk.staff.access.change_pin`); the pad only
says in Vietnamese what the rule refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from kiosk.navigation import Screen
from kiosk.staff.ops import change_staff_pin
from kiosk.staff.pin import pin_is_allowed
from kiosk.staff.roles import Role
from kiosk.staff.setup import SetupError
from kiosk.ui.screens.staff.menu import StaffMenuScreen
from kiosk.ui.screens.staff.pin_entry import StaffPinScreen

if TYPE_CHECKING:
    from kiosk.ui.flows.api import FlowHost


class PinChangeFlow:
    def __init__(self, controller: FlowHost) -> None:
        self.c = controller
        self.role = Role.STAFF
        self.first: str | None = None  # the new PIN, until it is typed again

    def builders(self) -> dict[Screen, Callable[[], QWidget]]:
        return {Screen.STAFF_CHANGE_PIN: self._build}

    def open_staff(self) -> None:
        self.open(Role.STAFF)

    def open_admin(self) -> None:
        self.open(Role.ADMIN)

    def open_voice(self) -> None:
        self.open(Role.VOICE)

    def open(self, role: Role) -> None:
        self.role, self.first = role, None
        self.c.show(Screen.STAFF_CHANGE_PIN)

    def _title(self) -> str:
        return self.c.t(f"pin_change.title.{self.role.value}")

    def _build(self) -> QWidget:
        screen = StaffPinScreen(self.c.t, self._title())
        screen.submitted.connect(lambda pin: self.entered(screen, pin))
        screen.cancelled.connect(lambda: self.c.show(Screen.STAFF_MENU))
        return screen

    def entered(self, screen: StaffPinScreen, pin: str) -> None:
        t = self.c.t
        if self.first is None:
            if not pin_is_allowed(pin):
                screen.pad.show_message(t("setup.error.pin_format"))
                return
            self.first = pin
            screen.pad.set_title(t("setup.repeat_pin"))
            screen.pad.show_message("")
            return
        first, self.first = self.first, None
        screen.pad.set_title(self._title())
        if pin != first:
            screen.pad.show_message(t("setup.pin_mismatch"))
            return
        try:
            change_staff_pin(self.c.services, self.role, pin)
        except SetupError as exc:
            screen.pad.show_message(t(exc.key))
            return
        self.c.show(Screen.STAFF_MENU)
        menu = self.c.current_widget
        if isinstance(menu, StaffMenuScreen):
            menu.show_message(t(f"pin_change.done.{self.role.value}"))
