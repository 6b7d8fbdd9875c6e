"""Staff screens: PIN entry, the staff menu, settings, about, completion slips.

Other staff tools join the menu through ``add_item`` (key, screen or action, admin only),
so a new tool is one flow module plus one line where the controller builds its flows.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from kiosk import __version__
from kiosk.navigation import Screen
from kiosk.staff.roles import Role
from kiosk.ui.screens.staff.about import AboutScreen
from kiosk.ui.screens.staff.menu import MenuEntry, StaffMenuScreen
from kiosk.ui.screens.staff.pin_entry import StaffPinScreen
from kiosk.ui.screens.staff.settings import SettingsScreen
from kiosk_records.communes import unit_by_code

if TYPE_CHECKING:
    from kiosk.ui.controller import Controller
    from kiosk.ui.slips_desk import SlipsDesk

log = logging.getLogger(__name__)


class PinPurpose(enum.Enum):
    STAFF_ENTRY = "staff_entry"
    EXIT_KIOSK = "exit_kiosk"
    ADMIN_ACTION = "admin_action"  # console: a staff user opened an admin-only tool


@dataclass(frozen=True)
class MenuItem:
    key: str  # translation key of the button
    action: Callable[[], None]
    style: str = ""  # "", "primary", "danger"
    admin_only: bool = False  # shown to staff too, but asks for the admin role


class StaffFlow:
    def __init__(self, controller: Controller) -> None:
        self.c = controller
        self.role: Role | None = None
        self.pin_purpose = PinPurpose.STAFF_ENTRY
        self.slips_desk: SlipsDesk | None = None
        self.after_admin: Callable[[], None] | None = None  # what the admin PIN unlocks
        self.items: list[MenuItem] = [
            MenuItem("slips.menu_item", lambda: self.c.show(Screen.STAFF_SLIPS)),
            MenuItem("staff.settings", lambda: self.c.show(Screen.SETTINGS)),
            MenuItem("staff.about", lambda: self.c.show(Screen.ABOUT)),
        ]

    def add_item(self, item: MenuItem) -> None:
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
        if c.nav.current is Screen.DATABASE_ERROR:
            c.quit()  # nothing to protect without a database: let staff reach the PC
            return
        if c.services.identity is None or c.nav.current is Screen.STAFF_PIN:
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
        from kiosk.staff.access import locked_until

        db = self.c.services.database
        assert db is not None
        now = self.c.services.clock()
        with db.transaction() as session:
            until = locked_until(session, now)
        if until is not None:
            minutes = max(1, round((until - now).total_seconds() / 60))
            screen.pad.show_message(self.c.t("pin.locked", minutes=minutes))

    def _pin_cancelled(self) -> None:
        if self.role is not None and self.pin_purpose is not PinPurpose.STAFF_ENTRY:
            self.c.show(Screen.STAFF_MENU)
        else:
            self.c.reset_to_welcome()

    def pin_entered(self, screen: StaffPinScreen, pin: str) -> None:
        from kiosk import audit
        from kiosk.staff.access import try_pin

        c = self.c
        db = c.services.database
        assert db is not None
        want = Role.ADMIN if self.pin_purpose is not PinPurpose.STAFF_ENTRY else None
        exiting = self.pin_purpose is PinPurpose.EXIT_KIOSK
        now = c.services.clock()
        with db.transaction() as session:
            result = try_pin(session, pin, now, want=want)
            if result.role is Role.ADMIN and exiting:
                audit.record(session, "admin", "kiosk_exit")
        if result.role is None:
            if result.locked_until is not None:
                minutes = max(1, round((result.locked_until - now).total_seconds() / 60))
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
        entries = [MenuEntry(item.key, item.style) for item in self.items]
        entries += [MenuEntry("staff.exit_kiosk", "danger"), MenuEntry("staff.leave", "primary")]
        screen = StaffMenuScreen(c.t, c.t(f"staff.role.{role.value}"), entries)
        actions = {
            item.key: self.require_admin(item.action) if item.admin_only else item.action
            for item in self.items
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
            identity=s.identity,  # console: learning point, commune, languages
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
        from kiosk.ui.console_flow import apply_look, save_identity  # console: marked

        changes = dict(changes)
        if not save_identity(c, screen, changes):
            return
        try:
            changed = c.services.update_settings(changes)
        except ValueError as exc:
            screen.show_message(c.t("settings.invalid", detail=str(exc)))
            return
        c.idle.set_timeout(c.services.settings.idle_timeout_s)
        apply_look(c.services.settings)  # console: text size and contrast change live
        log.info("settings changed: %s", ", ".join(changed) or "nothing")
        screen.show_message(c.t("settings.saved"))

    def _build_about(self) -> QWidget:
        c = self.c
        s = c.services
        lines = [c.t("about.version", version=__version__)]
        if s.identity is not None:
            unit = unit_by_code(s.units, s.identity.commune_code)
            lines += [
                c.t("about.learning_point", name=s.identity.learning_point),
                c.t(
                    "about.commune",
                    name=unit.label_vi if unit else "?",
                    code=s.identity.commune_code,
                ),
                c.t("about.kiosk_id", id=s.identity.kiosk_id),
            ]
        lines.append(c.t("about.data_dir", path=str(s.paths.root)))
        screen = AboutScreen(c.t, lines)
        screen.back_requested.connect(lambda: c.show(Screen.STAFF_MENU))
        return screen

    # -- completion slips --------------------------------------------------------
    def make_kiosk_key(self) -> None:
        """The kiosk's Ed25519 slip key is made at first set-up (and lazily if missing)."""
        from kiosk.slips.local import kiosk_key

        try:
            kiosk_key(self.c.services.paths.root)
        except (OSError, ValueError):
            log.exception("slip key not made at set-up; it is made when the first slip is")

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
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(
            screen,
            self.c.t("printing.choose_folder"),
            str(desk.pdf_folder),
            QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.ShowDirsOnly,
        )
        if folder:
            desk.set_pdf_folder(Path(folder))
