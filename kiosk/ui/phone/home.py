"""The home screen (app icons on a wallpaper) and the settings app."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.content.schema import AnyElement, PhoneScreen
from kiosk.content.schema.phone import Button
from kiosk.ui.phone import parts
from kiosk.ui.phone.base import AppStyle, PhoneAppRenderer
from kiosk.ui.phone.elements import RenderContext, mark, text_label

COLUMNS = 3


class HomeRenderer(PhoneAppRenderer):
    """App icons in a grid, as on a phone's home screen; everything else in a column."""

    name = "home"
    # Buttons on the dark background are light (a dark accent would vanish on it).
    style = AppStyle(
        background="#1f3b57",
        ink="#ffffff",
        muted="#dfe7ef",
        bar="#16293d",
        surface="#35577a",
        accent="#ffffff",
        accent_ink="#1f3b57",
    )

    def fill(self, column: QVBoxLayout, screen: PhoneScreen, ctx: RenderContext) -> None:
        icons = [e for e in screen.elements if isinstance(e, Button) and e.style == "icon"]
        others = [e for e in screen.elements if e not in icons]
        for element in others[:1] if others and others[0].type == "status_bar" else []:
            column.addWidget(self.build(element, ctx))
            others = others[1:]
        grid = QGridLayout()
        pad = ctx.px(14)
        grid.setContentsMargins(pad, pad * 2, pad, pad)
        grid.setSpacing(pad)
        columns = COLUMNS if ctx.unit >= 1.1 else COLUMNS - 1  # names must fit, unabridged
        for i, icon in enumerate(icons):
            grid.addWidget(app_icon(icon, ctx), i // columns, i % columns)
        column.addLayout(grid)
        rest = PhoneScreen(app=screen.app, elements=others)
        super().fill(column, rest, ctx)

    def build(self, element: AnyElement, ctx: RenderContext) -> QWidget:
        if isinstance(element, Button) and element.style == "icon":
            return app_icon(element, ctx)
        return super().build(element, ctx)

    def stylesheet(self, ctx: RenderContext) -> str:
        return (
            super().stylesheet(ctx)
            + f"""
        QWidget#phone-screen {{ background: qlineargradient(x1:0, y1:0, x2:0, y2:1,
                               stop:0 #1f3b57, stop:1 #2f5d62); }}
        [el="app-icon"] {{ border-radius: {ctx.px(12)}px; }}
        [el="app-icon"] QLabel#name {{ color: white; font-size: {ctx.px(20, 20)}px;
                                       font-weight: bold; }}
        """
        )


def app_icon(e: Button, ctx: RenderContext) -> QWidget:
    """An app's icon with its name underneath (the name wraps rather than being cut)."""
    widget = QFrame()
    column = QVBoxLayout(widget)
    column.setContentsMargins(2, ctx.px(6), 2, ctx.px(6))
    column.setSpacing(ctx.px(4))
    side = ctx.px(64, 56)
    icon = parts.picture(ctx.media(e.icon), side, side) if e.icon else None
    holder = QLabel()
    holder.setFixedSize(side, side)
    if icon is not None:
        holder.setPixmap(icon)
    column.addWidget(holder, 0, Qt.AlignmentFlag.AlignHCenter)
    name = text_label(e.label.text(ctx.lang), "name")
    name.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
    name.setMinimumHeight(round(ctx.px(20, 20) * 2.9))  # room for a name on two lines
    column.addWidget(name)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return mark(widget, e.id, "app-icon")


class SettingsRenderer(PhoneAppRenderer):
    name = "settings"
    style = AppStyle(background="#f2f2f7", bar="#3c4043", accent="#1a73e8", surface="#ffffff")
