"""Password hashes: scrypt at OWASP's cost; older, cheaper hashes still work and are remade."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from kiosk_hub.auth import authenticate, hash_password, needs_rehash
from kiosk_hub.db import open_hub_database
from kiosk_hub.models import User


def test_new_hashes_use_owasp_cost() -> None:
    assert hash_password("a long password").split("$")[1:4] == [str(2**17), "8", "1"]


def test_an_old_hash_verifies_and_is_upgraded_on_login(tmp_path: Path) -> None:
    salt = b"s" * 16
    digest = hashlib.scrypt(b"old-password", salt=salt, n=2**14, r=8, p=1, dklen=32)
    b64 = base64.b64encode
    old = f"scrypt${2**14}$8$1${b64(salt).decode()}${b64(digest).decode()}"
    database = open_hub_database(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    try:
        with database.transaction() as s:
            s.add(User(name="tinh", password_hash=old, role="province", commune_code=None))
        with database.transaction() as s:
            assert authenticate(s, "tinh", "wrong-password") is None
            assert s.get(User, "tinh").password_hash == old  # type: ignore[union-attr]
            assert authenticate(s, "tinh", "old-password") is not None
        with database.transaction() as s:
            stored = s.get(User, "tinh").password_hash  # type: ignore[union-attr]
            assert stored != old and not needs_rehash(stored)
            assert authenticate(s, "tinh", "old-password") is not None
    finally:
        database.dispose()
