"""The learner's lesson actions as the screens call them: scores, open, resume."""

from __future__ import annotations

from sqlalchemy import select

from kiosk.content.answers import right_event
from kiosk.db.models import LessonAttempt
from kiosk.learners.ops import register_learner
from kiosk.learners.registry import Purpose, Registration
from kiosk.learning import ops


def learner(services, name: str = "Lò Văn Mẫu"):  # type: ignore[no-untyped-def]
    reg = Registration(name, 1980, "Bản Him Lam", "adults", {Purpose.SLIP: True})
    return register_learner(services, reg)


def statuses(services) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with services.db.transaction() as s:
        return {a.lesson_id: a.status for a in s.scalars(select(LessonAttempt))}


def test_a_played_lesson_shows_its_best_score(ready_services) -> None:  # type: ignore[no-untyped-def]
    who = learner(ready_services)
    lesson_id = ready_services.content().lessons[0].lesson.id
    session = ops.open_lesson(ready_services, lesson_id, who.id)
    while not session.finished:
        run = session.attempt.run
        session.handle(right_event(run.current_step, run.screen))
    assert ops.best_scores(ready_services, who.id) == {lesson_id: 100}
    assert ops.best_scores(ready_services, None) == {}


def test_resume_offers_the_newest_attempt_and_closes_older_ones(ready_services) -> None:  # type: ignore[no-untyped-def]
    lessons = [e.lesson.id for e in ready_services.content().lessons[:3]]
    who = learner(ready_services)
    ops.open_lesson(ready_services, lessons[0], who.id)  # a learner's, left in progress
    ops.open_lesson(ready_services, lessons[1], None)  # a guest's, left in progress
    newest = ops.open_lesson(ready_services, lessons[2], who.id)  # the power cut hits here
    point = ops.find_resume_point(ready_services)
    assert point is not None and point.lesson_id == lessons[2]
    assert point.attempt_id == newest.attempt.id and point.learner == who
    assert statuses(ready_services) == {
        lessons[0]: "paused",  # the learner finds it again when back
        lessons[1]: "abandoned",  # nothing of a guest is kept
        lessons[2]: "in_progress",
    }
    resumed = ops.open_lesson(ready_services, lessons[2], who.id, point.attempt_id)
    assert resumed.attempt.id == point.attempt_id


def test_nothing_to_resume_on_a_fresh_kiosk(ready_services) -> None:  # type: ignore[no-untyped-def]
    assert ops.find_resume_point(ready_services) is None
