"""Saving a lesson run after every step, resuming it, and writing completions.

Statuses of an attempt:
- ``in_progress``: being played now. One left in this state at start-up means the
  kiosk stopped mid-lesson (crash, power cut): it is offered again right away.
- ``paused``: a registered learner left (idle reset, exit): resumed when they sign in
  and open the lesson again.
- ``abandoned``: a guest left; nothing personal is kept, it only counts.
- ``passed`` / ``failed``: finished. A passed attempt of a registered learner has a
  completion, written in the same transaction as its last step.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk.content.engine import LessonRun, StateError
from kiosk.content.events import StepStatus
from kiosk.content.schema import Lesson
from kiosk.db.models import Completion, LessonAttempt, StepEvent
from kiosk.sync import outbox
from kiosk.sync.outbox import RecordSigner

IN_PROGRESS, PAUSED, ABANDONED, PASSED, FAILED = (
    "in_progress",
    "paused",
    "abandoned",
    "passed",
    "failed",
)
CRASH_RESUME_WINDOW = timedelta(minutes=30)


@dataclass
class Attempt:
    """A run bound to its database row."""

    id: uuid.UUID
    learner_id: uuid.UUID | None
    run: LessonRun
    resumed: bool


@dataclass(frozen=True)
class CompletionView:
    id: uuid.UUID
    lesson_id: str
    lesson_version: int
    score: int


def _score_percent(run: LessonRun) -> int:
    result = run.result()
    share = result.score if result.score is not None else (result.practice_done or 0.0)
    return round(share * 100)


def start_or_resume(
    session: Session,
    kiosk_id: uuid.UUID,
    learner_id: uuid.UUID | None,
    lesson: Lesson,
    now: datetime,
    now_ms: int,
) -> Attempt:
    """A registered learner's paused attempt of this lesson version resumes; else a new run."""
    if learner_id is not None:
        row = session.scalars(
            select(LessonAttempt)
            .where(
                LessonAttempt.learner_id == learner_id,
                LessonAttempt.lesson_id == lesson.id,
                LessonAttempt.lesson_version == lesson.version,
                LessonAttempt.status.in_((IN_PROGRESS, PAUSED)),
            )
            .order_by(LessonAttempt.updated_at.desc())
            .limit(1)
        ).first()
        if row is not None:
            try:
                run = LessonRun.from_state(lesson, json.loads(row.state_json))
            except (StateError, ValueError):
                row.status = ABANDONED  # a save that no longer fits: start afresh
            else:
                row.status = IN_PROGRESS
                row.updated_at = now
                return Attempt(row.id, learner_id, run, resumed=True)
    # A fresh option order for every attempt: the right answer never sits in a known place.
    run = LessonRun.start(lesson, now_ms, seed=secrets.randbelow(2**31))
    row = LessonAttempt(
        kiosk_id=kiosk_id,
        learner_id=learner_id,
        lesson_id=lesson.id,
        lesson_version=lesson.version,
        status=IN_PROGRESS,
        state_json=json.dumps(run.to_state()),
        started_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return Attempt(row.id, learner_id, run, resumed=False)


def resume_attempt(session: Session, attempt_id: uuid.UUID, lesson: Lesson) -> Attempt | None:
    row = session.get(LessonAttempt, attempt_id)
    if row is None or row.status not in (IN_PROGRESS, PAUSED):
        return None
    try:
        run = LessonRun.from_state(lesson, json.loads(row.state_json))
    except (StateError, ValueError):
        row.status = ABANDONED
        return None
    row.status = IN_PROGRESS
    return Attempt(row.id, row.learner_id, run, resumed=True)


def save(
    session: Session, attempt: Attempt, now: datetime, signer: RecordSigner | None = None
) -> CompletionView | None:
    """Store the run's state and its finished steps; on a pass, the completion too.

    Call in the transaction of the learner's action, after every step. With a
    ``signer``, a new completion's signed record goes into the hub outbox in this same
    transaction (both or neither); without one (tools, tests) it is queued later by
    `kiosk.sync.outbox.add_missing`.
    """
    row = session.get(LessonAttempt, attempt.id)
    if row is None:
        raise LookupError(f"no attempt {attempt.id}")
    run = attempt.run
    row.state_json = json.dumps(run.to_state())
    row.updated_at = now
    logged = set(session.scalars(select(StepEvent.step_id).where(StepEvent.attempt_id == row.id)))
    for record in run.records:
        if record.status is not StepStatus.PENDING and record.step_id not in logged:
            session.add(
                StepEvent(
                    kiosk_id=row.kiosk_id,
                    attempt_id=row.id,
                    step_id=record.step_id,
                    attempts=record.attempts,
                    wrong_tries=record.wrong,
                    hints_used=record.hints_used,
                    duration_ms=record.time_ms,
                    at=now,
                )
            )
    if not run.finished:
        return None
    result = run.result()
    row.status = PASSED if result.passed else FAILED
    row.score = _score_percent(run)
    row.finished_at = now
    if not result.passed or row.learner_id is None:
        return None
    completion = Completion(
        kiosk_id=row.kiosk_id,
        learner_id=row.learner_id,
        attempt_id=row.id,
        lesson_id=row.lesson_id,
        lesson_version=row.lesson_version,
        score=row.score,
        completed_at=now,
    )
    session.add(completion)
    session.flush()
    if signer is not None:
        outbox.add_completion(session, completion, run.lesson.code, signer, now)
    return CompletionView(completion.id, row.lesson_id, row.lesson_version, row.score)


def leave(session: Session, attempt_id: uuid.UUID, now: datetime) -> None:
    """The person left (idle reset, exit): keep a learner's run, drop a guest's."""
    row = session.get(LessonAttempt, attempt_id)
    if row is None or row.status != IN_PROGRESS:
        return
    row.status = PAUSED if row.learner_id is not None else ABANDONED
    row.updated_at = now


def interrupted_attempt(session: Session, now: datetime) -> LessonAttempt | None:
    """The attempt the kiosk was in when it stopped unexpectedly, if recent."""
    row = session.scalars(
        select(LessonAttempt)
        .where(LessonAttempt.status == IN_PROGRESS)
        .order_by(LessonAttempt.updated_at.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    if now - row.updated_at > CRASH_RESUME_WINDOW:
        leave(session, row.id, now)
        return None
    return row


def close_stale(session: Session, now: datetime) -> None:
    """Older in-progress attempts than the newest one are closed as ``leave`` closes them:
    a learner's is paused (resumed when they come back), a guest's abandoned."""
    newest = interrupted_attempt(session, now)
    query = update(LessonAttempt).where(LessonAttempt.status == IN_PROGRESS)
    if newest is not None:
        query = query.where(LessonAttempt.id != newest.id)
    stale = query.values(updated_at=now)
    session.execute(stale.where(LessonAttempt.learner_id.is_(None)).values(status=ABANDONED))
    session.execute(stale.where(LessonAttempt.learner_id.is_not(None)).values(status=PAUSED))


def done_lessons(session: Session, learner_id: uuid.UUID) -> dict[str, int]:
    """Lesson id -> best score (percent) of the learner's completions."""
    rows = session.execute(
        select(Completion.lesson_id, func.max(Completion.score))
        .where(Completion.learner_id == learner_id)
        .group_by(Completion.lesson_id)
    )
    return {lesson_id: int(score) for lesson_id, score in rows}
