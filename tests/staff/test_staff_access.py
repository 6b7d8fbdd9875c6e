"""Staff entry: 5 wrong PINs lock it for 5 minutes, and the lock survives a restart."""

from __future__ import annotations

from datetime import timedelta

from kiosk import audit
from kiosk.db.base import utcnow
from kiosk.db.database import open_database
from kiosk.staff.access import Role, locked_until, try_pin
from tests.conftest import ADMIN_PIN, STAFF_PIN


def test_roles_are_told_apart(ready_services) -> None:  # type: ignore[no-untyped-def]
    now = utcnow()
    with ready_services.database.transaction() as s:
        assert try_pin(s, STAFF_PIN, now).role is Role.STAFF
        assert try_pin(s, ADMIN_PIN, now).role is Role.ADMIN
        assert try_pin(s, STAFF_PIN, now, want=Role.ADMIN).role is None


def test_five_wrong_pins_lock_for_five_minutes(ready_services) -> None:  # type: ignore[no-untyped-def]
    now = utcnow()
    db = ready_services.database
    with db.transaction() as s:
        results = [try_pin(s, "0000", now) for _ in range(5)]
    assert [r.tries_left for r in results] == [4, 3, 2, 1, 0]
    assert results[-1].locked_until == now + timedelta(minutes=5)
    # locked: even the right PIN is refused
    with db.transaction() as s:
        assert try_pin(s, STAFF_PIN, now + timedelta(minutes=4)).role is None
    # a restart does not lift the lock
    db.dispose()
    reopened = open_database(db.path)
    with reopened.transaction() as s:
        assert locked_until(s, now + timedelta(minutes=1)) is not None
        assert try_pin(s, STAFF_PIN, now + timedelta(minutes=5, seconds=1)).role is Role.STAFF
        actions = [e.action for e in audit.recent(s)]
    assert actions.count("pin_failed") == 5
    assert "staff_entry_locked" in actions
    reopened.dispose()


def test_a_right_pin_resets_the_count(ready_services) -> None:  # type: ignore[no-untyped-def]
    now = utcnow()
    with ready_services.database.transaction() as s:
        for _ in range(4):
            try_pin(s, "0000", now)
        assert try_pin(s, STAFF_PIN, now).role is Role.STAFF
        assert try_pin(s, "0000", now).tries_left == 4
