"""The outbox: every signed record this kiosk makes, waiting for the provincial hub.

A record is written in the same transaction as its completion (see
`kiosk.learning.progress.save`) or its slip (`kiosk.slips.issue`), with a serial from
the kiosk's one rising counter, so a power cut leaves both or neither and every serial
reaches the hub. Pushing only changes a record's status: ``waiting`` -> ``acked`` (the
hub has it) or ``refused`` (the hub will never take it; not retried).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk import audit
from kiosk.clock import local_date
from kiosk.db.models import Completion, Consent, Kiosk, Learner, OutboxRecord, SyncState
from kiosk.learners.rules import name_on_record
from kiosk.learners.vault import LearnerVault, VaultError
from kiosk_records.codec import encode_slip
from kiosk_records.keys import KioskKey
from kiosk_records.record import MAX_LESSONS, CompletionRecord, LessonResult, TargetGroup
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


def kiosk_signer(data_dir: Path, vault: LearnerVault | None) -> RecordSigner:
    """The one way a kiosk's signer is made: its slip key (made on first use) and vault."""
    from kiosk.slips.local import kiosk_key

    return RecordSigner(kiosk_key(data_dir), vault)


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
    hub_public_key = _hub_public_key(session)
    record = _next_record(
        kiosk,
        learner,
        (LessonResult(lesson_code, min(completion.lesson_version, 255), completion.score),),
        completion,
        _sealed_citizen_id(session, learner, signer, hub_public_key),
    )
    text = encode_slip(record, signer.key)
    return add_record(session, record, text, now, learner.id, completion_id=completion.id)


def _hub_public_key(session: Session) -> bytes | None:
    return session.scalar(select(SyncState.hub_public_key).where(SyncState.id == 1))


def _next_record(
    kiosk: Kiosk,
    learner: Learner,
    lessons: tuple[LessonResult, ...],
    last: Completion,
    sealed_citizen_id: bytes | None,
) -> CompletionRecord:
    """A record of the learner's ``lessons`` under the kiosk's next serial (taken here)."""
    serial = kiosk.next_slip_serial
    kiosk.next_slip_serial = serial + 1
    return CompletionRecord(
        kiosk_id=kiosk.id,
        serial=serial,
        learner_ref=learner.ref,
        learner_name=name_on_record(learner.full_name),
        birth_year=learner.birth_year,
        commune_code=kiosk.commune_code,
        lessons=lessons,
        completed_on=local_date(last.completed_at),
        target_group=GROUP_CODES.get(learner.target_group, TargetGroup.OTHER),
        sealed_citizen_id=sealed_citizen_id,
    )


def add_record(
    session: Session,
    record: CompletionRecord,
    text: str,
    now: datetime,
    learner_id: uuid.UUID,
    *,
    completion_id: uuid.UUID | None = None,
) -> OutboxRecord:
    """Put a signed record (of a completion, a slip or a follow-up) in the outbox.

    Every serial the kiosk hands out comes through here, so a gap the hub sees in a
    kiosk's serials is a record truly missing.
    """
    row = OutboxRecord(
        record_id=record.record_id,
        kiosk_id=record.kiosk_id,
        serial=record.serial,
        completion_id=completion_id,
        learner_id=learner_id,
        carries_citizen_id=record.sealed_citizen_id is not None,
        record_text=text,
        status=WAITING,
        attempts=0,
        created_at=now,
    )
    session.add(row)
    return row


def add_missing(
    session: Session, lesson_codes: Mapping[str, int], signer: RecordSigner, now: datetime
) -> int:
    """Queue what the hub has not heard of yet; how many records were added.

    First completions that have no outbox record (made before the outbox existed, or
    while the kiosk key was unreadable), then `add_citizen_id_followups`.
    """
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
    return added + add_citizen_id_followups(session, lesson_codes, signer, now)


def add_citizen_id_followups(
    session: Session, lesson_codes: Mapping[str, int], signer: RecordSigner, now: datetime
) -> int:
    """Seal the citizen IDs that consenting learners' records went without.

    Records made before the kiosk knew the hub key (or before the learner agreed) carry
    no sealed ID. A follow-up is a signed record restating the learner's latest lessons
    (at most 12) with the sealed ID: the hub counts each learner and lesson once, so it
    only adds the ID. Safe to call before every push: a learner gets one follow-up.
    """
    hub_public_key = _hub_public_key(session)
    if hub_public_key is None or signer.vault is None:
        return 0
    carried = select(OutboxRecord.learner_id).where(
        OutboxRecord.carries_citizen_id, OutboxRecord.learner_id.is_not(None)
    )
    learners = session.scalars(
        select(Learner)
        .where(
            Learner.citizen_id_encrypted.is_not(None),
            Learner.id.not_in(carried),
            Learner.id.in_(select(Completion.learner_id)),
        )
        .order_by(Learner.created_at)
    ).all()
    kiosk = session.scalars(select(Kiosk).limit(1)).one_or_none()
    if kiosk is None:
        return 0  # not set up: no learners either
    added = 0
    for learner in learners:
        sealed = _sealed_citizen_id(session, learner, signer, hub_public_key)
        if sealed is None:
            continue  # did not agree (or the vault cannot open the ID: logged)
        done = [
            (c, lesson_codes[c.lesson_id])
            for c in session.scalars(
                select(Completion)
                .where(Completion.learner_id == learner.id)
                .order_by(Completion.completed_at)
            )
            if c.lesson_id in lesson_codes
        ][-MAX_LESSONS:]
        if not done:
            continue
        lessons = tuple(LessonResult(code, min(c.lesson_version, 255), c.score) for c, code in done)
        record = _next_record(kiosk, learner, lessons, done[-1][0], sealed)
        add_record(session, record, encode_slip(record, signer.key), now, learner.id)
        audit.record(session, "system", "citizen_id_followup", serial=record.serial)
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
