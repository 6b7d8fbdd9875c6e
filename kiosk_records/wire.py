"""The CBOR payload of slip format 1.

One CBOR array, in this order::

    [version, serial, learner_ref (8 bytes), name, birth_year, commune (int),
     lessons (4 bytes each), days since 1970-01-01, target group,
     sealed citizen id (53 bytes, optional)]

Each lesson is packed as lesson code (2 bytes, big-endian), version (1 byte)
and score (1 byte): four bytes instead of CBOR's five or six per lesson.

The name is a byte string packed by `kiosk_records.textpack`, or a text string
when it holds a letter outside that table. The kiosk id and the record id are
not carried: the kiosk id comes from the trust list entry of the signing key
(and is covered by the signature), the record id is derived from it and the
serial. Decoding is strict: the payload must re-encode to the same bytes.
"""

from __future__ import annotations

import uuid
from datetime import date

import cbor2

from kiosk_records import textpack
from kiosk_records.record import FORMAT_VERSION, CompletionRecord, LessonResult, TargetGroup

_EPOCH = date(1970, 1, 1)
_EPOCH_ORDINAL = _EPOCH.toordinal()
_GROUPS = {group.value: group for group in TargetGroup}


class PayloadError(ValueError):
    """The payload is not a well-formed format-1 record."""


class PayloadVersionError(PayloadError):
    """The payload is a well-formed CBOR array of another format version."""


def encode_payload(record: CompletionRecord) -> bytes:
    """The canonical CBOR payload for a record (without kiosk id)."""
    name: bytes | str = record.learner_name
    if textpack.can_pack(record.learner_name):
        name = textpack.pack(record.learner_name)
    lessons = b"".join(
        lesson.lesson_code.to_bytes(2, "big") + bytes((lesson.version, lesson.score))
        for lesson in record.lessons
    )
    items: list[object] = [
        FORMAT_VERSION,
        record.serial,
        bytes.fromhex(record.learner_ref),
        name,
        record.birth_year,
        int(record.commune_code),
        lessons,
        (record.completed_on - _EPOCH).days,
        record.target_group.value,
    ]
    if record.sealed_citizen_id is not None:
        items.append(record.sealed_citizen_id)
    return bytes(cbor2.dumps(items))


def decode_payload(payload: bytes, kiosk_id: uuid.UUID) -> CompletionRecord:
    """Rebuild the record; raise PayloadError (or PayloadVersionError).

    Canonical form is checked without rebuilding the payload from the record: the
    decoded items must dump back to the same CBOR bytes, and a name sent as text must
    be one `textpack` cannot pack (the encoder packs every name it can). Every other
    field converts both ways exactly, so this equals ``encode_payload(record) ==
    payload`` at a fraction of the cost (the hub checks every record it receives).
    """
    try:
        items = cbor2.loads(payload)
    except Exception as exc:  # cbor2 raises several types on bad input
        raise PayloadError(f"payload is not CBOR: {exc}") from None
    if type(items) is not list or not items:
        raise PayloadError("payload is not a CBOR array")
    if items[0] != FORMAT_VERSION or type(items[0]) is not int:
        raise PayloadVersionError(f"payload format version {items[0]!r} is not supported")
    if len(items) not in (9, 10):
        raise PayloadError(f"payload has {len(items)} fields, expected 9 or 10")
    try:
        record = _record_from_items(items, kiosk_id)
        canonical = cbor2.dumps(items) == payload
    except (TypeError, ValueError, OverflowError, cbor2.CBOREncodeError) as exc:
        raise PayloadError(f"payload field is invalid: {exc}") from None
    if not canonical or (type(items[3]) is str and textpack.can_pack(items[3])):
        raise PayloadError("payload is not in canonical form")
    return record


def _record_from_items(items: list[object], kiosk_id: uuid.UUID) -> CompletionRecord:
    _, serial, ref, name, birth_year, commune, lessons, days, group, *sealed = items
    if type(ref) is not bytes or len(ref) != 8:
        raise ValueError("learner_ref must be 8 bytes")
    if type(name) is bytes:
        name = textpack.unpack(name)
    elif type(name) is not str:
        raise ValueError("name must be bytes or text")
    if type(commune) is not int or not 0 <= commune <= 99999:
        raise ValueError("commune must be a 5-digit number")
    if type(lessons) is not bytes or len(lessons) % 4:
        raise ValueError("lessons must be 4 bytes each")
    if type(days) is not int:
        raise ValueError("date must be a day number")
    if type(group) is not int or group not in _GROUPS:
        raise ValueError(f"target group {group!r} is not known")
    return CompletionRecord(
        kiosk_id=kiosk_id,
        serial=serial,  # type: ignore[arg-type]  # checked by CompletionRecord
        learner_ref=ref.hex(),
        learner_name=name,
        birth_year=birth_year,  # type: ignore[arg-type]
        commune_code=f"{commune:05d}",
        lessons=tuple(
            LessonResult((lessons[i] << 8) | lessons[i + 1], lessons[i + 2], lessons[i + 3])
            for i in range(0, len(lessons), 4)
        ),
        completed_on=date.fromordinal(_EPOCH_ORDINAL + days),
        target_group=_GROUPS[group],
        sealed_citizen_id=sealed[0] if sealed else None,  # type: ignore[arg-type]
    )
