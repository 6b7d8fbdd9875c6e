"""What a learner hears per line (hearing language, else Vietnamese, else a system voice),
and the recording screen's core: a take made into a clip, or why not."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from kiosk.content.speech import Voice
from kiosk.voices.hearing import heard_voice, language_clip
from kiosk.voices.languages import HearingLanguage
from kiosk.voices.recording import Scope, TakeProblem, make_clip, recording_languages, rows
from kiosk.voices.store import ClipState, VoiceStore
from tests.voices.conftest import line


def shipped_vietnamese(tmp_path: Path, *ids: str) -> Voice:
    folder = tmp_path / "pack-vi"
    folder.mkdir()
    for line_id in ids:
        (folder / f"{line_id}.opus").write_bytes(b"vi")
    return Voice("lesson-a", "vi", [folder])


def test_each_line_is_heard_in_the_best_language_there_is(tmp_path, lines, opus_clip) -> None:  # type: ignore[no-untyped-def]
    store = VoiceStore(tmp_path / "data")
    store.save("hmn", lines[1], opus_clip)  # s1 in Mông
    vietnamese = shipped_vietnamese(tmp_path, "title", "s1")
    voice = heard_voice(store, "hmn", "lesson-a", lines, vietnamese)
    s1 = voice.clip("s1", "Chạm vào nút xanh.")
    assert (s1.lang, s1.path) == ("hmn", store.folder("hmn") / "lesson-a" / "s1.opus")
    title = voice.clip("title", "Bài học thử")
    assert (title.lang, title.path) == ("vi", tmp_path / "pack-vi" / "title.opus")
    nothing = voice.clip("s9", "Một câu chưa có tệp")  # a system voice reads the text
    assert (nothing.path, nothing.text, nothing.lang) == (None, "Một câu chưa có tệp", "")
    # A local Vietnamese recording goes over the pack's file for a learner hearing Vietnamese.
    store.save("vi", lines[0], opus_clip)
    title = heard_voice(store, "vi", "lesson-a", lines, vietnamese).clip("title", "")
    assert title.path == store.folder("vi") / "lesson-a" / "title.opus"


def test_a_language_without_a_sample_is_named_by_the_vietnamese_voice(tmp_path) -> None:  # type: ignore[no-untyped-def]
    mong = HearingLanguage("hmn", "Tiếng Mông", "Tiếng Mông", None, None)
    assert language_clip(mong).path is None and language_clip(mong).text == "Tiếng Mông"
    sample = tmp_path / "sample.opus"
    with_sample = HearingLanguage("hmn", "Tiếng Mông", "Tiếng Mông", None, sample)
    assert (language_clip(with_sample).path, language_clip(with_sample).lang) == (sample, "hmn")
    vi = HearingLanguage("vi", "Tiếng Việt", "Tiếng Việt", None, None)
    assert [x.code for x in recording_languages([vi, mong])] == ["hmn", "vi"]


def pcm(seconds: float, amplitude: float) -> bytes:
    t = np.arange(int(16_000 * seconds)) / 16_000
    return (np.sin(2 * np.pi * 300 * t) * amplitude * 32767).astype("<i2").tobytes()


def test_a_take_is_a_clip_or_a_problem(tmp_path, lines) -> None:  # type: ignore[no-untyped-def]
    clip = make_clip(pcm(0.8, 0.4), 16_000)
    assert isinstance(clip, bytes) and clip[:4] == b"OggS"
    assert make_clip(pcm(1.0, 0.005), 16_000) is TakeProblem.SILENT
    assert make_clip(b"", 16_000) is TakeProblem.SILENT
    assert make_clip(pcm(61.0, 0.4), 16_000) is TakeProblem.TOO_LONG
    store = VoiceStore(tmp_path)
    store.save("blt", lines[0], clip)
    scope = Scope("lesson-a", "Bài học thử", tuple(lines[:2]))
    found = rows(store, "blt", scope)
    assert [(r.vietnamese, r.state) for r in found] == [
        ("Bài học thử", ClipState.CURRENT),
        ("Chạm vào nút xanh.", ClipState.MISSING),
    ]
    changed = line("lesson-a", "title", "Bài học đã đổi tên")
    assert rows(store, "blt", Scope("lesson-a", "", (changed,)))[0].state is ClipState.OUT_OF_DATE
