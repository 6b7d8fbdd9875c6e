"""What a verifier believes of a genuine record beyond its signature: dates and revocation.

The same rules serve the hub (from what its database knows) and offline verifiers
(`kiosk slip verify --trust FILE`, from what the hub wrote into the trust list).

A revoked key keeps vouching only for records the hub had already heard of: those
completed before ``revoked_from`` *and* numbered at most ``last_serial``, the highest
serial the hub had received from that kiosk before the revocation took effect (the
start of ``revoked_from``, Vietnam time). A stolen key can back-date ``completed_on``
at will, but every record it mints needs a new serial, and serials only grow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# The national "Bình dân học vụ số" movement was launched on 26 March 2025; nothing a
# kiosk of this programme vouches for can be older.
MOVEMENT_START = date(2025, 3, 26)
# A kiosk's clock may run a day ahead of the hub's (a PC left on a wrong date).
CLOCK_SLACK = timedelta(days=1)


@dataclass(frozen=True)
class Revocation:
    """A kiosk key's revocation, as a verifier knows it.

    Attributes:
        revoked_from: Records completed on or after this day are refused.
        last_serial: The highest serial the hub received from the kiosk before the
            revocation took effect (-1: none); None while it has not taken effect yet
            when the trust list was written.
    """

    revoked_from: date
    last_serial: int | None = None


def date_problem(completed_on: date, received_on: date) -> tuple[str, str] | None:
    """(reason, detail) when a completion date cannot be true; None when it can."""
    if completed_on > received_on + CLOCK_SLACK:
        return "date_ahead", f"completed on {completed_on}, received on {received_on}"
    if completed_on < MOVEMENT_START:
        return "date_too_early", f"completed on {completed_on}, before {MOVEMENT_START}"
    return None


def revocation_problem(
    revocation: Revocation | None, serial: int, completed_on: date, today: date
) -> str | None:
    """Why a revoked key's record is refused (a detail for ``revoked``); None if it passes."""
    if revocation is None:
        return None
    if completed_on >= revocation.revoked_from:
        return f"key revoked from {revocation.revoked_from.isoformat()}"
    if today < revocation.revoked_from:
        return None  # not in effect yet: the key still signs for days before it
    if revocation.last_serial is None:
        return (
            f"key revoked from {revocation.revoked_from.isoformat()}; this trust list was "
            "written before that day, get a newer one"
        )
    if serial > revocation.last_serial:
        return (
            f"key revoked from {revocation.revoked_from.isoformat()}; serial {serial} is after "
            f"the last one the hub received before ({revocation.last_serial})"
        )
    return None
