"""What the welcome screen needs, read with plain ``sqlite3`` before SQLAlchemy loads.

Importing SQLAlchemy costs more than painting the first screen, so start-up reads
the kiosk's identity and settings this way, paints, and only then opens the
database fully. Anything unexpected (no file, an older schema, damage) returns
None and the caller takes the full, checked path instead.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from kiosk.identity import KioskIdentity


@dataclass(frozen=True)
class StartupFacts:
    identity: KioskIdentity | None
    stored_settings: dict[str, str]


def read_startup(path: Path, head: str) -> StartupFacts | None:
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if version is None or version[0] != head:
            return None
        row = con.execute("SELECT id, learning_point, commune_code FROM kiosk LIMIT 1").fetchone()
        settings = dict(con.execute("SELECT key, value_json FROM setting").fetchall())
    except sqlite3.Error:
        return None
    finally:
        con.close()
    identity = None
    if row is not None:
        raw_id = row[0]  # SQLAlchemy stores UUIDs on SQLite as 32 hex digits
        try:
            kiosk_id = uuid.UUID(bytes=raw_id) if isinstance(raw_id, bytes) else uuid.UUID(raw_id)
        except (ValueError, TypeError):
            return None  # damaged: the full, checked open will say so
        identity = KioskIdentity(kiosk_id, str(row[1]), str(row[2]))
    return StartupFacts(identity, {str(k): str(v) for k, v in settings.items()})
