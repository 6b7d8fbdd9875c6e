"""The hub's X25519 key pair: kiosks seal citizen IDs and USB bundles to its public key."""

from __future__ import annotations

from pathlib import Path

from nacl.public import PrivateKey, SealedBox

from kiosk_records.files import write_atomic
from kiosk_records.sealing import open_citizen_id

KEY_FILE_NAME = "hub_x25519.key"


class HubKey:
    """The hub's private key. Keep it out of logs and reprs."""

    def __init__(self, private_key: bytes) -> None:
        self._private = PrivateKey(private_key)
        self.public_key: bytes = bytes(self._private.public_key)

    def open_citizen_id(self, sealed: bytes) -> str:
        """The 12 digits of a sealed citizen ID; ValueError if it does not open."""
        return open_citizen_id(sealed, bytes(self._private))

    def unseal(self, sealed: bytes) -> bytes:
        """Open a libsodium sealed box (a USB bundle); nacl CryptoError if it fails."""
        return bytes(SealedBox(self._private).decrypt(sealed))

    def __repr__(self) -> str:
        return "HubKey(<private>)"


def load_or_create_hub_key(path: Path) -> HubKey:
    """Read the 32-byte key file, creating it (mode 0600) on first start."""
    if not path.exists():
        write_atomic(path, bytes(PrivateKey.generate()), private=True, replace=False)
    data = path.read_bytes()
    if len(data) != 32:
        raise ValueError(f"{path} is not a 32-byte hub key")
    return HubKey(data)
