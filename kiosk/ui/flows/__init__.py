"""The kiosk's flows: each builds the screens of one area and answers what people do
on them by calling the core's operations.

``FLOWS`` declares, per flow, its module, its screens and its staff-menu items, so the
controller can build every flow in one loop, on first use, without importing any flow
module before it is needed (the welcome screen paints first).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.navigation import Screen


@dataclass(frozen=True)
class MenuSlot:
    """A staff-menu item kept in its place until its flow is built.

    Using it builds the flow, whose own item then takes the slot (same key): it shows
    ``screen``, or calls the flow's method ``call``.
    """

    key: str
    screen: Screen | None = None
    call: str = ""
    admin_only: bool = False
    voice: bool = False  # also open to the voice role (which sees nothing else)


@dataclass(frozen=True)
class FlowSpec:
    """Where a flow lives, the screens it builds and the staff-menu items it adds."""

    module: str
    cls: str
    screens: tuple[Screen, ...]
    menu: tuple[MenuSlot, ...] = ()


# In staff-menu order.
FLOWS: dict[str, FlowSpec] = {
    "learner_flow": FlowSpec(
        "kiosk.ui.flows.learner",
        "LearnerFlow",
        (Screen.LEARNER_START, Screen.SIGN_IN, Screen.REGISTER, Screen.CATALOGUE, Screen.LESSON),
    ),
    "staff": FlowSpec(
        "kiosk.ui.flows.staff",
        "StaffFlow",
        (Screen.STAFF_PIN, Screen.STAFF_MENU, Screen.SETTINGS, Screen.ABOUT, Screen.STAFF_SLIPS),
    ),
    "sync_flow": FlowSpec(  # sends the hub outbox; the staff "Đồng bộ" screen
        "kiosk.ui.flows.sync",
        "SyncFlow",
        (Screen.STAFF_SYNC,),
        (MenuSlot("sync.menu_item", Screen.STAFF_SYNC),),
    ),
    "console": FlowSpec(  # staff console: today, learners, reports, audit
        "kiosk.ui.flows.console",
        "ConsoleFlow",
        (
            Screen.STAFF_TODAY,
            Screen.STAFF_LEARNERS,
            Screen.STAFF_REGISTER,
            Screen.STAFF_REPORTS,
            Screen.STAFF_AUDIT,
        ),
        (
            MenuSlot("console.menu.today", Screen.STAFF_TODAY),
            MenuSlot("console.menu.learners", Screen.STAFF_LEARNERS),
            MenuSlot("console.menu.reports", Screen.STAFF_REPORTS),
            MenuSlot("console.menu.audit", Screen.STAFF_AUDIT, admin_only=True),
        ),
    ),
    "content_flow": FlowSpec(  # content packs (admin)
        "kiosk.ui.flows.content",
        "ContentFlow",
        (Screen.STAFF_CONTENT,),
        (MenuSlot("content.menu_item", call="open", admin_only=True),),
    ),
    "vietqr_flow": FlowSpec(  # VietQR posters for real stalls
        "kiosk.ui.flows.vietqr",
        "VietQRFlow",
        (Screen.STAFF_VIETQR,),
        (MenuSlot("vietqr.menu_item", Screen.STAFF_VIETQR),),
    ),
    "pin_change": FlowSpec(  # a new staff or administrator PIN (admin)
        "kiosk.ui.flows.pin_change",
        "PinChangeFlow",
        (Screen.STAFF_CHANGE_PIN,),
        (
            MenuSlot("pin_change.menu.staff", call="open_staff", admin_only=True),
            MenuSlot("pin_change.menu.admin", call="open_admin", admin_only=True),
            MenuSlot("pin_change.menu.voice", call="open_voice", admin_only=True),
        ),
    ),
    "voices_flow": FlowSpec(  # "Ghi âm lời đọc": record the kiosk's lines (admin, voice)
        "kiosk.ui.flows.voices",
        "VoicesFlow",
        (Screen.STAFF_VOICES,),
        (MenuSlot("voices.menu_item", Screen.STAFF_VOICES, admin_only=True, voice=True),),
    ),
    "demo": FlowSpec(  # demonstration mode (kiosk --demo or the staff switch)
        "kiosk.ui.flows.demo",
        "DemoFlow",
        (Screen.DEMO_LOOP, Screen.DEMO_PRESENTER),
        (MenuSlot("demo.menu_on", call="toggle"),),
    ),
}
OWNERS: dict[Screen, str] = {
    screen: name for name, spec in FLOWS.items() for screen in spec.screens
}
