"""Accepting records: verify, keep once, derive completion facts, flag conflicts.

Every channel (network, USB bundle, scanned slip) comes through `ingest_texts`, so
the same completion is counted once however it arrives and in whatever order.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.hub.catalogue import Catalogue
from kiosk.hub.models import Completion, Conflict, Kiosk, Learner, Record
from kiosk.hub.tally import count_completion, count_learner, insert_new
from kiosk.slips.codec import split_slip, verify
from kiosk.slips.keys import TrustedKey, TrustList
from kiosk.slips.record import CompletionRecord

CHANNELS = ("network", "bundle", "slip")


@dataclass(frozen=True)
class Refusal:
    index: int
    record_id: uuid.UUID | None
    reason: str  # stable strings, see docs/sync-protocol.md
    detail: str = ""


@dataclass(frozen=True)
class Outcome:
    """What happened to one record text."""

    status: str  # accepted | duplicate | refused
    record: CompletionRecord | None = None
    reason: str = ""
    detail: str = ""


@dataclass
class IngestResult:
    accepted: list[uuid.UUID] = field(default_factory=list)
    duplicates: list[uuid.UUID] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def counts(self) -> str:
        return (
            f"accepted={len(self.accepted)} duplicates={len(self.duplicates)} "
            f"refused={len(self.refused)}"
        )


def hub_trust_list(session: Session) -> tuple[TrustList, dict[str, Kiosk]]:
    """The trust list of every enrolled kiosk (revoked ones too: to say "revoked")."""
    kiosks = list(session.scalars(select(Kiosk)))
    trust = TrustList(
        tuple(TrustedKey(k.key_id, k.public_key, k.id, k.commune_code) for k in kiosks)
    )
    return trust, {k.key_id: k for k in kiosks}


def ingest_texts(
    session: Session,
    texts: Sequence[str],
    *,
    channel: str,
    catalogue: Catalogue,
    now: datetime,
    kiosk_id: uuid.UUID | None = None,
) -> IngestResult:
    """Ingest record texts from one channel; the caller owns the transaction.

    Args:
        kiosk_id: The kiosk a network request says it comes from; records signed by
            another kiosk's key are refused (``kiosk_mismatch``).
    """
    assert channel in CHANNELS
    trust, by_key = hub_trust_list(session)
    result = IngestResult()
    for index, text in enumerate(texts):
        outcome = _ingest_one(session, text, trust, by_key, channel, catalogue, now, kiosk_id)
        result.outcomes.append(outcome)
        rid = outcome.record.record_id if outcome.record else None
        if outcome.status == "accepted" and rid:
            result.accepted.append(rid)
        elif outcome.status == "duplicate" and rid:
            result.duplicates.append(rid)
        else:
            result.refused.append(Refusal(index, rid, outcome.reason, outcome.detail))
    return result


def _ingest_one(
    session: Session,
    text: str,
    trust: TrustList,
    by_key: dict[str, Kiosk],
    channel: str,
    catalogue: Catalogue,
    now: datetime,
    kiosk_id: uuid.UUID | None,
) -> Outcome:
    text = text.strip()
    check = verify(text, trust)
    if check.record is None or check.key is None:
        assert check.failure is not None
        return Outcome("refused", None, check.failure.value, check.reason)
    record, kiosk = check.record, by_key[check.key.key_id]
    if kiosk_id is not None and kiosk.id != kiosk_id:
        return Outcome("refused", record, "kiosk_mismatch", "signed by another kiosk's key")
    if kiosk.revoked_from is not None and record.completed_on >= kiosk.revoked_from:
        detail = f"key revoked from {kiosk.revoked_from.isoformat()}"
        return Outcome("refused", record, "revoked", detail)
    digest = hashlib.sha256(split_slip(text)[2]).hexdigest()
    values = {
        "id": record.record_id,
        "kiosk_id": kiosk.id,
        "serial": record.serial,
        "payload_sha256": digest,
        "text": text,
        "channel": channel,
        "completed_on": record.completed_on,
        "received_at": now,
    }
    kiosk.last_record_at = now
    if not insert_new(session, Record.__table__, values):  # type: ignore[arg-type]
        kept = session.scalar(select(Record.payload_sha256).where(Record.id == record.record_id))
        if kept == digest:
            return Outcome("duplicate", record)
        session.add(
            Conflict(
                record_id=record.record_id,
                kiosk_id=kiosk.id,
                channel=channel,
                text=text,
                received_at=now,
            )
        )
        return Outcome("refused", record, "conflict", "same record id, different content")
    _derive_facts(session, record, catalogue)
    return Outcome("accepted", record)


def _derive_facts(session: Session, record: CompletionRecord, catalogue: Catalogue) -> None:
    group = record.target_group.value
    learner = session.get(Learner, (record.kiosk_id, record.learner_ref), with_for_update=True)
    if learner is None:
        new = insert_new(
            session,
            Learner.__table__,  # type: ignore[arg-type]
            {
                "kiosk_id": record.kiosk_id,
                "learner_ref": record.learner_ref,
                "commune_code": record.commune_code,
                "target_group": group,
                "name": record.learner_name,
                "birth_year": record.birth_year,
                "first_completed_on": record.completed_on,
                "sealed_citizen_id": record.sealed_citizen_id,
            },
        )
        if new:
            count_learner(session, record.commune_code, group, record.completed_on, 1)
    else:
        if record.completed_on < learner.first_completed_on:  # an older record came late
            count_learner(session, learner.commune_code, learner.target_group,
                          learner.first_completed_on, -1)  # fmt: skip
            count_learner(session, learner.commune_code, learner.target_group,
                          record.completed_on, 1)  # fmt: skip
            learner.first_completed_on = record.completed_on
        if learner.sealed_citizen_id is None and record.sealed_citizen_id is not None:
            learner.sealed_citizen_id = record.sealed_citizen_id
    for lesson in record.lessons:
        track = catalogue.track_of(lesson.lesson_code)
        fact = {
            "kiosk_id": record.kiosk_id,
            "learner_ref": record.learner_ref,
            "lesson_code": lesson.lesson_code,
            "commune_code": record.commune_code,
            "target_group": group,
            "track": track,
            "completed_on": record.completed_on,
            "score": lesson.score,
            "record_id": record.record_id,
        }
        if insert_new(session, Completion.__table__, fact):  # type: ignore[arg-type]
            count_completion(session, record.commune_code, group, track, record.completed_on)
            if track == "vneid":
                _mark_vneid(session, record)


def _mark_vneid(session: Session, record: CompletionRecord) -> None:
    learner = session.get(Learner, (record.kiosk_id, record.learner_ref))
    if learner is not None and (learner.vneid_on is None or record.completed_on < learner.vneid_on):
        learner.vneid_on = record.completed_on


def touch_contact(session: Session, kiosk_ids: Iterable[uuid.UUID], now: datetime) -> None:
    for kid in kiosk_ids:
        kiosk = session.get(Kiosk, kid)
        if kiosk is not None:
            kiosk.last_contact_at = now
