"""A generic chat app: a blue bar, grey incoming and blue outgoing bubbles."""

from __future__ import annotations

from kiosk.ui.phone.base import AppStyle, PhoneAppRenderer


class ChatRenderer(PhoneAppRenderer):
    name = "chat"
    # white on #0a58ca: 6.2:1
    style = AppStyle(
        bar="#0a58ca",
        accent="#0a58ca",
        outgoing="#0a58ca",
        incoming="#e4e6eb",
        background="#ffffff",
    )
