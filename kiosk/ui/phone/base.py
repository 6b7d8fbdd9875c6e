"""The small interface every simulated app implements, and the styling they share.

A renderer turns a ``PhoneScreen`` (plain data) into widgets. Each element widget is named
after the element's id (``objectName``) and carries an ``el`` property (``button-primary``,
``list_item``...) that the app's style sheet styles. An app family only changes colours,
and where it wants, how one element type looks (message bubbles, an icon grid...).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.content.schema import AnyElement, PhoneScreen
from kiosk.ui.phone import elements
from kiosk.ui.phone.elements import RenderContext

ELEMENT_ID = elements.ELEMENT_ID
INTERNAL = elements.INTERNAL


@dataclass(frozen=True)
class AppStyle:
    """An app family's colours. Text/background pairs keep WCAG AA contrast."""

    background: str = "#ffffff"
    ink: str = "#1b1b1b"
    muted: str = "#4a4a4a"
    bar: str = "#0a4d8c"
    bar_ink: str = "#ffffff"
    accent: str = "#0a4d8c"
    accent_ink: str = "#ffffff"
    surface: str = "#f1f3f6"
    danger: str = "#a4161a"
    incoming: str = "#e9ecef"
    outgoing: str = "#0a4d8c"


class PhoneAppRenderer:
    """Default renderer: a column of elements in the app's colours. Subclass per app family."""

    style = AppStyle()
    name = "app"

    def render(self, screen: PhoneScreen, ctx: RenderContext) -> QWidget:
        """The screen's content widget (everything inside the phone's glass)."""
        body = QWidget()
        body.setObjectName("phone-screen")
        body.setProperty("app", screen.app.value)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.fill(column, screen, ctx)
        column.addStretch(1)
        body.setStyleSheet(self.stylesheet(ctx))
        return body

    def fill(self, column: QVBoxLayout, screen: PhoneScreen, ctx: RenderContext) -> None:
        """Add the element widgets; override to arrange them differently (a grid...)."""
        has_camera = any(e.type == "camera_viewfinder" for e in screen.elements)
        qr_codes = [e for e in screen.elements if e.type == "qr_code"]
        for element in screen.elements:
            if element.type == "qr_code" and has_camera:
                continue  # drawn inside the viewfinder, as what the camera sees
            if element.type == "camera_viewfinder":
                widget = elements.viewfinder(element, qr_codes, ctx)
            else:
                widget = self.build(element, ctx)
            if element.type in elements.FULL_WIDTH:
                column.addWidget(widget, 10 if element.type == "camera_viewfinder" else 0)
            else:
                column.addLayout(elements.padded(widget, ctx.px(14), ctx.px(10)))

    def build(self, element: AnyElement, ctx: RenderContext) -> QWidget:
        """One element's widget; override for app-specific looks."""
        return elements.build(element, ctx)

    def stylesheet(self, ctx: RenderContext) -> str:
        s, px = self.style, ctx.px
        body, small, title = px(22, 22), px(20, 20), px(28, 26)
        return f"""
        QWidget#phone-screen {{ background: {s.background}; }}
        QWidget {{ color: {s.ink}; font-size: {body}px; background: transparent; }}
        QLabel {{ background: transparent; }}
        [el="status_bar"] {{ background: {s.bar}; color: {s.bar_ink}; }}
        [el="status_bar"] QLabel {{ color: {s.bar_ink}; font-size: {small}px; }}
        [el="app_bar"] {{ background: {s.bar}; min-height: {px(64, 56)}px; }}
        [el="app_bar"] QLabel {{ color: {s.bar_ink}; font-size: {px(24, 22)}px;
                                 font-weight: bold; }}
        QLabel[el="text-title"] {{ font-size: {title}px; font-weight: bold; }}
        QLabel[el="text-caption"] {{ font-size: {small}px; color: {s.muted}; }}
        QLabel[el="text-warning"] {{ color: {s.danger}; font-weight: bold; }}
        QPushButton {{ min-height: {px(64, 56)}px; border-radius: {px(12)}px;
                       font-size: {body}px; font-weight: bold; padding: 4px 12px; }}
        QPushButton[el="button-primary"] {{ background: {s.accent}; color: {s.accent_ink};
                                           border: none; }}
        QPushButton[el="button-secondary"] {{ background: {s.background}; color: {s.accent};
                                             border: 2px solid {s.accent}; }}
        QPushButton[el="button-danger"] {{ background: {s.danger}; color: white; border: none; }}
        QPushButton[el="button-link"] {{ background: transparent; color: {s.accent};
                                        border: none; text-decoration: underline; }}
        [el="text_field"] QLabel {{ font-size: {small}px; color: {s.muted}; }}
        QLineEdit {{ background: white; border: 2px solid {s.muted}; border-radius: 8px;
                     min-height: {px(56, 52)}px; font-size: {px(24, 22)}px; padding: 0 8px; }}
        QLineEdit:focus {{ border: 3px solid {s.accent}; }}
        [el="list_item"] {{ background: {s.surface}; border-radius: {px(10)}px;
                            min-height: {px(64, 60)}px; }}
        [el="list_item"] QLabel#subtitle {{ color: {s.muted}; font-size: {small}px; }}
        [el="notification"] {{ background: #fff8dc; border: 2px solid #b58900;
                               border-radius: {px(14)}px; }}
        [el="notification"] QLabel {{ color: #1b1b1b; }}
        [el="notification"] QLabel#title {{ font-weight: bold; }}
        [el="dialog"] {{ background: white; border: 2px solid {s.muted};
                         border-radius: {px(16)}px; }}
        [el="dialog"] QLabel#title {{ font-size: {px(24, 22)}px; font-weight: bold; }}
        [el="message-in"] {{ background: {s.incoming}; border-radius: {px(16)}px; }}
        [el="message-out"] {{ background: {s.outgoing}; border-radius: {px(16)}px; }}
        [el="message-out"] QLabel {{ color: white; }}
        [el="message-in"] QLabel#sender {{ color: {s.muted}; font-size: {small}px; }}
        QLabel#link {{ color: #0645ad; text-decoration: underline; }}
        [el="keypad"] QPushButton {{ background: {s.surface}; color: {s.ink}; border: none;
                                     font-size: {px(30, 26)}px; min-height: {px(62, 60)}px; }}
        [el="keypad"] QPushButton:pressed {{ background: #ffd23f; }}
        [el="keypad"] QLabel#dots {{ font-size: {px(30, 26)}px; font-weight: bold;
                                     letter-spacing: 4px; }}
        [el="camera_viewfinder"] QLabel {{ color: white; }}
        [el="camera_viewfinder"] QPushButton {{ background: white; color: #1b1b1b;
                                                border: none; }}
        """
