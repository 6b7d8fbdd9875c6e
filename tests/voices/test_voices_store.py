"""The recordings kept on this kiosk: states, out-of-date detection, the voice a learner hears."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.content.speech import Line, Voice
from kiosk.voices.store import ClipState, StoredClip, VoiceStore, fingerprint

from .conftest import line


def test_a_clip_is_current_until_its_text_changes(tmp_path: Path, lines: list[Line]) -> None:
    store = VoiceStore(tmp_path)
    assert store.languages() == [] and store.pack_version("hmn") == 0
    store.save("hmn", lines[1], b"clip")
    assert store.languages() == ["hmn"]
    assert store.states("hmn", lines)[lines[1].key] is ClipState.CURRENT
    assert store.progress("hmn", lines) == (1, 3)
    changed = line("lesson-a", "s1", "Chạm vào nút đỏ.")
    assert store.state(store.clips("hmn")[changed.key], changed) is ClipState.OUT_OF_DATE
    assert store.current_files("hmn", "lesson-a", [changed]) == {}
    # spaces and line breaks do not make a text different
    assert fingerprint("Chạm vào  nút\nxanh.") == fingerprint(lines[1].text)


def test_the_voice_plays_current_clips_and_falls_back(tmp_path: Path, lines: list[Line]) -> None:
    store = VoiceStore(tmp_path)
    fallback = Voice("lesson-a", "vi", [])
    assert store.voice("hmn", "lesson-a", lines, fallback) is fallback
    store.save("hmn", lines[0], b"clip")
    voice = store.voice("hmn", "lesson-a", lines, fallback)
    assert voice.clip("title", "x").path == store.folder("hmn") / "lesson-a/title.opus"
    assert voice.clip("title", "x").lang == "hmn"
    assert voice.clip("s1", "Chạm").path is None  # the fallback's: a system voice reads it


def test_pack_clips_keep_their_own_fingerprint(tmp_path: Path, lines: list[Line]) -> None:
    store = VoiceStore(tmp_path)
    old = StoredClip(lines[1].key, "lesson-a/s1.opus", "0" * 16, "2026-01-01", "pack")
    store.add_clips("hmn", [(old, b"old clip")], pack_version=4)
    assert store.pack_version("hmn") == 4
    assert store.states("hmn", lines)[lines[1].key] is ClipState.OUT_OF_DATE
    store.set_pack_version("hmn", 5)
    assert store.clips("hmn")[lines[1].key].source == "pack" and store.pack_version("hmn") == 5


def test_remove_and_a_damaged_manifest(tmp_path: Path, lines: list[Line]) -> None:
    store = VoiceStore(tmp_path)
    for x in lines:
        store.save("hmn", x, b"clip")
    assert store.remove("hmn", lines[0].key) and not store.remove("hmn", lines[0].key)
    assert not (store.folder("hmn") / "lesson-a/title.opus").exists()
    (store.folder("hmn") / "clips.json").write_text("{not json")
    assert store.clips("hmn") == {} and store.pack_version("hmn") == 0
    (store.folder("hmn") / "clips.json").write_text(json.dumps({"format": "other"}))
    assert store.clips("hmn") == {}
    assert store.remove_language("hmn") == 0 and not store.folder("hmn").exists()
