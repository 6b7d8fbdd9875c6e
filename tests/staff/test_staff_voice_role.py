"""The voice role: optional, its own PIN set by the administrator, never another role's."""

from __future__ import annotations

import pytest

from kiosk.db.base import utcnow
from kiosk.staff.access import Role, change_pin, try_pin
from kiosk.staff.setup import SetupError
from tests.conftest import ADMIN_PIN, STAFF_PIN

VOICE_PIN = "482915"


def test_the_voice_pin_is_made_by_the_admin_and_opens_the_voice_role(ready_services) -> None:  # type: ignore[no-untyped-def]
    now = utcnow()
    with ready_services.database.transaction() as s:
        assert try_pin(s, VOICE_PIN, now).role is None  # no voice PIN yet
    with ready_services.database.transaction() as s:
        change_pin(s, Role.VOICE, VOICE_PIN, now)
    with ready_services.database.transaction() as s:
        assert try_pin(s, VOICE_PIN, now).role is Role.VOICE
        assert try_pin(s, VOICE_PIN, now, want=Role.ADMIN).role is None
        assert try_pin(s, ADMIN_PIN, now).role is Role.ADMIN


@pytest.mark.parametrize("taken", [STAFF_PIN, ADMIN_PIN])
def test_the_voice_pin_is_never_another_roles(ready_services, taken: str) -> None:  # type: ignore[no-untyped-def]
    with ready_services.database.transaction() as s, pytest.raises(SetupError) as refused:
        change_pin(s, Role.VOICE, taken, utcnow())
    assert refused.value.key == "setup.error.pin_same"
    with ready_services.database.transaction() as s:
        change_pin(s, Role.VOICE, VOICE_PIN, utcnow())
    with ready_services.database.transaction() as s, pytest.raises(SetupError):
        change_pin(s, Role.STAFF, VOICE_PIN, utcnow())  # nor the other way round
