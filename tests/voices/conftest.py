"""Voice test set-up: clips made from generated tones (test data, never a real voice)."""

from __future__ import annotations

import wave
from array import array
from pathlib import Path

import numpy as np
import pytest

from kiosk.content.schema import LocalText
from kiosk.content.speech import Line
from kiosk.voices.processing import RATE, encode_opus


def tone(seconds: float = 0.5, hz: float = 440.0, rate: int = RATE) -> np.ndarray:
    """A sine tone with short silences around it, as a recording would have."""
    t = np.arange(int(seconds * rate)) / rate
    quiet = np.zeros(rate // 10, dtype=np.float32)
    return np.concatenate([quiet, 0.4 * np.sin(2 * np.pi * hz * t), quiet]).astype(np.float32)


def write_wav(path: Path, hz: float = 440.0, seconds: float = 0.4, rate: int = 16_000) -> Path:
    """A 16-bit mono WAV file of a tone (what a phone's recorder might give)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pcm = (tone(seconds, hz, rate) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
    return path


@pytest.fixture(scope="session")
def opus_clip() -> bytes:
    return encode_opus(array("h", (tone() * 32767).astype("<i2").tolist()))


def line(scope: str, line_id: str, vi: str) -> Line:
    return Line(scope, line_id, LocalText({"vi": vi}))


@pytest.fixture
def lines() -> list[Line]:
    """A small kiosk's lines: a lesson's and a screen's (Vietnamese texts only)."""
    return [
        line("lesson-a", "title", "Bài học thử"),
        line("lesson-a", "s1", "Chạm vào nút xanh."),
        line("_screens", "welcome.greeting", "Xin chào"),
    ]
