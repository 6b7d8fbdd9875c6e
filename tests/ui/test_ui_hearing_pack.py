"""The issue's Mông test end to end: template, generated recordings, import, a lesson heard.

A "hmn" script is written by ``kiosk voices template``, one lesson's lines are "recorded" as
generated tones (test data: no Mông words anywhere), imported with ``kiosk voices import``,
counted by ``content list --json``, and the lesson is played in the real window by a
learner hearing Mông: every clip of the lesson comes from the Mông recordings, while the
text on screen stays Vietnamese.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.navigation import Screen
from tests.helpers.player_driver import play_step
from tests.voices.test_voices_cli import LESSON, record


def test_a_lesson_is_heard_only_from_an_imported_mong_template(  # type: ignore[no-untyped-def]
    window, qtbot, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    c = window.controller
    data = c.services.paths.root
    script = tmp_path / "hmn-script"
    assert (
        main(["voices", "template", "--lang", "hmn", "--out", str(script), "--data-dir", str(data)])
        == 0
    )
    count = record(script, LESSON)
    assert (
        main(
            [
                "voices",
                "import",
                str(script),
                "--lang",
                "hmn",
                "--test-data",
                "--data-dir",
                str(data),
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["content", "list", "--json", "--data-dir", str(data)]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows[LESSON]["spoken_audio"]["hmn"] == 1.0 and count > 20

    c.hearing.choose("hmn")
    c.show(Screen.LEARNER_START)
    c.learner_flow.as_guest()
    since = len(c.narrator.played)
    c.learner_flow.open_lesson(LESSON)
    player = c.current_widget
    lesson = player.session.loaded.lesson
    shown = []
    while not player.session.finished:
        shown.append(player.narration.text())
        play_step(qtbot, player)
    heard = [clip for clip in c.narrator.played[since:] if clip.key.startswith(f"{LESSON}/")]
    assert len(heard) >= len(lesson.steps)
    mong = data / "voices" / "hmn" / LESSON
    assert all(clip.lang == "hmn" and clip.path and clip.path.parent == mong for clip in heard)
    # The text stays Vietnamese: each step's narration on screen is its "vi" text.
    assert shown[0] == lesson.steps[0].narration.text("vi")
    assert all(text for text in shown)
