"""USB bundles: the records the hub has not acknowledged, sealed to the hub's key.

Format (docs/sync-protocol.md): JSON ``{"format": "hocso-bundle", "version": 1,
"kiosk_id", "created_at", "count", "sealed"}`` where ``sealed`` is the base64 of a
libsodium sealed box, to the hub's X25519 public key, of the UTF-8 JSON array of
record texts. Each record keeps its own signature, so the bundle needs none of its
own; sealing keeps learners' names private on a lost USB stick. Records stay
``waiting``: only the hub's answer to a push (or a later push of the same records,
answered as duplicates) acknowledges them.
"""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from nacl.public import PrivateKey, PublicKey, SealedBox
from sqlalchemy import select

from kiosk.db.database import Database
from kiosk.db.models import Kiosk
from kiosk.slips.files import write_atomic
from kiosk.sync import outbox

BUNDLE_FORMAT = "hocso-bundle"
BUNDLE_VERSION = 1
SUFFIX = ".hsb"


class BundleError(ValueError):
    """A bundle cannot be written or read; the message is plain words."""


@dataclass(frozen=True)
class BundleInfo:
    path: Path
    count: int


def bundle_name(kiosk_id: uuid.UUID, now: datetime) -> str:
    return f"hocso-{kiosk_id}-{now.astimezone(UTC):%Y%m%dT%H%M%S}{SUFFIX}"


def seal_records(records: list[str], hub_public_key: bytes) -> bytes:
    plain = json.dumps(records, ensure_ascii=False).encode("utf-8")
    return bytes(SealedBox(PublicKey(hub_public_key)).encrypt(plain))


def export_bundle(database: Database, folder: Path, now: datetime) -> BundleInfo:
    """Write every waiting record into a new bundle file in ``folder`` (atomically)."""
    with database.transaction() as session:
        kiosk_id = session.scalar(select(Kiosk.id).limit(1))
        hub_key = outbox.sync_state(session).hub_public_key
        records = outbox.waiting_texts(session)
    if kiosk_id is None:
        raise BundleError("this kiosk is not set up yet")
    if hub_key is None:
        raise BundleError("this kiosk is not enrolled: the hub's key is needed to seal a bundle")
    if not records:
        raise BundleError("no records are waiting: there is nothing to export")
    if not folder.is_dir():
        raise BundleError(f"the folder {folder} does not exist (is the USB stick plugged in?)")
    doc = {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "kiosk_id": str(kiosk_id),
        "created_at": now.astimezone(UTC).isoformat(),
        "count": len(records),
        "sealed": base64.b64encode(seal_records(records, hub_key)).decode("ascii"),
    }
    path = folder / bundle_name(kiosk_id, now)
    try:
        write_atomic(path, json.dumps(doc, indent=1).encode("utf-8"))
    except OSError as exc:
        raise BundleError(f"cannot write to {folder}: {exc.strerror or exc}") from None
    return BundleInfo(path, len(records))


def open_bundle(data: bytes, hub_private_key: bytes) -> tuple[uuid.UUID, list[str]]:
    """(kiosk id, record texts) of a bundle; what the hub does on import (and tests)."""
    try:
        doc = json.loads(data.decode("utf-8"))
        if doc.get("format") != BUNDLE_FORMAT or doc.get("version") != BUNDLE_VERSION:
            raise BundleError("not a Học Số bundle of version 1")
        plain = SealedBox(PrivateKey(hub_private_key)).decrypt(base64.b64decode(doc["sealed"]))
        records = json.loads(plain.decode("utf-8"))
        return uuid.UUID(doc["kiosk_id"]), [str(r) for r in records]
    except BundleError:
        raise
    except Exception as exc:
        raise BundleError(f"the bundle does not open: {type(exc).__name__}") from None
