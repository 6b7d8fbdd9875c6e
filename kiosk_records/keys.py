"""The kiosk's Ed25519 signing key and trust lists of kiosk public keys.

A trust list file is JSON::

    {"format": "hocso-slip-trust", "version": 1,
     "keys": [{"key_id": "<16 hex>", "public_key": "<base64, 32 bytes>",
               "kiosk_id": "<uuid>", "commune_code": "<5 digits>",
               "revoked_from": "<YYYY-MM-DD>", "last_serial": <n>}]}

``revoked_from`` and ``last_serial`` are present only for a revoked key (``last_serial``
once the revocation is in effect): see `kiosk_records.trust_rules` for what they allow.
`kiosk keys export` writes this kiosk's entry in that format, and the same
format is imported from others. The key id is the first 8 bytes of the
SHA-256 of the public key, in hex; it is recomputed on load.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from nacl.bindings import crypto_sign_open
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey

from kiosk_records.files import write_atomic
from kiosk_records.trust_rules import Revocation

KEY_FILE_NAME = "kiosk_signing.key"
TRUST_FORMAT = "hocso-slip-trust"
TRUST_VERSION = 1
KEY_ID_BYTES = 8
SIGNATURE_BYTES = 64  # Ed25519
_COMMUNE_CODE = re.compile(r"[0-9]{5}")


class TrustListError(ValueError):
    """A trust list file is unreadable or has a bad entry."""


def key_id_for(public_key: bytes) -> str:
    """The short key id of a public key: 16 hex digits."""
    return hashlib.sha256(public_key).digest()[:KEY_ID_BYTES].hex()


class KioskKey:
    """This kiosk's signing key. Keep it out of logs and reprs."""

    def __init__(self, seed: bytes) -> None:
        self._signing_key = SigningKey(seed)
        self.public_key: bytes = bytes(self._signing_key.verify_key)
        self.key_id: str = key_id_for(self.public_key)

    def sign(self, message: bytes) -> bytes:
        """The 64-byte Ed25519 signature of message."""
        return bytes(self._signing_key.sign(message).signature)

    def __repr__(self) -> str:
        return f"KioskKey(key_id={self.key_id!r})"


def load_or_create_kiosk_key(secrets_dir: Path) -> KioskKey:
    """Load `<secrets_dir>/kiosk_signing.key`, creating it (mode 0600) on first use."""
    path = secrets_dir / KEY_FILE_NAME
    if not path.exists():
        write_atomic(path, bytes(SigningKey.generate()), private=True, replace=False)
    seed = path.read_bytes()
    if len(seed) != 32:
        raise ValueError(f"{path} is not a 32-byte signing key")
    return KioskKey(seed)


def signature_ok(public_key: bytes, message: bytes, signature: bytes) -> bool:
    """Whether ``signature`` is the Ed25519 signature of ``message`` by ``public_key``.

    libsodium's check without building a ``VerifyKey`` each time; it runs without
    Python's global lock, so threads can check signatures side by side.
    """
    if len(signature) != SIGNATURE_BYTES:
        return False
    try:
        crypto_sign_open(signature + message, public_key)
    except (BadSignatureError, ValueError, TypeError):
        return False
    return True


@dataclass(frozen=True)
class TrustedKey:
    """A kiosk public key this kiosk (or the hub) accepts slips from."""

    key_id: str
    public_key: bytes
    kiosk_id: uuid.UUID
    commune_code: str
    revocation: Revocation | None = None

    def verifies(self, message: bytes, signature: bytes) -> bool:
        return signature_ok(self.public_key, message, signature)

    def to_json(self) -> dict[str, str | int]:
        entry: dict[str, str | int] = {
            "key_id": self.key_id,
            "public_key": base64.b64encode(self.public_key).decode("ascii"),
            "kiosk_id": str(self.kiosk_id),
            "commune_code": self.commune_code,
        }
        if self.revocation is not None:
            entry["revoked_from"] = self.revocation.revoked_from.isoformat()
            if self.revocation.last_serial is not None:
                entry["last_serial"] = self.revocation.last_serial
        return entry

    @classmethod
    def from_json(cls, entry: object) -> TrustedKey:
        if not isinstance(entry, dict):
            raise TrustListError("a key entry must be a JSON object")
        try:
            public_key = base64.b64decode(entry["public_key"], validate=True)
            kiosk_id = uuid.UUID(entry["kiosk_id"])
            key_id = entry["key_id"]
            commune_code = entry["commune_code"]
        except (KeyError, TypeError, ValueError, binascii.Error) as exc:
            raise TrustListError(f"bad key entry: {exc!r}") from None
        if len(public_key) != 32:
            raise TrustListError("public_key must be 32 bytes")
        if key_id != key_id_for(public_key):
            raise TrustListError(f"key_id {key_id!r} does not match its public key")
        if not isinstance(commune_code, str) or not _COMMUNE_CODE.fullmatch(commune_code):
            raise TrustListError("commune_code must be 5 digits")
        return cls(key_id, public_key, kiosk_id, commune_code, _revocation(entry))


