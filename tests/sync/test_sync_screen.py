"""The staff "Đồng bộ" screen: enrol, see status in plain words, send now, export to USB."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.clock import utcnow
from kiosk.navigation import Screen
from kiosk.slips.local import kiosk_key
from kiosk.ui import worker
from kiosk.ui.screens.staff.sync import SyncScreen
from kiosk_hub.bundle import open_bundle
from kiosk_hub.keys import HubKey
from kiosk_records.request_signing import hub_key_fingerprint
from tests.conftest import STAFF_PIN
from tests.helpers.stub_hub import StubHub, running_hub
from tests.helpers.sync_helpers import fill_outbox


@pytest.fixture
def hub() -> Iterator[StubHub]:
    yield from running_hub()


def open_sync(window, qtbot) -> SyncScreen:  # type: ignore[no-untyped-def]
    c = window.controller
    c.open_staff_entry()
    pad = c.current_widget.pad
    for digit in STAFF_PIN:
        qtbot.mouseClick(pad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(c.current_widget.buttons["sync.menu_item"], Qt.MouseButton.LeftButton)
    assert c.nav.current is Screen.STAFF_SYNC
    screen = c.current_widget
    assert isinstance(screen, SyncScreen)
    return screen


def texts(screen: SyncScreen) -> str:
    lines = [screen.status_box.itemAt(i).widget().text() for i in range(screen.status_box.count())]
    return "\n".join([*lines, screen.message.text()])


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=20_000)


def test_enrol_send_and_export(
    window, qtbot, ready_services, data_dir, hub: StubHub, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    screen = open_sync(window, qtbot)
    assert "chưa đăng ký" in texts(screen) and "đang chờ gửi: 0" in texts(screen)
    click(qtbot, screen.enroll_button)
    assert "Hãy nhập cả địa chỉ" in screen.message.text()

    screen.hub_field.setText(hub.url)
    screen.code_field.setText("SAI-MA")
    click(qtbot, screen.enroll_button)
    assert "không nhận mã đăng ký" in screen.message.text()
    screen.code_field.setText("ENROL-1")
    click(qtbot, screen.enroll_button)
    assert "Đã đăng ký" in screen.message.text() and hub.url in texts(screen)
    assert hub_key_fingerprint(hub.public_key) in screen.message.text()  # staff compare it

    fill_outbox(ready_services.database, kiosk_key(data_dir), 12, utcnow())
    hub.fail_next = 1
    click(qtbot, screen.sync_button)
    assert "Chưa gửi được" in screen.message.text()
    assert "đang chờ gửi: 12" in texts(screen) and "tự thử lại lúc" in texts(screen)
    click(qtbot, screen.sync_button)
    assert "đã nhận 12 bản ghi" in screen.message.text() and "đang chờ gửi: 0" in texts(screen)
    assert "chưa lần nào" not in texts(screen) and len(hub.records) == 12

    fill_outbox(ready_services.database, kiosk_key(data_dir), 3, utcnow())
    window.controller.sync_flow.choose_folder = lambda parent: tmp_path
    click(qtbot, screen.export_button)
    assert "Đã ghi 3 bản ghi" in screen.message.text()
    (bundle,) = tmp_path.glob("*.hsb")
    assert len(open_bundle(bundle, HubKey(bytes(hub.private_key)))) == 3


def test_hub_down_is_said_plainly(window, qtbot, ready_services, data_dir, hub: StubHub) -> None:  # type: ignore[no-untyped-def]
    screen = open_sync(window, qtbot)
    screen.hub_field.setText(hub.url)
    screen.code_field.setText("ENROL-1")
    click(qtbot, screen.enroll_button)
    fill_outbox(ready_services.database, kiosk_key(data_dir), 2, utcnow())
    hub.stop()
    click(qtbot, screen.sync_button)
    assert "Không kết nối được máy chủ tỉnh" in texts(screen)
    assert "tự thử lại lúc" in texts(screen) and "đang chờ gửi: 2" in texts(screen)


def type_on_screen(qtbot, screen: SyncScreen, text: str) -> None:  # type: ignore[no-untyped-def]
    """Tap the on-screen keys: letters on the first page, the rest on the "123" page."""
    keyboard = screen.keyboard
    for char in text:
        digits = not char.isalpha()
        if (keyboard.pages.currentIndex() == 1) != digits:
            qtbot.mouseClick(
                keyboard.keys["digits" if digits else "letters"], Qt.MouseButton.LeftButton
            )
        page = keyboard.pages.currentWidget()
        key = page.findChild(QPushButton, f"key-{char}")
        assert key is not None and key.isVisible(), char
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)


def test_enrol_with_the_on_screen_keyboard_only(window, qtbot, hub: StubHub) -> None:  # type: ignore[no-untyped-def]
    """A touch-only kiosk: the address and the code typed letter for letter (no Telex:
    "enrol" would become "ẻnol")."""
    screen = open_sync(window, qtbot)
    qtbot.mouseClick(screen.keyboard_button, Qt.MouseButton.LeftButton)
    assert screen.keyboard.isVisible() and screen.keyboard.target is screen.hub_field
    type_on_screen(qtbot, screen, hub.url)
    assert screen.hub_field.text() == hub.url
    qtbot.mouseClick(screen.keyboard.keys["enter"], Qt.MouseButton.LeftButton)  # "Xong"
    assert screen.keyboard.target is screen.code_field
    type_on_screen(qtbot, screen, "enrol-1")
    assert screen.code_field.text() == "enrol-1"
    qtbot.mouseClick(screen.keyboard.keys["enter"], Qt.MouseButton.LeftButton)
    assert not screen.keyboard.isVisible()
    click(qtbot, screen.enroll_button)
    assert "Đã đăng ký" in screen.message.text()


def test_the_keys_fit_the_screen_with_the_fields_and_enrolling(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    screen = open_sync(window, qtbot)
    size = window.size()
    qtbot.mouseClick(screen.keyboard_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.keyboard.height() > 0)
    assert window.size() == size  # the window did not grow past the screen
    bottom = screen.mapToGlobal(screen.rect().bottomLeft()).y()
    shown = (screen.keyboard, screen.hub_field, screen.code_field, screen.enroll_button)
    for widget in (*shown, screen.keyboard_button):
        top = widget.mapToGlobal(widget.rect().topLeft()).y()
        assert widget.isVisible() and top + widget.height() <= bottom + 1
    assert not screen.sync_button.isVisible() and not screen.export_button.isVisible()
    qtbot.mouseClick(screen.keyboard_button, Qt.MouseButton.LeftButton)
    assert screen.sync_button.isVisible() and not screen.keyboard.isVisible()


def test_staff_take_the_province_profile_from_a_usb_stick(
    window, qtbot, ready_services, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.sync.outbox import sync_state
    from kiosk.sync.profile import ProvinceProfile

    screen = open_sync(window, qtbot)
    flow = window.controller.sync_flow
    stick = tmp_path / "usb"
    stick.mkdir()
    (stick / "ghi-chu.json").write_text('{"not": "a profile"}', encoding="utf-8")
    flow.choose_folder = lambda parent: stick
    click(qtbot, screen.profile_button)  # nothing usable there: said, nothing learnt
    assert "không có hồ sơ tỉnh" in screen.message.text()

    key = bytes(range(32))
    profile = ProvinceProfile("https://hub.dienbien.example", key)
    (stick / "dien-bien.json").write_bytes(profile.to_json())
    click(qtbot, screen.profile_button)
    assert "Đã nhận hồ sơ tỉnh" in screen.message.text()
    assert profile.fingerprint in screen.message.text()  # staff compare it with the print
    assert screen.hub_field.text() == "https://hub.dienbien.example"
    with ready_services.database.transaction() as session:
        state = sync_state(session)
        assert state.hub_public_key == key  # consenting learners' IDs are sealed from now on
        assert state.province_hub_url == "https://hub.dienbien.example"

    (stick / "dien-bien.json").write_bytes(b"{" + profile.to_json())  # damaged copy
    click(qtbot, screen.profile_button)
    assert "không có hồ sơ tỉnh" in screen.message.text()
    (stick / "province-profile.json").write_bytes(b"{broken")
    click(qtbot, screen.profile_button)
    assert "bị hỏng" in screen.message.text()
