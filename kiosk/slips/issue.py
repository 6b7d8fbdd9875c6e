"""Issuing completion slips from the database: serials, signed records, the print queue.

The slip row (with its signed record text and a serial taken from the kiosk row in
the same transaction, and the same record in the hub outbox) is committed *before*
anything is printed, so a power cut never reuses a serial and never loses a
completion. Printing then only changes the slip's status; a reprint is always counted
and marked on paper.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk import audit
from kiosk.clock import local_date
from kiosk.db.models import Completion, Kiosk, Learner, Slip, SlipCompletion
from kiosk.learners.rules import name_on_record
from kiosk.sync import outbox
from kiosk_records.codec import encode_slip
from kiosk_records.keys import KioskKey
from kiosk_records.record import CompletionRecord, LessonResult, TargetGroup

QUEUED, PRINTED, FAILED = "queued", "printed", "failed"
GROUP_CODES = {
    "adults": TargetGroup.ADULT,
    "public_staff": TargetGroup.PUBLIC_STAFF,
    "pupils": TargetGroup.PRIMARY_PUPIL,
    "workers": TargetGroup.ENTERPRISE_WORKER,
}


class SlipError(ValueError):
    """A slip cannot be issued; ``key`` names the message for staff."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class LessonInfo:
    """What a slip needs to know about a lesson from the content catalogue."""

    code: int
    title: str


@dataclass(frozen=True)
class SlipInfo:
    id: uuid.UUID
    serial: int
    learner_name: str
    status: str
    print_count: int
    record_text: str
    last_error: str | None
    created_at: datetime


def _info(slip: Slip, learner: Learner) -> SlipInfo:
    return SlipInfo(
        slip.id,
        slip.serial,
        learner.full_name,
        slip.status,
        slip.print_count,
        slip.record_text,
        slip.last_error,
        slip.created_at,
    )


def issue_slip(
    session: Session,
    key: KioskKey,
    learner_id: uuid.UUID,
    lessons: Mapping[str, LessonInfo],
    now: datetime,
    completion_ids: Sequence[uuid.UUID] | None = None,
    sealed_citizen_id: bytes | None = None,
) -> SlipInfo:
    """Sign a record of the learner's completions not yet on a slip and queue it."""
    kiosk = session.scalars(select(Kiosk).limit(1)).first()
    learner = session.get(Learner, learner_id)
    if kiosk is None or learner is None:
        raise SlipError("slips.error.not_set_up")
    query = select(Completion).where(
        Completion.learner_id == learner_id,
        Completion.id.not_in(select(SlipCompletion.completion_id)),
    )
    if completion_ids is not None:
        query = query.where(Completion.id.in_(completion_ids))
    completions = list(session.scalars(query.order_by(Completion.completed_at)))
    if not completions:
        raise SlipError("slips.error.nothing_to_print")
    results = []
    for completion in completions[-12:]:
        info = lessons.get(completion.lesson_id)
        if info is None:
            raise SlipError("slips.error.unknown_lesson")
        results.append(
            LessonResult(info.code, min(completion.lesson_version, 255), completion.score)
        )
    serial = kiosk.next_slip_serial
    kiosk.next_slip_serial = serial + 1
    record = CompletionRecord(
        kiosk_id=kiosk.id,
        serial=serial,
        learner_ref=learner.ref,
        learner_name=name_on_record(learner.full_name),
        birth_year=learner.birth_year,
        commune_code=kiosk.commune_code,
        lessons=tuple(results),
        completed_on=local_date(completions[-1].completed_at),
        target_group=GROUP_CODES.get(learner.target_group, TargetGroup.OTHER),
        sealed_citizen_id=sealed_citizen_id,
    )
    slip = Slip(
        kiosk_id=kiosk.id,
        serial=serial,
        record_id=record.record_id,
        learner_id=learner.id,
        record_text=encode_slip(record, key),
        status=QUEUED,
        created_at=now,
    )
    session.add(slip)
    # the slip's serial reaches the hub by network too (counted once with its completions)
    outbox.add_record(session, record, slip.record_text, now, learner.id)
    session.flush()
    for completion in completions[-12:]:
        session.add(SlipCompletion(slip_id=slip.id, completion_id=completion.id))
    audit.record(session, "staff", "slip_issued", serial=serial)
    return _info(slip, learner)


def queued_slips(session: Session) -> list[SlipInfo]:
    rows = session.execute(
        select(Slip, Learner)
        .join(Learner, Learner.id == Slip.learner_id)
        .where(Slip.status.in_((QUEUED, FAILED)))
        .order_by(Slip.serial)
    )
    return [_info(slip, learner) for slip, learner in rows]


def begin_print(session: Session, slip_id: uuid.UUID) -> int:
    """Count a print before sending it; returns the reprint number (0 for the first)."""
    slip = session.get(Slip, slip_id)
    if slip is None:
        raise SlipError("slips.error.missing")
    reprint = slip.print_count
    slip.print_count += 1
    if reprint:
        audit.record(session, "staff", "slip_reprinted", serial=slip.serial, count=reprint)
    return reprint


def mark_printed(session: Session, slip_id: uuid.UUID, now: datetime) -> None:
    slip = session.get(Slip, slip_id)
    if slip is not None:
        slip.status = PRINTED
        slip.printed_at = now
        slip.last_error = None


def mark_failed(session: Session, slip_id: uuid.UUID, error: str) -> None:
    """The printer said no: the slip stays queued for a retry, with the reason."""
    slip = session.get(Slip, slip_id)
    if slip is not None:
        slip.status = FAILED if slip.status != PRINTED else PRINTED
        slip.last_error = error[:500]
