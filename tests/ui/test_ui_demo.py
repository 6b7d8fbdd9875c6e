"""Demonstration mode: the attract loop cycles alone, a touch opens the presenter, lessons
step forwards and backwards, nothing is written about people, leaving needs the PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from kiosk.db.base import Base
from kiosk.navigation import Screen
from kiosk.ui.screens.demo_loop import DemoLoopScreen
from kiosk.ui.screens.demo_presenter import DemoPresenterScreen
from tests.conftest import STAFF_PIN


def row_counts(services) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with services.database.transaction() as session:
        return {
            name: int(session.scalar(select(func.count()).select_from(table)) or 0)
            for name, table in Base.metadata.tables.items()
        }


def test_loop_presenter_and_nothing_recorded(window, qtbot, ready_services) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    c.demo.interval_ms = 60  # the loop's clock, short for the test
    c.demo.start()
    assert c.nav.current is Screen.DEMO_LOOP
    before = row_counts(ready_services)

    loop = c.current_widget
    assert isinstance(loop, DemoLoopScreen)
    seen: list[int] = []
    loop.demo_changed.connect(seen.append)
    qtbot.waitUntil(lambda: len(set(seen)) >= 2, timeout=5000)  # cycles with no touch
    titles = {loop.t(d.title) for d in loop.demos}
    assert "Quét mã để thanh toán" in titles and "Nhận diện cuộc gọi lừa đảo" in titles

    qtbot.mouseClick(loop.layer, Qt.MouseButton.LeftButton)  # a touch, even on the phone
    assert c.nav.current is Screen.DEMO_PRESENTER
    presenter = c.current_widget
    assert isinstance(presenter, DemoPresenterScreen)
    lesson = c.services.content().lesson("safe-otp").lesson
    presenter.catalogue.tiles["safe-otp"].click()  # the tile (drag-scrolled list)
    player = presenter.player
    assert player is not None and player.view is not None and player.view.index == 0
    assert not presenter.back_button.isEnabled()

    for expected in range(1, len(lesson.steps)):
        qtbot.mouseClick(presenter.next_button, Qt.MouseButton.LeftButton)
        assert player.view.index == expected
        assert player.view.step.id == lesson.steps[expected].id
    qtbot.mouseClick(presenter.back_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(presenter.back_button, Qt.MouseButton.LeftButton)
    assert player.view.index == len(lesson.steps) - 3
    for _ in range(3):
        qtbot.mouseClick(presenter.next_button, Qt.MouseButton.LeftButton)
    assert presenter.session is not None and presenter.session.finished
    assert player.pages.currentWidget() is player.result_view
    assert not presenter.next_button.isEnabled()
    qtbot.mouseClick(presenter.back_button, Qt.MouseButton.LeftButton)  # from the result
    assert not presenter.session.finished and player.view.index == len(lesson.steps) - 1
    assert player.pages.currentIndex() == 0

    qtbot.mouseClick(presenter.lessons_button, Qt.MouseButton.LeftButton)
    presenter.catalogue.tiles["safe-scam-calls"].click()  # the tile (drag-scrolled list)
    qtbot.mouseClick(presenter.next_button, Qt.MouseButton.LeftButton)
    c.reset_to_welcome()  # the idle reset: back to the loop, not the welcome screen
    assert c.nav.current is Screen.DEMO_LOOP
    assert row_counts(ready_services) == before  # no attempts, no audit, nothing


def test_leaving_demo_mode_needs_the_staff_pin(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    c.demo.start()
    c.show(Screen.DEMO_PRESENTER)
    c.current_widget.open_lesson("safe-otp")
    c.open_staff_entry()
    assert c.nav.current is Screen.STAFF_PIN
    for digit in STAFF_PIN:
        c.current_widget.pad.press(digit)
    c.current_widget.pad.ok_button.click()
    menu = c.current_widget
    assert menu.buttons["demo.menu_off"].text() == "Tắt chế độ trình diễn"
    qtbot.mouseClick(menu.buttons["demo.menu_off"], Qt.MouseButton.LeftButton)
    assert not c.demo.on and menu.buttons["demo.menu_off"].text() == "Bật chế độ trình diễn"
    c.reset_to_welcome()
    assert c.nav.current is Screen.WELCOME


def test_staff_switch_turns_demo_mode_on(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    c.open_staff_entry()
    for digit in STAFF_PIN:
        c.current_widget.pad.press(digit)
    c.current_widget.pad.ok_button.click()
    qtbot.mouseClick(c.current_widget.buttons["demo.menu_on"], Qt.MouseButton.LeftButton)
    assert c.demo.on and c.nav.current is Screen.DEMO_LOOP and c.staff.role is None
