"""Staff PINs as salted scrypt hashes (stdlib ``hashlib.scrypt``).

Stored form: ``scrypt$n$r$p$salt_hex$hash_hex``. A PIN is never stored or
logged in clear.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

N, R, P = 2**14, 8, 1  # ~50 ms on a modest PC: slow for guessing, quick for staff
# a million PINs against a growing lock-out (kiosk.staff.access): a handful of guesses a day
MIN_LENGTH, MAX_LENGTH = 6, 8
_RUNS = "01234567890", "09876543210"


class PinFormatError(ValueError):
    pass


def check_pin_format(pin: str) -> None:
    """The PIN rule for staff and administrator PINs alike.

    Raises:
        PinFormatError: not 6 to 8 digits, or one digit repeated, or a run like 123456
            (the first PINs anyone tries).
    """
    if not pin.isdigit() or not pin.isascii() or not (MIN_LENGTH <= len(pin) <= MAX_LENGTH):
        raise PinFormatError(f"a PIN is {MIN_LENGTH} to {MAX_LENGTH} digits")
    if len(set(pin)) == 1 or any(pin in run for run in _RUNS):
        raise PinFormatError("a PIN must not be one digit repeated or a run like 123456")


def pin_is_allowed(pin: str) -> bool:
    try:
        check_pin_format(pin)
    except PinFormatError:
        return False
    return True


def hash_pin(pin: str, *, n: int = N) -> str:
    check_pin_format(pin)
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=R, p=P, dklen=32)
    return f"scrypt${n}${R}${P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_hex, hash_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(
        pin.encode(), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(digest.hex(), hash_hex)
