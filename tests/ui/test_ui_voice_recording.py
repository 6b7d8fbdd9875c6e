"""The "Ghi âm lời đọc" screen: record a line, listen, keep it, hear it in a lesson.

Here the real screen's microphone is fed from a buffer (``BufferMicrophone``, the
screen's one seam; test_ui_voice_microphone.py records from a real sound server): the
screen, its recorder, the level meter, the processing, the voice store and the lesson
player are all the real ones. The audio is a generated tone (test data, never a sentence).
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt

from kiosk.content.speech import lesson_lines
from kiosk.navigation import Screen
from kiosk.staff.ops import change_staff_pin
from kiosk.staff.roles import Role
from kiosk.ui import worker
from kiosk.ui.screens.staff.voice_recording import VoiceRecordingScreen
from kiosk.voices.store import ClipState, VoiceStore
from tests.conftest import ADMIN_PIN, STAFF_PIN

LEFT = Qt.MouseButton.LeftButton
RATE = 16_000
VOICE_PIN = "482915"


def tone_pcm(seconds: float = 1.0, hz: float = 300.0, amplitude: int = 12_000) -> bytes:
    """Half a second of quiet, a tone, then quiet: a take with silence to trim."""
    quiet = np.zeros(RATE // 2, dtype="<i2")
    t = np.arange(int(RATE * seconds)) / RATE
    sound = (np.sin(2 * np.pi * hz * t) * amplitude).astype("<i2")
    return np.concatenate([quiet, sound, quiet]).tobytes()


class BufferMicrophone:
    """A microphone whose PCM comes from memory (16-bit mono at ``RATE``)."""

    def __init__(self, pcm: bytes, *, present: bool = True) -> None:
        self.rate, self.channels = RATE, 1
        self._pcm, self._present = pcm, present
        self._buffer: QBuffer | None = None
        self.started = 0

    def available(self) -> bool:
        return self._present

    def start(self) -> QIODevice:
        self.started += 1
        self._data = QByteArray(self._pcm)
        self._buffer = QBuffer(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        return self._buffer

    def stop(self) -> None:
        if self._buffer is not None:
            self._buffer.close()


def enter(c, pin: str) -> None:  # type: ignore[no-untyped-def]
    c.open_staff_entry()
    for digit in pin:
        c.current_widget.pad.press(digit)
    c.current_widget.pad.ok_button.click()
    assert c.nav.current is Screen.STAFF_MENU, c.current_widget.pad.message.text()


def open_recording(c, qtbot, microphone: BufferMicrophone, pin: str = ADMIN_PIN):  # type: ignore[no-untyped-def]
    c.flow("voices_flow").microphone = microphone
    enter(c, pin)
    qtbot.mouseClick(c.current_widget.buttons["voices.menu_item"], LEFT)
    assert c.nav.current is Screen.STAFF_VOICES
    screen = c.current_widget
    assert isinstance(screen, VoiceRecordingScreen)
    return screen


def first_lesson(c):  # type: ignore[no-untyped-def]
    return c.services.content().lessons[0].lesson


def test_a_line_recorded_on_the_screen_is_heard_in_the_lesson(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    screen = open_recording(c, qtbot, BufferMicrophone(tone_pcm()))
    lesson = first_lesson(c)
    step = lesson.steps[0]
    # Thái is offered first, Vietnamese last; the learner screens come before the lessons.
    assert list(screen.language_buttons) == ["blt", "hmn", "vi"]
    assert screen.language_buttons["blt"].isChecked()
    assert screen.scopes.item(0).text().startswith("0/")
    assert screen.scopes.item(0).text().endswith(" · Màn hình học viên")
    qtbot.mouseClick(screen.language_buttons["hmn"], LEFT)
    screen.scopes.setCurrentRow(1)  # the first lesson, as a touch on it does
    assert screen.scopes.item(1).text().endswith(lesson.title.text("vi"))
    line_ids = [line.id for line in lesson_lines(lesson)]
    screen.lines.setCurrentRow(line_ids.index(step.id))
    assert screen.line_text.text() == step.narration.text("vi")
    assert screen.lines.currentItem().text().startswith("chưa ghi · ")
    assert not screen.save_button.isEnabled() and not screen.play_button.isEnabled()

    qtbot.mouseClick(screen.record_button, LEFT)
    assert screen.stop_button.isEnabled() and not screen.record_button.isEnabled()
    assert not screen.scopes.isEnabled()  # nothing else moves while recording
    qtbot.waitUntil(lambda: screen.level.value() > 0, timeout=2_000)  # the meter moves
    assert screen.message.text().startswith("Đang ghi")
    qtbot.mouseClick(screen.stop_button, LEFT)
    assert screen.save_button.isEnabled() and screen.play_button.isEnabled()
    assert screen.record_button.text() == "Ghi lại"
    qtbot.mouseClick(screen.play_button, LEFT)
    take = c.narrator.played[-1]
    assert take.lang == "hmn" and take.path is not None and take.path.stat().st_size > 100
    qtbot.mouseClick(screen.save_button, LEFT)
    assert screen.message.text() == "Đã lưu câu này."

    store = VoiceStore(c.services.paths.root)
    line = next(line for line in lesson_lines(lesson) if line.id == step.id)
    assert store.states("hmn", [line]) == {line.key: ClipState.CURRENT}
    saved = store.folder("hmn") / store.clips("hmn")[line.key].file
    assert screen.lines.item(line_ids.index(step.id)).text().startswith("đã ghi · ")
    assert screen.progress.value() == 1
    assert screen.progress.format() == f"Bài này: đã ghi 1/{len(line_ids)} câu"
    assert screen.scopes.item(1).text().startswith(f"1/{len(line_ids)} · ")
    assert screen.lines.currentRow() != line_ids.index(step.id)  # on to the next line

    # A learner hearing Mông hears that recording for that line; the text is Vietnamese.
    c.reset_to_welcome()
    c.hearing.choose("hmn")
    c.show(Screen.LEARNER_START)
    c.learner_flow.as_guest()
    since = len(c.narrator.played)
    c.learner_flow.open_lesson(lesson.id)
    player = c.current_widget
    heard = {clip.key: clip for clip in c.narrator.played[since:]}
    assert heard[line.key].path == saved and heard[line.key].lang == "hmn"
    assert player.narration.text() == step.narration.text("vi")


def test_a_silent_take_is_refused_in_plain_vietnamese(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    screen = open_recording(c, qtbot, BufferMicrophone(bytes(RATE * 2)))
    screen.lines.setCurrentRow(0)
    qtbot.mouseClick(screen.record_button, LEFT)
    qtbot.mouseClick(screen.stop_button, LEFT)
    assert screen.message.text().startswith("Không nghe thấy tiếng nói.")
    assert screen.message.property("error") is True
    assert not screen.save_button.isEnabled()
    assert VoiceStore(c.services.paths.root).clips("blt") == {}


def test_delete_and_re_record(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    screen = open_recording(c, qtbot, BufferMicrophone(tone_pcm(0.5)))
    screen.lines.setCurrentRow(0)
    qtbot.mouseClick(screen.record_button, LEFT)
    qtbot.mouseClick(screen.stop_button, LEFT)
    qtbot.mouseClick(screen.save_button, LEFT)
    screen.lines.setCurrentRow(0)
    assert screen.delete_button.isEnabled() and screen.record_button.text() == "Ghi lại"
    qtbot.mouseClick(screen.delete_button, LEFT)
    assert screen.message.text() == "Đã xoá bản ghi của câu này."
    assert screen.lines.item(0).text().startswith("chưa ghi · ")
    assert VoiceStore(c.services.paths.root).clips("blt") == {}


def write_wav(path: Path, pcm: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm)


def test_without_a_microphone_it_says_so_and_imports_from_usb(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    screen = open_recording(c, qtbot, BufferMicrophone(b"", present=False))
    assert screen.message.text().startswith("Máy này chưa có micrô")
    screen.lines.setCurrentRow(0)
    assert not screen.record_button.isEnabled() and screen.import_button.isEnabled()
    stick = tmp_path / "usb"
    write_wav(stick / "clips" / "_screens" / "welcome.greeting.wav", tone_pcm())
    write_wav(stick / "clips" / "_screens" / "no-such-line.wav", tone_pcm())
    c.flow("voices_flow").import_folder(stick)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=20_000)
    qtbot.waitUntil(lambda: screen.message.text().startswith("Đã nhập"), timeout=5_000)
    assert screen.message.text().startswith("Đã nhập 1 câu từ USB.")
    assert "1 tệp có tên không khớp" in screen.message.text()
    assert "_screens/welcome.greeting" in VoiceStore(c.services.paths.root).clips("blt")
    assert screen.scopes.item(0).text().startswith("1/")


def test_the_voice_role_opens_only_the_recording_screen(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    c = window.controller
    change_staff_pin(c.services, Role.VOICE, VOICE_PIN)
    enter(c, VOICE_PIN)
    assert list(c.current_widget.buttons) == ["voices.menu_item", "staff.leave"]
    c.flow("voices_flow").microphone = BufferMicrophone(tone_pcm())
    qtbot.mouseClick(c.current_widget.buttons["voices.menu_item"], LEFT)
    assert c.nav.current is Screen.STAFF_VOICES  # no admin PIN asked
    c.reset_to_welcome()
    enter(c, STAFF_PIN)  # staff are asked for the admin PIN
    qtbot.mouseClick(c.current_widget.buttons["voices.menu_item"], LEFT)
    assert c.nav.current is Screen.STAFF_PIN
