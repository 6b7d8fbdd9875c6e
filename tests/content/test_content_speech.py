# ruff: noqa: F811  (pytest fixtures imported from content_sample are used as arguments)
"""The one list of spoken lines: ids, clips, voices, and what `content list --json` reports."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from kiosk.content import speech
from kiosk.content.cli import main as content_main
from kiosk.content.coverage import learning_without_reading
from kiosk.content.schema import Lesson
from kiosk.i18n import load_catalogue
from kiosk.paths import resources_dir
from tests.helpers.content_sample import lesson, lesson_data, make_pack  # noqa: F401 (fixtures)


def test_a_lesson_speaks_its_title_steps_options_feedback_and_skills(
    lesson_data: dict[str, Any],
) -> None:
    quiz = next(s for s in lesson_data["steps"] if s["id"] == "q1")
    quiz["skill"] = {"vi": "Chọn đúng đáp án"}
    lesson = Lesson.model_validate(lesson_data)
    ids = [line.id for line in speech.lesson_lines(lesson)]
    assert ids[0] == "title"
    assert "q1" in ids and "q1.opt-a" in ids and "q1.opt-b" in ids and "q1.opt-c" in ids
    assert "q1.opt-b.why" in ids and "q1.opt-a.why" not in ids  # the right one needs no "why"
    assert "q1.skill" in ids and "tap.hint-1" in ids
    assert len(ids) == len(set(ids))
    line = next(x for x in speech.lesson_lines(lesson) if x.id == "q1.opt-b")
    assert line.key == f"{lesson.id}/q1.opt-b" and line.step_id == "q1"


def test_every_screen_line_is_a_message_without_placeholders() -> None:
    catalogue = load_catalogue(resources_dir() / "i18n")
    vi = catalogue.strings["vi"]
    missing = [key for key in speech.SCREEN_LINES if key not in vi]
    assert not missing, f"spoken keys missing from vi.yaml: {missing}"
    assert not [key for key in speech.SCREEN_LINES if "{" in vi[key]]
    lines = speech.screen_lines(catalogue.strings)
    assert [x.id for x in lines] == list(speech.SCREEN_LINES)
    assert all(x.scope == speech.SCREENS and x.text.has("en") for x in lines)


def test_a_voice_prefers_a_recording_and_the_first_folder(tmp_path: Path) -> None:
    local, shipped = tmp_path / "local", tmp_path / "shipped"
    for folder in (local, shipped):
        folder.mkdir()
    (shipped / "q1.opus").write_bytes(b"gen")
    (shipped / "q1.wav").write_bytes(b"rec")
    (shipped / "q2.opus").write_bytes(b"gen")
    (local / "q2.mp3").write_bytes(b"neighbour")
    (shipped / "notes.txt").write_text("not audio")
    voice = speech.Voice("les", "vi", [local, shipped])
    assert voice.clip("q1", "x").path == shipped / "q1.wav"
    assert voice.clip("q2", "x").path == local / "q2.mp3"
    missing = voice.clip("q3", "đọc bằng giọng máy")
    assert missing.path is None and missing.text == "đọc bằng giọng máy"
    assert missing.key == "les/q3" and not voice.has("notes")


def test_learning_without_reading_figures(
    lesson_data: dict[str, Any], make_pack: Any, tmp_path: Path
) -> None:
    lesson = Lesson.model_validate(lesson_data)
    root = make_pack("p", {"a.yaml": lesson_data}, voiced=False)
    folder = speech.lesson_voice_dir(root, "vi", lesson.id)
    folder.mkdir(parents=True)
    lines = speech.lesson_lines(lesson)
    for line in lines[: len(lines) // 2]:
        (folder / f"{line.id}.opus").write_bytes(b"x")
    (speech.lesson_voice_dir(root, "hmn", lesson.id)).mkdir(parents=True)
    (speech.lesson_voice_dir(root, "hmn", lesson.id) / "title.wav").write_bytes(b"x")
    figures = learning_without_reading(lesson, root)
    assert figures["spoken"] == len(lines)
    assert figures["spoken_audio"] == {
        "hmn": round(1 / len(lines), 3),
        "vi": round((len(lines) // 2) / len(lines), 3),
    }
    assert figures["quiz"] == {"questions": 2, "min_options": 3}
    pictured = sum(
        lesson.screen_for(s) is not None or bool(getattr(s, "picture", None)) for s in lesson.steps
    )
    assert figures["steps_with_picture"] == pictured == len(lesson.steps)
    assert learning_without_reading(lesson, None)["spoken_audio"] == {}


def test_content_list_json_reports_the_figures(
    lesson_data: dict[str, Any], make_pack: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_pack("p", {"a.yaml": lesson_data})
    assert content_main(["list", "--json", str(root)], tmp_path) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert {"steps_with_picture", "spoken", "spoken_audio", "quiz"} <= set(row)
    assert row["quiz"]["questions"] == 2 and row["steps_with_picture"] == row["steps"]
    assert 0 < row["spoken_audio"]["vi"] < 1  # only the options have files


def _audio_tool(monkeypatch: pytest.MonkeyPatch) -> tuple[Any, list[str]]:
    """tools/make_audio.py with its voice replaced by writing the text (no espeak needed)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
    import make_audio

    made: list[str] = []

    def synthesize(text: str, _lang: str, out: Path) -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(text.encode())
        made.append(out.name)

    monkeypatch.setattr(make_audio, "synthesize", synthesize)
    return make_audio, made


def test_make_audio_covers_every_line_and_removes_only_its_own_stale_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_audio, made = _audio_tool(monkeypatch)
    base = tmp_path / "vi"
    folder = make_audio.Folder(base, dry_run=False, force=False)
    folder.make("les/a", base / "les" / "a.opus", "Một", "vi")
    folder.make("les/b", base / "les" / "b.opus", "Hai", "vi")
    folder.finish()
    assert sorted(made) == ["a.opus", "b.opus"]
    (base / "les" / "c.opus").write_bytes(b"a person's recording")
    again = make_audio.Folder(base, dry_run=False, force=False)
    again.make("les/a", base / "les" / "a.opus", "Một", "vi")
    again.make("les/c", base / "les" / "c.opus", "Ba", "vi")
    again.finish()
    assert again.kept == 1 and again.recorded == 1 and again.removed == 1
    assert not (base / "les" / "b.opus").exists()  # its line is gone: our file goes
    assert (base / "les" / "c.opus").read_bytes() == b"a person's recording"


def test_make_audio_voices_a_pack_the_checks_refuse_for_lack_of_voices(
    lesson_data: dict[str, Any], make_pack: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.content.loader import load_packs

    make_audio, _made = _audio_tool(monkeypatch)
    root = make_pack("p", {"a.yaml": lesson_data}, voiced=False)
    assert not load_packs([root]).lessons  # options without narration: refused
    folder = make_audio.make_pack(root, "vi", force=False, dry_run=False)
    assert folder.made == len(speech.lesson_lines(Lesson.model_validate(lesson_data)))
    assert load_packs([root]).ok


def test_every_screen_line_has_its_shipped_narration() -> None:
    voice = speech.screen_voice("vi")
    assert [key for key in speech.SCREEN_LINES if not voice.has(key)] == []
