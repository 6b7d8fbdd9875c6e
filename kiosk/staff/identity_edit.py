"""Renaming the learning point or moving it to another commune (admin; no Qt).

Slips already printed keep the commune and name they were signed with.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk import audit
from kiosk.db.models import Kiosk
from kiosk.identity import KioskIdentity
from kiosk.learners.rules import clean_name, place_name_ok
from kiosk.staff.setup import SetupError


def update_identity(
    session: Session,
    *,
    learning_point: str,
    commune_code: str,
    known_communes: set[str],
    actor: str,
) -> KioskIdentity | None:
    """Store a changed name or commune; None when nothing changed. Audited."""
    kiosk = session.scalars(select(Kiosk).limit(1)).first()
    if kiosk is None:
        raise SetupError("slips.error.not_set_up")
    if commune_code not in known_communes:
        raise SetupError("setup.error.commune")
    if not place_name_ok(learning_point):
        raise SetupError("setup.error.name")
    name = clean_name(learning_point)
    if name == kiosk.learning_point and commune_code == kiosk.commune_code:
        return None
    changes: dict[str, object] = {}
    if name != kiosk.learning_point:
        changes["name"] = [kiosk.learning_point, name]
    if commune_code != kiosk.commune_code:
        changes["commune"] = [kiosk.commune_code, commune_code]
    kiosk.learning_point = name
    kiosk.commune_code = commune_code
    audit.record(session, actor, "identity_changed", **changes)
    return KioskIdentity(kiosk.id, name, commune_code)
