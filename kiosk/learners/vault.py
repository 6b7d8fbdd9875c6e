"""Encryption at rest for citizen ID numbers, and a keyed hash to find returning learners.

A 32-byte secret in the data folder's ``secrets/`` (mode 0600) is made on first
use. Numbers are sealed with XSalsa20-Poly1305 (libsodium secretbox); the look-up
hash is a keyed BLAKE2b with a key derived from the same secret, so the hash is
useless without the kiosk's secret (no dictionary of all 10^12 numbers).
"""

from __future__ import annotations

from hashlib import blake2b
from pathlib import Path

from nacl.exceptions import CryptoError
from nacl.secret import SecretBox
from nacl.utils import random

from kiosk_records.files import write_atomic

SECRET_FILE = "learner_data.key"


class VaultError(RuntimeError):
    pass


class LearnerVault:
    def __init__(self, secret: bytes) -> None:
        if len(secret) != 32:
            raise VaultError("learner data key must be 32 bytes")
        self._box = SecretBox(blake2b(b"encrypt", key=secret, digest_size=32).digest())
        self._hash_key = blake2b(b"lookup", key=secret, digest_size=32).digest()

    @classmethod
    def open(cls, secrets_dir: Path) -> LearnerVault:
        path = secrets_dir / SECRET_FILE
        if not path.exists():
            write_atomic(path, random(32), private=True, replace=False)
        return cls(path.read_bytes())

    def encrypt(self, text: str) -> bytes:
        return bytes(self._box.encrypt(text.encode()))

    def decrypt(self, sealed: bytes) -> str:
        try:
            return bytes(self._box.decrypt(sealed)).decode()
        except CryptoError as exc:
            raise VaultError("cannot decrypt: wrong key or damaged value") from exc

    def lookup_hash(self, text: str) -> str:
        return blake2b(text.strip().encode(), key=self._hash_key, digest_size=32).hexdigest()

    def __repr__(self) -> str:
        return "LearnerVault(<secret>)"
