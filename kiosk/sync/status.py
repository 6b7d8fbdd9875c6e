"""What staff see about sync, read in one short transaction (plain data, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.db.database import Database
from kiosk.sync import outbox
from kiosk.sync.push import error_kind


@dataclass(frozen=True)
class SyncStatus:
    hub_url: str | None
    enrolled_at: datetime | None
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    waiting: int
    acked: int
    refused: int
    error_kind: str  # "", "not_enrolled", "unreachable", "refused"
    error_detail: str
    next_attempt_at: datetime | None

    @property
    def enrolled(self) -> bool:
        return self.hub_url is not None


def read_status(database: Database) -> SyncStatus:
    with database.transaction() as session:
        state = outbox.sync_state(session)
        counts = outbox.counts(session)
        kind, detail = error_kind(state.last_error)
        return SyncStatus(
            state.hub_url,
            state.enrolled_at,
            state.last_success_at,
            state.last_attempt_at,
            counts.waiting,
            counts.acked,
            counts.refused,
            kind,
            detail,
            state.next_attempt_at,
        )
