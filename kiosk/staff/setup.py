"""First-run set-up: which commune, the learning point's name, the two PINs."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk import audit
from kiosk.db.models import Kiosk, StaffCredential
from kiosk.identity import KioskIdentity
from kiosk.learners.rules import clean_name, place_name_ok
from kiosk.staff.pin import check_pin_format, hash_pin
from kiosk.staff.roles import Role


class SetupError(ValueError):
    """Set-up input refused; ``key`` names the message in the translation catalogue."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def identity(session: Session) -> KioskIdentity | None:
    """This kiosk's identity, or None before the first-run set-up."""
    row = session.scalars(select(Kiosk).limit(1)).first()
    if row is None:
        return None
    return KioskIdentity(row.id, row.learning_point, row.commune_code)


def complete_setup(
    session: Session,
    *,
    commune_code: str,
    learning_point: str,
    staff_pin: str,
    admin_pin: str,
    known_communes: set[str],
) -> KioskIdentity:
    if identity(session) is not None:
        raise SetupError("setup.already_done")
    if commune_code not in known_communes:
        raise SetupError("setup.error.commune")
    if not place_name_ok(learning_point):
        raise SetupError("setup.error.name")
    name = clean_name(learning_point)
    for pin in (staff_pin, admin_pin):
        try:
            check_pin_format(pin)
        except ValueError as exc:
            raise SetupError("setup.error.pin_format") from exc
    if staff_pin == admin_pin:
        raise SetupError("setup.error.pin_same")
    kiosk = Kiosk(learning_point=name, commune_code=commune_code, next_slip_serial=1)
    session.add(kiosk)
    session.flush()
    for role, pin in ((Role.STAFF, staff_pin), (Role.ADMIN, admin_pin)):
        session.add(StaffCredential(role=role.value, kiosk_id=kiosk.id, pin_hash=hash_pin(pin)))
    audit.record(session, "admin", "setup_completed", commune=commune_code, name=name)
    return KioskIdentity(kiosk.id, name, commune_code)
