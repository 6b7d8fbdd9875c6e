"""A generic e-identity app (VNeID-like): red bar, white pages, a national-red accent."""

from __future__ import annotations

from kiosk.ui.phone.base import AppStyle, PhoneAppRenderer


class IdentityRenderer(PhoneAppRenderer):
    name = "identity"
    # white on #b3261e: 6.5:1
    style = AppStyle(bar="#b3261e", accent="#b3261e", surface="#fbeeed")
