"""What is done about a learner at the kiosk: sign in, register (alone or by staff).

One function per action, each in its own transaction; screens call these and show the
result. Refusals come back as ``RegistrationError`` (field + message key).
"""

from __future__ import annotations

from kiosk import audit
from kiosk.learners.registry import LearnerView, Registration, SignIn, register, sign_in
from kiosk.services import Services


def sign_in_learner(services: Services, name: str, year: int, village: str | None) -> SignIn:
    """Find a registered learner by name and birth year (and village when two match)."""
    with services.db.transaction() as session:
        return sign_in(session, name, year, village)


def register_learner(
    services: Services, registration: Registration, staff: str | None = None
) -> LearnerView:
    """Register a learner; ``staff`` names the role when staff register someone.

    Raises:
        RegistrationError: an answer is refused (the field and the message key).
    """
    with services.db.transaction() as session:
        view = register(
            session, services.vault(), registration, services.kiosk_id, services.clock()
        )
        if staff is not None:
            audit.record(session, staff, "learner_registered_by_staff", learner=str(view.id))
    return view
