"""Driving a lesson through the engine in content tests (no Qt)."""

from __future__ import annotations

from kiosk.content.answers import right_event
from kiosk.content.engine import LessonRun
from kiosk.content.events import Verdict
from kiosk.content.schema import Lesson


def run_to_step(lesson: Lesson, step_id: str) -> tuple[LessonRun, int]:
    """A run of ``lesson`` with every step before ``step_id`` answered right, and its clock."""
    run = LessonRun.start(lesson, 0)
    now = 0
    while run.current_step is not None and run.current_step.id != step_id:
        event = right_event(run.current_step, run.screen)
        assert event is not None, run.current_step.id
        now += 1000
        assert run.handle(event, now).verdict is Verdict.RIGHT, run.current_step.id
    assert run.current_step is not None, f"{lesson.id} has no step {step_id}"
    return run, now
