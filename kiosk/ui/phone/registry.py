"""Which renderer draws which kind of app: one small plugin per app family."""

from __future__ import annotations

from kiosk.content.schema import AppKind
from kiosk.ui.phone.bank import BankRenderer
from kiosk.ui.phone.base import PhoneAppRenderer
from kiosk.ui.phone.browser import AppStoreRenderer, BrowserRenderer
from kiosk.ui.phone.chat import ChatRenderer
from kiosk.ui.phone.home import HomeRenderer, SettingsRenderer
from kiosk.ui.phone.identity import IdentityRenderer
from kiosk.ui.phone.messages import CallsRenderer, MessagesRenderer

RENDERERS: dict[AppKind, PhoneAppRenderer] = {
    AppKind.HOME: HomeRenderer(),
    AppKind.SETTINGS: SettingsRenderer(),
    AppKind.IDENTITY: IdentityRenderer(),
    AppKind.BANK: BankRenderer(),
    AppKind.CHAT: ChatRenderer(),
    AppKind.SMS: MessagesRenderer(),
    AppKind.CALLS: CallsRenderer(),
    AppKind.BROWSER: BrowserRenderer(),
    AppKind.APP_STORE: AppStoreRenderer(),
}


def renderer_for(kind: AppKind) -> PhoneAppRenderer:
    return RENDERERS.get(kind) or PhoneAppRenderer()
