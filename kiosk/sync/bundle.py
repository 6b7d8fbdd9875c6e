"""USB bundles: the records the hub has not acknowledged, sealed to the hub's key.

The format is `kiosk_records.bundle`. Records stay ``waiting``: only the hub's answer
to a push (or a later push of the same records, answered as duplicates) acknowledges
them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from kiosk.db.database import Database
from kiosk.db.models import Kiosk
from kiosk.sync import outbox
from kiosk_records.bundle import SUFFIX, seal_bundle
from kiosk_records.files import write_atomic


class BundleError(ValueError):
    """A bundle cannot be written; the message is plain words."""


@dataclass(frozen=True)
class BundleInfo:
    path: Path
    count: int


def bundle_name(kiosk_id: uuid.UUID, now: datetime) -> str:
    return f"hocso-{kiosk_id}-{now.astimezone(UTC):%Y%m%dT%H%M%S}{SUFFIX}"


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
    sealed = seal_bundle(records, hub_key, str(kiosk_id), now.astimezone(UTC).isoformat())
    path = folder / bundle_name(kiosk_id, now)
    try:
        write_atomic(path, sealed)
    except OSError as exc:
        raise BundleError(f"cannot write to {folder}: {exc.strerror or exc}") from None
    return BundleInfo(path, len(records))
