"""Dashboard users: scrypt password hashes and the two roles."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kiosk_hub.models import User

ROLES = ("province", "commune")
_N, _R, _P = 2**14, 8, 1
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
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=32,
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
    user = session.get(User, name) or User(name=name)
    user.password_hash = hash_password(password)
    user.role, user.commune_code = role, commune_code
    session.add(user)
    return user


def authenticate(session: Session, name: str, password: str) -> Viewer | None:
    user = session.get(User, name[:64])
    if user is None:
        check_password(password, hash_password("timing"))  # same work for unknown names
        return None
    if not check_password(password, user.password_hash):
        return None
    return Viewer(user.name, user.role, user.commune_code)
