"""Today at this learning point: the counts the staff console opens with (no Qt).

"Today" is the calendar day in Vietnam (UTC+7), whatever the PC's clock zone says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.clock import VIETNAM, local_date
from kiosk.db.models import Completion, LessonAttempt, Slip
from kiosk.slips.desk import waiting_learners
from kiosk.slips.issue import FAILED, QUEUED


@dataclass(frozen=True)
class TodayCounts:
    day: date  # in Vietnam
    learners_served: int  # registered learners who started or went on with a lesson today
    guest_lessons: int  # lessons started today by guests (nothing personal kept: only counted)
    lessons_started: int
    lessons_completed: int  # passed by registered learners (a completion each)
    slips_waiting: int  # learners with completions no slip covers yet
    slips_to_print: int  # slips made but not printed (queued or failed)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC-aware [start, end) of a Vietnam calendar day."""
    start = datetime.combine(day, time(0), tzinfo=VIETNAM)
    return start, start + timedelta(days=1)


def today_counts(session: Session, now: datetime) -> TodayCounts:
    day = local_date(now)
    start, end = day_bounds(day)
    in_day = (LessonAttempt.started_at >= start, LessonAttempt.started_at < end)
    touched = (LessonAttempt.updated_at >= start, LessonAttempt.updated_at < end)
    learners = session.scalar(
        select(func.count(func.distinct(LessonAttempt.learner_id))).where(
            LessonAttempt.learner_id.is_not(None), *touched
        )
    )
    started = session.scalar(select(func.count()).select_from(LessonAttempt).where(*in_day))
    guests = session.scalar(
        select(func.count())
        .select_from(LessonAttempt)
        .where(LessonAttempt.learner_id.is_(None), *in_day)
    )
    completed = session.scalar(
        select(func.count())
        .select_from(Completion)
        .where(Completion.completed_at >= start, Completion.completed_at < end)
    )
    to_print = session.scalar(
        select(func.count()).select_from(Slip).where(Slip.status.in_((QUEUED, FAILED)))
    )
    return TodayCounts(
        day=day,
        learners_served=int(learners or 0),
        guest_lessons=int(guests or 0),
        lessons_started=int(started or 0),
        lessons_completed=int(completed or 0),
        slips_waiting=len(waiting_learners(session)),
        slips_to_print=int(to_print or 0),
    )
