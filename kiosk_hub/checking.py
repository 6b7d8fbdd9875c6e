"""Checking record texts before anything is kept: signature, decoding, payload digest.

Pure work (no database). A batch is checked in three passes: every text is opened
(Base45, key tag → key) in this thread; the Ed25519 signatures (about 42 µs each,
more than anything else the hub does per record) are checked by a few threads side by
side, which libsodium allows because it runs without Python's global lock; then the
payloads of the genuine ones are decoded here. A text that fails anywhere goes through
`kiosk_records.codec.verify`, so refusals carry exactly its reasons.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from typing import NamedTuple

from kiosk_hub.pools import LazyPool
from kiosk_records.base45 import Base45Error, b45decode_fast
from kiosk_records.codec import KEY_TAG_BYTES, PREFIX, signed_message, split_slip, verify
from kiosk_records.keys import SIGNATURE_BYTES, TrustedKey, TrustList, signature_ok
from kiosk_records.record import CompletionRecord
from kiosk_records.wire import PayloadError, decode_payload

_HEAD = KEY_TAG_BYTES + SIGNATURE_BYTES
THREADED_FROM = 32  # signatures in a batch worth handing to the checking threads
_CHECKERS = max(1, min(4, os.cpu_count() or 1))


class Checked(NamedTuple):
    """One text, checked: a verified record and its key, or the failure."""

    text: str  # stripped
    record: CompletionRecord | None = None
    key_id: str = ""
    digest: str = ""  # sha256 hex of the signed payload
    failure: str = ""  # a `Failure` value: malformed, wrong_version, unknown_key...
    detail: str = ""


class _Opened(NamedTuple):
    """A text whose key tag names exactly one trusted key: to check its signature."""

    key: TrustedKey
    signature: bytes
    payload: bytes


def check_texts(texts: Sequence[str], trust: TrustList) -> list[Checked]:
    """Verify each text against the trust list."""
    by_tag: dict[bytes, list[TrustedKey]] = {}
    for key in trust.keys:
        by_tag.setdefault(bytes.fromhex(key.key_id)[:KEY_TAG_BYTES], []).append(key)
    stripped = [text.strip() for text in texts]
    opened = [_open(text, by_tag) for text in stripped]
    genuine = iter(_signatures_ok([o for o in opened if o is not None]))
    return [
        _decode(text, o, trust) if o is not None and next(genuine) else _refused(text, trust)
        for text, o in zip(stripped, opened, strict=True)
    ]


def _open(text: str, by_tag: dict[bytes, list[TrustedKey]]) -> _Opened | None:
    """The key, signature and payload of a well-formed text (None: `verify` decides).

    Base45 by table lookups (`b45decode_fast`); a prefix `split_slip` would also take
    ("HS01:") goes through `verify`, and is accepted there.
    """
    if not text.startswith(PREFIX):
        return None
    try:
        blob = b45decode_fast(text[len(PREFIX) :])
    except Base45Error:
        return None
    keys = by_tag.get(blob[:KEY_TAG_BYTES], ())
    if len(blob) <= _HEAD or len(keys) != 1:  # two keys on one tag: `verify` tries both
        return None
    return _Opened(keys[0], blob[KEY_TAG_BYTES:_HEAD], blob[_HEAD:])


def _signatures_ok(opened: list[_Opened]) -> list[bool]:
    jobs = [
        (o.key.public_key, signed_message(o.key.kiosk_id, o.payload), o.signature) for o in opened
    ]
    if len(jobs) < THREADED_FROM or _CHECKERS == 1:
        return _check_signatures(jobs)
    step = -(-len(jobs) // _CHECKERS)
    parts = _POOL.get().map(
        _check_signatures, [jobs[i : i + step] for i in range(0, len(jobs), step)]
    )
    return [ok for part in parts for ok in part]


def _check_signatures(jobs: list[tuple[bytes, bytes, bytes]]) -> list[bool]:
    return [signature_ok(*job) for job in jobs]


_POOL = LazyPool(_CHECKERS, "hub-signatures")


def _decode(text: str, opened: _Opened, trust: TrustList) -> Checked:
    try:
        record = decode_payload(opened.payload, opened.key.kiosk_id)
    except PayloadError:
        return _refused(text, trust)
    digest = hashlib.sha256(opened.payload).hexdigest()
    return Checked(text, record, opened.key.key_id, digest)


def _refused(text: str, trust: TrustList) -> Checked:
    check = verify(text, trust)
    if check.record is not None and check.key is not None:  # two keys on one tag, say
        digest = hashlib.sha256(split_slip(text)[2]).hexdigest()
        return Checked(text, check.record, check.key.key_id, digest)
    assert check.failure is not None
    return Checked(text, failure=check.failure.value, detail=check.reason)
