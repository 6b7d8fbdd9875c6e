"""Who this kiosk is: written by the first-run set-up."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KioskIdentity:
    kiosk_id: str
    learning_point: str
    commune_code: str
