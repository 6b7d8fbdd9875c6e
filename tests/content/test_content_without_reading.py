"""Every built-in lesson can be done by a learner who cannot read; its quizzes test the skill."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from kiosk.content.cli import main as content_main
from kiosk.content.coverage import learning_without_reading
from kiosk.content.loader import load_packs
from kiosk.content.schema import QuizStep

RESULT = load_packs()
LESSONS = {entry.lesson.id: entry for entry in RESULT.lessons}


def test_the_built_in_lessons_load_without_problems() -> None:
    assert RESULT.ok, [str(p) for p in RESULT.problems]
    assert len(LESSONS) >= 23


@pytest.mark.parametrize("lesson_id", sorted(LESSONS))
def test_every_step_has_a_picture_and_every_line_a_voice(lesson_id: str) -> None:
    loaded = LESSONS[lesson_id]
    lesson = loaded.lesson
    figures = learning_without_reading(lesson, loaded.pack.root)
    assert figures["steps_with_picture"] == len(lesson.steps)
    assert figures["spoken_audio"].get("vi") == 1.0
    assert figures["quiz"]["questions"] >= 1 and figures["quiz"]["min_options"] >= 3


@pytest.mark.parametrize("lesson_id", sorted(LESSONS))
def test_every_quiz_explains_its_wrong_options_and_names_its_skill(lesson_id: str) -> None:
    lesson = LESSONS[lesson_id].lesson
    for step in lesson.steps:
        if step.is_quiz or step.is_practice:
            assert step.skill is not None, f"{step.id}: no skill to name on the result page"
        if isinstance(step, QuizStep):
            for option in step.options:
                assert option.correct or option.feedback is not None, f"{step.id}/{option.id}"


def test_every_lesson_has_its_own_tile() -> None:
    icons = Counter(entry.lesson.icon for entry in RESULT.lessons)
    assert None not in icons
    assert [icon for icon, n in icons.items() if n > 1] == []


def test_the_right_answer_does_not_give_itself_away_by_length() -> None:
    """Across the catalogue the right option is the longest no more often than chance."""
    quizzes = [s for e in RESULT.lessons for s in e.lesson.steps if isinstance(s, QuizStep)]
    longest_right = 0
    for quiz in quizzes:
        lengths = {o.id: len(o.text.text("vi")) for o in quiz.options}
        top = max(lengths.values())
        if all(o.correct for o in quiz.options if lengths[o.id] == top):
            longest_right += 1
    chance = sum(1 / len(q.options) for q in quizzes)
    assert longest_right <= chance * 1.1, f"{longest_right} of {len(quizzes)} (chance {chance:.0f})"


def test_content_list_json_reports_it_for_every_lesson(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert content_main(["list", "--json"], tmp_path) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["id"] for row in rows} == set(LESSONS)
    for row in rows:
        assert row["steps_with_picture"] == row["steps"], row["id"]
        assert row["spoken_audio"]["vi"] == 1.0, row["id"]
        assert row["quiz"]["min_options"] >= 3, row["id"]
        assert row["spoken"] > row["steps"], row["id"]
