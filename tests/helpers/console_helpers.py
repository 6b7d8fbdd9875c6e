"""Rows for staff console tests, written directly with chosen UTC times."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select

from kiosk.db.models import Completion, Kiosk, Learner, LessonAttempt
from kiosk.text import fold
from kiosk_records.record import new_learner_ref


def kiosk_id(session) -> uuid.UUID:  # type: ignore[no-untyped-def]
    found = session.scalar(select(Kiosk.id).limit(1))
    assert found is not None
    return found


def add_learner(  # type: ignore[no-untyped-def]
    session, name: str, year: int, village: str = "Bản Him Lam", group: str = "adults", at=None
) -> uuid.UUID:
    row = Learner(
        kiosk_id=kiosk_id(session),
        ref=new_learner_ref(),
        full_name=name,
        name_key=fold(name),
        birth_year=year,
        village=village,
        target_group=group,
        created_at=at or datetime(2026, 3, 1, 1, 0, tzinfo=datetime.now().astimezone().tzinfo),
    )
    session.add(row)
    session.flush()
    return row.id


def add_attempt(  # type: ignore[no-untyped-def]
    session, learner_id, lesson_id: str, at: datetime, *, passed: bool, score: int = 100
) -> uuid.UUID:
    attempt = LessonAttempt(
        kiosk_id=kiosk_id(session),
        learner_id=learner_id,
        lesson_id=lesson_id,
        lesson_version=1,
        status="passed" if passed else "failed",
        score=score,
        started_at=at,
        updated_at=at,
        finished_at=at,
    )
    session.add(attempt)
    session.flush()
    if passed and learner_id is not None:
        session.add(
            Completion(
                kiosk_id=attempt.kiosk_id,
                learner_id=learner_id,
                attempt_id=attempt.id,
                lesson_id=lesson_id,
                lesson_version=1,
                score=score,
                completed_at=at,
            )
        )
    return attempt.id
