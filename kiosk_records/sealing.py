"""Seal a citizen ID so that only the hub can read it (libsodium sealed box).

The kiosk holds only the hub's public key. The 12 digits travel as a 5-byte
number, so the sealed value is always 53 bytes (32 ephemeral key + 16 MAC + 5).
"""

from __future__ import annotations

import re

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

_CITIZEN_ID = re.compile(r"[0-9]{12}")


def seal_citizen_id(citizen_id: str, hub_public_key: bytes) -> bytes:
    """Seal a 12-digit citizen ID to the hub's 32-byte Curve25519 public key."""
    if not _CITIZEN_ID.fullmatch(citizen_id):
        raise ValueError("a citizen ID is exactly 12 digits")
    plain = int(citizen_id).to_bytes(5, "big")
    return bytes(SealedBox(PublicKey(hub_public_key)).encrypt(plain))


def open_citizen_id(sealed: bytes, hub_private_key: bytes) -> str:
    """Open a sealed citizen ID with the hub's 32-byte private key; ValueError if it fails."""
    try:
        plain = SealedBox(PrivateKey(hub_private_key)).decrypt(sealed)
    except CryptoError:
        raise ValueError("the sealed citizen ID does not open with this key") from None
    if len(plain) != 5:
        raise ValueError("the sealed value is not a citizen ID")
    number = int.from_bytes(plain, "big")
    if number >= 10**12:
        raise ValueError("the sealed value is not a citizen ID")
    return f"{number:012d}"
