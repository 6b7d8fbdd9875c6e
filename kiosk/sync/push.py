"""Pushing waiting outbox records to the hub, in batches, with exponential backoff.

No database transaction is open while the network is used: a batch is read, sent,
and its answer written in a second short transaction. A record the hub accepted or
already had is ``acked``; one it refused is ``refused`` with the reason and never
sent again; on a network or hub failure everything stays ``waiting`` and the next
try waits 30 s, doubling up to 30 min, until a push succeeds.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from kiosk.db.database import Database
from kiosk.db.models import Kiosk
from kiosk.sync import outbox
from kiosk.sync.client import MAX_BATCH, HubClient, HubError, HubRefused, PushAnswer
from kiosk_records.keys import KioskKey

IN_FLIGHT = 3  # batches on the way at once (two hub workers busy while the kiosk reads)
FIRST_BACKOFF_S = 30
MAX_BACKOFF_S = 30 * 60

# Kinds of error kept in sync_state.last_error as "<kind>: <detail>" (screens translate kinds).
NOT_ENROLLED, UNREACHABLE, REFUSED = "not_enrolled", "unreachable", "refused"


@dataclass(frozen=True)
class PushReport:
    """What one push did. ``error`` is "<kind>: <plain words>" or None."""

    sent: int = 0
    acked: int = 0
    refused: int = 0
    waiting: int = 0
    error: str | None = None
    next_attempt_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def next_backoff(previous_s: int) -> int:
    """30 s after the first failure, then doubling, never more than 30 min."""
    return FIRST_BACKOFF_S if previous_s <= 0 else min(previous_s * 2, MAX_BACKOFF_S)


def error_kind(error: str | None) -> tuple[str, str]:
    """Split a stored error into (kind, detail)."""
    if not error:
        return "", ""
    kind, _, detail = error.partition(": ")
    return (kind, detail) if kind in (NOT_ENROLLED, UNREACHABLE, REFUSED) else ("", error)


def is_due(database: Database, now: datetime) -> bool:
    """Whether the backoff allows an automatic push now."""
    with database.transaction() as session:
        state = outbox.sync_state(session)
        return state.hub_url is not None and (
            state.next_attempt_at is None or now >= state.next_attempt_at
        )


def _fail(database: Database, now: datetime, error: str, sent: int, acked: int) -> PushReport:
    with database.transaction() as session:
        state = outbox.sync_state(session)
        state.last_attempt_at = now
        state.last_error = error[:500]
        state.backoff_s = next_backoff(state.backoff_s)
        state.next_attempt_at = now + timedelta(seconds=state.backoff_s)
        waiting = outbox.counts(session).waiting
        return PushReport(sent, acked, 0, waiting, error, state.next_attempt_at)


def push_once(
    database: Database,
    client: HubClient | None,
    now: datetime,
    *,
    key: KioskKey | None = None,
    make_client: Callable[[str], HubClient] = HubClient,
    batch_size: int = MAX_BATCH,
) -> PushReport:
    """Send every waiting record (batches of up to 500) until none is left or one fails.

    Up to `IN_FLIGHT` batches are on the way at once, by serial: the kiosk reads the next
    batch and writes the last answer while the hub works. After a failure no new batch
    leaves, and the answers of those already sent are still written.
    ``client`` None: a client for the enrolled hub address is made with ``make_client``.
    ``key``: this kiosk's key, which signs every request (the hub refuses unsigned ones).
    """
    with database.transaction() as session:
        state = outbox.sync_state(session)
        kiosk_id = session.scalar(select(Kiosk.id).limit(1))
        hub_url = state.hub_url
    if kiosk_id is None or hub_url is None:
        return _fail(database, now, f"{NOT_ENROLLED}: this kiosk is not enrolled with a hub", 0, 0)
    hub = client or make_client(hub_url)
    counts = _Counts()
    error: str | None = None
    with ThreadPoolExecutor(IN_FLIGHT, thread_name_prefix="hub-push") as pool:
        flying: deque[tuple[list[uuid.UUID], Future[PushAnswer]]] = deque()
        after, drained = -1, False
        while True:
            while error is None and not drained and len(flying) < IN_FLIGHT:
                with database.transaction() as session:
                    batch = outbox.waiting_batch(session, min(batch_size, MAX_BATCH), after)
                drained = not batch
                if batch:
                    after = batch[-1][2]
                    texts = [text for _, text, _ in batch]
                    future = pool.submit(hub.post_records, kiosk_id, texts, key)
                    flying.append(([record_id for record_id, _, _ in batch], future))
            if not flying:
                break
            ids, future = flying.popleft()
            error = _write_answer(database, ids, future, now, counts) or error
    if error is not None:
        return _fail(database, now, error, counts.sent, counts.acked)
    with database.transaction() as session:
        state = outbox.sync_state(session)
        state.last_attempt_at = now
        state.last_success_at = now
        state.last_error = None
        state.backoff_s = 0
        state.next_attempt_at = None
        waiting = outbox.counts(session).waiting
    return PushReport(counts.sent, counts.acked, counts.refused, waiting, None, None)


@dataclass
class _Counts:
    sent: int = 0
    acked: int = 0
    refused: int = 0


def _write_answer(
    database: Database,
    ids: list[uuid.UUID],
    future: Future[PushAnswer],
    now: datetime,
    counts: _Counts,
) -> str | None:
    """Mark one sent batch from the hub's answer; the error, if the batch failed."""
    try:
        answer = future.result()
    except HubError as exc:
        kind = REFUSED if isinstance(exc, HubRefused) else UNREACHABLE
        error = f"{kind}: {exc}"
        with database.transaction() as session:
            outbox.count_attempt(session, ids, error[:500])
        return error
    counts.sent += len(ids)
    in_batch = set(ids)
    done = [r for r in (*answer.accepted, *answer.duplicates) if r in in_batch]
    refused = 0
    with database.transaction() as session:
        outbox.mark_acked(session, done, now)
        for refusal in answer.refused:
            record_id = _refused_id(refusal.record_id, refusal.index, ids)
            if record_id is not None and record_id not in done:
                outbox.mark_refused(session, record_id, refusal.reason)
                refused += 1
    counts.acked += len(done)
    counts.refused += refused
    if len(done) + refused == 0:
        return f"{UNREACHABLE}: the hub answered but took none of {len(ids)} records"
    return None


def _refused_id(record_id: uuid.UUID | None, index: int, ids: list[uuid.UUID]) -> uuid.UUID | None:
    if record_id is not None and record_id in ids:
        return record_id
    return ids[index] if 0 <= index < len(ids) else None
