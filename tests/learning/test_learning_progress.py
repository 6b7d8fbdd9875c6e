"""Attempts are saved after every step, resume after a crash, and complete once."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from kiosk.content.answers import right_event, wrong_event
from kiosk.content.loader import load_packs
from kiosk.db.base import utcnow
from kiosk.db.models import Completion, LessonAttempt, StepEvent
from kiosk.learners.registry import Purpose, Registration, register
from kiosk.learners.vault import LearnerVault
from kiosk.learning import progress
from kiosk.learning.session import LessonSession


@pytest.fixture(scope="module")
def packs():  # type: ignore[no-untyped-def]
    loaded = load_packs()
    assert loaded.ok, loaded.problems
    return loaded


@pytest.fixture
def learner_id(ready_services, tmp_path) -> uuid.UUID:  # type: ignore[no-untyped-def]
    vault = LearnerVault.open(tmp_path / "secrets")
    kiosk = ready_services.identity.kiosk_id
    with ready_services.database.transaction() as s:
        view = register(
            s,
            vault,
            Registration("Lò Văn Mẫu", 1980, "Bản Him Lam", "adults", {Purpose.SLIP: True}),
            kiosk,
            utcnow(),
        )
    return view.id


def open_session(services, packs, lesson_id, learner_id):  # type: ignore[no-untyped-def]
    loaded = packs.lesson(lesson_id)
    clock = iter(range(0, 10_000_000, 1000))
    kiosk = services.identity.kiosk_id
    with services.database.transaction() as s:
        attempt = progress.start_or_resume(s, kiosk, learner_id, loaded.lesson, utcnow(), 0)
    return LessonSession(services.database, attempt, loaded, utcnow, lambda: next(clock))


def play_right(session) -> None:  # type: ignore[no-untyped-def]
    while not session.finished:
        run = session.attempt.run
        event = right_event(run.current_step, run.screen)
        assert event is not None, run.current_step.id
        session.handle(event)


def test_every_builtin_lesson_passes_with_right_answers(ready_services, packs, learner_id) -> None:  # type: ignore[no-untyped-def]
    for entry in packs.lessons:
        session = open_session(ready_services, packs, entry.lesson.id, learner_id)
        play_right(session)
        assert session.result().passed, entry.lesson.id
        assert session.completion is not None and session.completion.score == 100
    with ready_services.database.transaction() as s:
        done = progress.done_lessons(s, learner_id)
        events = s.scalar(select(func.count()).select_from(StepEvent))
    assert set(done) == {e.lesson.id for e in packs.lessons}
    assert events == sum(len(e.lesson.steps) for e in packs.lessons)


def test_guest_passes_but_leaves_no_completion(ready_services, packs) -> None:  # type: ignore[no-untyped-def]
    session = open_session(ready_services, packs, packs.lessons[0].lesson.id, None)
    play_right(session)
    assert session.result().passed and session.completion is None
    with ready_services.database.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Completion)) == 0
        assert s.scalar(select(LessonAttempt.status)) == "passed"


def test_wrong_answers_are_counted_and_saved(ready_services, packs, learner_id) -> None:  # type: ignore[no-untyped-def]
    session = open_session(ready_services, packs, packs.lessons[0].lesson.id, learner_id)
    run = session.attempt.run
    while wrong_event(run.current_step, run.screen) is None:
        session.handle(right_event(run.current_step, run.screen))
    step_id = run.current_step.id
    outcome = session.handle(wrong_event(run.current_step, run.screen))
    assert outcome.verdict == "wrong"
    session.handle(right_event(run.current_step, run.screen))
    with ready_services.database.transaction() as s:
        event = s.scalars(select(StepEvent).where(StepEvent.step_id == step_id)).one()
    assert (event.attempts, event.wrong_tries) == (2, 1)


def test_a_crash_mid_lesson_resumes_at_the_same_step(ready_services, packs, learner_id) -> None:  # type: ignore[no-untyped-def]
    lesson = packs.lessons[0].lesson
    session = open_session(ready_services, packs, lesson.id, learner_id)
    for _ in range(3):
        run = session.attempt.run
        session.handle(right_event(run.current_step, run.screen))
    at_step = session.attempt.run.current_step.id
    # the process dies here: nothing else is written; the next start finds the attempt
    with ready_services.database.transaction() as s:
        row = progress.interrupted_attempt(s, utcnow())
        assert row is not None and row.lesson_id == lesson.id
        resumed = progress.resume_attempt(s, row.id, lesson)
    assert resumed is not None and resumed.run.current_step.id == at_step


def test_a_learner_who_left_resumes_when_back(ready_services, packs, learner_id) -> None:  # type: ignore[no-untyped-def]
    lesson = packs.lessons[0].lesson
    session = open_session(ready_services, packs, lesson.id, learner_id)
    run = session.attempt.run
    session.handle(right_event(run.current_step, run.screen))
    at_step = run.current_step.id
    session.leave()
    with ready_services.database.transaction() as s:
        assert progress.interrupted_attempt(s, utcnow()) is None  # not a crash
    again = open_session(ready_services, packs, lesson.id, learner_id)
    assert again.attempt.resumed and again.attempt.run.current_step.id == at_step


def test_old_interrupted_attempts_are_not_offered(ready_services, packs) -> None:  # type: ignore[no-untyped-def]
    open_session(ready_services, packs, packs.lessons[0].lesson.id, None)
    later = utcnow() + progress.CRASH_RESUME_WINDOW + timedelta(minutes=1)
    with ready_services.database.transaction() as s:
        assert progress.interrupted_attempt(s, later) is None
        assert s.scalar(select(LessonAttempt.status)) == "abandoned"
