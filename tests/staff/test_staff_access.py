"""Staff entry: 5 wrong PINs lock it for a minute, then longer and longer; the lock survives
a restart and a clock moved back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk import audit
from kiosk.db.base import utcnow
from kiosk.db.database import open_database
from kiosk.db.models import StaffCredential
from kiosk.staff.access import Role, change_pin, lock_time, locked_until, try_pin
from kiosk.staff.pin import verify_pin
from kiosk.staff.setup import SetupError
from tests.conftest import ADMIN_PIN, STAFF_PIN

WRONG = "000111"


def test_roles_are_told_apart(ready_services) -> None:  # type: ignore[no-untyped-def]
    now = utcnow()
    with ready_services.database.transaction() as s:
        assert try_pin(s, STAFF_PIN, now).role is Role.STAFF
        assert try_pin(s, ADMIN_PIN, now).role is Role.ADMIN
        assert try_pin(s, STAFF_PIN, now, want=Role.ADMIN).role is None


def test_five_wrong_pins_lock_for_a_minute_and_a_restart_keeps_it(ready_services) -> None:  # type: ignore[no-untyped-def]
    now = utcnow()
    db = ready_services.database
    with db.transaction() as s:
        results = [try_pin(s, WRONG, now) for _ in range(5)]
    assert [r.tries_left for r in results] == [4, 3, 2, 1, 0]
    assert results[-1].locked_until == now + timedelta(minutes=1)
    # locked: even the right PIN is refused
    with db.transaction() as s:
        assert try_pin(s, STAFF_PIN, now + timedelta(seconds=50)).role is None
    # a restart does not lift the lock
    db.dispose()
    reopened = open_database(db.path)
    with reopened.transaction() as s:
        assert locked_until(s, now + timedelta(seconds=30)) is not None
        assert try_pin(s, STAFF_PIN, now + timedelta(minutes=1, seconds=1)).role is Role.STAFF
        actions = [e.action for e in audit.recent(s)]
    assert actions.count("pin_failed") == 5
    assert "staff_entry_locked" in actions
    reopened.dispose()


def test_every_further_wrong_pin_doubles_the_lock_up_to_a_day(ready_services) -> None:  # type: ignore[no-untyped-def]
    assert [lock_time(n) for n in (4, 5, 6, 7, 8)] == [
        timedelta(0),
        *(timedelta(minutes=m) for m in (1, 2, 4, 8)),
    ]
    assert lock_time(40) == lock_time(10_000) == timedelta(days=1)
    now = utcnow()
    with ready_services.database.transaction() as s:
        for _ in range(5):
            try_pin(s, WRONG, now)
        ends = []
        for _ in range(4):  # each try as soon as the last lock ends
            now = locked_until(s, now) or now
            ends.append(try_pin(s, WRONG, now).locked_until - now)  # type: ignore[operator]
        assert ends == [timedelta(minutes=m) for m in (2, 4, 8, 16)]
        # guessing all day: about 16 tries on the first day, then one a day
        tries, day_end = 9, now + timedelta(days=1)
        while (now := locked_until(s, now) or now) < day_end:
            try_pin(s, WRONG, now)
            tries += 1
        assert tries < 20


def test_moving_the_clock_back_does_not_unlock(ready_services) -> None:  # type: ignore[no-untyped-def]
    now = utcnow()
    db = ready_services.database
    with db.transaction() as s:
        for _ in range(6):
            try_pin(s, WRONG, now)  # the sixth comes during the lock: refused, not counted
        assert locked_until(s, now) == now + timedelta(minutes=1)
    earlier = now - timedelta(days=3)
    with db.transaction() as s:  # the clock set back three days, then the right PIN
        assert try_pin(s, STAFF_PIN, earlier).role is None
        assert locked_until(s, earlier) == earlier + timedelta(minutes=1)  # the lock starts over
    db.dispose()
    reopened = open_database(db.path)
    with reopened.transaction() as s:
        assert try_pin(s, STAFF_PIN, earlier + timedelta(seconds=59)).role is None
        assert try_pin(s, STAFF_PIN, earlier + timedelta(minutes=1)).role is Role.STAFF
    reopened.dispose()


def test_a_right_pin_resets_the_count(ready_services) -> None:  # type: ignore[no-untyped-def]
    now = utcnow()
    with ready_services.database.transaction() as s:
        for _ in range(4):
            try_pin(s, WRONG, now)
        assert try_pin(s, STAFF_PIN, now).role is Role.STAFF
        assert try_pin(s, WRONG, now).tries_left == 4


def test_the_administrator_changes_a_pin_under_the_same_rule(ready_services) -> None:  # type: ignore[no-untyped-def]
    now = utcnow()
    with ready_services.database.transaction() as s:
        change_pin(s, Role.STAFF, "582046", now)
        assert try_pin(s, "582046", now).role is Role.STAFF
        assert try_pin(s, STAFF_PIN, now).role is None
        stored = s.scalars(select(StaffCredential.pin_hash)).all()
        assert not any("582046" in h for h in stored)
        assert any(verify_pin("582046", h) for h in stored)
        assert "pin_changed" in [e.action for e in audit.recent(s)]
    for pin, key in (("4321", "setup.error.pin_format"), ("111111", "setup.error.pin_format"),
                     (ADMIN_PIN, "setup.error.pin_same")):  # fmt: skip
        with pytest.raises(SetupError) as info, ready_services.database.transaction() as s:
            change_pin(s, Role.STAFF, pin, now)
        assert info.value.key == key
        assert ready_services.catalogue.text("vi", key) != key
