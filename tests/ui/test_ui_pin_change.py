"""Changing a PIN from the staff menu: the administrator's tool, the core's rule, Vietnamese."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.db.base import utcnow
from kiosk.navigation import Screen
from kiosk.staff.access import Role, try_pin
from tests.conftest import ADMIN_PIN, STAFF_PIN

LEFT = Qt.MouseButton.LeftButton


def type_pin(qtbot, screen, pin: str) -> None:  # type: ignore[no-untyped-def]
    for digit in pin:
        qtbot.mouseClick(screen.pad.keys[digit], LEFT)
    qtbot.mouseClick(screen.pad.ok_button, LEFT)


def test_the_administrator_sets_a_new_staff_pin(window, qtbot, ready_services) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    c.open_staff_entry()
    type_pin(qtbot, c.current_widget, STAFF_PIN)
    qtbot.mouseClick(c.current_widget.buttons["pin_change.menu.staff"], LEFT)
    assert c.nav.current is Screen.STAFF_PIN  # staff may not: the admin PIN first
    type_pin(qtbot, c.current_widget, ADMIN_PIN)
    assert c.nav.current is Screen.STAFF_CHANGE_PIN
    screen = c.current_widget
    type_pin(qtbot, screen, "4321")
    assert "6 đến 8 chữ số" in screen.pad.message.text()
    type_pin(qtbot, screen, "582046")
    type_pin(qtbot, screen, "582047")
    assert "không giống" in screen.pad.message.text()
    type_pin(qtbot, screen, ADMIN_PIN)
    type_pin(qtbot, screen, ADMIN_PIN)
    assert "khác mã PIN cán bộ" in screen.pad.message.text()
    type_pin(qtbot, screen, "582046")
    type_pin(qtbot, screen, "582046")
    assert c.nav.current is Screen.STAFF_MENU
    assert c.current_widget.message.text() == "Đã đổi mã PIN cán bộ."
    with ready_services.database.transaction() as s:
        assert try_pin(s, "582046", utcnow()).role is Role.STAFF
        assert try_pin(s, STAFF_PIN, utcnow()).role is None
