"""One widget per phone element type, named after the element's id."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.schema import AnyElement
from kiosk.content.schema.phone import (
    AppBar,
    Button,
    CameraViewfinder,
    Dialog,
    Image,
    Keypad,
    ListItem,
    Message,
    Notification,
    QrCode,
    StatusBar,
    TextBlock,
    TextField,
    Toggle,
)
from kiosk.ui.phone import parts

ELEMENT_ID = "element_id"  # widget property: the element a widget stands for
INTERNAL = "phone_internal"  # widget property: handles its own touches (keypad keys...)
FULL_WIDTH = frozenset({"status_bar", "app_bar", "camera_viewfinder"})


@dataclass(frozen=True)
class RenderContext:
    """What a renderer needs besides the screen: language, size unit, media files."""

    lang: str
    unit: float  # pixels per design point; the design phone is 360 points wide
    media: Callable[[str | None], Path | None]
    tr: Callable[..., str]

    def px(self, points: float, floor: int = 0) -> int:
        return max(floor, round(points * self.unit))


def mark(widget: QWidget, element_id: str, el: str) -> QWidget:
    """Name the widget after its element and tag it for the style sheet."""
    widget.setObjectName(element_id)
    widget.setProperty(ELEMENT_ID, element_id)
    widget.setProperty("el", el)
    widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    return widget


def text_label(text: str, name: str = "", *, wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        widget.setObjectName(name)
    return widget


def padded(widget: QWidget, pad: int, top: int = 0) -> QLayout:
    row = QHBoxLayout()
    row.setContentsMargins(pad, top, pad, 0)
    row.addWidget(widget)
    return row


def status_bar(e: StatusBar, ctx: RenderContext) -> QWidget:
    widget = parts.StatusBarWidget(e.time, e.battery, e.signal, ctx.px(36, 34))
    return mark(widget, e.id, "status_bar")


def app_bar(e: AppBar, ctx: RenderContext) -> QWidget:
    widget = QWidget()
    row = QHBoxLayout(widget)
    row.setContentsMargins(ctx.px(12), ctx.px(8), ctx.px(12), ctx.px(8))
    if e.back:
        row.addWidget(text_label("‹", "back", wrap=False))
    row.addWidget(text_label(e.title.text(ctx.lang), "title"), 1)
    return mark(widget, e.id, "app_bar")


def text_block(e: TextBlock, ctx: RenderContext) -> QWidget:
    return mark(text_label(e.text.text(ctx.lang)), e.id, f"text-{e.style}")


def image(e: Image, ctx: RenderContext) -> QWidget:
    widget = QLabel()
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    pixmap = parts.picture(ctx.media(e.src), ctx.px(300), ctx.px(220))
    if pixmap is None:
        widget.setText(e.alt.text(ctx.lang))
        widget.setWordWrap(True)
    else:
        widget.setPixmap(pixmap)
    widget.setAccessibleName(e.alt.text(ctx.lang))
    return mark(widget, e.id, "image")


def wrapped(text: str, metrics: QFontMetrics, room: int) -> str:
    """``text`` broken into lines at spaces so each fits ``room`` pixels (a long word stays)."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def button(e: Button, ctx: RenderContext) -> QWidget:
    widget = QPushButton()
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    # A button's label wraps instead of being cut at both ends: the room is the phone's
    # width less the element margins, the button's padding and border, and its icon.
    room = ctx.px(360 - 2 * 14) - 2 * 12 - 2 * 2 - 8
    if e.icon:
        icon = parts.picture(ctx.media(e.icon), ctx.px(40), ctx.px(40))
        if icon is not None:
            widget.setIcon(icon)
            widget.setIconSize(icon.size())
            room -= icon.width() + 8
    font = QFont(widget.font())
    font.setPixelSize(ctx.px(22, 22))
    font.setBold(True)
    widget.setText(wrapped(e.label.text(ctx.lang), QFontMetrics(font), room))
    style = "primary" if e.style == "icon" else e.style
    return mark(widget, e.id, f"button-{style}")


def text_field(e: TextField, ctx: RenderContext) -> QWidget:
    widget = QWidget()
    column = QVBoxLayout(widget)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(ctx.px(4))
    column.addWidget(text_label(e.label.text(ctx.lang), "label"))
    edit = QLineEdit(e.value)
    edit.setObjectName(f"{e.id}-input")
    if e.placeholder is not None:
        edit.setPlaceholderText(e.placeholder.text(ctx.lang))
    if e.input in ("number", "phone"):
        edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    if e.input == "password":
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    column.addWidget(edit)
    return mark(widget, e.id, "text_field")


def list_item(e: ListItem, ctx: RenderContext) -> QWidget:
    widget = QWidget()
    row = QHBoxLayout(widget)
    row.setContentsMargins(ctx.px(12), ctx.px(8), ctx.px(12), ctx.px(8))
    icon = parts.picture(ctx.media(e.icon), ctx.px(40), ctx.px(40)) if e.icon else None
    if icon is not None:
        holder = QLabel()
        holder.setPixmap(icon)
        row.addWidget(holder)
    texts = QVBoxLayout()
    texts.addWidget(text_label(e.title.text(ctx.lang), "title"))
    if e.subtitle is not None:
        texts.addWidget(text_label(e.subtitle.text(ctx.lang), "subtitle"))
    row.addLayout(texts, 1)
    row.addWidget(text_label("›", "chevron", wrap=False))
    return mark(widget, e.id, "list_item")


