"""Accepting records: verify, keep once, derive completion facts, flag conflicts.

Every channel (network, USB bundle, scanned slip) comes through `ingest_texts`, so
the same completion is counted once however it arrives and in whatever order.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.clock import local_date
from kiosk_hub.bulk import insert_new_rows
from kiosk_hub.catalogue import ReportNames
from kiosk_hub.checking import Checked, check_texts
from kiosk_hub.enroll import revocations
from kiosk_hub.facts import derive_facts
from kiosk_hub.models import Conflict, Kiosk, Record
from kiosk_records.keys import TrustedKey, TrustList
from kiosk_records.record import CompletionRecord
from kiosk_records.trust_rules import Revocation, date_problem, revocation_problem

CHANNELS = ("network", "bundle", "slip")
BATCH = 500  # texts verified and kept together (a POST /records at most; bundles in parts)


@dataclass(frozen=True)
class Refusal:
    index: int
    record_id: uuid.UUID | None
    reason: str  # stable strings, see docs/sync-protocol.md
    detail: str = ""


class Outcome(NamedTuple):
    """What happened to one record text (a named tuple: one is made per record)."""

    status: str  # accepted | duplicate | refused
    record: CompletionRecord | None = None
    reason: str = ""
    detail: str = ""
    record_id: uuid.UUID | None = None  # the record's id, when it has a record


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


class _Signer(NamedTuple):
    """An enrolled kiosk, as the hub knows it: what a record it signed may say."""

    id: uuid.UUID
    commune_code: str  # its enrolled commune (a kiosk that moves is enrolled again)
    revocation: Revocation | None


def hub_trust_list(session: Session, now: datetime) -> tuple[TrustList, dict[str, _Signer]]:
    """The trust list of every enrolled kiosk (revoked ones too: to say "revoked")."""
    rows = session.execute(
        select(Kiosk.key_id, Kiosk.public_key, Kiosk.id, Kiosk.commune_code)
    ).all()
    revoked = revocations(session, now)
    trust = TrustList(
        tuple(TrustedKey(key_id, pk, kid, commune) for key_id, pk, kid, commune in rows)
    )
    return trust, {row[0]: _Signer(row[2], row[3], revoked.get(row[2])) for row in rows}


def ingest_texts(
    session: Session,
    texts: Sequence[str],
    *,
    channel: str,
    catalogue: ReportNames,
    now: datetime,
    kiosk_id: uuid.UUID | None = None,
) -> IngestResult:
    """Ingest record texts from one channel; the caller owns the transaction.

    Works in batches of `BATCH` texts: verify every signature first (no database), then
    one multi-row insert of the records (``ON CONFLICT DO NOTHING``: those not inserted
    were kept before), one query for the kept digests of those only (duplicate or
    conflict), and the facts, learners and tallies the new ones add set by set
    (`kiosk_hub.facts`).

    Args:
        kiosk_id: The kiosk a network request says it comes from; records signed by
            another kiosk's key are refused (``kiosk_mismatch``).
    """
    assert channel in CHANNELS
    trust, by_key = hub_trust_list(session, now)
    today = local_date(now)
    outcomes: list[Outcome] = []
    for start in range(0, len(texts), BATCH):
        part = texts[start : start + BATCH]
        checked = [_judge(c, by_key, kiosk_id, today) for c in check_texts(part, trust)]
        outcomes.extend(_keep(session, checked, channel, catalogue, now))
    result = IngestResult(outcomes=outcomes)
    for index, outcome in enumerate(outcomes):
        rid = outcome.record_id
        if outcome.status == "accepted" and rid:
            result.accepted.append(rid)
        elif outcome.status == "duplicate" and rid:
            result.duplicates.append(rid)
        else:
            result.refused.append(Refusal(index, rid, outcome.reason, outcome.detail))
    return result


class _Genuine(NamedTuple):
    """A record whose signature, kiosk and key date are right: to keep or compare."""

    record: CompletionRecord
    kiosk: _Signer
    text: str
    digest: str
    record_id: uuid.UUID  # ``record.record_id`` computes a uuid5 each time


def _judge(
    checked: Checked, by_key: dict[str, _Signer], kiosk_id: uuid.UUID | None, today: date
) -> _Genuine | Outcome:
    """A checked text: genuine and believable from what the hub knows, or a refusal.

    Believable: signed by the kiosk the request names, for that kiosk's enrolled
    commune, dated between the movement's start and the hub's day (plus clock slack),
    and not minted after its key was revoked (`kiosk_records.trust_rules`).
    """
    record = checked.record
    if record is None:
        return Outcome("refused", None, checked.failure, checked.detail)
    kiosk = by_key[checked.key_id]
    record_id = record.record_id
    if kiosk_id is not None and kiosk.id != kiosk_id:
        detail = "signed by another kiosk's key"
        return Outcome("refused", record, "kiosk_mismatch", detail, record_id)
    revoked = revocation_problem(kiosk.revocation, record.serial, record.completed_on, today)
    if revoked is not None:
        return Outcome("refused", record, "revoked", revoked, record_id)
    if record.commune_code != kiosk.commune_code:
        detail = f"commune {record.commune_code}, kiosk enrolled for {kiosk.commune_code}"
        return Outcome("refused", record, "commune_mismatch", detail, record_id)
    wrong_date = date_problem(record.completed_on, today)
    if wrong_date is not None:
        return Outcome("refused", record, wrong_date[0], wrong_date[1], record_id)
    return _Genuine(record, kiosk, checked.text, checked.digest, record_id)


def _keep(
    session: Session,
    checked: list[_Genuine | Outcome],
    channel: str,
    catalogue: ReportNames,
    now: datetime,
) -> list[Outcome]:
    """Keep the batch's new genuine records; duplicates and conflicts against what is kept."""
    genuine = [c for c in checked if isinstance(c, _Genuine)]
    signers = {g.kiosk.id for g in genuine}
    if signers:
        session.execute(
            update(Kiosk).where(Kiosk.id.in_(signers)).values(last_record_at=now),
            execution_options={"synchronize_session": False},
        )
    first: dict[uuid.UUID, _Genuine] = {}
    for g in genuine:  # the first of each id in the batch is the one to keep if new
        first.setdefault(g.record_id, g)
    # PostgreSQL inserts them in id order (see kiosk_hub.bulk): concurrent batches lock alike
    inserted = _insert_records(
        session, list(first.values()), channel, now
    )  # the ids not kept before
    kept = _kept_digests(session, set(first) - inserted)  # the others: what is kept
    for rid in inserted:
        kept[rid] = first[rid].digest
    outcomes: list[Outcome] = []
    fresh: list[CompletionRecord] = []
    fresh_ids: list[uuid.UUID] = []
    for c in checked:
        if isinstance(c, Outcome):
            outcomes.append(c)
        elif first.get(c.record_id) is c and c.record_id in inserted:
            outcomes.append(Outcome("accepted", c.record, "", "", c.record_id))
            fresh.append(c.record)
            fresh_ids.append(c.record_id)
        elif kept[c.record_id] == c.digest:
            outcomes.append(Outcome("duplicate", c.record, "", "", c.record_id))
        else:
            session.add(
                Conflict(
                    record_id=c.record_id,
                    kiosk_id=c.kiosk.id,
                    channel=channel,
                    text=c.text,
                    received_at=now,
                )
            )
            outcomes.append(
                Outcome(
                    "refused",
                    c.record,
                    "conflict",
                    "same record id, different content",
                    c.record_id,
                )
            )
    derive_facts(session, fresh, catalogue, fresh_ids)
    return outcomes


def _kept_digests(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    query = select(Record.id, Record.payload_sha256).where(Record.id.in_(ids))
    return {rid: digest for rid, digest in session.execute(query)}


_RECORD_COLUMNS = (
    "id", "kiosk_id", "serial", "payload_sha256", "text", "channel", "completed_on", "received_at"
)  # fmt: skip


def _insert_records(
    session: Session, new: list[_Genuine], channel: str, now: datetime
) -> set[uuid.UUID]:
    rows = [
        (g.record_id, g.kiosk.id, g.record.serial, g.digest, g.text, channel,
         g.record.completed_on, now)
        for g in new
    ]  # fmt: skip
    keys = insert_new_rows(session, Record.__table__, _RECORD_COLUMNS, rows)  # type: ignore[arg-type]
    return {key[0] for key in keys}


def touch_contact(session: Session, kiosk_ids: Iterable[uuid.UUID], now: datetime) -> None:
    for kid in kiosk_ids:
        kiosk = session.get(Kiosk, kid)
        if kiosk is not None:
            kiosk.last_contact_at = now
