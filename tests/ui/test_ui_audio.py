"""Narration falls back from files to speech to silence, and never fails loudly."""

from __future__ import annotations

from kiosk.ui.audio import Narrator


def test_speech_is_used_only_when_a_voice_speaks_the_language(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    narrator = Narrator(tts_engines=("mock",))
    narrator.play(None, "Hello", "en")
    assert narrator.mode == "speech"
    narrator.play(None, "Xin chào", "vi")  # the mock engine has no Vietnamese voice
    assert narrator.mode == "silent"
    narrator.play(tmp_path / "missing.ogg", "Hello", "en")
    assert narrator.mode == "speech"
    narrator.set_volume(150)
    assert narrator.volume == 100
    narrator.stop()


def test_no_engines_and_no_device_is_quiet(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sound = tmp_path / "a.ogg"
    sound.write_bytes(b"\x00" * 16)
    narrator = Narrator(tts_engines=())
    narrator.play(sound, "Xin chào", "vi")
    assert narrator.mode in ("silent", "file")
    narrator.play(None, "", "vi")
    assert narrator.mode == "silent"


def test_an_unknown_engine_is_skipped(qapp) -> None:  # type: ignore[no-untyped-def]
    narrator = Narrator(tts_engines=("no-such-engine", "mock"))
    narrator.play(None, "Hello", "en")
    assert narrator.mode == "speech"
