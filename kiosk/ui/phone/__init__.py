"""The simulated phone: a frame, and one small renderer plugin per app family."""

from kiosk.ui.phone.base import AppStyle, PhoneAppRenderer
from kiosk.ui.phone.registry import RENDERERS
from kiosk.ui.phone.view import PhoneView

__all__ = ["RENDERERS", "AppStyle", "PhoneAppRenderer", "PhoneView"]
