"""The built-in curriculum: every lesson plays to a pass, wrong actions get help, coverage."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from kiosk.content.answers import right_event, wrong_event
from kiosk.content.cli import main
from kiosk.content.coverage import step_texts
from kiosk.content.engine import LessonRun
from kiosk.content.events import Continue, Verdict
from kiosk.content.loader import LoadedLesson, load_packs
from kiosk.content.schema import QuizStep, Track
from kiosk.content.schema.lesson import ExplainStep, _ActStep
from kiosk.content.validate import practice_qr_problem

RESULT = load_packs()
LESSONS = {e.lesson.id: e for e in RESULT.lessons}


def test_the_builtin_packs_have_no_problems() -> None:
    assert RESULT.ok, [str(p) for p in RESULT.problems]


@pytest.mark.parametrize("lesson_id", sorted(LESSONS))
def test_right_actions_pass(lesson_id: str) -> None:
    lesson = LESSONS[lesson_id].lesson
    run = LessonRun.start(lesson, 0)
    now = 0
    outcome = None
    while not run.finished:
        step = run.current_step
        assert step is not None
        event = right_event(step, run.screen)
        assert event is not None, f"no right answer can be derived for step {step.id}"
        now += 5000
        outcome = run.handle(event, now)
        assert outcome.verdict is Verdict.RIGHT, step.id
    assert outcome is not None and outcome.result is not None
    assert outcome.result.passed and outcome.result.score == 1.0


@pytest.mark.parametrize("lesson_id", sorted(LESSONS))
def test_wrong_actions_get_feedback_and_hints(lesson_id: str) -> None:
    lesson = LESSONS[lesson_id].lesson
    run = LessonRun.start(lesson, 0)
    now = 0
    asked: Counter[str] = Counter()
    while not run.finished:
        step = run.current_step
        assert step is not None
        now += 1000
        if isinstance(step, ExplainStep):
            run.handle(Continue(), now)
            continue
        wrong = wrong_event(step, run.screen)
        assert wrong is not None, step.id
        outcome = run.handle(wrong, now)
        assert outcome.verdict is Verdict.WRONG, step.id
        assert outcome.feedback is not None and outcome.feedback.text("vi"), step.id
        if isinstance(step, _ActStep):
            assert outcome.hint is not None, f"{step.id}: no hint after a wrong try"
            assert outcome.hint.text.has("en")
            second = run.handle(wrong, now + 500)
            assert second.highlight == step.target, step.id  # the kiosk points at it
            right = right_event(step, run.screen)
            assert right is not None
            assert run.handle(right, now + 1000).verdict is Verdict.RIGHT
        else:
            assert isinstance(step, QuizStep)
            asked[step.id] += 1
            while not outcome.step_done:  # use up the tries
                outcome = run.handle(wrong, now)
            if asked[step.id] == 1:  # missed: it comes back later, the answer still hidden
                assert outcome.comes_back and not outcome.reveal, step.id
            else:  # missed again: now the answer is shown
                assert outcome.reveal == step.answer and not outcome.comes_back, step.id
    assert asked == Counter({s.id: 2 for s in lesson.steps if s.is_quiz})
    result = run.result()
    assert result.finished and result.practice_done == 1.0 and result.score == 0.0
    assert not result.passed
    assert set(result.to_practise) == {s.id for s in lesson.steps if s.is_quiz}


def test_catalogue_size_tracks_and_groups() -> None:
    tracks = Counter(e.lesson.track for e in RESULT.lessons)
    assert len(RESULT.lessons) >= 20
    assert tracks[Track.DEVICE_BASICS] >= 6 and tracks[Track.VNEID] >= 5
    assert tracks[Track.E_PAYMENT] >= 5 and tracks[Track.ONLINE_SAFETY] >= 4
    pupils = [e for e in RESULT.lessons if e.lesson.target_groups == ["pupils"]]
    staff = [e for e in RESULT.lessons if e.lesson.target_groups == ["public_staff"]]
    assert pupils and staff


@pytest.mark.parametrize("lesson_id", sorted(LESSONS))
def test_lesson_shape(lesson_id: str) -> None:
    lesson = LESSONS[lesson_id].lesson
    assert 3 <= lesson.estimated_minutes <= 8
    assert 1 <= lesson.code <= 65535
    trailing = 0
    for step in reversed(lesson.steps):
        if not step.is_quiz:
            break
        trailing += 1
    assert 3 <= trailing <= 5, "a lesson ends with a quiz of 3 to 5 questions"
    assert sum(s.is_quiz for s in lesson.steps) == trailing
    assert isinstance(lesson.steps[0], ExplainStep)


def _all_texts(entry: LoadedLesson) -> list[str]:
    lesson = entry.lesson
    texts = [lesson.title, lesson.summary]
    for step in lesson.steps:
        texts.extend(step_texts(lesson, step))
    return [t for text in texts for t in text.root.values()]


@pytest.mark.parametrize("lesson_id", sorted(LESSONS))
def test_texts_are_clean(lesson_id: str) -> None:
    for text in _all_texts(LESSONS[lesson_id]):
        assert unicodedata.normalize("NFC", text) == text, text
        assert "  " not in text and text == text.strip(), repr(text)
        assert text.count("“") == text.count("”"), text


@pytest.mark.parametrize("lesson_id", sorted(LESSONS))
def test_payment_codes_are_practice_codes(lesson_id: str) -> None:
    lesson = LESSONS[lesson_id].lesson
    screens = [*lesson.screens.values()] + [
        s.screen for s in lesson.steps if s.screen is not None and not isinstance(s.screen, str)
    ]
    for screen in screens:
        assert not isinstance(screen, str)
        for element in screen.walk():
            if element.type == "qr_code" and element.payload.startswith("000201"):
                assert practice_qr_problem(element.payload) is None


def test_list_json_coverage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--json"], tmp_path) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= 20
    assert {r["track"] for r in rows} >= {"device_basics", "vneid", "e_payment", "online_safety"}
    for row in rows:
        assert row["languages"]["vi"] == {"text": 1.0, "audio": 1.0}, row["id"]
        assert row["languages"]["en"]["text"] == 1.0, row["id"]
    codes = [r["code"] for r in rows]
    assert len(set(codes)) == len(codes)


def test_lesson_files_read_the_same_without_libyaml() -> None:
    """libyaml accepts some flow texts the pure-Python parser refuses; stay portable."""
    import yaml

    fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for entry in RESULT.lessons:
        text = entry.file.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=yaml.SafeLoader) == yaml.load(text, Loader=fast)
