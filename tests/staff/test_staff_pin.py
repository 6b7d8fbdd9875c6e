from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kiosk.staff.pin import PinFormatError, hash_pin, pin_is_allowed, verify_pin

FAST_N = 2**10  # the stored cost parameter travels with the hash


def test_hash_is_salted_and_never_the_pin() -> None:
    one, two = hash_pin("246813", n=FAST_N), hash_pin("246813", n=FAST_N)
    assert one != two
    assert one.split("$")[:4] == ["scrypt", str(FAST_N), "8", "1"]  # then salt and hash, hex
    assert one.startswith("scrypt$")


def test_default_cost_is_slow_scrypt() -> None:
    stored = hash_pin("246813")
    assert stored.split("$")[1] == str(2**14)
    assert verify_pin("246813", stored)


@settings(max_examples=25, deadline=None)
@given(st.from_regex(r"[0-9]{6,8}", fullmatch=True), st.from_regex(r"[0-9]{6,8}", fullmatch=True))
def test_only_the_right_pin_verifies(pin: str, other: str) -> None:
    assume(pin_is_allowed(pin))
    stored = hash_pin(pin, n=FAST_N)
    assert verify_pin(pin, stored)
    assert verify_pin(other, stored) == (other == pin)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "123",
        "2468",
        "12345",
        "123456789",
        "12a456",
        " 246813",
        "٢٤٦٨١٣",
        "000000",
        "234567",
        "87654321",
    ],
)
def test_bad_pins_are_refused(bad: str) -> None:
    with pytest.raises(PinFormatError):
        hash_pin(bad)


def test_malformed_stored_hash_never_verifies() -> None:
    assert not verify_pin("1234", "plain-1234")
    assert not verify_pin("1234", "md5$1$2$3$00$00")
