"""Content packs in the staff screen: a good pack installs, a bad one is refused with its
reason in Vietnamese, and the old lessons stay in the catalogue and play."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.navigation import Screen
from kiosk.ui import worker
from kiosk.ui.screens.staff.content_packs import ContentPacksScreen
from tests.conftest import ADMIN_PIN, STAFF_PIN
from tests.content.test_content_install import lesson, write_pack


def enter(window, qtbot, pin: str) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    c.open_staff_entry()
    for digit in pin:
        c.current_widget.pad.press(digit)
    c.current_widget.pad.ok_button.click()
    assert c.nav.current is Screen.STAFF_MENU, c.current_widget.pad.message.text()


def check(window, qtbot, folder: Path) -> ContentPacksScreen:  # type: ignore[no-untyped-def]
    window.controller.content_flow.check(folder)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=10_000)
    return window.controller.current_widget


def plan_lines(screen: ContentPacksScreen) -> list[str]:
    return [screen.plan.item(i).text() for i in range(screen.plan.count())]


def plays(window, lesson_id: str) -> bool:  # type: ignore[no-untyped-def]
    c = window.controller
    c.reset_to_welcome()
    c.show(Screen.LEARNER_START)
    c.learner_flow.as_guest()
    if lesson_id not in c.current_widget.tiles:
        return False
    c.current_widget.tiles[lesson_id].click()
    player = c.current_widget
    return c.nav.current is Screen.LESSON and player.view is not None and player.view.index == 0


def test_staff_need_the_admin_pin(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    enter(window, qtbot, STAFF_PIN)
    qtbot.mouseClick(c.current_widget.buttons["content.menu_item"], Qt.MouseButton.LeftButton)
    assert c.nav.current is not Screen.STAFF_CONTENT  # the admin PIN is asked for first
    if c.nav.current is Screen.STAFF_PIN:
        for digit in ADMIN_PIN:
            c.current_widget.pad.press(digit)
        c.current_widget.pad.ok_button.click()
        assert c.nav.current is Screen.STAFF_CONTENT


def test_install_then_refuse_a_bad_pack(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    enter(window, qtbot, ADMIN_PIN)
    qtbot.mouseClick(c.current_widget.buttons["content.menu_item"], Qt.MouseButton.LeftButton)
    assert c.nav.current is Screen.STAFF_CONTENT

    good = write_pack(tmp_path / "usb" / "market", 1, [lesson("market-a", 9001)])
    screen = check(window, qtbot, good)
    assert "hợp lệ" in screen.verdict.text() and screen.install_button.isEnabled()
    assert any(line.startswith("Bài mới: Bài chợ market-a") for line in plan_lines(screen))
    qtbot.mouseClick(screen.install_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=10_000)
    assert "Đã cài gói market bản 1" in screen.result.text()
    assert "Gói Chợ số (market) bản 1" in screen.installed.text()

    lessons = [lesson("market-a", 9001, version=2), lesson("market-b", 9001)]
    bad = write_pack(tmp_path / "usb2" / "market", 2, lessons)
    screen = check(window, qtbot, bad)
    assert "Không cài được gói này" in screen.verdict.text()
    assert not screen.install_button.isEnabled()
    assert any(
        "market-b.yaml · bài market-b: mã số bài 9001 đã được bài" in line
        for line in plan_lines(screen)
    ), plan_lines(screen)
    qtbot.mouseClick(screen.install_button, Qt.MouseButton.LeftButton)  # disabled: nothing
    qtbot.waitUntil(lambda: not worker.busy(), timeout=10_000)
    assert c.services.content().lesson("market-a").lesson.version == 1
    assert plays(window, "market-a") and plays(window, "device-touch")

    with c.services.database.transaction() as session:
        from kiosk import audit

        actions = [entry.action for entry in audit.recent(session)]
    assert "content_installed" in actions


def test_a_pack_with_a_link_is_refused_in_vietnamese(tmp_path: Path, services) -> None:  # type: ignore[no-untyped-def]
    from kiosk.content.plan import plan_install
    from kiosk.ui.flows.content import explain

    pack = write_pack(tmp_path / "usb" / "cho-so", 1, [lesson("market-a", 9001)])
    (pack / "media" / "zero.svg").symlink_to("/dev/zero")
    os.mkfifo(pack / "media" / "pipe.ogg")
    lines = [explain(services.translator.tr, p) for p in plan_install(pack, tmp_path).problems]
    assert lines == [
        "pipe.ogg: là tệp đặc biệt của hệ thống (không phải tệp thường); "
        "gói chỉ được chứa tệp và thư mục thật",
        "zero.svg: là một lối tắt (liên kết) tới nơi khác; gói chỉ được chứa tệp và thư mục thật",
    ]
