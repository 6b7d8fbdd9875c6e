"""What a learner does with lessons: see what they finished, open a lesson, resume one.

One function per action, each in its own transaction; screens call these.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from kiosk.db.models import Learner
from kiosk.learners.registry import LearnerView, learner_view
from kiosk.learning import progress
from kiosk.learning.session import LessonSession, epoch_ms
from kiosk.services import Services
from kiosk.sync.outbox import RecordSigner, kiosk_signer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ResumePoint:
    """The lesson the kiosk was in when it stopped unexpectedly."""

    lesson_id: str
    attempt_id: uuid.UUID
    learner: LearnerView | None  # None: a guest was playing


def best_scores(services: Services, learner_id: uuid.UUID | None) -> dict[str, int]:
    """Lesson id -> the learner's best score in percent; empty for a guest."""
    if learner_id is None:
        return {}
    with services.db.transaction() as session:
        return progress.done_lessons(session, learner_id)


def find_resume_point(services: Services) -> ResumePoint | None:
    """After a crash or power cut: the attempt to reopen, if recent.

    Older attempts still marked in progress are closed here (left as the person left
    them), so only the newest can ever be resumed.
    """
    now = services.clock()
    with services.db.transaction() as session:
        progress.close_stale(session, now)
        row = progress.interrupted_attempt(session, now)
        if row is None:
            return None
        person = session.get(Learner, row.learner_id) if row.learner_id is not None else None
        learner = learner_view(person) if person is not None else None
        return ResumePoint(row.lesson_id, row.id, learner)


def open_lesson(
    services: Services,
    lesson_id: str,
    learner_id: uuid.UUID | None,
    resume_attempt: uuid.UUID | None = None,
) -> LessonSession:
    """Start (or pick up) a lesson; the session records each step as it is played.

    Raises:
        KeyError: the lesson is not in the catalogue.
    """
    loaded = services.content().lesson(lesson_id)
    with services.db.transaction() as session:
        attempt = None
        if resume_attempt is not None:
            attempt = progress.resume_attempt(session, resume_attempt, loaded.lesson)
        if attempt is None:
            attempt = progress.start_or_resume(
                session, services.kiosk_id, learner_id, loaded.lesson, services.clock(), epoch_ms()
            )
    return LessonSession(services.db, attempt, loaded, services.clock, signer=_signer(services))


def _signer(services: Services) -> RecordSigner | None:
    """None when the key cannot be read: the completion is then queued for the hub later
    by the sync worker (``kiosk.sync.ops.queue_missing``), never lost."""
    try:
        return kiosk_signer(services.paths.root, services.vault())
    except (OSError, ValueError, RuntimeError):
        log.exception("outbox signing key unavailable")
        return None
