"""Signing in and registering, as the learner and staff screens call them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.db.models import AuditEntry
from kiosk.learners.ops import register_learner, sign_in_learner
from kiosk.learners.registry import Purpose, Registration, RegistrationError, SignInOutcome


def reg(name: str) -> Registration:
    return Registration(name, 1980, "Bản Him Lam", "adults", {Purpose.SLIP: True})


def test_register_then_sign_in(ready_services) -> None:  # type: ignore[no-untyped-def]
    view = register_learner(ready_services, reg("  Lò   Văn Mẫu "))
    assert view.full_name == "Lò Văn Mẫu"
    found = sign_in_learner(ready_services, "lo van mau", 1980, None)
    assert found.outcome is SignInOutcome.FOUND and found.learner == view
    missing = sign_in_learner(ready_services, "Lò Văn Mẫu", 1981, None)
    assert missing.outcome is SignInOutcome.NOT_FOUND


def test_staff_registration_is_audited_and_refusals_are_typed(ready_services) -> None:  # type: ignore[no-untyped-def]
    view = register_learner(ready_services, reg("Quàng Thị Sáng"), staff="staff")
    with ready_services.db.transaction() as s:
        actions = [(e.actor, e.action) for e in s.scalars(select(AuditEntry))]
    assert ("staff", "learner_registered_by_staff") in actions
    assert view.full_name == "Quàng Thị Sáng"
    with pytest.raises(RegistrationError) as refused:
        register_learner(ready_services, reg("Sáng 1980"))
    assert (refused.value.field, refused.value.key) == ("full_name", "register.error.name")