def _revocation(entry: dict[str, object]) -> Revocation | None:
    revoked_from, last_serial = entry.get("revoked_from"), entry.get("last_serial")
    if revoked_from is None:
        if last_serial is not None:
            raise TrustListError("last_serial without revoked_from")
        return None
    try:
        day = date.fromisoformat(str(revoked_from))
    except ValueError:
        raise TrustListError(f"revoked_from {revoked_from!r} is not a date") from None
    if last_serial is not None and (
        not isinstance(last_serial, int) or isinstance(last_serial, bool) or last_serial < -1
    ):
        raise TrustListError("last_serial must be a whole number, -1 or more")
    return Revocation(day, last_serial)


@dataclass(frozen=True)
class TrustList:
    """Kiosk keys by key id. Later entries with the same key id are ignored (see `merged`)."""

    keys: tuple[TrustedKey, ...] = ()

    def get(self, key_id: str) -> TrustedKey | None:
        return next((k for k in self.keys if k.key_id == key_id), None)

    def with_tag(self, tag_hex: str) -> list[TrustedKey]:
        """Keys whose key id starts with a slip's key tag."""
        return [k for k in self.keys if k.key_id.startswith(tag_hex)]

    def merged(self, others: Iterable[TrustedKey]) -> TrustList:
        """These keys and the others' new ones; a revocation the others carry is kept
        (a key this list already holds may be revoked by a later list, never un-revoked)."""
        keys = list(self.keys)
        at = {k.key_id: i for i, k in enumerate(keys)}
        for key in others:
            if key.key_id not in at:
                at[key.key_id] = len(keys)
                keys.append(key)
            elif key.revocation is not None and keys[at[key.key_id]].revocation is None:
                keys[at[key.key_id]] = replace(keys[at[key.key_id]], revocation=key.revocation)
        return TrustList(tuple(keys))

    def to_json_bytes(self) -> bytes:
        doc = {
            "format": TRUST_FORMAT,
            "version": TRUST_VERSION,
            "keys": [k.to_json() for k in self.keys],
        }
        return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def from_json_bytes(cls, data: bytes) -> TrustList:
        try:
            doc = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise TrustListError(f"not a JSON file: {exc}") from None
        if not isinstance(doc, dict) or doc.get("format") != TRUST_FORMAT:
            raise TrustListError(f"not a trust list (expected format {TRUST_FORMAT!r})")
        if doc.get("version") != TRUST_VERSION:
            raise TrustListError(f"trust list version {doc.get('version')!r} is not supported")
        entries = doc.get("keys")
        if not isinstance(entries, list):
            raise TrustListError("'keys' must be a list")
        return cls().merged(TrustedKey.from_json(e) for e in entries)


def own_trusted_key(key: KioskKey, kiosk_id: uuid.UUID, commune_code: str) -> TrustedKey:
    """This kiosk's own entry for a trust list."""
    return TrustedKey(key.key_id, key.public_key, kiosk_id, commune_code)


def load_trust_list(path: Path) -> TrustList:
    """Read a trust list file; raise TrustListError (or OSError) with the file named."""
    try:
        return TrustList.from_json_bytes(path.read_bytes())
    except TrustListError as exc:
        raise TrustListError(f"{path}: {exc}") from None


def write_trust_list(path: Path, trust: TrustList) -> None:
    write_atomic(path, trust.to_json_bytes())
