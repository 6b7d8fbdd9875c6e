"""A voice pack installed from the staff "Gói bài học" screen: the plan first, then the
install; a damaged pack is refused in plain Vietnamese. Clips are generated tones."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.content.speech import Line, lesson_lines
from kiosk.navigation import Screen
from kiosk.ui import worker
from kiosk.voices.packs import export_pack, remove_voices
from kiosk.voices.store import VoiceStore
from tests.conftest import ADMIN_PIN
from tests.ui.test_ui_hearing import tone_clip
from tests.ui.test_ui_voice_recording import enter

LEFT = Qt.MouseButton.LeftButton


def open_packs(c, qtbot):  # type: ignore[no-untyped-def]
    enter(c, ADMIN_PIN)
    qtbot.mouseClick(c.current_widget.buttons["content.menu_item"], LEFT)
    assert c.nav.current is Screen.STAFF_CONTENT
    return c.current_widget


def checked(c, qtbot, folder: Path):  # type: ignore[no-untyped-def]
    c.content_flow.check(folder)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=20_000)
    screen = c.current_widget
    return screen, [screen.plan.item(i).text() for i in range(screen.plan.count())]


def test_a_voice_pack_shows_its_plan_then_installs(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    root = c.services.paths.root
    lesson = c.services.content().lessons[0].lesson
    lines = lesson_lines(lesson)
    store = VoiceStore(root)
    store.save("hmn", lines[0], tone_clip(300))
    store.save("hmn", lines[1], tone_clip(400))
    old = Line(lines[2].scope, lines[2].id, type(lines[2].text)({"vi": "Chữ cũ đã đổi."}))
    store.save("hmn", old, tone_clip(500))  # recorded for a text the lesson no longer has
    stick = tmp_path / "usb"
    stick.mkdir()
    export_pack(root, "hmn", stick)
    remove_voices(root, "hmn")  # this kiosk starts without Mông voices
    assert store.clips("hmn") == {}

    screen = open_packs(c, qtbot)
    screen, rows = checked(c, qtbot, stick)
    assert screen.verdict.text().startswith("Gói giọng đọc Tiếng Mông bản 1 hợp lệ")
    assert "Thêm 2 câu đọc mới" in rows and "Thay 0 câu đã có" in rows
    assert "1 câu đã cũ (bài học đã đổi chữ): không cài, cần ghi lại" in rows
    assert store.clips("hmn") == {}  # nothing installed before the admin says so
    assert screen.install_button.isEnabled()
    qtbot.mouseClick(screen.install_button, LEFT)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=20_000)
    qtbot.waitUntil(lambda: screen.result.text() != "", timeout=5_000)
    assert screen.result.text().startswith("Đã cài giọng đọc Tiếng Mông bản 1.")
    assert set(store.clips("hmn")) == {lines[0].key, lines[1].key}


def test_a_damaged_voice_pack_is_refused_in_vietnamese(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    stick = tmp_path / "usb"
    stick.mkdir()
    (stick / "hmn-v1.hocso-voice").write_bytes(b"PK\x03\x04 not really a zip")
    open_packs(c, qtbot)
    screen, rows = checked(c, qtbot, stick)
    assert screen.verdict.text() == "Không cài được gói giọng đọc này. Máy vẫn dùng giọng đọc cũ."
    assert len(rows) == 1 and rows[0].startswith(("Tệp gói bị hỏng", "Đây không phải gói"))
    assert not screen.install_button.isEnabled()
