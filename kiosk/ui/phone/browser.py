"""A web browser (the app bar reads like an address bar) and an app store."""

from __future__ import annotations

from kiosk.ui.phone.base import AppStyle, PhoneAppRenderer
from kiosk.ui.phone.elements import RenderContext


class BrowserRenderer(PhoneAppRenderer):
    name = "browser"
    style = AppStyle(bar="#e8eaed", bar_ink="#1b1b1b", accent="#1a73e8", surface="#f1f3f4")

    def stylesheet(self, ctx: RenderContext) -> str:
        return (
            super().stylesheet(ctx)
            + f"""
        [el="app_bar"] QLabel#title {{ background: white; border-radius: {ctx.px(18)}px;
                                       padding: 4px 12px; font-weight: normal; }}
        """
        )


class AppStoreRenderer(PhoneAppRenderer):
    name = "app_store"
    # white on #1e6b2f: 6.4:1
    style = AppStyle(bar="#1e6b2f", accent="#1e6b2f", surface="#eef6ef")
