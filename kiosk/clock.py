"""Time and ids made on the kiosk (kept free of heavy imports: start-up uses them)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> uuid.UUID:
    """Record ids are made on the kiosk so records can sync without clashes."""
    return uuid.uuid4()
