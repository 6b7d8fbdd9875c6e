"""Server-side login sessions and the login throttle.

A session is a random token in an HttpOnly cookie; the hub keeps only its sha256, the
user and the session's CSRF token, so ending a session (log out, new password, user
removed) takes effect on the next request. Failed logins are counted per typed name
and per address: past a few failures each further one locks that name or address out
for longer (30 s, 1 min, 2 min ... up to 1 hour).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk_hub.models import HubSession, LoginThrottle, User

SESSION_LIFETIME = timedelta(hours=10)
FREE_FAILURES_PER_NAME = 5
FREE_FAILURES_PER_ADDRESS = 20  # many staff may share one office address
FIRST_LOCK = timedelta(seconds=30)
LONGEST_LOCK = timedelta(hours=1)
FORGET_FAILURES_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class OpenSession:
    """A valid session as pages see it."""

    user_name: str
    csrf_token: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def start_session(session: Session, user_name: str, now: datetime) -> str:
    """A new session for this user; the token to put in the cookie."""
    token = secrets.token_urlsafe(32)
    session.add(
        HubSession(
            token_hash=_hash(token),
            user_name=user_name,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            expires_at=now + SESSION_LIFETIME,
        )
    )
    session.execute(delete(HubSession).where(HubSession.expires_at <= now))
    return token


def find_session(session: Session, token: str | None, now: datetime) -> OpenSession | None:
    """The open session for a cookie token, or None (unknown, ended or expired)."""
    if not token or len(token) > 100:
        return None
    row = session.get(HubSession, _hash(token))
    if row is None or row.expires_at <= now or session.get(User, row.user_name) is None:
        return None
    return OpenSession(row.user_name, row.csrf_token)


def end_session(session: Session, token: str | None) -> None:
    if token and len(token) <= 100:
        session.execute(delete(HubSession).where(HubSession.token_hash == _hash(token)))


def end_sessions(session: Session, user_name: str) -> None:
    """End every session of a user (new password, user removed)."""
    session.execute(delete(HubSession).where(HubSession.user_name == user_name))


def same_token(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.encode("utf-8", "replace"))


def throttle_keys(name: str, address: str) -> tuple[str, str]:
    return f"name:{name.strip().lower()[:64]}", f"addr:{address[:64]}"


def locked_until(session: Session, keys: tuple[str, str], now: datetime) -> datetime | None:
    """When the later of the name's and the address's lockouts ends, if either is on."""
    rows = session.scalars(select(LoginThrottle).where(LoginThrottle.key.in_(keys)))
    ends = [r.locked_until for r in rows if r.locked_until is not None and r.locked_until > now]
    return max(ends) if ends else None


def count_failure(session: Session, keys: tuple[str, str], now: datetime) -> None:
    """One more failed login for the name and the address; lock them when past the limit."""
    session.execute(
        delete(LoginThrottle).where(LoginThrottle.last_failure_at < now - FORGET_FAILURES_AFTER)
    )
    for key, free in zip(keys, (FREE_FAILURES_PER_NAME, FREE_FAILURES_PER_ADDRESS), strict=True):
        row = session.get(LoginThrottle, key, with_for_update=True)
        if row is None:
            try:  # another worker may be adding the same key at this moment
                with session.begin_nested():
                    session.add(LoginThrottle(key=key, failures=0, last_failure_at=now))
            except IntegrityError:
                pass
            row = session.get(LoginThrottle, key, with_for_update=True, populate_existing=True)
            assert row is not None
        row.failures += 1
        row.last_failure_at = now
        if row.failures >= free:
            lock = FIRST_LOCK * 2 ** min(row.failures - free, 12)
            row.locked_until = now + min(lock, LONGEST_LOCK)


def clear_failures(session: Session, keys: tuple[str, str]) -> None:
    """A good login forgets the name's failures (the address's stay: others may share it)."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == keys[0]))
