"""Staff entry: check a PIN, count failures, lock for longer and longer.

Five wrong PINs lock staff entry for a minute; every further wrong PIN (before a right
one) locks it twice as long as the last, up to a day. The lock is kept in the database,
so a restart does not lift it, and moving the clock back before the lock began starts
the lock again instead of ending it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk import audit
from kiosk.db.models import StaffCredential, StaffLockout
from kiosk.staff.pin import PinFormatError, check_pin_format, hash_pin, verify_pin
from kiosk.staff.roles import Role
from kiosk.staff.setup import SetupError

__all__ = [
    "MAX_FAILURES",
    "PinResult",
    "Role",
    "change_pin",
    "lock_time",
    "locked_until",
    "try_pin",
]

MAX_FAILURES = 5
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(days=1)


def lock_time(failures: int) -> timedelta:
    """How long ``failures`` wrong PINs in a row lock staff entry (none below five)."""
    if failures < MAX_FAILURES:
        return timedelta(0)
    return min(FIRST_LOCK * (1 << min(failures - MAX_FAILURES, 20)), LONGEST_LOCK)


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


def _lock_end(row: StaffLockout, now: datetime) -> datetime | None:
    """When the lock ends (None: not locked); a clock moved back restarts it."""
    if row.locked_until is None:
        return None
    if row.locked_at is not None and now < row.locked_at:
        row.locked_until = now + (row.locked_until - row.locked_at)
        row.locked_at = now
    return row.locked_until if row.locked_until > now else None


def locked_until(session: Session, now: datetime) -> datetime | None:
    row = session.get(StaffLockout, 1)
    return None if row is None else _lock_end(row, now)


def try_pin(session: Session, pin: str, now: datetime, *, want: Role | None = None) -> PinResult:
    """Check ``pin`` against the stored roles (admin also opens staff entry).

    ``want=Role.ADMIN`` accepts only the admin PIN (for admin-only actions).
    """
    row = _lockout(session)
    until = _lock_end(row, now)
    if until is not None:
        return PinResult(None, until, 0)
    creds = {c.role: c.pin_hash for c in session.scalars(select(StaffCredential))}
    order = [Role.ADMIN] if want is Role.ADMIN else [Role.ADMIN, Role.STAFF, Role.VOICE]
    for role in order:
        stored = creds.get(role.value)
        if stored is not None and verify_pin(pin, stored):
            row.failed_count = 0
            row.locked_until = row.locked_at = None
            audit.record(session, role.value, "staff_login")
            return PinResult(role)
    row.failed_count += 1
    audit.record(session, "unknown", "pin_failed", count=row.failed_count)
    lock = lock_time(row.failed_count)
    if lock:
        row.locked_at, row.locked_until = now, now + lock
        minutes = int(lock.total_seconds() // 60)
        audit.record(session, "system", "staff_entry_locked", minutes=minutes)
        return PinResult(None, row.locked_until, 0)
    return PinResult(None, None, MAX_FAILURES - row.failed_count)


def change_pin(session: Session, role: Role, new_pin: str, now: datetime) -> None:
    """Set a role's PIN (the administrator's action; the caller checked the admin PIN).

    Raises:
        SetupError: the new PIN breaks the PIN rule or is the other role's PIN, or the
            kiosk is not set up (``key`` names the message).
    """
    try:
        check_pin_format(new_pin)
    except PinFormatError as exc:
        raise SetupError("setup.error.pin_format") from exc
    creds = {c.role: c for c in session.scalars(select(StaffCredential))}
    others = [c for name, c in creds.items() if name != role.value]
    if any(verify_pin(new_pin, other.pin_hash) for other in others):
        raise SetupError("setup.error.pin_same")
    cred = creds.get(role.value)
    if cred is None and role is Role.VOICE and creds:  # the voice role is optional
        kiosk_id = next(iter(creds.values())).kiosk_id
        cred = StaffCredential(role=role.value, kiosk_id=kiosk_id, pin_hash="", updated_at=now)
        session.add(cred)
    if cred is None:
        raise SetupError("setup.error.not_set_up")
    cred.pin_hash = hash_pin(new_pin)
    cred.updated_at = now
    audit.record(session, "admin", "pin_changed", role=role.value)
