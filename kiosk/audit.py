"""Append-only audit log: who did what and when."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.db.models import AuditEntry, Kiosk


@dataclass(frozen=True)
class AuditView:
    at: datetime
    actor: str
    action: str
    detail: dict[str, object]


def record(session: Session, actor: str, action: str, **detail: object) -> None:
    """Add one entry in the caller's transaction. Never put PINs or IDs in detail."""
    kiosk_id: uuid.UUID | None = session.scalar(select(Kiosk.id).limit(1))
    session.add(
        AuditEntry(
            kiosk_id=kiosk_id,
            actor=actor,
            action=action,
            detail_json=json.dumps(detail, ensure_ascii=False, default=str),
        )
    )


def recent(session: Session, limit: int = 200) -> list[AuditView]:
    rows = session.scalars(select(AuditEntry).order_by(AuditEntry.at.desc()).limit(limit))
    return [AuditView(r.at, r.actor, r.action, json.loads(r.detail_json)) for r in rows]
