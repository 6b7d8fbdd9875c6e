"""The outbox: one signed record per completion, waiting for the provincial hub.

A record is written in the same transaction as its completion (see
`kiosk.learning.progress.save`), with a serial from the kiosk's one rising counter
shared with slips, so a power cut leaves both or neither. Pushing only changes a
record's status: ``waiting`` -> ``acked`` (the hub has it) or ``refused`` (the hub
will never take it; not retried).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk.clock import local_date
from kiosk.db.models import Completion, Consent, Kiosk, Learner, OutboxRecord, SyncState
from kiosk.learners.vault import LearnerVault, VaultError
from kiosk_records.codec import encode_slip
from kiosk_records.keys import KioskKey
from kiosk_records.record import MAX_NAME_LENGTH, CompletionRecord, LessonResult, TargetGroup
from kiosk_records.sealing import seal_citizen_id

log = logging.getLogger(__name__)

WAITING, ACKED, REFUSED = "waiting", "acked", "refused"
VNEID_CONFIRM = "vneid_confirm"  # kiosk.learners.registry.Purpose.VNEID_CONFIRM
GROUP_CODES = {
    "adults": TargetGroup.ADULT,
    "public_staff": TargetGroup.PUBLIC_STAFF,
    "pupils": TargetGroup.PRIMARY_PUPIL,
    "workers": TargetGroup.ENTERPRISE_WORKER,
}


@dataclass(frozen=True)
class RecordSigner:
    """What signing an outbox record needs from outside the database.

    Attributes:
        key: This kiosk's slip key (``kiosk.slips.local.kiosk_key``).
        vault: Opens learners' citizen IDs, to seal them for the hub when the learner
            agreed; None leaves citizen IDs out.
    """

    key: KioskKey
    vault: LearnerVault | None = None


@dataclass(frozen=True)
class OutboxCounts:
    waiting: int
    acked: int
    refused: int


def sync_state(session: Session) -> SyncState:
    """The one sync-state row, made on first use."""
    state = session.get(SyncState, 1)
    if state is None:
        state = SyncState(id=1, backoff_s=0)
        session.add(state)
        session.flush()
    return state


def _consented_to_vneid(session: Session, learner_id: uuid.UUID) -> bool:
    granted = session.scalars(
        select(Consent.granted)
        .where(Consent.learner_id == learner_id, Consent.purpose == VNEID_CONFIRM)
        .order_by(Consent.at.desc())
        .limit(1)
    ).first()
    return bool(granted)


def _sealed_citizen_id(
    session: Session, learner: Learner, signer: RecordSigner, hub_public_key: bytes | None
) -> bytes | None:
    if (
        hub_public_key is None
        or signer.vault is None
        or learner.citizen_id_encrypted is None
        or not _consented_to_vneid(session, learner.id)
    ):
        return None
    try:
        return seal_citizen_id(signer.vault.decrypt(learner.citizen_id_encrypted), hub_public_key)
    except (VaultError, ValueError):
        # The completion matters more than the confirmation: send it without the ID.
        log.exception("citizen ID of learner %s not sealed", learner.ref)
        return None


def add_completion(
    session: Session,
    completion: Completion,
    lesson_code: int,
    signer: RecordSigner,
    now: datetime,
) -> OutboxRecord:
    """Sign a one-lesson record of ``completion`` and put it in the outbox.

    Call in the completion's own transaction: the serial is taken from the kiosk row.
    """
    kiosk = session.scalars(select(Kiosk).limit(1)).one()
    learner = session.get(Learner, completion.learner_id)
    if learner is None:
        raise LookupError(f"no learner {completion.learner_id}")
    hub_public_key = session.scalar(select(SyncState.hub_public_key).where(SyncState.id == 1))
    serial = kiosk.next_slip_serial
    kiosk.next_slip_serial = serial + 1
    record = CompletionRecord(
        kiosk_id=kiosk.id,
        serial=serial,
        learner_ref=learner.ref,
        learner_name=learner.full_name[:MAX_NAME_LENGTH].strip(),
        birth_year=learner.birth_year,
        commune_code=kiosk.commune_code,
        lessons=(LessonResult(lesson_code, min(completion.lesson_version, 255), completion.score),),
        completed_on=local_date(completion.completed_at),
        target_group=GROUP_CODES.get(learner.target_group, TargetGroup.OTHER),
        sealed_citizen_id=_sealed_citizen_id(session, learner, signer, hub_public_key),
    )
    row = OutboxRecord(
        record_id=record.record_id,
        kiosk_id=kiosk.id,
        serial=serial,
        completion_id=completion.id,
        record_text=encode_slip(record, signer.key),
        status=WAITING,
        attempts=0,
        created_at=now,
    )
    session.add(row)
    return row


def add_missing(
    session: Session, lesson_codes: Mapping[str, int], signer: RecordSigner, now: datetime
) -> int:
    """Queue completions that have no outbox record (made before the outbox existed)."""
    queued = select(OutboxRecord.completion_id).where(OutboxRecord.completion_id.is_not(None))
    missing = session.scalars(
        select(Completion).where(Completion.id.not_in(queued)).order_by(Completion.completed_at)
    ).all()
    added = 0
    for completion in missing:
        code = lesson_codes.get(completion.lesson_id)
        if code is None:
            continue  # a lesson no longer in the catalogue: its code is unknown
        add_completion(session, completion, code, signer, now)
        added += 1
    return added


def waiting_batch(
    session: Session, limit: int, after_serial: int = -1
) -> list[tuple[uuid.UUID, str, int]]:
    """The oldest waiting records after a serial: (record id, record text, serial)."""
    rows = session.execute(
        select(OutboxRecord.record_id, OutboxRecord.record_text, OutboxRecord.serial)
        .where(OutboxRecord.status == WAITING, OutboxRecord.serial > after_serial)
        .order_by(OutboxRecord.serial)
        .limit(limit)
    )
    return [(record_id, text, serial) for record_id, text, serial in rows]


def waiting_texts(session: Session) -> list[str]:
    """Every record the hub has not acknowledged (for a USB bundle), by serial."""
    return list(
        session.scalars(
            select(OutboxRecord.record_text)
            .where(OutboxRecord.status == WAITING)
            .order_by(OutboxRecord.serial)
        )
    )


_NO_SYNC = {"synchronize_session": False}  # plain UPDATEs: no ORM objects to refresh


def mark_acked(session: Session, record_ids: list[uuid.UUID], now: datetime) -> None:
    if record_ids:
        session.execute(
            update(OutboxRecord)
            .where(OutboxRecord.record_id.in_(record_ids))
            .values(
                status=ACKED, acked_at=now, last_error=None, attempts=OutboxRecord.attempts + 1
            ),
            execution_options=_NO_SYNC,
        )


def mark_refused(session: Session, record_id: uuid.UUID, reason: str) -> None:
    session.execute(
        update(OutboxRecord)
        .where(OutboxRecord.record_id == record_id)
        .values(status=REFUSED, last_error=reason[:500], attempts=OutboxRecord.attempts + 1),
        execution_options=_NO_SYNC,
    )


def count_attempt(session: Session, record_ids: list[uuid.UUID], error: str | None) -> None:
    if record_ids:
        session.execute(
            update(OutboxRecord)
            .where(OutboxRecord.record_id.in_(record_ids))
            .values(attempts=OutboxRecord.attempts + 1, last_error=error),
            execution_options=_NO_SYNC,
        )


def counts(session: Session) -> OutboxCounts:
    rows = dict(
        session.execute(
            select(OutboxRecord.status, func.count()).group_by(OutboxRecord.status)
        ).all()
    )
    return OutboxCounts(rows.get(WAITING, 0), rows.get(ACKED, 0), rows.get(REFUSED, 0))
