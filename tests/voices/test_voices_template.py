"""The recording script of a language, and taking a recorded folder back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kiosk.content.speech import Line
from kiosk.voices.packs import VoicePackError, rollback_voices
from kiosk.voices.packs_install import pack_info
from kiosk.voices.store import VoiceStore
from kiosk.voices.template import COLUMNS, import_folder, write_template

from .conftest import write_wav


def test_template_writes_the_script_folders_and_readme(tmp_path: Path, lines: list[Line]) -> None:
    out = tmp_path / "hmn-script"
    assert write_template("hmn", out, lines) == 3
    raw = (out / "script.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel on Windows reads it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    assert rows[2] == [
        "lesson-a/s1",
        "lesson-a",
        "",
        "Chạm vào nút xanh.",
        "",
        "clips/lesson-a/s1.wav",
    ]
    assert rows[3][:2] == ["_screens/welcome.greeting", ""]
    assert sorted(p.name for p in (out / "clips").iterdir()) == ["_screens", "lesson-a"]
    assert not any((out / "clips" / "lesson-a").iterdir())
    readme = (out / "README.txt").read_text(encoding="utf-8")
    assert "WAV, MP3, OGG or M4A" in readme and "Kịch bản ghi âm" in readme and "hmn" in readme


def test_template_refuses_a_bad_code_and_a_folder_in_use(tmp_path: Path, lines: list[Line]) -> None:
    with pytest.raises(VoicePackError, match="not a language code"):
        write_template("Mong!", tmp_path / "a", lines)
    assert not (tmp_path / "a").exists()
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("keep me")
    with pytest.raises(VoicePackError, match="not an empty folder"):
        write_template("hmn", tmp_path / "used", lines)
    assert [p.name for p in (tmp_path / "used").iterdir()] == ["notes.txt"]
    (tmp_path / "empty").mkdir()
    write_template("hmn", tmp_path / "empty", lines)
    assert (tmp_path / "empty" / "script.csv").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "used"]  # no leftovers


def test_import_folder_reports_matched_unknown_and_unreadable(
    tmp_path: Path, lines: list[Line]
) -> None:
    folder = tmp_path / "script"
    write_template("hmn", folder, lines)
    write_wav(folder / "clips/lesson-a/title.wav", 330)
    write_wav(folder / "clips/lesson-a/s1.wav", 440)
    write_wav(folder / "clips/lesson-a/s1.ogg.wav", 440)  # no line has this id
    write_wav(folder / "clips/lesson-a/notes.txt", 440)
    (folder / "clips/_screens/welcome.greeting.mp3").write_bytes(b"not really sound")
    report = import_folder(tmp_path / "k", folder, "hmn", lines)
    assert set(report.matched) == {"lesson-a/title", "lesson-a/s1"}
    assert set(report.unknown) == {"lesson-a/s1.ogg.wav", "lesson-a/notes.txt"}
    assert [name for name, _ in report.unreadable] == ["_screens/welcome.greeting.mp3"]
    assert "cannot be read as sound" in report.unreadable[0][1]
    store = VoiceStore(tmp_path / "k")
    assert store.progress("hmn", lines) == (2, 3)
    assert {c.source for c in store.clips("hmn").values()} == {"file"}
    assert (store.folder("hmn") / "lesson-a/s1.opus").read_bytes().startswith(b"OggS")


def test_import_folder_keeps_the_earlier_recordings_for_rollback(
    tmp_path: Path, lines: list[Line]
) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    write_wav(first / "lesson-a/title.wav", 330)
    write_wav(second / "clips/lesson-a/s1.wav", 550)
    write_wav(second / "clips/lesson-a/s1.m4a", 550)  # two files for one line: one is used
    import_folder(tmp_path / "k", first, "hmn", lines)
    report = import_folder(tmp_path / "k", second, "hmn", lines, test_data=True)
    assert report.matched == ("lesson-a/s1",)
    assert "already used" in report.unreadable[0][1]
    store = VoiceStore(tmp_path / "k")
    assert store.progress("hmn", lines) == (2, 3)
    assert pack_info(tmp_path / "k", "hmn")["test_data"] is True
    rollback_voices(tmp_path / "k", "hmn")
    assert set(store.clips("hmn")) == {"lesson-a/title"}


def test_import_folder_refuses_links_and_missing_folders(tmp_path: Path, lines: list[Line]) -> None:
    folder = tmp_path / "script"
    write_wav(folder / "lesson-a/title.wav")
    (folder / "lesson-a/s1.wav").symlink_to("/etc/passwd")
    with pytest.raises(VoicePackError, match="symbolic link"):
        import_folder(tmp_path / "k", folder, "hmn", lines)
    with pytest.raises(VoicePackError, match="is not a folder"):
        import_folder(tmp_path / "k", tmp_path / "nowhere", "hmn", lines)
    assert not (tmp_path / "k").exists()


def test_nothing_matched_writes_nothing(tmp_path: Path, lines: list[Line]) -> None:
    folder = tmp_path / "script"
    write_wav(folder / "other-lesson/title.wav")
    report = import_folder(tmp_path / "k", folder, "hmn", lines)
    assert report.matched == () and report.unknown == ("other-lesson/title.wav",)
    assert not (tmp_path / "k").exists()
