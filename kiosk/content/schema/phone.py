"""Simulated phone screens described as data: an app kind plus a list of elements.

The player draws each element type with one small widget; the app kind picks the
colours and frame (home screen, identity app, bank app...). Names are generic, never
real brands.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from kiosk.content.schema.common import Id, LocalText, MediaPath, Model


class AppKind(StrEnum):
    HOME = "home"
    SETTINGS = "settings"
    IDENTITY = "identity"  # VNeID-like e-identity app
    BANK = "bank"
    CHAT = "chat"
    SMS = "sms"
    CALLS = "calls"
    BROWSER = "browser"
    APP_STORE = "app_store"


class KeypadPurpose(StrEnum):
    PIN = "pin"
    PASSCODE = "passcode"
    OTP = "otp"
    PHONE = "phone"
    AMOUNT = "amount"


class _Element(Model):
    id: Id


class StatusBar(_Element):
    type: Literal["status_bar"] = "status_bar"
    time: str = "09:41"
    battery: int = Field(default=80, ge=0, le=100)
    signal: int = Field(default=4, ge=0, le=4)


class AppBar(_Element):
    type: Literal["app_bar"] = "app_bar"
    title: LocalText
    back: bool = False


class TextBlock(_Element):
    type: Literal["text"] = "text"
    text: LocalText
    style: Literal["title", "body", "caption", "warning"] = "body"


class Image(_Element):
    type: Literal["image"] = "image"
    src: MediaPath
    alt: LocalText


class Button(_Element):
    type: Literal["button"] = "button"
    label: LocalText
    style: Literal["primary", "secondary", "danger", "link", "icon"] = "primary"
    icon: MediaPath | None = None


class TextField(_Element):
    type: Literal["text_field"] = "text_field"
    label: LocalText
    placeholder: LocalText | None = None
    value: str = ""
    input: Literal["text", "number", "phone", "password"] = "text"


class ListItem(_Element):
    type: Literal["list_item"] = "list_item"
    title: LocalText
    subtitle: LocalText | None = None
    icon: MediaPath | None = None


class Toggle(_Element):
    # 'checked', not 'on': YAML 1.1 reads a bare `on:` key as the boolean true.
    type: Literal["toggle"] = "toggle"
    label: LocalText
    checked: bool = False


class Keypad(_Element):
    type: Literal["keypad"] = "keypad"
    purpose: KeypadPurpose
    length: int | None = Field(default=None, ge=1, le=19)
    label: LocalText | None = None


class Dialog(_Element):
    type: Literal["dialog"] = "dialog"
    title: LocalText
    body: LocalText | None = None
    buttons: list[Button] = Field(default_factory=list)


class Notification(_Element):
    type: Literal["notification"] = "notification"
    app: AppKind = AppKind.SMS
    title: LocalText
    body: LocalText


class Message(_Element):
    """One chat or SMS bubble; ``link`` is shown underlined and can be a trap."""

    type: Literal["message"] = "message"
    sender: str
    text: LocalText
    incoming: bool = True
    link: str | None = None


class QrCode(_Element):
    type: Literal["qr_code"] = "qr_code"
    payload: str = Field(min_length=1, max_length=512)
    caption: LocalText | None = None


class CameraViewfinder(_Element):
    type: Literal["camera_viewfinder"] = "camera_viewfinder"
    caption: LocalText | None = None


AnyElement = (
    StatusBar
    | AppBar
    | TextBlock
    | Image
    | Button
    | TextField
    | ListItem
    | Toggle
    | Keypad
    | Dialog
    | Notification
    | Message
    | QrCode
    | CameraViewfinder
)
Element = Annotated[AnyElement, Field(discriminator="type")]

ELEMENT_TYPES: frozenset[str] = frozenset(
    {
        "status_bar",
        "app_bar",
        "text",
        "image",
        "button",
        "text_field",
        "list_item",
        "toggle",
        "keypad",
        "dialog",
        "notification",
        "message",
        "qr_code",
        "camera_viewfinder",
    }
)


class PhoneScreen(Model):
    """What the simulated phone shows during a step."""

    app: AppKind
    elements: list[Element] = Field(default_factory=list)

    def walk(self) -> Iterator[AnyElement]:
        """Every element, including the buttons inside dialogs."""
        for element in self.elements:
            yield element
            if isinstance(element, Dialog):
                yield from element.buttons

    def element(self, element_id: str) -> AnyElement | None:
        for element in self.walk():
            if element.id == element_id:
                return element
        return None

    def texts(self) -> Iterator[LocalText]:
        """Every translatable text on the screen."""
        for element in self.walk():
            for name in (
                "title",
                "text",
                "label",
                "alt",
                "body",
                "subtitle",
                "placeholder",
                "caption",
            ):
                value = getattr(element, name, None)
                if isinstance(value, LocalText):
                    yield value

    def media(self) -> Iterator[str]:
        for element in self.walk():
            for name in ("src", "icon"):
                value = getattr(element, name, None)
                if isinstance(value, str):
                    yield value
