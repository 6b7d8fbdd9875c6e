from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.db.models import StaffCredential
from kiosk.staff.pin import verify_pin
from kiosk.staff.setup import SetupError, complete_setup, identity

CODES = {"03127", "03158"}


def setup(session, **overrides):  # type: ignore[no-untyped-def]
    args = dict(
        commune_code="03158",
        learning_point="  Nhà văn hoá   bản Sín Thầu ",
        staff_pin="481579",
        admin_pin="2093761",
        known_communes=CODES,
    )
    args.update(overrides)
    return complete_setup(session, **args)


def test_setup_stores_identity_and_hashed_pins(services) -> None:  # type: ignore[no-untyped-def]
    with services.database.transaction() as s:
        done = setup(s)
    assert done.learning_point == "Nhà văn hoá bản Sín Thầu"
    with services.database.transaction() as s:
        assert identity(s) == done
        hashes = [c.pin_hash for c in s.scalars(select(StaffCredential))]
    assert len(hashes) == 2
    # stored as scrypt$n$r$p$salt$hash: only hex after the parameters, never the PIN itself
    assert all(h.startswith("scrypt$") and len(h.split("$")[5]) == 64 for h in hashes)
    assert (
        sorted(verify_pin(pin, h) for pin in ("481579", "2093761") for h in hashes).count(True) == 2
    )


@pytest.mark.parametrize(
    ("overrides", "key"),
    [
        ({"commune_code": "99999"}, "setup.error.commune"),
        ({"learning_point": " x "}, "setup.error.name"),
        ({"staff_pin": "12"}, "setup.error.pin_format"),
        ({"staff_pin": "2468"}, "setup.error.pin_format"),  # four digits: too easy to guess
        ({"admin_pin": "12345"}, "setup.error.pin_format"),
        ({"admin_pin": "999999"}, "setup.error.pin_format"),
        ({"admin_pin": "456789"}, "setup.error.pin_format"),
        ({"admin_pin": "481579"}, "setup.error.pin_same"),
    ],
)
def test_bad_setup_is_refused_with_a_message_key(services, overrides, key) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SetupError) as info, services.database.transaction() as s:
        setup(s, **overrides)
    assert info.value.key == key
    assert services.catalogue.text("vi", key) != key  # the message exists
    with services.database.transaction() as s:
        assert identity(s) is None


def test_setup_runs_once(services) -> None:  # type: ignore[no-untyped-def]
    with services.database.transaction() as s:
        setup(s)
    with pytest.raises(SetupError), services.database.transaction() as s:
        setup(s)
