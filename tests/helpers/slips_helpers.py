"""Helpers for slip tests: a registered learner who finished lessons, the right way.

Plain functions (not fixtures) so the power-cut worker script can use them too.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from kiosk.content.answers import right_event
from kiosk.content.loader import LoadResult
from kiosk.db.database import Database
from kiosk.learners.registry import Purpose, Registration, register
from kiosk.learners.vault import LearnerVault
from kiosk.learning import progress
from kiosk.learning.progress import CompletionView
from kiosk.learning.session import LessonSession
from kiosk.paths import DataPaths


def kiosk_id_of(database: Database) -> uuid.UUID:
    from sqlalchemy import select

    from kiosk.db.models import Kiosk

    with database.transaction() as s:
        found = s.scalar(select(Kiosk.id).limit(1))
    assert found is not None, "kiosk not set up"
    return found


def register_learner(
    database: Database, paths: DataPaths, name: str, now: datetime, birth_year: int = 1980
) -> uuid.UUID:
    vault = LearnerVault.open(paths.secrets)
    with database.transaction() as s:
        view = register(
            s,
            vault,
            Registration(name, birth_year, "Bản Him Lam", "adults", {Purpose.SLIP: True}),
            kiosk_id_of(database),
            now,
        )
    return view.id


def complete_lesson(
    database: Database,
    packs: LoadResult,
    lesson_id: str,
    learner_id: uuid.UUID,
    now: Callable[[], datetime],
) -> CompletionView:
    """Play a lesson with right answers; the completion is committed with the last step."""
    loaded = packs.lesson(lesson_id)
    clock = iter(range(0, 10_000_000, 1000))
    with database.transaction() as s:
        attempt = progress.start_or_resume(
            s, kiosk_id_of(database), learner_id, loaded.lesson, now(), 0
        )
    session = LessonSession(database, attempt, loaded, now, lambda: next(clock))
    while not session.finished:
        run = session.attempt.run
        event = right_event(run.current_step, run.screen)
        assert event is not None, run.current_step.id
        session.handle(event)
    assert session.completion is not None, lesson_id
    return session.completion
