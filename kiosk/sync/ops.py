"""Sync actions shared by the sync worker and `kiosk sync`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from kiosk.content.loader import LoadResult
from kiosk.db.database import Database
from kiosk.db.models import Kiosk
from kiosk.learners.vault import LearnerVault
from kiosk.sync import outbox
from kiosk.sync.bundle import BundleInfo, export_bundle
from kiosk.sync.client import HubClient
from kiosk.sync.profile import ProvinceProfile, adopt_profile, find_profile, read_profile

if TYPE_CHECKING:  # voices are fetched on the sync's thread, and their modules loaded there
    from kiosk.content.speech import Line
    from kiosk.sync.voices import FetchReport

log = logging.getLogger(__name__)


def queue_missing(
    database: Database, data_dir: Path, content: LoadResult, vault: LearnerVault, now: datetime
) -> int:
    """Sign and queue completions saved without an outbox record (no key at the time, or
    made before the outbox existed); returns how many were queued."""
    codes = {entry.lesson.id: entry.lesson.code for entry in content.lessons}
    signer = outbox.kiosk_signer(data_dir, vault)
    with database.transaction() as session:
        return outbox.add_missing(session, codes, signer, now)


def export_usb(
    database: Database,
    data_dir: Path,
    content: LoadResult,
    vault: LearnerVault,
    folder: Path,
    now: datetime,
) -> BundleInfo:
    """Write the waiting records to a sealed bundle in ``folder`` for a USB stick.

    Completions not yet queued and the follow-ups that add a sealed citizen ID are queued
    first, so a bundle carries everything the network would (the screen and the CLI alike).
    """
    queue_missing(database, data_dir, content, vault, now)
    return export_bundle(database, folder, now)


def import_profile(database: Database, path: Path, now: datetime) -> tuple[ProvinceProfile, bool]:
    """Take the province profile from a file, or from a folder staff chose (a USB stick):
    the profile, and whether the kiosk learnt the hub key from it.

    Raises:
        ProfileError: no usable profile there, or the kiosk is enrolled with another hub
            (its ``code`` says which, for screens).
    """
    profile = read_profile(find_profile(path) if path.is_dir() else path)
    with database.transaction() as session:
        return profile, adopt_profile(session, profile, now)


def fetch_voices(
    database: Database,
    data_dir: Path,
    lines: Callable[[], list[Line]],
    *,
    always: bool = False,
    make_client: Callable[[str], HubClient] = HubClient,
) -> FetchReport | None:
    """After records were sent: fetch the hub's newer voice packs and install them.

    None when the setting ``voice_downloads`` is off (unless ``always``: staff asked) or
    the kiosk is not enrolled. Never raises: a voice pack must not fail a sync.
    """
    from kiosk.settings import load_settings
    from kiosk.slips.local import kiosk_key
    from kiosk.sync.voices import FetchReport, fetch_voice_packs

    try:
        with database.transaction() as session:
            wanted = always or load_settings(session).voice_downloads
            kiosk_id = session.scalar(select(Kiosk.id).limit(1))
            hub_url = outbox.sync_state(session).hub_url
        if not wanted or kiosk_id is None or hub_url is None:
            return None
        client = make_client(hub_url)
        return fetch_voice_packs(
            client, data_dir, lines(), kiosk_id=kiosk_id, key=kiosk_key(data_dir),
            retry_refused=always,
        )  # fmt: skip
    except Exception as exc:  # whatever it was, the records already went out
        log.exception("fetching voice packs failed")
        return FetchReport(messages=(f"voice packs: {type(exc).__name__}: {exc}",))
