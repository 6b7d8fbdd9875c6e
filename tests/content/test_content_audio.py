# ruff: noqa: F811  (pytest fixtures imported from content_sample are used as arguments)
"""Narration audio: found by file name, recordings preferred, every shipped file decodes."""

from __future__ import annotations

import struct
import sys
from pathlib import Path
from typing import Any

import pytest

from kiosk.content.audio import AUDIO_DIR
from kiosk.content.loader import builtin_packs_dir, load_packs
from tests.helpers.content_sample import lesson_data, make_pack  # noqa: F401 (fixtures)

OPUS_FILES = sorted(builtin_packs_dir().glob(f"*/{AUDIO_DIR}/*/*/*.opus"))


def _crc_table() -> list[int]:
    table = []
    for n in range(256):
        crc = n << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7 if crc & 0x80000000 else crc << 1) & 0xFFFFFFFF
        table.append(crc)
    return table


_CRC = _crc_table()


def _ogg_crc(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ _CRC[(crc >> 24) ^ byte]
    return crc


def opus_seconds(data: bytes) -> float:
    """Duration of an Ogg Opus file, checking every page's capture pattern and CRC."""
    pos, granule, pre_skip, first = 0, 0, None, True
    while pos < len(data):
        assert data[pos : pos + 4] == b"OggS", f"no Ogg page at byte {pos}"
        segments = data[pos + 26]
        table = data[pos + 27 : pos + 27 + segments]
        size = 27 + segments + sum(table)
        page = bytearray(data[pos : pos + size])
        (stored,) = struct.unpack_from("<I", page, 22)
        page[22:26] = b"\0\0\0\0"
        assert _ogg_crc(bytes(page)) == stored, f"bad page CRC at byte {pos}"
        body = data[pos + 27 + segments : pos + size]
        if first:
            assert body.startswith(b"OpusHead") and body[9] == 1, "not a mono Opus stream"
            (pre_skip,) = struct.unpack_from("<H", body, 10)
            first = False
        (page_granule,) = struct.unpack_from("<q", data, pos + 6)
        granule = max(granule, page_granule)
        pos += size
    assert pre_skip is not None
    return (granule - pre_skip) / 48000


def test_every_step_has_shipped_audio() -> None:
    assert len(OPUS_FILES) >= 1000
    total = sum(f.stat().st_size for f in OPUS_FILES)
    # Every spoken line of every lesson (~2,100 clips at 16 kb/s) stays a small part of the
    # installer: about 0.6 MB a lesson; much more would mean a line read too slowly or a
    # wrong bitrate.
    lessons = len({f.parent for f in OPUS_FILES})
    assert total < 650_000 * lessons, f"{total / 1e6:.1f} MB of narration is too much"


@pytest.mark.parametrize("file", OPUS_FILES[::1], ids=lambda f: f"{f.parent.name}/{f.name}")
def test_audio_file_is_a_valid_opus_stream(file: Path) -> None:
    seconds = opus_seconds(file.read_bytes())
    assert 0.3 < seconds < 60


def test_recording_beats_generated_file_and_yaml_beats_both(
    make_pack: Any, lesson_data: dict[str, Any]
) -> None:
    root = make_pack("p", {"a.yaml": lesson_data})
    folder = root / AUDIO_DIR / "vi" / "all-kinds"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("tap.opus", "tap.wav", "hold.opus", "tap.hint-2.opus", "intro.opus"):
        (folder / name).write_bytes(b"x")
    (root / AUDIO_DIR / "tdd" / "all-kinds").mkdir(parents=True)
    (root / AUDIO_DIR / "tdd" / "all-kinds" / "hold.mp3").write_bytes(b"x")
    result = load_packs([root])
    assert result.ok, [str(p) for p in result.problems]
    lesson = result.lessons[0].lesson
    assert lesson.step("tap").audio.root == {"vi": f"{AUDIO_DIR}/vi/all-kinds/tap.wav"}
    assert lesson.step("hold").audio.root == {
        "vi": f"{AUDIO_DIR}/vi/all-kinds/hold.opus",
        "tdd": f"{AUDIO_DIR}/tdd/all-kinds/hold.mp3",
    }
    hints = lesson.step("tap").hints
    assert hints[0].audio.root == {} and hints[1].audio.root == {
        "vi": f"{AUDIO_DIR}/vi/all-kinds/tap.hint-2.opus"
    }
    # intro names its audio in the lesson file: that wins over the folder.
    assert lesson.step("intro").audio.root == {"vi": "media/intro-vi.ogg"}


def test_make_audio_says_numbers_by_the_one_rule() -> None:
    """The generator speaks through kiosk.content.spoken, not a rule of its own."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
    import make_audio

    said = make_audio.spoken_text("Nhập mã OTP luyện tập 246810 trong “VNeID”.", "vi")
    assert "hai bốn sáu tám một không" in said and "ô tê pê" in said and "“" not in said
    assert make_audio.spoken_text("Gửi 200.000 đồng", "vi") == "Gửi hai trăm nghìn đồng"


# The FFmpeg backend reports optional libraries it looks for (PipeWire, VA-API) as warnings.
@pytest.mark.qt_log_ignore(r"Couldn't (load|resolve) .*")
def test_qt_decodes_a_narration_file(qapp: Any) -> None:
    """Through QtMultimedia's own decoder (the FFmpeg backend the player uses)."""
    from PySide6.QtCore import QEventLoop, QTimer, QUrl
    from PySide6.QtMultimedia import QAudioDecoder

    decoder = QAudioDecoder()
    frames = 0
    errors: list[str] = []
    loop = QEventLoop()

    def read() -> None:
        nonlocal frames
        frames += decoder.read().frameCount()

    decoder.bufferReady.connect(read)
    decoder.error.connect(lambda _e: (errors.append(decoder.errorString()), loop.quit()))
    decoder.finished.connect(loop.quit)
    QTimer.singleShot(10_000, loop.quit)
    decoder.setSource(QUrl.fromLocalFile(str(OPUS_FILES[0])))
    decoder.start()
    loop.exec()
    assert not errors
    expected = opus_seconds(OPUS_FILES[0].read_bytes())
    rate = decoder.audioFormat().sampleRate() or 48000
    assert abs(frames / rate - expected) < 0.2
