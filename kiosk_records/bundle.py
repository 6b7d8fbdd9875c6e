"""USB bundles (``.hsb``): the record texts of one kiosk, sealed to the hub's public key.

Format (docs/sync-protocol.md): JSON ``{"format": "hocso-bundle", "version": 1,
"kiosk_id", "created_at", "count", "sealed"}`` where ``sealed`` is the base64 of a
libsodium sealed box, to the hub's X25519 public key, of the UTF-8 JSON array of
record texts. Each record keeps its own signature, so the bundle needs none of its
own; sealing keeps learners' names private on a lost USB stick. Kiosks write bundles
(`kiosk.sync.bundle`), the hub opens them (`kiosk_hub.bundle`).
"""

from __future__ import annotations

import base64
import json

from nacl.public import PublicKey, SealedBox

BUNDLE_FORMAT = "hocso-bundle"
BUNDLE_VERSION = 1
SUFFIX = ".hsb"


def seal_bundle(texts: list[str], hub_public_key: bytes, kiosk_id: str, created_at: str) -> bytes:
    """A bundle file's bytes: ``texts`` sealed to ``hub_public_key``."""
    plain = json.dumps(texts, ensure_ascii=False).encode("utf-8")
    sealed = SealedBox(PublicKey(hub_public_key)).encrypt(plain)
    doc = {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "kiosk_id": kiosk_id,
        "created_at": created_at,
        "count": len(texts),
        "sealed": base64.b64encode(bytes(sealed)).decode("ascii"),
    }
    return json.dumps(doc, indent=1).encode("utf-8")
