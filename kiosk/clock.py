"""Time and ids made on the kiosk (kept free of heavy imports: start-up uses them)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> uuid.UUID:
    """Record ids are made on the kiosk so records can sync without clashes."""
    return uuid.uuid4()


# Vietnam keeps UTC+7 all year (no daylight saving): a fixed offset needs no tz database,
# which a Windows PC may lack.
VIETNAM = timezone(timedelta(hours=7), "ICT")


def local_date(moment: datetime) -> date:
    """The calendar date in Vietnam of a UTC timestamp (what a slip or report shows)."""
    return moment.astimezone(VIETNAM).date()
