"""The hub's services, built once by `kiosk_hub.app.create_app` (the composition root)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk_hub.catalogue import ReportNames, load_report_names
from kiosk_hub.db import HubDatabase, open_hub_database
from kiosk_hub.keys import KEY_FILE_NAME, HubKey, load_or_create_hub_key
from kiosk_hub.settings import HubSettings
from kiosk_records.files import private_folder


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class HubContext:
    settings: HubSettings
    database: HubDatabase
    key: HubKey
    catalogue: ReportNames

    def clock(self) -> datetime:
        return utc_now()

    def close(self) -> None:
        self.database.dispose()


def build_context(settings: HubSettings, catalogue: ReportNames | None = None) -> HubContext:
    """Open (and migrate) the database, load or make the hub key."""
    private_folder(settings.data_dir)  # keys and the SQLite database: the hub user's only
    database = open_hub_database(settings.resolved_database_url)
    key = load_or_create_hub_key(settings.key_file or settings.data_dir / KEY_FILE_NAME)
    return HubContext(
        settings=settings,
        database=database,
        key=key,
        catalogue=catalogue or load_report_names(),
    )
