"""The hub's services, built once by `kiosk_hub.app.create_app` (the composition root)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk_hub.catalogue import Catalogue, load_catalogue
from kiosk_hub.db import HubDatabase, open_hub_database
from kiosk_hub.keys import KEY_FILE_NAME, HubKey, load_or_create_hub_key
from kiosk_hub.settings import HubSettings
from kiosk_records.files import write_atomic

SESSION_KEY_FILE = "session.key"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class HubContext:
    settings: HubSettings
    database: HubDatabase
    key: HubKey
    catalogue: Catalogue
    session_secret: str

    def clock(self) -> datetime:
        return utc_now()

    def close(self) -> None:
        self.database.dispose()


def _session_secret(data_dir: Path) -> str:
    path = data_dir / SESSION_KEY_FILE
    if not path.exists():
        write_atomic(path, secrets.token_hex(32).encode("ascii"), private=True, replace=False)
    return path.read_text(encoding="ascii").strip()


def build_context(settings: HubSettings, catalogue: Catalogue | None = None) -> HubContext:
    """Open (and migrate) the database, load or make the hub key and the session key."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = open_hub_database(settings.resolved_database_url)
    key = load_or_create_hub_key(settings.key_file or settings.data_dir / KEY_FILE_NAME)
    return HubContext(
        settings=settings,
        database=database,
        key=key,
        catalogue=catalogue or load_catalogue(),
        session_secret=_session_secret(settings.data_dir),
    )
