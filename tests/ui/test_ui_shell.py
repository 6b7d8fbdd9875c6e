"""The kiosk shell driven like a person would: touches, keys, waiting."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from kiosk.app import create_window
from kiosk.navigation import Screen
from kiosk.staff.setup import identity
from kiosk.ui.screens.staff.pin_entry import StaffPinScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from tests.conftest import ADMIN_PIN, STAFF_PIN


def type_pin(qtbot, screen: StaffPinScreen, pin: str) -> None:  # type: ignore[no-untyped-def]
    for digit in pin:
        qtbot.mouseClick(screen.pad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.pad.ok_button, Qt.MouseButton.LeftButton)


def test_first_run_wizard_sets_up_the_kiosk(kiosk_qt, qtbot, services) -> None:  # type: ignore[no-untyped-def]
    win = create_window(services, kiosk_mode=False)
    qtbot.addWidget(win)
    win.show()
    c = win.controller
    welcome = c.current_widget
    assert isinstance(welcome, WelcomeScreen)
    qtbot.mouseClick(welcome.action, Qt.MouseButton.LeftButton)
    wizard = c.current_widget
    assert c.nav.current is Screen.SETUP
    wizard._after_commune()  # "Next" with nothing chosen
    assert "Mời chọn" in wizard.message.text()
    qtbot.keyClicks(wizard.filter, "sin thau")  # no tone marks needed
    visible = [
        i for i in range(wizard.unit_list.count()) if not wizard.unit_list.item(i).isHidden()
    ]
    assert len(visible) == 1
    wizard.unit_list.setCurrentRow(visible[0])
    wizard._after_commune()
    wizard.name_edit.setText("Nhà văn hoá bản Sín Thầu")
    wizard._after_name()
    pad = wizard.pad
    for pin in ("1357", "135792", "135792", "246802", "246803"):  # short; admin mistyped
        for digit in pin:
            qtbot.mouseClick(pad.keys[digit], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
    assert "không giống" in pad.message.text()
    for pin in ("246802", "246802"):
        for digit in pin:
            qtbot.mouseClick(pad.keys[digit], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
    assert c.nav.current is Screen.WELCOME
    with services.database.transaction() as s:
        done = identity(s)
    assert done is not None and done.commune_code == "03158"
    assert "Sín Thầu" in c.current_widget.findChildren(type(wizard.message))[-1].text()
    win.allow_close = True


def test_language_switch_and_idle_reset_leave_no_trace(kiosk_qt, qtbot, ready_services) -> None:  # type: ignore[no-untyped-def]
    ready_services.settings = dataclasses.replace(
        ready_services.settings, idle_timeout_s=1, idle_countdown_s=2
    )
    win = create_window(ready_services, kiosk_mode=False)
    qtbot.addWidget(win)
    win.show()
    c = win.controller
    qtbot.mouseClick(c.current_widget.language_buttons["en"], Qt.MouseButton.LeftButton)
    assert c.current_widget.action.text() == "Start learning"
    qtbot.waitUntil(c.overlay.isVisible, timeout=3000)
    assert c.overlay.title.text() == "Are you still there?"
    qtbot.waitUntil(lambda: not c.overlay.isVisible(), timeout=4000)
    assert c.nav.current is Screen.WELCOME
    assert c.current_widget.action.text() == "Bắt đầu học"
    win.allow_close = True


def test_touching_the_overlay_keeps_the_session(kiosk_qt, qtbot, ready_services) -> None:  # type: ignore[no-untyped-def]
    ready_services.settings = dataclasses.replace(
        ready_services.settings, idle_timeout_s=1, idle_countdown_s=5
    )
    win = create_window(ready_services, kiosk_mode=False)
    qtbot.addWidget(win)
    win.show()
    c = win.controller
    c.choose_language("en")
    english_welcome = c.current_widget
    qtbot.waitUntil(c.overlay.isVisible, timeout=3000)
    qtbot.mouseClick(c.overlay.stay_button, Qt.MouseButton.LeftButton)
    assert not c.overlay.isVisible()
    assert c.current_widget is english_welcome
    win.allow_close = True


def test_corner_long_press_opens_the_pin_pad_and_five_wrong_pins_lock(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    target = window.childAt(QPoint(10, 10)) or window
    pos = target.mapFrom(window, QPoint(10, 10))
    qtbot.mousePress(target, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.wait(1000)
    assert c.nav.current is Screen.WELCOME  # a short press does nothing
    qtbot.waitUntil(lambda: c.nav.current is Screen.STAFF_PIN, timeout=3000)
    qtbot.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    screen = c.current_widget
    for left in (4, 3, 2, 1):
        type_pin(qtbot, screen, "000000")
        assert f"Còn {left} lần" in screen.pad.message.text()
    type_pin(qtbot, screen, "000000")
    assert "1 phút" in screen.pad.message.text()
    type_pin(qtbot, screen, STAFF_PIN)
    assert c.nav.current is Screen.STAFF_PIN  # locked: the right PIN waits too


def test_shortcut_staff_menu_settings_and_admin_exit(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    quits: list[bool] = []
    c.quit_requested.connect(lambda: quits.append(True))
    qtbot.keyClick(
        window,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert c.nav.current is Screen.STAFF_PIN
    type_pin(qtbot, c.current_widget, STAFF_PIN)
    assert c.nav.current is Screen.STAFF_MENU
    menu = c.current_widget
    qtbot.mouseClick(menu.buttons["staff.settings"], Qt.MouseButton.LeftButton)
    assert not c.current_widget.save_button.isEnabled()  # staff may look, not change
    qtbot.mouseClick(
        c.current_widget.findChildren(type(menu.buttons["staff.settings"]))[0],
        Qt.MouseButton.LeftButton,
    )
    assert c.nav.current is Screen.STAFF_MENU
    qtbot.mouseClick(c.current_widget.buttons["staff.exit_kiosk"], Qt.MouseButton.LeftButton)
    assert c.nav.current is Screen.STAFF_PIN
    type_pin(qtbot, c.current_widget, STAFF_PIN)  # the staff PIN cannot exit
    assert quits == [] and c.nav.current is Screen.STAFF_PIN
    type_pin(qtbot, c.current_widget, ADMIN_PIN)
    assert quits == [True]
    assert not window.isVisible()


def test_admin_changes_idle_timeout_and_it_persists(window, qtbot, ready_services) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    c.open_staff_entry()
    type_pin(qtbot, c.current_widget, ADMIN_PIN)
    qtbot.mouseClick(c.current_widget.buttons["staff.settings"], Qt.MouseButton.LeftButton)
    settings = c.current_widget
    settings.idle_timeout.setValue(300)
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    assert settings.message.text() == "Đã lưu cài đặt."
    from kiosk.settings import load_settings

    with ready_services.database.transaction() as s:
        assert load_settings(s).idle_timeout_s == 300
    assert c.idle._timer.interval() == 300_000


def test_kiosk_mode_is_full_screen_and_cannot_be_closed(kiosk_qt, qtbot, ready_services) -> None:  # type: ignore[no-untyped-def]
    win = create_window(ready_services, kiosk_mode=True)
    qtbot.addWidget(win)
    win.present()
    screen = QGuiApplication.primaryScreen().geometry()
    qtbot.waitUntil(lambda: win.geometry().size() == screen.size(), timeout=3000)
    assert win.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert win.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    qtbot.keyClick(win, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert not win.close()
    assert win.isVisible()
    win.allow_close = True


def test_database_error_screen_explains_in_vietnamese(kiosk_qt, qtbot, data_dir) -> None:  # type: ignore[no-untyped-def]
    from kiosk.paths import DataPaths
    from kiosk.services import build_services

    data_dir.mkdir(parents=True)
    (data_dir / "kiosk.sqlite3").write_bytes(b"definitely not sqlite")
    broken = build_services(DataPaths(data_dir))
    win = create_window(broken, kiosk_mode=False)
    qtbot.addWidget(win)
    c = win.controller
    assert c.nav.current is Screen.DATABASE_ERROR
    assert "Tệp dữ liệu bị hỏng" in c.current_widget.reason.text()
    assert (data_dir / "kiosk.sqlite3").read_bytes() == b"definitely not sqlite"
    win.allow_close = True


@pytest.mark.parametrize("screen", [s for s in Screen if s is not Screen.DATABASE_ERROR])
def test_every_screen_fits_1366x768(window, screen) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    c.staff.role = None
    c.learner_flow.lesson_id = c.services.content().lessons[0].lesson.id
    widget = c.builders[screen]()
    hint = widget.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768, hint
    widget.deleteLater()


def test_deferred_database_open_failure_switches_to_the_error_screen(
    kiosk_qt, qtbot, ready_services
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.db.database import DatabaseUnavailable, FailureReason
    from kiosk.paths import DataPaths
    from kiosk.services import start_services

    ready_services.close()
    services = start_services(DataPaths(ready_services.paths.root))
    assert not services.connected  # the welcome screen paints from the quick read
    assert services.identity == ready_services.identity
    win = create_window(services, kiosk_mode=False)
    qtbot.addWidget(win)
    assert win.controller.nav.current is Screen.WELCOME
    services.failure = DatabaseUnavailable(FailureReason.CORRUPT, services.paths.database, "x")
    win.controller.database_opened()
    assert win.controller.nav.current is Screen.DATABASE_ERROR
    win.allow_close = True


WELCOME_LINES = [
    "_screens/welcome.greeting",
    "_screens/welcome.lead",
    "_screens/welcome.touch_hint",
]


def test_welcome_speaks_once_the_database_is_open_and_on_request(
    kiosk_qt, qtbot, ready_services
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.paths import DataPaths
    from kiosk.services import start_services

    ready_services.close()
    services = start_services(DataPaths(ready_services.paths.root))
    win = create_window(services, kiosk_mode=False)  # painted from the quick read
    qtbot.addWidget(win)
    c = win.controller
    assert c._narrator is None  # nothing of the sound libraries before the first paint
    c.services.connect()
    c.database_opened()
    assert c.narrator.history == WELCOME_LINES
    qtbot.mouseClick(c.current_widget.listen_again, Qt.MouseButton.LeftButton)
    assert c.narrator.history == WELCOME_LINES * 2
    qtbot.mouseClick(c.current_widget.language_buttons["en"], Qt.MouseButton.LeftButton)
    assert c.narrator.history == WELCOME_LINES * 3  # the same lines, now in English
    win.allow_close = True
    services.close()


def test_the_idle_question_is_spoken_and_the_reset_is_quiet(
    kiosk_qt, qtbot, ready_services
) -> None:  # type: ignore[no-untyped-def]
    ready_services.settings = dataclasses.replace(
        ready_services.settings, idle_timeout_s=1, idle_countdown_s=2
    )
    win = create_window(ready_services, kiosk_mode=False)
    qtbot.addWidget(win)
    win.show()
    c = win.controller
    c.show(Screen.LEARNER_START)
    qtbot.waitUntil(c.overlay.isVisible, timeout=3000)
    assert c.narrator.history[-1] == "_screens/idle.title"
    assert (
        c.overlay.speaker is not None
        and c.overlay.speaker.property("line") == "_screens/idle.title"
    )
    c.overlay.speaker.click()  # the loudspeaker beside the question
    assert c.narrator.history[-2:] == ["_screens/idle.title"] * 2
    said = len(c.narrator.history)
    qtbot.waitUntil(lambda: not c.overlay.isVisible(), timeout=4000)
    assert c.nav.current is Screen.WELCOME
    assert len(c.narrator.history) == said  # nobody answered: no greeting to an empty room
    win.allow_close = True


def test_a_kiosk_without_sound_says_its_lines_quietly(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from kiosk.ui.audio import Narrator

    c = window.controller
    c._narrator = Narrator(c, tts_engines=(), audio=False)  # no speakers, no voice
    c.show(Screen.LEARNER_START)
    assert c.narrator.mode == "silent"
    assert c.narrator.history[0] == "_screens/start.title"  # still reported, nothing raised
    assert len(c.narrator.history) == 7
    c.reset_to_welcome()
    assert c.narrator.history[-3:] == WELCOME_LINES
