"""Shared set-up for the sync tests: a set-up kiosk, its key, many signed records fast."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import insert, select

from kiosk.db.database import Database
from kiosk.db.models import Kiosk, OutboxRecord
from kiosk.sync.outbox import WAITING
from kiosk_records.codec import encode_slip
from kiosk_records.keys import KioskKey
from kiosk_records.record import CompletionRecord, LessonResult, TargetGroup


def fill_outbox(
    database: Database,
    key: KioskKey,
    count: int,
    now: datetime,
    *,
    records_per_learner: int = 1,
    lesson_count: int = 40,
) -> list[dict[str, object]]:
    """Put ``count`` signed one-lesson records in the outbox (as completions would).

    Learners and lesson codes cycle (``records_per_learner``, ``lesson_count``) so a bench
    can shape the hub's work like a real learning point's. Returns the rows written.
    """
    with database.transaction() as session:
        kiosk = session.scalars(select(Kiosk)).one()
        first = kiosk.next_slip_serial
        kiosk.next_slip_serial = first + count
        kiosk_id, commune = kiosk.id, kiosk.commune_code
    rows = []
    for serial in range(first, first + count):
        record = CompletionRecord(
            kiosk_id=kiosk_id,
            serial=serial,
            learner_ref=f"{serial // records_per_learner:016x}",
            learner_name="Lò Văn Mẫu",
            birth_year=1980,
            commune_code=commune,
            lessons=(LessonResult(1 + serial % lesson_count, 1, 100),),
            completed_on=date(2026, 11, 27),
            target_group=TargetGroup.ADULT,
        )
        rows.append(
            {
                "record_id": record.record_id,
                "kiosk_id": kiosk_id,
                "serial": serial,
                "completion_id": None,
                "record_text": encode_slip(record, key),
                "status": WAITING,
                "attempts": 0,
                "created_at": now,
            }
        )
    with database.transaction() as session:
        for start in range(0, len(rows), 5000):
            session.execute(insert(OutboxRecord), rows[start : start + 5000])
    return rows


def kiosk_id_of(database: Database) -> uuid.UUID:
    with database.transaction() as session:
        return session.scalars(select(Kiosk.id)).one()
