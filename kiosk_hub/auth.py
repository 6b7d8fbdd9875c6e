"""Dashboard users: scrypt password hashes and the two roles.

Passwords are hashed with scrypt at OWASP's current cost (N=2^17, r=8, p=1); a hash made
at a lower cost still verifies and is remade at the current cost on the next good login.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from kiosk_hub.models import User
from kiosk_hub.sessions import (
    clear_failures,
    count_failure,
    end_sessions,
    locked_until,
    throttle_keys,
)

ROLES = ("province", "commune")
_N, _R, _P = 2**17, 8, 1
_MAXMEM = 2**28  # scrypt needs 128 * r * N bytes (128 MiB at N=2^17)
MIN_PASSWORD = 8


@dataclass(frozen=True)
class Viewer:
    """A logged-in user as pages see them."""

    name: str
    role: str
    commune_code: str | None

    @property
    def is_province(self) -> bool:
        return self.role == "province"

    def may_see(self, commune_code: str) -> bool:
        return self.is_province or commune_code == self.commune_code


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32, maxmem=_MAXMEM
    )
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt" or int(n) > _N or int(r) > _R or int(p) > _P:
            return False
        got = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=32,
            maxmem=_MAXMEM,
        )
    except ValueError:
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


def add_user(
    session: Session, name: str, password: str, role: str, commune_code: str | None
) -> User:
    """Create or replace a user; ValueError with a clear message."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if role == "commune" and not commune_code:
        raise ValueError("a commune user needs --commune CODE")
    if role == "province":
        commune_code = None
    if not name or len(name) > 64:
        raise ValueError("a user name has 1 to 64 characters")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password has at least {MIN_PASSWORD} characters")
    found = session.get(User, name)
    if found is not None:
        end_sessions(session, name)  # a new password ends every open session
    user = found or User(name=name)
    user.password_hash = hash_password(password)
    user.role, user.commune_code = role, commune_code
    session.add(user)
    return user


def needs_rehash(stored: str) -> bool:
    """Whether a hash was made at a lower cost than today's."""
    parts = stored.split("$")
    return len(parts) != 6 or parts[1:4] != [str(_N), str(_R), str(_P)]


@functools.cache
def _unknown_name_hash() -> str:
    """A hash to check unknown names against: the same scrypt work as for a real user."""
    return hash_password(secrets.token_hex(16))


def authenticate(session: Session, name: str, password: str) -> Viewer | None:
    """The user if name and password match; None otherwise, after the same work either way."""
    user = session.get(User, name[:64])
    if user is None:
        check_password(password, _unknown_name_hash())
        return None
    if not check_password(password, user.password_hash):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return Viewer(user.name, user.role, user.commune_code)


@dataclass(frozen=True)
class LoginAttempt:
    """The user when name and password matched; else when the lockout ends, if one is on."""

    viewer: Viewer | None
    locked_until: datetime | None = None


def try_login(
    session: Session, name: str, password: str, address: str, now: datetime
) -> LoginAttempt:
    """Check a password under the login throttle (per typed name and per address).

    While a lockout is on, nothing is checked (the same answer for every name).
    """
    keys = throttle_keys(name, address)
    until = locked_until(session, keys, now)
    if until is not None:
        return LoginAttempt(None, until)
    who = authenticate(session, name, password)
    if who is None:
        count_failure(session, keys, now)
    else:
        clear_failures(session, keys)
    return LoginAttempt(who)
