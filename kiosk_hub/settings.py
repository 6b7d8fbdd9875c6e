"""Where the hub keeps its data and which database it uses."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

DATABASE_URL_ENV = "KIOSK_HUB_DATABASE_URL"
DATA_DIR_ENV = "KIOSK_HUB_DATA_DIR"
KEY_FILE_ENV = "KIOSK_HUB_KEY_FILE"
SECURE_COOKIES_ENV = "KIOSK_HUB_SECURE_COOKIES"
SQLITE_NAME = "hub.sqlite3"


@dataclass(frozen=True)
class HubSettings:
    """The hub's configuration. Empty fields fall back to files in ``data_dir``.

    Attributes:
        data_dir: Folder for the embedded SQLite database and the hub key.
        database_url: SQLAlchemy URL; None means SQLite in ``data_dir``.
        key_file: The hub's X25519 private key; None means ``data_dir/hub_x25519.key``.
        secure_cookies: Mark cookies ``Secure`` even when a request arrives as plain HTTP
            (a TLS proxy that does not send X-Forwarded-Proto; see docs/hub.md).
    """

    data_dir: Path
    database_url: str | None = None
    key_file: Path | None = None
    secure_cookies: bool = False

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return normalise_url(self.database_url)
        return f"sqlite:///{self.data_dir / SQLITE_NAME}"

    @classmethod
    def from_env(cls, data_dir: Path | None = None) -> HubSettings:
        folder = data_dir or Path(
            os.environ.get(DATA_DIR_ENV) or platformdirs.user_data_dir("hocso-hub")
        )
        key = os.environ.get(KEY_FILE_ENV)
        return cls(
            data_dir=folder,
            database_url=os.environ.get(DATABASE_URL_ENV) or None,
            key_file=Path(key) if key else None,
            secure_cookies=os.environ.get(SECURE_COOKIES_ENV, "") in ("1", "true", "yes"),
        )


def normalise_url(url: str) -> str:
    """Use psycopg 3 for plain ``postgresql://`` URLs (SQLAlchemy would pick psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
