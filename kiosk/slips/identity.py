"""Who this kiosk is, for slips: its id, commune and learning point.

For now this reads ``<data_dir>/kiosk.json``; the kiosk database will become
the source later, behind this same function.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

IDENTITY_FILE = "kiosk.json"
PRACTICE_KIOSK_ID = uuid.UUID("00000000-0000-4000-8000-00000000c0de")
PRACTICE_COMMUNE_CODE = "00000"  # no commune has this code
_COMMUNE_CODE = re.compile(r"[0-9]{5}")


@dataclass(frozen=True)
class KioskIdentity:
    kiosk_id: uuid.UUID
    commune_code: str
    learning_point: str
    practice: bool = False


PRACTICE_IDENTITY = KioskIdentity(
    PRACTICE_KIOSK_ID, PRACTICE_COMMUNE_CODE, "Điểm học thử (không phải điểm thật)", practice=True
)


def kiosk_identity(data_dir: Path) -> KioskIdentity:
    """This kiosk's identity, or the practice identity if none is configured.

    ``kiosk.json`` holds ``{"kiosk_id": "<uuid>", "commune_code": "<5 digits>",
    "learning_point": "<name>"}``. Raises ValueError naming the file if it is bad.
    """
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
