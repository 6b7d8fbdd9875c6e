"""A Mông ("hmn") voice pack made from the template with generated tones (test data).

Recorded for one lesson, imported, counted by ``content list --json``; exported, taken by a
second kiosk; and reported out of date once the lesson's Vietnamese text changes.
No Mông words anywhere: the clips are sine tones.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main
from kiosk.content.coverage import spoken_audio
from kiosk.content.install import install
from kiosk.content.loader import builtin_packs_dir, load_packs
from kiosk.content.plan import plan_install
from kiosk.content.speech import lesson_lines
from kiosk.voices.store import VoiceStore

from .test_voices_cli import LESSON, record, run

TITLE_VI = '"Tài khoản định danh mức 1 và mức 2"'


def content_rows(capsys: pytest.CaptureFixture[str], data: Path, *paths: Path) -> dict[str, Any]:
    assert main(["content", "list", "--json", *map(str, paths), "--data-dir", str(data)]) == 0
    return {row["id"]: row for row in json.loads(capsys.readouterr().out)}


def changed_core_pack(where: Path) -> Path:
    """The built-in core pack, one version on, with the lesson's title said differently."""
    pack = where / "core"
    shutil.copytree(builtin_packs_dir() / "core", pack)
    manifest = pack / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("version: 2", "version: 3", 1))
    lesson = pack / "lessons" / f"{LESSON}.yaml"
    text = lesson.read_text(encoding="utf-8")
    assert TITLE_VI in text
    text = text.replace(TITLE_VI, '"Hai mức tài khoản định danh"').replace(
        "version: 2", "version: 3", 1
    )
    lesson.write_text(text, encoding="utf-8")
    return pack


def test_a_mong_pack_from_the_template_counts_travels_and_goes_out_of_date(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, second, third = tmp_path / "first", tmp_path / "second", tmp_path / "third"
    script = tmp_path / "hmn-script"
    assert run(capsys, first, "template", "--lang", "hmn", "--out", str(script))[0] == 0
    count = record(script, LESSON)
    code, out, _ = run(capsys, first, "import", str(script), "--lang", "hmn", "--test-data")
    assert code == 0 and f"OK: {count} recordings" in out

    rows = content_rows(capsys, first)
    assert rows[LESSON]["spoken_audio"]["hmn"] == 1.0
    assert rows[LESSON]["spoken_audio"]["vi"] == 1.0  # the Vietnamese files stay
    assert rows["device-touch"]["spoken_audio"]["hmn"] == 0.0
    assert "hmn" not in rows[LESSON]["languages"]  # no Mông text: only audio

    pack = tmp_path / "packs"
    pack.mkdir()
    code, out, _ = run(capsys, first, "export", "--lang", "hmn", "--out", str(pack))
    assert code == 0
    pack_file = pack / "hmn-v1.hocso-voice"
    keys = tmp_path / "first-key.json"
    for data in (second, third):
        assert main(["keys", "export", "--out", str(keys), "--data-dir", str(first)]) == 0
        assert main(["keys", "import", str(keys), "--data-dir", str(data)]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, second, "import", str(pack_file))
    assert code == 0 and f"(test data) installed: {count} new" in out
    assert content_rows(capsys, second)[LESSON]["spoken_audio"]["hmn"] == 1.0

    # The lesson's title changes on the second kiosk: its clip is out of date, not counted.
    changed = changed_core_pack(tmp_path / "changed")
    install(plan_install(changed, second))
    code, out, _ = run(capsys, second, "list", "--json")
    [row] = json.loads(out)
    assert row["out_of_date"] == [f"{LESSON}/title"] and row["current"] == count - 1
    rows = content_rows(capsys, second, changed)
    assert rows[LESSON]["spoken_audio"]["hmn"] == round((count - 1) / count, 3)

    # A third kiosk with the changed lesson is told so, and does not install that clip.
    install(plan_install(changed, third))
    code, out, err = run(capsys, third, "import", str(pack_file))
    assert code == 0 and f"{LESSON}/title: recorded for another text; out of date" in err
    assert f"{count - 1} new, 0 replaced, 1 out of date" in out
    assert f"{LESSON}/title" not in VoiceStore(third).clips("hmn")
    assert content_rows(capsys, third, changed)[LESSON]["spoken_audio"]["hmn"] == round(
        (count - 1) / count, 3
    )


def test_spoken_audio_counts_recordings_without_text_or_files() -> None:
    lesson = load_packs().lesson(LESSON).lesson
    assert spoken_audio(lesson, None) == {}
    assert spoken_audio(lesson, None, {"hmn": {"title"}})["hmn"] > 0
    everything = {line.id for line in lesson_lines(lesson)}
    assert spoken_audio(lesson, None, {"hmn": everything}) == {"hmn": 1.0}
