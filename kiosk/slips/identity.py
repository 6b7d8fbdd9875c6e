"""Who this kiosk is, for slips: its id, commune and learning point.

The kiosk database is the source once the first-run set-up is done; it is read
with plain ``sqlite3`` (``kiosk.db.quick``), which is cheap and needs neither
SQLAlchemy nor a migration. Before set-up, ``<data_dir>/kiosk.json`` may name
an identity (tools, tests); failing both, slips use the practice identity.
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

from kiosk.identity import KioskIdentity

IDENTITY_FILE = "kiosk.json"
PRACTICE_KIOSK_ID = uuid.UUID("00000000-0000-4000-8000-00000000c0de")
PRACTICE_COMMUNE_CODE = "00000"  # no commune has this code
_COMMUNE_CODE = re.compile(r"[0-9]{5}")


PRACTICE_IDENTITY = KioskIdentity(
    PRACTICE_KIOSK_ID, "Điểm học thử (không phải điểm thật)", PRACTICE_COMMUNE_CODE, practice=True
)


def kiosk_identity(data_dir: Path) -> KioskIdentity:
    """This kiosk's identity: from its database, else ``kiosk.json``, else practice.

    ``kiosk.json`` holds ``{"kiosk_id": "<uuid>", "commune_code": "<5 digits>",
    "learning_point": "<name>"}``. Raises ValueError naming the file if it is bad.
    """
    from_db = _database_identity(data_dir)
    if from_db is not None:
        return from_db
    path = data_dir / IDENTITY_FILE
    if not path.exists():
        return PRACTICE_IDENTITY
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        identity = KioskIdentity(
            kiosk_id=uuid.UUID(doc["kiosk_id"]),
            commune_code=str(doc["commune_code"]),
            learning_point=str(doc.get("learning_point", "")),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path}: not a valid kiosk identity ({exc!r})") from None
    if not _COMMUNE_CODE.fullmatch(identity.commune_code):
        raise ValueError(f"{path}: commune_code must be 5 digits")
    return identity


def _database_identity(data_dir: Path) -> KioskIdentity | None:
    """The set-up identity in the kiosk database, or None (no file, not set up, older)."""
    from kiosk.db.quick import read_startup
    from kiosk.db.revision import HEAD
    from kiosk.paths import DataPaths

    facts = read_startup(DataPaths(data_dir).database, HEAD)
    if facts is None or facts.identity is None:
        return None
    found = facts.identity
    return found if _COMMUNE_CODE.fullmatch(found.commune_code) else None
