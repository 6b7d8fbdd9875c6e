"""The staff "Đồng bộ" screen: enrol, see status in plain words, send now, export to USB."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import STAFF_PIN
from PySide6.QtCore import Qt
from stub_hub import StubHub, running_hub
from sync_helpers import fill_outbox

from kiosk.clock import utcnow
from kiosk.navigation import Screen
from kiosk.slips.local import kiosk_key
from kiosk.sync.bundle import open_bundle
from kiosk.ui import worker
from kiosk.ui.screens.staff.sync import SyncScreen


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
    assert len(open_bundle(bundle.read_bytes(), bytes(hub.private_key))[1]) == 3


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
