"""Staff screens: PIN entry, the staff menu, settings, about, completion slips.

Other staff tools are declared with their flow in ``kiosk.ui.flows.FLOWS`` (key, screen or
method, admin only); the controller puts them in this menu, in that order, so a new tool
is one flow module plus its entry there.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from kiosk import __version__
from kiosk.formatting import commune_label
from kiosk.navigation import Screen
from kiosk.settings import KioskSettings
from kiosk.staff.roles import Role
from kiosk.ui.flows.api import MenuItem
from kiosk.ui.screens.staff.about import AboutScreen
from kiosk.ui.screens.staff.menu import MenuEntry, StaffMenuScreen
from kiosk.ui.screens.staff.pin_entry import StaffPinScreen
from kiosk.ui.screens.staff.settings import SettingsScreen
from kiosk.ui.widgets import ask_folder

if TYPE_CHECKING:
    from kiosk.ui.flows.api import FlowHost
    from kiosk.ui.slips_desk import SlipsDesk

log = logging.getLogger(__name__)


class PinPurpose(enum.Enum):
    STAFF_ENTRY = "staff_entry"
    EXIT_KIOSK = "exit_kiosk"
    ADMIN_ACTION = "admin_action"  # a staff user opened an admin-only tool


class StaffFlow:
    def __init__(self, controller: FlowHost) -> None:
        self.c = controller
        self.pin_purpose = PinPurpose.STAFF_ENTRY
        self.slips_desk: SlipsDesk | None = None
        self.after_admin: Callable[[], None] | None = None  # what the admin PIN unlocks
        self.items: list[MenuItem] = [
            MenuItem("slips.menu_item", lambda: self.c.show(Screen.STAFF_SLIPS)),
            MenuItem("staff.settings", lambda: self.c.show(Screen.SETTINGS)),
            MenuItem("staff.about", lambda: self.c.show(Screen.ABOUT)),
        ]

    @property
    def role(self) -> Role | None:
        """The staff role of this visit (kept in the visit, cleared with it)."""
        return self.c.visit.role

    @role.setter
    def role(self, role: Role | None) -> None:
        self.c.visit.role = role

    def add_item(self, item: MenuItem) -> None:
        """Add a tool to the menu (the controller adds the declared ones, in order)."""
        self.items.append(item)

    def replace_item(self, old_key: str, item: MenuItem) -> None:
        """Put ``item`` in the place of the item ``old_key`` (a switch's new words)."""
        for index, old in enumerate(self.items):
            if old.key == old_key:
                self.items[index] = item
                return
        self.items.append(item)

    def builders(self) -> dict[Screen, Callable[[], QWidget]]:
        return {
            Screen.STAFF_PIN: self._build_pin,
            Screen.STAFF_MENU: self._build_menu,
            Screen.SETTINGS: self._build_settings,
            Screen.ABOUT: self._build_about,
            Screen.STAFF_SLIPS: self._build_slips,
        }

    # -- entry -----------------------------------------------------------------
    def open_entry(self) -> None:
        c = self.c
        if c.current_screen is Screen.DATABASE_ERROR:
            c.quit()  # nothing to protect without a database: let staff reach the PC
            return
        if c.services.identity is None or c.current_screen is Screen.STAFF_PIN:
            return  # before set-up there are no PINs: the welcome screen offers set-up
        self.pin_purpose = PinPurpose.STAFF_ENTRY
        c.show(Screen.STAFF_PIN)

    def _build_pin(self) -> QWidget:
        t = self.c.t
        admin = self.pin_purpose is not PinPurpose.STAFF_ENTRY
        screen = StaffPinScreen(t, t("pin.title_admin" if admin else "pin.title_staff"))
        if self.pin_purpose is PinPurpose.EXIT_KIOSK:
            screen.pad.show_message(t("staff.exit_confirm"))
        elif self.pin_purpose is PinPurpose.ADMIN_ACTION:
            screen.pad.show_message(t("console.need_admin"))
        screen.submitted.connect(lambda pin: self.pin_entered(screen, pin))
        screen.cancelled.connect(self._pin_cancelled)
        self._show_lock_state(screen)
        return screen

    def _show_lock_state(self, screen: StaffPinScreen) -> None:
        from kiosk.staff.ops import lockout_minutes

        minutes = lockout_minutes(self.c.services)
        if minutes is not None:
            screen.pad.show_message(self.c.t("pin.locked", minutes=minutes))

    def _pin_cancelled(self) -> None:
        if self.role is not None and self.pin_purpose is not PinPurpose.STAFF_ENTRY:
            self.c.show(Screen.STAFF_MENU)
        else:
            self.c.reset_to_welcome()

    def pin_entered(self, screen: StaffPinScreen, pin: str) -> None:
        from kiosk.staff.ops import enter_pin

        c = self.c
        want = Role.ADMIN if self.pin_purpose is not PinPurpose.STAFF_ENTRY else None
        exiting = self.pin_purpose is PinPurpose.EXIT_KIOSK
        outcome = enter_pin(c.services, pin, want, exiting)
        result = outcome.result
        if result.role is None:
            minutes = outcome.minutes_locked()
            if minutes is not None:
                screen.pad.show_message(c.t("pin.locked", minutes=minutes))
            else:
                screen.pad.show_message(c.t("pin.wrong", tries=result.tries_left))
            return
        if exiting:
            log.info("kiosk exit by admin")
            c.quit()
            return
        self.role = result.role
        then, self.after_admin = self.after_admin, None
        self.pin_purpose = PinPurpose.STAFF_ENTRY
        c.show(Screen.STAFF_MENU)
        if want is Role.ADMIN and then is not None:
            then()  # from the menu, as if the admin had touched the tool there

    def require_admin(self, action: Callable[[], None]) -> Callable[[], None]:
        """An admin-only tool: run it for the admin; ask a staff user for the admin PIN."""

        def run() -> None:
            if self.role is Role.ADMIN:
                action()
                return
            self.after_admin = action
            self.pin_purpose = PinPurpose.ADMIN_ACTION
            self.c.show(Screen.STAFF_PIN)

        return run

    # -- menu ------------------------------------------------------------------
    def _build_menu(self) -> QWidget:
        c = self.c
        role = self.role or Role.STAFF
        voice_role = role is Role.VOICE
        items = [i for i in self.items if i.voice] if voice_role else self.items
        entries = [MenuEntry(item.key, item.style) for item in items]
        if not voice_role:
            entries.append(MenuEntry("staff.exit_kiosk", "danger"))
        entries.append(MenuEntry("staff.leave", "primary"))
        screen = StaffMenuScreen(c.t, c.t(f"staff.role.{role.value}"), entries)
        actions = {  # the voice role opens its own tool without the admin PIN
            item.key: self.require_admin(item.action)
            if item.admin_only and not (voice_role and item.voice)
            else item.action
            for item in items
        }
        actions["staff.exit_kiosk"] = self._ask_exit
        actions["staff.leave"] = c.reset_to_welcome
        screen.chosen.connect(lambda key: actions[key]())
        return screen

    def _ask_exit(self) -> None:
        self.pin_purpose = PinPurpose.EXIT_KIOSK
        self.c.show(Screen.STAFF_PIN)

    # -- settings and about ------------------------------------------------------
    def _build_settings(self) -> QWidget:
        from kiosk.ui.printing import printer_names

        c = self.c
        s = c.services
        screen = SettingsScreen(
            c.t,
            s.settings,
            self.role is Role.ADMIN,
            printer_names(),
            identity=s.identity,  # learning point, commune, languages
            units=s.units,
            languages=s.catalogue.languages,
        )
        screen.back_requested.connect(lambda: c.show(Screen.STAFF_MENU))
        screen.save_requested.connect(lambda changes: self._save_settings(screen, changes))
        return screen

    def _save_settings(self, screen: SettingsScreen, changes: dict[str, object]) -> None:
        c = self.c
        if self.role is not Role.ADMIN:
            screen.show_message(c.t("settings.need_admin"))
            return
        changes = dict(changes)
        if not self._save_identity(screen, changes):
            return
        try:
            changed = c.services.update_settings(changes)
        except ValueError as exc:
            screen.show_message(c.t("settings.invalid", detail=str(exc)))
            return
        c.set_idle_timeout(c.services.settings.idle_timeout_s)
        apply_look(c.services.settings)  # text size and contrast change live
        log.info("settings changed: %s", ", ".join(changed) or "nothing")
        screen.show_message(c.t("settings.saved"))

    def _save_identity(self, screen: SettingsScreen, changes: dict[str, object]) -> bool:
        """Take the learning point's name and commune out of ``changes`` and store them.

        False (with a message shown) when something was refused: then nothing is saved.
        """
        from kiosk.staff.ops import change_identity
        from kiosk.staff.setup import SetupError
        from kiosk.ui.screens.staff.settings import COMMUNE, LEARNING_POINT

        c = self.c
        name = changes.pop(LEARNING_POINT, None)
        code = changes.pop(COMMUNE, None)
        try:
            dataclasses.replace(c.services.settings, **changes).validate()  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            screen.show_message(c.t("settings.invalid", detail=str(exc)))
            return False
        if name is None or code is None or c.services.identity is None:
            return True
        try:
            changed = change_identity(c.services, str(name), str(code))
        except SetupError as exc:
            screen.show_message(c.t(exc.key))
            return False
        if changed is not None:
            log.info("learning point renamed or moved")
        return True

    def _build_about(self) -> QWidget:
        c = self.c
        s = c.services
        lines = [c.t("about.version", version=__version__)]
        if s.identity is not None:
            lines += [
                c.t("about.learning_point", name=s.identity.learning_point),
                c.t(
                    "about.commune",
                    name=commune_label(s.units, s.identity.commune_code),
                    code=s.identity.commune_code,
                ),
                c.t("about.kiosk_id", id=s.identity.kiosk_id),
            ]
        lines.append(c.t("about.data_dir", path=str(s.paths.root)))
        screen = AboutScreen(c.t, lines)
        screen.back_requested.connect(lambda: c.show(Screen.STAFF_MENU))
        return screen

    # -- completion slips --------------------------------------------------------
    def _build_slips(self) -> QWidget:
        from kiosk.ui.screens.staff.slips import SlipsScreen
        from kiosk.ui.slips_desk import SlipsDesk

        c = self.c
        screen = SlipsScreen(c.t)
        desk = SlipsDesk(c.services, screen, c.t)
        screen.back_requested.connect(lambda: c.show(Screen.STAFF_MENU))
        screen.choose_folder_requested.connect(lambda: self._choose_pdf_folder(screen, desk))
        self.slips_desk = desk
        return screen

    def _choose_pdf_folder(self, screen: QWidget, desk: SlipsDesk) -> None:
        folder = ask_folder(screen, self.c.t("printing.choose_folder"), desk.pdf_folder)
        if folder is not None:
            desk.set_pdf_folder(folder)


def apply_look(settings: KioskSettings) -> None:
    """Text size and high contrast, applied to the running app at once."""
    from kiosk.ui import theme

    app = QApplication.instance()
    if isinstance(app, QApplication):
        theme.apply(app, settings.text_size, settings.high_contrast)
