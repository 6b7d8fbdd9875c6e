"""Kiosk API requests signed with the kiosk's Ed25519 key (docs/sync-protocol.md).

The signature covers the method, the API path, the kiosk id, the time, a one-use nonce
and the body's SHA-256, so the hub knows which kiosk sent exactly this body, lately,
and only once. The hub keeps nonces for the replay window; a request outside the
window is refused and the answer carries the hub's time so a kiosk with a wrong clock
can sign again with the hub's.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk_records.keys import KioskKey, signature_ok

SCHEME = b"HS-API1"
REPLAY_WINDOW_S = 300
KIOSK_HEADER = "X-Kiosk-Id"
TIME_HEADER = "X-Kiosk-Time"
NONCE_HEADER = "X-Kiosk-Nonce"
SIGNATURE_HEADER = "X-Kiosk-Signature"
HUB_TIME_HEADER = "X-Hub-Time"


def signed_message(
    method: str, path: str, kiosk_id: str, at: int, nonce: str, body: bytes
) -> bytes:
    parts = (method.upper(), path, kiosk_id, str(at), nonce, hashlib.sha256(body).hexdigest())
    return SCHEME + b"\n" + "\n".join(parts).encode("ascii", "replace")


def sign_request(
    key: KioskKey, kiosk_id: uuid.UUID, method: str, path: str, body: bytes, at: int
) -> dict[str, str]:
    """The headers that sign one request (``path`` below ``/api/v1``, e.g. ``/records``)."""
    nonce = secrets.token_hex(16)
    message = signed_message(method, path, str(kiosk_id), at, nonce, body)
    return {
        KIOSK_HEADER: str(kiosk_id),
        TIME_HEADER: str(at),
        NONCE_HEADER: nonce,
        SIGNATURE_HEADER: base64.b64encode(key.sign(message)).decode("ascii"),
    }


@dataclass(frozen=True)
class SignedRequest:
    """A request whose signature checked out; the nonce still has to be new."""

    kiosk_id: uuid.UUID
    at: int
    nonce: str


class RequestSignatureError(ValueError):
    """Why a request's signature is not accepted (plain English for the kiosk's log)."""


def check_request(
    headers: Mapping[str, str],
    public_key: bytes,
    method: str,
    path: str,
    body: bytes,
    now: float,
) -> SignedRequest:
    """Check a request's signature and time; RequestSignatureError says what is wrong."""
    kiosk, at_text = headers.get(KIOSK_HEADER, ""), headers.get(TIME_HEADER, "")
    nonce, signature = headers.get(NONCE_HEADER, ""), headers.get(SIGNATURE_HEADER, "")
    if not (kiosk and at_text and nonce and signature):
        raise RequestSignatureError("the request is not signed by the kiosk's key")
    try:
        kiosk_id = uuid.UUID(kiosk)
        at = int(at_text)
        raw_signature = base64.b64decode(signature, validate=True)
    except (ValueError, binascii.Error):
        raise RequestSignatureError("the request's signature headers are malformed") from None
    if len(nonce) != 32 or any(ch not in "0123456789abcdef" for ch in nonce):
        raise RequestSignatureError("the request's nonce is malformed")
    if abs(now - at) > REPLAY_WINDOW_S:
        raise RequestSignatureError(
            "the request's time is more than 5 minutes from the hub's: check the kiosk's clock"
        )
    if not signature_ok(public_key, signed_message(method, path, kiosk, at, nonce, body),
                        raw_signature):  # fmt: skip
        raise RequestSignatureError("the request's signature does not match the kiosk's key")
    return SignedRequest(kiosk_id, at, nonce)


def hub_key_fingerprint(public_key: bytes) -> str:
    """What staff compare with the fingerprint the province printed: ``ABCD-EFGH-...``."""
    digest = base64.b32encode(hashlib.sha256(b"hocso-hub-key\n" + public_key).digest())
    text = digest.decode("ascii")[:20]
    return "-".join(text[i : i + 4] for i in range(0, 20, 4))
