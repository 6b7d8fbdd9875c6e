"""The voice core: hearing languages as data, the recordings store, recording processing."""

from __future__ import annotations

import wave
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from kiosk.content.schema import LocalText
from kiosk.content.speech import Line, Voice
from kiosk.voices import processing
from kiosk.voices.languages import load_languages, read_language, shipped_languages_dir
from kiosk.voices.store import ClipState, VoiceStore, fingerprint

RATE = processing.RATE


def tone(seconds: float, *, lead: float = 0.5, amplitude: float = 0.1) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    quiet = np.zeros(int(lead * RATE), np.float32)
    sound = (amplitude * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    return np.concatenate([quiet, sound, quiet])


def write_wav(path: Path, samples: np.ndarray, rate: int = 16_000) -> Path:
    step = RATE // rate
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((samples[::step] * 32767).astype("<i2").tobytes())
    return path


def line(scope: str, line_id: str, vi: str) -> Line:
    return Line(scope, line_id, LocalText({"vi": vi}))


# Languages ---------------------------------------------------------------------------


def test_shipped_languages_are_vietnamese_thai_and_mong_with_vietnamese_first() -> None:
    languages = load_languages([shipped_languages_dir()])
    assert languages[0].code == "vi"
    names = {lang.code: lang.name_vi for lang in languages}
    assert names["blt"] == "Tiếng Thái" and names["hmn"] == "Tiếng Mông"
    # Spelling in the language itself is not confirmed by the province: shown in Vietnamese.
    assert all(lang.spelling_confirmed is False for lang in languages if lang.code != "vi")


def test_a_new_language_is_a_folder_and_a_later_folder_brings_its_sample(tmp_path: Path) -> None:
    store_root = tmp_path / "voices"
    folder = store_root / "kxm"
    folder.mkdir(parents=True)
    (folder / "language.yaml").write_text(
        "code: kxm\nname_vi: Tiếng Khơ Mú\ntest_data: true\n", encoding="utf-8"
    )
    (folder / "sample.opus").write_bytes(b"x")
    languages = {lang.code: lang for lang in load_languages([shipped_languages_dir(), store_root])}
    assert languages["kxm"].name == "Tiếng Khơ Mú"  # no own-language name: the Vietnamese one
    assert languages["kxm"].sample == folder / "sample.opus" and languages["kxm"].test_data


@pytest.mark.parametrize(
    "text",
    ["code: hmn\nname_vi: X\n", "code: [1]\nname_vi: X\n", "code: kxm\n", "- a list\n", ": bad"],
)
def test_a_malformed_language_folder_is_refused_and_left_out(tmp_path: Path, text: str) -> None:
    folder = tmp_path / "kxm"
    folder.mkdir()
    (folder / "language.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"language\.yaml"):
        read_language(folder)
    assert load_languages([tmp_path]) == []


# The store ---------------------------------------------------------------------------


def test_a_saved_clip_is_current_until_its_vietnamese_text_changes(tmp_path: Path) -> None:
    store = VoiceStore(tmp_path)
    old = line("device-touch", "intro", "Chạm nhẹ vào màn hình.")
    store.save("hmn", old, b"OggS-1", today=date(2026, 12, 6))
    assert store.states("hmn", [old]) == {"device-touch/intro": ClipState.CURRENT}
    changed = line("device-touch", "intro", "Chạm một lần vào màn hình.")
    assert store.states("hmn", [changed]) == {"device-touch/intro": ClipState.OUT_OF_DATE}
    assert store.progress("hmn", [changed, line("device-touch", "x", "Khác")]) == (0, 2)
    assert store.progress("hmn", [old]) == (1, 1)
    # Spacing does not make a clip out of date; words do.
    assert fingerprint("Chạm  nhẹ\nvào màn hình.") == fingerprint(old.text)
    assert store.languages() == ["hmn"]


def test_the_hearing_voice_plays_current_recordings_and_falls_back_to_vietnamese(
    tmp_path: Path,
) -> None:
    vi_folder = tmp_path / "pack" / "vi"
    vi_folder.mkdir(parents=True)
    (vi_folder / "intro.opus").write_bytes(b"vi")
    (vi_folder / "quiz.opus").write_bytes(b"vi")
    fallback = Voice("device-touch", "vi", [vi_folder])
    store = VoiceStore(tmp_path / "data")
    intro, quiz, tip = (
        line("device-touch", "intro", "Chào"),
        line("device-touch", "quiz", "Hỏi"),
        line("device-touch", "tip", "Mẹo"),
    )
    store.save("hmn", intro, b"hmn")
    store.save("hmn", quiz, b"hmn-old")
    voice = store.voice(
        "hmn", "device-touch", [intro, line("device-touch", "quiz", "Hỏi lại"), tip], fallback
    )
    heard = voice.clip("intro", "Chào")
    assert heard.lang == "hmn" and heard.path is not None and heard.path.read_bytes() == b"hmn"
    # Out of date: the Vietnamese file plays instead of a Mông clip saying the old words.
    assert voice.clip("quiz", "Hỏi lại").lang == "vi"
    # No file anywhere: the screen text for a system voice, never silence.
    nothing = voice.clip("tip", "Mẹo")
    assert nothing.path is None and nothing.text == "Mẹo" and nothing.key == "device-touch/tip"
    assert store.voice("blt", "device-touch", [intro], fallback) is fallback


def test_removing_clips_and_a_language(tmp_path: Path) -> None:
    store = VoiceStore(tmp_path)
    a, b = (
        line("_screens", "welcome.greeting", "Xin chào"),
        line("_screens", "start.title", "Bắt đầu"),
    )
    store.save("hmn", a, b"1")
    store.save("hmn", b, b"2")
    assert store.remove("hmn", a.key) is True and store.remove("hmn", a.key) is False
    assert list(store.clips("hmn")) == [b.key]
    assert not (store.folder("hmn") / "_screens" / "welcome.greeting.opus").exists()
    assert store.remove_language("hmn") == 1 and store.languages() == []
    with pytest.raises(ValueError):
        store.folder("../etc")


def test_a_damaged_manifest_reads_as_no_clips(tmp_path: Path) -> None:
    store = VoiceStore(tmp_path)
    store.save("hmn", line("x", "y", "z"), b"1")
    (store.folder("hmn") / "clips.json").write_text("{not json", encoding="utf-8")
    assert store.clips("hmn") == {} and store.pack_version("hmn") == 0


# Processing --------------------------------------------------------------------------


def test_a_recording_is_trimmed_normalised_and_kept_as_opus(tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "intro.wav", tone(1.0))
    opus = processing.clip_from_file(wav)
    assert opus[:4] == b"OggS"
    (tmp_path / "intro.opus").write_bytes(opus)
    back = processing.decode_file(tmp_path / "intro.opus")
    # Half a second of silence each side is cut to the kept margin; the tone reaches the peak.
    assert 1.0 <= len(back) / RATE < 1.0 + 2 * processing.KEEP_MS / 1000 + 0.1
    assert processing.level(back.tobytes()) == pytest.approx(processing.TARGET_PEAK, abs=0.1)


def test_microphone_pcm_at_another_rate_and_stereo_is_made_mono(tmp_path: Path) -> None:
    samples = tone(0.5, lead=0.2)[::3]  # 16 kHz
    stereo = np.repeat((samples * 32767).astype("<i2"), 2)
    opus = processing.clip_from_pcm16(stereo.tobytes(), 16_000, channels=2)
    (tmp_path / "c.opus").write_bytes(opus)
    assert 0.5 <= len(processing.decode_file(tmp_path / "c.opus")) / RATE < 0.9


def test_silence_garbage_and_unknown_files_are_refused_in_plain_words(tmp_path: Path) -> None:
    with pytest.raises(processing.AudioError, match="silent"):
        processing.clip_from_file(write_wav(tmp_path / "quiet.wav", np.zeros(RATE, np.float32)))
    (tmp_path / "bad.mp3").write_bytes(b"not sound" * 20)
    with pytest.raises(processing.AudioError, match=r"bad\.mp3: cannot be read"):
        processing.clip_from_file(tmp_path / "bad.mp3")
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(processing.AudioError, match="not an audio file"):
        processing.decode_file(tmp_path / "notes.txt")


@pytest.mark.parametrize(
    ("ext", "container", "codec"), [(".m4a", "mp4", "aac"), (".mp3", "mp3", "libmp3lame")]
)
def test_phone_recordings_in_m4a_and_mp3_are_read(
    tmp_path: Path, ext: str, container: str, codec: str
) -> None:
    import av

    path = tmp_path / f"intro{ext}"
    samples = tone(0.8, lead=0.3)
    with av.open(str(path), "w", format=container) as out:
        stream = out.add_stream(codec, rate=RATE, layout="mono")
        frame = av.AudioFrame.from_ndarray(
            (samples * 32767).astype("<i2").reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate = RATE
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    (tmp_path / "c.opus").write_bytes(processing.clip_from_file(path))
    assert 0.8 <= len(processing.decode_file(tmp_path / "c.opus")) / RATE < 1.3


def test_an_empty_take_is_silent_not_a_crash() -> None:
    assert len(processing.from_pcm16(b"", 48_000)) == 0
    with pytest.raises(processing.AudioError, match="silent"):
        processing.clip_from_pcm16(b"\x00", 16_000)
