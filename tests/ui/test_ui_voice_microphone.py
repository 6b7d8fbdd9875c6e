"""Recording through the real screen from a (fake) microphone on a real sound server.

A private PulseAudio server gives the kiosk a speaker and a microphone that hears it;
the kiosk runs in its own process (Qt picks its sound server when multimedia first
starts). A tone, test data, is played while "Ghi âm lời đọc" records; the clip kept is
the tone, trimmed and even, and a learner hearing Mông gets that file for that line.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import wave
from array import array
from pathlib import Path

import pytest

from kiosk.content.install import load_active
from kiosk.content.speech import Voice, lesson_lines
from kiosk.voices import processing
from kiosk.voices.store import ClipState, VoiceStore
from tests.helpers.pulse_fixture import private_pulse

pytestmark = pytest.mark.e2e
WORKER = Path(__file__).with_name("pulse_recording_worker.py")


def write_tone(path: Path, seconds: float = 1.0, rate: int = 44_100) -> Path:
    samples = array(
        "h",
        (int(16_000 * math.sin(2 * math.pi * 330 * i / rate)) for i in range(int(rate * seconds))),
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return path


def test_a_line_is_recorded_from_the_microphone_and_heard_in_mong(tmp_path: Path) -> None:
    data = tmp_path / "data"
    tone = write_tone(tmp_path / "tone.wav")
    with private_pulse() as pulse:
        done = subprocess.run(
            [sys.executable, str(WORKER), str(data), str(tone)],
            env=pulse.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["microphones"], "Qt saw no microphone on the private server"
    assert report["paplay"] == 0
    assert report["max_level"] > 20  # the meter moved while the tone played
    assert report["message"] == "Đã lưu câu này."

    lesson = load_active(data).lessons[0].lesson
    line = lesson_lines(lesson)[0]
    store = VoiceStore(data)
    assert store.states("hmn", [line]) == {line.key: ClipState.CURRENT}
    saved = store.folder("hmn") / store.clips("hmn")[line.key].file
    heard = processing.decode_file(saved)
    # The tone, its leading silence trimmed: about one second, at the even level.
    assert 0.8 < processing.seconds(heard) < 1.8
    assert processing.level(heard.tobytes()) > 0.5
    vietnamese = Voice(lesson.id, "vi", [])
    assert store.voice("hmn", lesson.id, [line], vietnamese).clip(line.id, "").path == saved
