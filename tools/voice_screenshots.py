"""Screenshots of the local-voices screens: the hearing-language picker and "Ghi âm lời đọc".

Called by ``tools/screenshots.py`` (also alone: ``--voices``). The recording screen's
microphone is fed from memory (a generated tone) so the level meter moves on a machine
without a sound card; everything else is the real screen and the real voice store.
"""

from __future__ import annotations

import math
from array import array
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice

from kiosk.navigation import Screen

RATE = 16_000


class ToneMicrophone:
    """A microphone that hears a tone (test data, not speech); ``present`` False: none."""

    def __init__(self, *, present: bool = True) -> None:
        self.rate, self.channels, self._present = RATE, 1, present
        tone = array(
            "h", (round(math.sin(2 * math.pi * 220 * i / RATE) * 20_000) for i in range(RATE))
        )
        self._data = QByteArray(tone.tobytes())
        self._buffer: QBuffer | None = None

    def available(self) -> bool:
        return self._present

    def start(self) -> QIODevice:
        self._buffer = QBuffer(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        return self._buffer

    def stop(self) -> None:
        if self._buffer is not None:
            self._buffer.close()


def voice_shots(data: Path, out: Path, admin_pin: str, shots: Any) -> None:
    """The picker over the welcome screen, then the recording screen empty, recording
    (the level meter up), done, and without a microphone.

    ``shots``: the screenshot tool's module (``fresh_window``, ``settle``, ``shoot``).
    """
    fresh_window, settle, shoot = shots.fresh_window, shots.settle, shots.shoot
    window, services = fresh_window(data)
    c = window.controller
    c.open_hearing_picker()
    shoot(window, out, "26-hearing-picker")
    c.hearing.picker.tiles["hmn"].click()
    shoot(window, out, "26b-welcome-hearing-mong")
    c.reset_to_welcome()

    flow = c.flow("voices_flow")
    flow.microphone = ToneMicrophone()
    c.open_staff_entry()
    c.staff.pin_entered(c.current_widget, admin_pin)
    c.show(Screen.STAFF_VOICES)
    screen = c.current_widget
    screen.language_buttons["hmn"].click()
    screen.scopes.setCurrentRow(1)
    screen.lines.setCurrentRow(0)
    shoot(window, out, "27-voice-recording-empty")
    screen.record_button.click()
    settle()
    flow.recorder._read()  # the meter as it is while someone speaks
    screen.set_level(0.62)
    shoot(window, out, "27b-voice-recording-recording")
    screen.stop_button.click()
    shoot(window, out, "27c-voice-recording-take")  # listen, then keep it
    screen.save_button.click()
    screen.record_button.click()
    screen.stop_button.click()
    screen.save_button.click()
    shoot(window, out, "27d-voice-recording-done")  # saved: on to the next line
    c.show(Screen.STAFF_MENU)
    flow.microphone = ToneMicrophone(present=False)
    c.show(Screen.STAFF_VOICES)
    shoot(window, out, "27e-voice-recording-no-microphone")
    c.reset_to_welcome()
    services.close()