def toggle(e: Toggle, ctx: RenderContext) -> QWidget:
    widget = QWidget()
    row = QHBoxLayout(widget)
    row.setContentsMargins(ctx.px(4), ctx.px(6), ctx.px(4), ctx.px(6))
    row.addWidget(text_label(e.label.text(ctx.lang), "label"), 1)
    row.addWidget(parts.Switch(e.checked, ctx.px(64, 60), ctx.px(36, 32)))
    return mark(widget, e.id, "toggle")


def keypad(e: Keypad, ctx: RenderContext) -> QWidget:
    label = e.label.text(ctx.lang) if e.label is not None else ""
    hidden = e.purpose.value in ("pin", "passcode")
    words = (ctx.tr("player.key_backspace"), ctx.tr("player.phone_ok"))
    widget = parts.KeypadWidget(e.id, label, e.length, hidden, ctx.px(8), words)
    for key in widget.findChildren(QPushButton):
        key.setProperty(INTERNAL, True)
    widget.setProperty(INTERNAL, True)
    return mark(widget, e.id, "keypad")


def dialog(e: Dialog, ctx: RenderContext) -> QWidget:
    widget = QFrame()
    column = QVBoxLayout(widget)
    pad = ctx.px(16)
    column.setContentsMargins(pad, pad, pad, pad)
    column.addWidget(text_label(e.title.text(ctx.lang), "title"))
    if e.body is not None:
        column.addWidget(text_label(e.body.text(ctx.lang), "body"))
    row = QHBoxLayout()
    for b in e.buttons:
        row.addWidget(button(b, ctx))
    column.addLayout(row)
    return mark(widget, e.id, "dialog")


def notification(e: Notification, ctx: RenderContext) -> QWidget:
    widget = QFrame()
    column = QVBoxLayout(widget)
    pad = ctx.px(12)
    column.setContentsMargins(pad, pad, pad, pad)
    column.addWidget(text_label(e.title.text(ctx.lang), "title"))
    column.addWidget(text_label(e.body.text(ctx.lang), "body"))
    return mark(widget, e.id, "notification")


def message(e: Message, ctx: RenderContext) -> QWidget:
    widget = QFrame()
    column = QVBoxLayout(widget)
    pad = ctx.px(12)
    column.setContentsMargins(pad, pad, pad, pad)
    if e.incoming:
        column.addWidget(text_label(e.sender, "sender"))
    column.addWidget(text_label(e.text.text(ctx.lang), "text"))
    if e.link:
        link = text_label(e.link, "link")
        link.setWordWrap(True)
        column.addWidget(link)
    # Tall enough for every wrapped line: a Maximum policy would cap the bubble at its size
    # hint, which is worked out for a wider bubble, and cut the message off mid-line.
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return mark(widget, e.id, "message-in" if e.incoming else "message-out")


def qr_code(e: QrCode, ctx: RenderContext) -> QWidget:
    widget = QWidget()
    column = QVBoxLayout(widget)
    column.setContentsMargins(0, 0, 0, 0)
    code = parts.QrWidget(e.payload, ctx.px(190))
    column.addWidget(code, 0, Qt.AlignmentFlag.AlignHCenter)
    if e.caption is not None:
        caption = text_label(e.caption.text(ctx.lang), "caption")
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(caption)
    return mark(widget, e.id, "qr_code")


def viewfinder(e: CameraViewfinder, codes: Sequence[QrCode], ctx: RenderContext) -> QWidget:
    """The camera: a dark frame with corner marks; the QR codes in view; a shutter button."""
    inside = [qr_code(code, ctx) for code in codes]
    for child in inside:
        for label in child.findChildren(QLabel):
            label.setStyleSheet("color: white;")
    caption = e.caption.text(ctx.lang) if e.caption is not None else ""
    widget = parts.Viewfinder(caption, inside, ctx.px(14), ctx.tr("player.camera_scan"))
    widget.shutter.setObjectName(f"{e.id}-shutter")
    widget.shutter.setProperty(INTERNAL, True)
    return mark(widget, e.id, "camera_viewfinder")


_BUILDERS: dict[type, Callable[..., QWidget]] = {
    StatusBar: status_bar,
    AppBar: app_bar,
    TextBlock: text_block,
    Image: image,
    Button: button,
    TextField: text_field,
    ListItem: list_item,
    Toggle: toggle,
    Keypad: keypad,
    Dialog: dialog,
    Notification: notification,
    Message: message,
    QrCode: qr_code,
    CameraViewfinder: lambda e, ctx: viewfinder(e, (), ctx),
}


def build(element: AnyElement, ctx: RenderContext) -> QWidget:
    """The widget for any element type."""
    return _BUILDERS[type(element)](element, ctx)
