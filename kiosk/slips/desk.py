"""What the staff slips screen lists: learners waiting for a slip, the print queue,
today's printed slips. Plain data read in one session; no Qt."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.db.models import Completion, Learner, Slip, SlipCompletion
from kiosk.slips.issue import FAILED, PRINTED, QUEUED


@dataclass(frozen=True)
class WaitingLearner:
    """A learner with completions that no slip covers yet."""

    learner_id: uuid.UUID
    name: str
    birth_year: int
    lessons: int
    last_completed_at: datetime


@dataclass(frozen=True)
class SlipRow:
    slip_id: uuid.UUID
    serial: int
    learner_name: str
    lessons: int
    status: str  # queued | failed | printed
    print_count: int
    last_error: str | None
    record_text: str

    @property
    def waiting(self) -> bool:
        return self.status in (QUEUED, FAILED)


@dataclass(frozen=True)
class DeskState:
    waiting: tuple[WaitingLearner, ...]
    queue: tuple[SlipRow, ...]
    printed_today: tuple[SlipRow, ...]


def start_of_local_day(now: datetime) -> datetime:
    """Midnight of the kiosk's local day containing ``now`` (an aware datetime)."""
    local = now.astimezone()
    return datetime.combine(local.date(), time(0), tzinfo=local.tzinfo)


def waiting_learners(session: Session) -> list[WaitingLearner]:
    covered = select(SlipCompletion.completion_id)
    rows = session.execute(
        select(
            Learner.id,
            Learner.full_name,
            Learner.birth_year,
            func.count(Completion.id),
            func.max(Completion.completed_at),
        )
        .join(Completion, Completion.learner_id == Learner.id)
        .where(Completion.id.not_in(covered))
        .group_by(Learner.id)
        .order_by(func.max(Completion.completed_at).desc())
    )
    return [
        WaitingLearner(learner_id, name, birth_year, int(count), last)
        for learner_id, name, birth_year, count, last in rows
    ]


def _rows(session: Session, *conditions: object) -> list[SlipRow]:
    lessons = (
        select(func.count())
        .where(SlipCompletion.slip_id == Slip.id)
        .correlate(Slip)
        .scalar_subquery()
    )
    result = session.execute(
        select(Slip, Learner.full_name, lessons)
        .join(Learner, Learner.id == Slip.learner_id)
        .where(*conditions)  # type: ignore[arg-type]
        .order_by(Slip.serial.desc())
    )
    return [
        SlipRow(
            slip.id,
            slip.serial,
            name,
            int(count),
            slip.status,
            slip.print_count,
            slip.last_error,
            slip.record_text,
        )
        for slip, name, count in result
    ]


def desk_state(session: Session, now: datetime) -> DeskState:
    since = start_of_local_day(now)
    return DeskState(
        waiting=tuple(waiting_learners(session)),
        queue=tuple(_rows(session, Slip.status.in_((QUEUED, FAILED)))),
        printed_today=tuple(_rows(session, Slip.status == PRINTED, Slip.printed_at >= since)),
    )
