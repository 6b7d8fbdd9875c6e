"""Slip text: ``HS1:`` + Base45(key tag ‖ Ed25519 signature ‖ CBOR payload).

Everything is in the QR alphanumeric alphabet, so a version-10 QR code at
error-correction level M (311 characters) carries 204 bytes, of which the
signature takes 64 and a sealed citizen ID 53. To fit, the key tag is the first
4 bytes of the 8-byte key id: it only picks candidate keys, the signature is
what proves the slip. The signature covers a domain tag, the kiosk id of the
signing key (which is not carried: the verifier takes it from its trust list)
and the payload bytes.
"""

from __future__ import annotations

import enum
import re
import uuid
from dataclasses import dataclass

from kiosk_records.base45 import Base45Error, b45decode, b45encode
from kiosk_records.keys import SIGNATURE_BYTES, KioskKey, TrustedKey, TrustList
from kiosk_records.record import FORMAT_VERSION, CompletionRecord
from kiosk_records.wire import PayloadError, PayloadVersionError, decode_payload, encode_payload

SCHEME = "HS"
PREFIX = f"{SCHEME}{FORMAT_VERSION}:"
KEY_TAG_BYTES = 4
_DOMAIN = b"hocso-slip-v1\x00"
_PREFIX_RE = re.compile(r"HS([0-9]+):")


class Failure(enum.Enum):
    """Why a slip text is not accepted."""

    MALFORMED = "malformed"
    WRONG_VERSION = "wrong_version"
    UNKNOWN_KEY = "unknown_key"
    BAD_SIGNATURE = "bad_signature"

    @property
    def message(self) -> str:
        return _MESSAGES[self]


_MESSAGES = {
    Failure.MALFORMED: "not a Học Số slip code (damaged or incomplete)",
    Failure.WRONG_VERSION: "slip format version not supported by this kiosk",
    Failure.UNKNOWN_KEY: "signed by a kiosk that is not in the trust list",
    Failure.BAD_SIGNATURE: "signature does not match: the slip was altered or forged",
}


@dataclass(frozen=True)
class Verification:
    """Result of `verify`: a record, or the failure and a short detail."""

    record: CompletionRecord | None
    failure: Failure | None
    key: TrustedKey | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.failure is None

    @property
    def reason(self) -> str:
        if self.failure is None:
            return "genuine"
        return f"{self.failure.message}" + (f" ({self.detail})" if self.detail else "")


def signed_message(kiosk_id: uuid.UUID, payload: bytes) -> bytes:
    return _DOMAIN + kiosk_id.bytes + payload


def encode_slip(record: CompletionRecord, key: KioskKey) -> str:
    """Sign the record with this kiosk's key and return the QR text."""
    payload = encode_payload(record)
    signature = key.sign(signed_message(record.kiosk_id, payload))
    tag = bytes.fromhex(key.key_id)[:KEY_TAG_BYTES]
    return PREFIX + b45encode(tag + signature + payload)


def split_slip(text: str) -> tuple[bytes, bytes, bytes]:
    """(key tag, signature, payload) of a format-1 slip text; ValueError if malformed."""
    match = _PREFIX_RE.match(text)
    if not match or int(match.group(1)) != FORMAT_VERSION:
        raise ValueError("not a format-1 slip text")
    blob = b45decode(text[match.end() :])
    head = KEY_TAG_BYTES + SIGNATURE_BYTES
    if len(blob) <= head:
        raise ValueError("slip text is too short")
    return blob[:KEY_TAG_BYTES], blob[KEY_TAG_BYTES:head], blob[head:]


def verify(text: str, trust: TrustList) -> Verification:
    """Check a slip text against the trusted kiosk keys. Never raises."""
    text = text.strip()
    match = _PREFIX_RE.match(text)
    if not match:
        return Verification(None, Failure.MALFORMED, detail=f"no {SCHEME}<n>: prefix")
    if int(match.group(1)) != FORMAT_VERSION:
        return Verification(None, Failure.WRONG_VERSION, detail=f"{match.group(0)} slip")
    try:
        tag, signature, payload = split_slip(text)
    except (Base45Error, ValueError) as exc:
        return Verification(None, Failure.MALFORMED, detail=str(exc))
    candidates = trust.with_tag(tag.hex())
    if not candidates:
        return Verification(None, Failure.UNKNOWN_KEY, detail=f"key tag {tag.hex()}")
    key = next(
        (k for k in candidates if k.verifies(signed_message(k.kiosk_id, payload), signature)),
        None,
    )
    if key is None:
        return Verification(None, Failure.BAD_SIGNATURE, key=candidates[0])
    try:
        record = decode_payload(payload, key.kiosk_id)
    except PayloadVersionError as exc:
        return Verification(None, Failure.WRONG_VERSION, key=key, detail=str(exc))
    except PayloadError as exc:
        return Verification(None, Failure.MALFORMED, key=key, detail=str(exc))
    return Verification(record, None, key=key)
