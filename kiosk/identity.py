"""Who this kiosk is: written by the first-run set-up, read by screens, slips and sync."""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class KioskIdentity:
    """The kiosk's id, its learning point and commune; ``practice`` for the stand-in
    identity that slips use before set-up (``kiosk.slips.identity``)."""

    kiosk_id: uuid.UUID
    learning_point: str
    commune_code: str
    practice: bool = False
