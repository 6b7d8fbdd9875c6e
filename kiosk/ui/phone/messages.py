"""The phone's own SMS and calls apps."""

from __future__ import annotations

from kiosk.ui.phone.base import AppStyle, PhoneAppRenderer
from kiosk.ui.phone.elements import RenderContext


class MessagesRenderer(PhoneAppRenderer):
    name = "sms"
    # white on #00695c: 6.1:1
    style = AppStyle(bar="#00695c", accent="#00695c", outgoing="#00695c", incoming="#e0f2f1")


class CallsRenderer(PhoneAppRenderer):
    """The dialler: dark, with a big keypad and a green call button."""

    name = "calls"
    style = AppStyle(
        background="#202124",
        ink="#ffffff",
        muted="#dadce0",
        bar="#202124",
        accent="#188038",
        surface="#3c4043",
        danger="#d93025",
    )

    def stylesheet(self, ctx: RenderContext) -> str:
        # on the dark dialler, outlined buttons are white rather than green (contrast)
        return (
            super().stylesheet(ctx)
            + """
        QPushButton[el="button-secondary"] { color: white; border: 2px solid white; }
        QPushButton[el="button-link"] { color: white; }
        """
        )
