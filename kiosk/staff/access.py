"""Staff entry: check a PIN, count failures, lock for 5 minutes after 5."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk import audit
from kiosk.db.models import StaffCredential, StaffLockout
from kiosk.staff.pin import verify_pin
from kiosk.staff.roles import Role

__all__ = ["MAX_FAILURES", "PinResult", "Role", "locked_until", "try_pin"]

MAX_FAILURES = 5
LOCK_TIME = timedelta(minutes=5)


@dataclass(frozen=True)
class PinResult:
    role: Role | None  # who the PIN belongs to, None when wrong or locked
    locked_until: datetime | None = None
    tries_left: int = MAX_FAILURES


def _lockout(session: Session) -> StaffLockout:
    row = session.get(StaffLockout, 1)
    if row is None:
        row = StaffLockout(id=1, failed_count=0, locked_until=None)
        session.add(row)
        session.flush()
    return row


def locked_until(session: Session, now: datetime) -> datetime | None:
    row = session.get(StaffLockout, 1)
    if row is None or row.locked_until is None or row.locked_until <= now:
        return None
    return row.locked_until


def try_pin(session: Session, pin: str, now: datetime, *, want: Role | None = None) -> PinResult:
    """Check ``pin`` against the stored roles (admin also opens staff entry).

    ``want=Role.ADMIN`` accepts only the admin PIN (for admin-only actions).
    """
    row = _lockout(session)
    if row.locked_until is not None and row.locked_until > now:
        return PinResult(None, row.locked_until, 0)
    creds = {c.role: c.pin_hash for c in session.scalars(select(StaffCredential))}
    order = [Role.ADMIN] if want is Role.ADMIN else [Role.ADMIN, Role.STAFF]
    for role in order:
        stored = creds.get(role.value)
        if stored is not None and verify_pin(pin, stored):
            row.failed_count = 0
            row.locked_until = None
            audit.record(session, role.value, "staff_login")
            return PinResult(role)
    row.failed_count += 1
    audit.record(session, "unknown", "pin_failed", count=row.failed_count)
    if row.failed_count >= MAX_FAILURES:
        row.failed_count = 0
        row.locked_until = now + LOCK_TIME
        audit.record(session, "system", "staff_entry_locked", minutes=5)
        return PinResult(None, row.locked_until, 0)
    return PinResult(None, None, MAX_FAILURES - row.failed_count)
