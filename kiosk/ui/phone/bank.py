"""A generic bank app: a green bar and green buttons."""

from __future__ import annotations

from kiosk.ui.phone.base import AppStyle, PhoneAppRenderer


class BankRenderer(PhoneAppRenderer):
    name = "bank"
    # white on #0b6e4f: 6.3:1
    style = AppStyle(bar="#0b6e4f", accent="#0b6e4f", surface="#e8f4ef", background="#fbfdfc")
