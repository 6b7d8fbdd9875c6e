# ruff: noqa: F811  (pytest fixtures imported from content_sample are used as arguments)
"""The lesson engine: every step kind, hints, highlights, pass rules, saving and resuming."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kiosk.content.engine import LessonRun, StateError, shown_options
from kiosk.content.events import (
    Choose,
    Continue,
    Event,
    KeypadEntered,
    LongPress,
    QrScanned,
    RequestHint,
    Skip,
    StepStatus,
    Swipe,
    Tap,
    TextEntered,
    TimePassed,
    Verdict,
)
from kiosk.content.schema import Lesson, QuizStep
from tests.helpers.content_sample import lesson, lesson_data  # noqa: F401 (fixtures)

RIGHT: dict[str, Event] = {
    "intro": Continue(),
    "tap": Tap("btn"),
    "hold": LongPress("btn"),
    "swipe": Swipe("down"),
    "type": TextEntered("nguyen van mau", "field"),
    "pick": Tap("item-b"),
    "pin": KeypadEntered("2468"),
    "scan": QrScanned("PRACTICE-1"),
    "q1": Choose(("a",)),
    "q2": Choose(("y", "x")),
}
WRONG: dict[str, Event] = {
    "tap": Tap("status"),
    "hold": Tap("btn"),
    "swipe": Swipe("up"),
    "type": TextEntered("Nguyen Van"),
    "pick": Tap("item-a"),
    "pin": KeypadEntered("1234"),
    "scan": QrScanned("OTHER"),
    "q1": Choose(("b",)),
    "q2": Choose(("x",)),
}


def go_to(run: LessonRun, step_id: str, now: int = 0) -> None:
    while run.current_step is not None and run.current_step.id != step_id:
        assert run.handle(RIGHT[run.current_step.id], now).verdict is Verdict.RIGHT


def test_a_perfect_run_passes(lesson: Lesson) -> None:
    run = LessonRun.start(lesson, now_ms=1000)
    outcome = None
    for i, step in enumerate(lesson.steps):
        assert run.current_step == step
        outcome = run.handle(RIGHT[step.id], now_ms=1000 + (i + 1) * 500)
        assert outcome.verdict is Verdict.RIGHT and outcome.step_done
    assert outcome is not None and outcome.finished and outcome.result is not None
    result = outcome.result
    assert result.passed and result.score == 1.0 and result.practice_done == 1.0
    assert result.total_ms == 5000
    assert all(r.status is StepStatus.DONE and r.time_ms == 500 for r in result.records)
    assert all(r.attempts == 1 and r.wrong == 0 for r in result.records)
    assert run.current_step is None and run.view("vi") is None


@pytest.mark.parametrize("step_id", sorted(WRONG))
def test_each_act_and_quiz_kind_rejects_a_wrong_answer(lesson: Lesson, step_id: str) -> None:
    run = LessonRun.start(lesson, 0)
    go_to(run, step_id)
    outcome = run.handle(WRONG[step_id], 100)
    assert outcome.verdict is Verdict.WRONG
    record = run.records[run.index if not outcome.step_done else run.index - 1]
    assert (record.attempts, record.wrong) == (1, 1)


@pytest.mark.parametrize("step_id", sorted(RIGHT))
def test_each_kind_accepts_its_right_answer(lesson: Lesson, step_id: str) -> None:
    run = LessonRun.start(lesson, 0)
    go_to(run, step_id)
    outcome = run.handle(RIGHT[step_id], 100)
    assert outcome.verdict is Verdict.RIGHT and outcome.step_done and outcome.step_id == step_id


def test_events_that_do_not_answer_are_neither_right_nor_wrong(lesson: Lesson) -> None:
    run = LessonRun.start(lesson, 0)
    assert run.handle(Tap("btn"), 10).verdict is Verdict.NONE  # explain wants Continue
    go_to(run, "tap")
    assert run.handle(Continue(), 20).verdict is Verdict.NONE
    go_to(run, "scan")
    assert run.handle(Tap("cam"), 30).verdict is Verdict.NONE  # focusing the camera
    go_to(run, "q1")
    assert run.handle(Tap("btn"), 40).verdict is Verdict.NONE
    assert run.records[run.index].attempts == 0


def test_other_ways_of_answering(lesson: Lesson) -> None:
    run = LessonRun.start(lesson, 0)
    go_to(run, "swipe")
    assert run.handle(Swipe("down", "btn"), 1).verdict is Verdict.WRONG  # wrong element
    assert run.handle(Swipe("down", "status"), 2).verdict is Verdict.RIGHT
    assert run.handle(TextEntered("Nguyễn  Văn Mẫu ", "btn"), 3).verdict is Verdict.WRONG
    assert run.handle(TextEntered(" Nguyễn  Văn Mẫu "), 4).verdict is Verdict.RIGHT
    assert run.handle(Choose(("item-b",)), 5).verdict is Verdict.RIGHT  # pick by Choose


def test_wrong_feedback_is_the_most_specific(lesson: Lesson) -> None:
    run = LessonRun.start(lesson, 0)
    go_to(run, "tap")
    assert run.handle(Tap("link"), 1).feedback.text("vi") == "Đừng bấm link lạ"  # type: ignore[union-attr]
    assert run.handle(Tap("status"), 2).feedback.text("en") == "Sai"  # type: ignore[union-attr]
    right = run.handle(Tap("btn"), 3)
    assert right.feedback is not None and right.feedback.text("vi") == "Đúng"
    go_to(run, "q1")
    outcome = run.handle(Choose(("b",)), 4)
    assert outcome.feedback is not None and outcome.feedback.text("vi") == "B sai vì..."


def test_hints_come_in_order_after_wrong_tries_or_time(lesson: Lesson) -> None:
    run = LessonRun.start(lesson, 0)
    go_to(run, "tap", now=1000)  # the tap step starts at 1000
    assert run.tick(5000).hint is None
    first = run.handle(Tap("status"), 6000)
    assert first.hint is not None and first.hint.text.text("en") == "The top button"
    assert run.tick(10_999).hint is None  # 9.999 s on the step
    second = run.tick(11_000)
    assert second.hint is not None and second.hint.text.text("vi") == "Nút màu xanh"
    assert run.tick(60_000).hint is None  # no more hints
    assert run.current_hint == second.hint
    view = run.view("en")
    assert view is not None and view.hint == "Nút màu xanh"  # no English: Vietnamese
    run.handle(Tap("btn"), 12_000)
    assert run.records[1].hints_used == 2 and run.records[1].time_ms == 11_000


def test_time_hint_can_come_before_wrong_tries(lesson_data: dict[str, Any]) -> None:
    lesson_data["steps"][1]["hints"] = [{"text": {"vi": "h"}, "after_wrong": 3, "after_seconds": 2}]
    run = LessonRun.start(Lesson.model_validate(lesson_data), 0)
    go_to(run, "tap")
    assert run.handle(Tap("status"), 1000).hint is None
    assert run.handle(TimePassed(), 2000).hint is not None


def test_target_is_highlighted_after_repeated_misses(lesson: Lesson) -> None:
    run = LessonRun.start(lesson, 0)
    go_to(run, "hold")
    assert run.handle(Tap("btn"), 1).highlight is None
    assert run.handle(Tap("btn"), 2).highlight == "btn"  # highlight_after defaults to 2
    view = run.view("vi")
    assert view is not None and view.highlight == "btn" and view.screen is not None
    run.handle(LongPress("btn"), 3)
    assert run.highlight is None  # a new step starts clean


def test_a_missed_question_comes_back_and_is_revealed_when_missed_again(lesson: Lesson) -> None:
    run = LessonRun.start(lesson, 0)
    go_to(run, "q1")
    outcome = run.handle(Choose(("b",)), 1)
    assert outcome.step_done and outcome.comes_back and not outcome.reveal
    assert run.records[-2].status is StepStatus.FAILED
    first = run.handle(Choose(("x", "z")), 2)  # q2 allows two tries
    assert first.verdict is Verdict.WRONG and not first.step_done
    last = run.handle(Choose(("x", "y")), 3)
    assert last.step_done and not last.finished  # q1 comes back after the last step
    view = run.view("vi")
    assert view is not None and view.step.id == "q1" and view.comes_back
    again = run.handle(Choose(("c",)), 4)
    assert again.finished and again.reveal == {"a"} and not again.comes_back
    assert again.result is not None and again.result.to_practise == ("q1",)
    assert again.result.score == 0.5 and again.result.passed  # min_quiz_right is 0.5
    assert run.records[-2].wrong == 1 and run.records[-2].attempts == 2


@pytest.mark.parametrize(("counts", "score"), [(False, 0.0), (True, 0.5)])
def test_a_right_answer_on_the_comeback_counts_only_if_the_lesson_says_so(
    lesson_data: dict[str, Any], counts: bool, score: float
) -> None:
    lesson_data["pass_rule"]["comeback_counts"] = counts
    run = LessonRun.start(Lesson.model_validate(lesson_data), 0)
    go_to(run, "q1")
    run.handle(Choose(("b",)), 1)
    run.handle(Choose(("x",)), 2)
    run.handle(Choose(("x",)), 3)  # q2 missed twice: it comes back too
    assert run.handle(Choose(("a",)), 4).verdict is Verdict.RIGHT  # q1 again
    outcome = run.handle(Choose(("x",)), 5)  # q2 again, one try left of two
    outcome = run.handle(Choose(("x",)), 6)
    assert outcome.finished and outcome.result is not None
    assert outcome.result.score == score and outcome.reveal == {"x", "y"}
    practise = ("q2",) if counts else ("q1", "q2")
    assert outcome.result.to_practise == practise


def test_a_run_resumes_in_the_middle_of_a_comeback(lesson: Lesson) -> None:
    run = LessonRun.start(lesson, 0, seed=7)
    go_to(run, "q1")
    run.handle(Choose(("b",)), 1)
    run.handle(RIGHT["q2"], 2)
    state = json.loads(json.dumps(run.to_state()))
    resumed = LessonRun.from_state(lesson, state)
    before, after = run.view("vi"), resumed.view("vi")
    assert before is not None and after is not None and after.comes_back
    assert [o.id for o in after.options] == [o.id for o in before.options]
    assert resumed.handle(Choose(("a",)), 3).finished
    broken = {**state, "queue": ["nope"]}
    with pytest.raises(StateError):
        LessonRun.from_state(lesson, broken)


def test_options_are_shuffled_per_seed_and_per_asking(lesson: Lesson) -> None:
    step = lesson.step("q1")
    assert isinstance(step, QuizStep)
    orders = {tuple(o.id for o in shown_options(step, seed, 1)) for seed in range(40)}
    assert len(orders) == 6  # all orders of three options turn up
    assert shown_options(step, 3, 1) == shown_options(step, 3, 1)  # replayable
    firsts = {shown_options(step, 5, ask)[0].id for ask in range(1, 12)}
    assert len(firsts) > 1  # asked again, the order changes


def test_a_quiz_can_be_answered_by_tapping_the_phone(lesson_data: dict[str, Any]) -> None:
    quiz = next(s for s in lesson_data["steps"] if s["id"] == "q1")
    quiz["screen"] = {
        "app": "sms",
        "elements": [
            {"type": "button", "id": "a", "label": {"vi": "A"}},
            {"type": "button", "id": "b", "label": {"vi": "B"}},
        ],
    }
    run = LessonRun.start(Lesson.model_validate(lesson_data), 0)
    go_to(run, "q1")
    assert run.handle(Tap("status"), 1).verdict is Verdict.NONE  # not an option
    wrong = run.handle(Tap("b"), 2)
    assert wrong.verdict is Verdict.WRONG and wrong.comes_back
    assert wrong.feedback is not None and wrong.feedback.text("vi")


def test_fails_when_quiz_score_is_too_low(lesson_data: dict[str, Any]) -> None:
    lesson_data["pass_rule"]["min_quiz_right"] = 0.8
    run = LessonRun.start(Lesson.model_validate(lesson_data), 0)
    go_to(run, "q1")
    run.handle(Choose(("b",)), 1)
    run.handle(RIGHT["q2"], 2)
    outcome = run.handle(Choose(("a",)), 3)  # right when it comes back: practice only
    assert outcome.result is not None and not outcome.result.passed
    assert outcome.result.score == 0.5


def test_skipped_practice_step_fails_the_all_practice_rule(lesson: Lesson) -> None:
    run = LessonRun.start(lesson, 0)
    go_to(run, "pin")
    outcome = run.handle(Skip(), 5)
    assert outcome.step_done and run.records[6].status is StepStatus.SKIPPED
    go_to(run, "never")
    result = run.result()
    assert result.finished and not result.passed and result.practice_done == 6 / 7


def test_partial_practice_rule(lesson_data: dict[str, Any]) -> None:
    lesson_data["pass_rule"]["min_practice_done"] = 0.8
    run = LessonRun.start(Lesson.model_validate(lesson_data), 0)
    go_to(run, "pin")
    run.handle(Skip(), 5)
    go_to(run, "never")
    assert run.result().passed  # 6 of 7 ≥ 0.8


def test_lesson_without_quiz_or_practice() -> None:
    data = {
        "schema_version": 1,
        "id": "read",
        "code": 1,
        "version": 1,
        "title": {"vi": "Đọc"},
        "summary": {"vi": "Đọc"},
        "track": "other",
        "target_groups": ["adults"],
        "estimated_minutes": 1,
        "steps": [{"id": "a", "kind": "explain", "narration": {"vi": "x"}}],
    }
    run = LessonRun.start(Lesson.model_validate(data), 0)
    result = run.handle(Skip(), 10).result  # skipping an explain step just moves on
    assert result is not None and result.passed
    assert result.score is None and result.practice_done is None


def test_unfinished_run_has_not_passed(lesson: Lesson) -> None:
    run = LessonRun.start(lesson, 0)
    run.handle(Continue(), 1)
    result = run.result()
    assert not result.finished and not result.passed
    outcome = run.handle(Continue(), 2)  # taps wanted now, Continue is ignored
    assert outcome.verdict is Verdict.NONE


def test_events_after_the_end_change_nothing(lesson: Lesson) -> None:
    run = LessonRun.start(lesson, 0)
    go_to(run, "never")
    before = run.to_state()
    outcome = run.handle(Tap("btn"), 99_999)
    assert outcome.finished and outcome.verdict is Verdict.NONE and run.to_state() == before


def test_state_round_trips_through_json_and_resumes_at_the_same_step(lesson: Lesson) -> None:
    run = LessonRun.start(lesson, 100)
    go_to(run, "tap", now=200)
    run.handle(Tap("status"), 300)  # wrong, shows the first hint
    saved = json.loads(json.dumps(run.to_state()))
    resumed = LessonRun.from_state(lesson, saved)
    assert resumed.current_step is not None and resumed.current_step.id == "tap"
    assert resumed.records == run.records and resumed.current_hint == run.current_hint
    a, b = run.handle(Tap("btn"), 500), resumed.handle(Tap("btn"), 500)
    assert a == b and resumed.to_state() == run.to_state()


def test_finished_state_round_trips(lesson: Lesson) -> None:
    run = LessonRun.start(lesson, 0)
    go_to(run, "never", now=7)
    resumed = LessonRun.from_state(lesson, run.to_state())
    assert resumed.finished and resumed.result() == run.result()


@pytest.mark.parametrize(
    "change",
    [
        {"lesson_id": "other"},
        {"lesson_version": 99},
        {"index": 99},
        {"format": 2},
        {"records": []},
        {"started_ms": "soon"},
    ],
)
def test_state_that_does_not_fit_is_refused(lesson: Lesson, change: dict[str, Any]) -> None:
    state = LessonRun.start(lesson, 0).to_state() | change
    with pytest.raises(StateError):
        LessonRun.from_state(lesson, state)


def test_view_gives_text_and_audio_per_language(lesson: Lesson) -> None:
    run = LessonRun.start(lesson, 0)
    view = run.view("en")
    assert view is not None
    assert (view.narration, view.audio, view.index, view.count) == ("Hello", None, 0, 10)
    vi = run.view("vi")
    assert vi is not None and vi.audio == "media/intro-vi.ogg"
    run.handle(Continue(), 1)
    tap = run.view("hmn")
    assert tap is not None and tap.narration == "Chạm nút Mở" and tap.screen is not None
    assert tap.screen.app == "home"


def test_runs_are_deterministic(lesson: Lesson) -> None:
    events: list[Event] = [Continue(), Tap("x"), TimePassed(), Tap("btn"), LongPress("btn"), Skip()]

    def play() -> list[Any]:
        run = LessonRun.start(lesson, 0)
        return [run.handle(e, i * 1000) for i, e in enumerate(events)] + [run.to_state()]

    assert play() == play()


def test_asked_hints_are_counted_and_not_shown_again_by_the_clock(lesson: Lesson) -> None:
    run = LessonRun.start(lesson, 0)
    go_to(run, "tap", now=1000)
    asked = run.handle(RequestHint(), 1500)
    assert asked.verdict is Verdict.NONE and asked.hint is not None
    assert asked.hint.text.text("en") == "The top button" and run.records[1].hints_used == 1
    second = run.tick(11_000)  # the timed hint is the next one, not the asked one again
    assert second.hint is not None and second.hint.text.text("vi") == "Nút màu xanh"
    assert run.handle(RequestHint(), 11_500).hint is None  # none left: the player explains
    run.handle(Tap("btn"), 12_000)
    assert run.records[1].hints_used == 2 and run.records[1].status is StepStatus.DONE
