"""Shared set-up for the sync tests: many signed records fast, lessons played, the hub's view."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert, select

from kiosk.clock import utcnow
from kiosk.content.answers import right_event
from kiosk.content.loader import LoadResult
from kiosk.db.database import Database
from kiosk.db.models import Kiosk, OutboxRecord
from kiosk.learners.registry import Purpose, Registration
from kiosk.learners.registry import register as register_learner
from kiosk.learners.vault import LearnerVault
from kiosk.learning import progress
from kiosk.learning.session import LessonSession
from kiosk.sync.outbox import WAITING, RecordSigner
from kiosk_hub.auth import Viewer
from kiosk_hub.context import build_context
from kiosk_hub.exports import consent_table
from kiosk_hub.reports import Dashboard, KioskLine, dashboard, kiosk_lines
from kiosk_hub.settings import HubSettings
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


def finish_lesson(
    database: Database,
    packs: LoadResult,
    lesson_id: str,
    learner_id: uuid.UUID,
    signer: RecordSigner,
) -> None:
    """Play a lesson with right answers, its record signed into the outbox as on screen."""
    loaded = packs.lesson(lesson_id)
    clock = iter(range(0, 10_000_000, 1000))
    with database.transaction() as s:
        attempt = progress.start_or_resume(
            s, kiosk_id_of(database), learner_id, loaded.lesson, utcnow(), 0
        )
    session = LessonSession(database, attempt, loaded, utcnow, lambda: next(clock), signer)
    while not session.finished:
        run = session.attempt.run
        event = right_event(run.current_step, run.screen)
        assert event is not None, run.current_step.id
        session.handle(event)
    assert session.completion is not None, lesson_id


def register(
    database: Database, vault: LearnerVault, name: str, citizen_id: str | None = None
) -> uuid.UUID:
    """A registered learner; with a citizen ID, one who agreed to VNeID confirmation."""
    consents = {Purpose.SLIP: True, Purpose.VNEID_CONFIRM: citizen_id is not None}
    reg = Registration(name, 1980, "Bản Him Lam", "adults", consents, citizen_id=citizen_id)
    with database.transaction() as s:
        return register_learner(s, vault, reg, kiosk_id_of(database), utcnow()).id


def hub_board(hub_dir: Path) -> tuple[KioskLine, Dashboard, list[list[object]]]:
    """The hub's kiosk line, dashboard and consent list, read from its data folder."""
    context = build_context(HubSettings(hub_dir))
    try:
        with context.database.transaction() as s:
            line = kiosk_lines(s, context.catalogue, None)[0]
            board = dashboard(s, context.catalogue)
            viewer = Viewer("test", "province", None)
            _, consent = consent_table(s, context.catalogue, viewer, context.key, utcnow())
    finally:
        context.close()
    return line, board, consent
