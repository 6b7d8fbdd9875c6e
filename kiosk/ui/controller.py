"""The one place that switches screens and wires what people do to the core."""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import __version__
from kiosk.navigation import Navigator, Screen
from kiosk.services import Services
from kiosk.staff.roles import Role
from kiosk.ui.gestures import CornerLongPress
from kiosk.ui.idle import IdleOverlay, IdleWatcher
from kiosk.ui.learner_flow import LearnerFlow
from kiosk.ui.screens.database_error import DatabaseErrorScreen
from kiosk.ui.screens.setup_wizard import SetupAnswers, SetupWizard
from kiosk.ui.screens.staff.about import AboutScreen
from kiosk.ui.screens.staff.menu import StaffMenuScreen
from kiosk.ui.screens.staff.pin_entry import StaffPinScreen
from kiosk.ui.screens.staff.settings import SettingsScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.window import KioskWindow
from kiosk.units import unit_by_code

log = logging.getLogger(__name__)

STAFF_SHORTCUT = "Ctrl+Shift+S"


class PinPurpose(enum.Enum):
    STAFF_ENTRY = "staff_entry"
    EXIT_KIOSK = "exit_kiosk"


class Controller(QObject):
    screen_changed = Signal(object)  # Screen
    quit_requested = Signal()

    def __init__(self, services: Services, window: KioskWindow) -> None:
        super().__init__(window)
        self.services = services
        self.window = window
        self.t = services.translator.tr  # QObject.tr is Qt's own: keep clear of it
        self.role: Role | None = None
        self.pin_purpose = PinPurpose.STAFF_ENTRY
        self.current_widget: QWidget | None = None
        start = Screen.DATABASE_ERROR if services.failure else Screen.WELCOME
        self.nav = Navigator(start)
        self.builders: dict[Screen, Callable[[], QWidget]] = {
            Screen.WELCOME: self._build_welcome,
            Screen.SETUP: self._build_setup,
            Screen.STAFF_PIN: self._build_pin,
            Screen.STAFF_MENU: self._build_staff_menu,
            Screen.SETTINGS: self._build_settings,
            Screen.ABOUT: self._build_about,
            Screen.DATABASE_ERROR: self._build_database_error,
            Screen.STAFF_SLIPS: self._build_slips,
        }
        self.learner_flow = LearnerFlow(self)
        self.builders.update(self.learner_flow.builders())  # type: ignore[arg-type]
        app = QApplication.instance()
        self.idle = IdleWatcher(services.settings.idle_timeout_s, self)
        self.idle.idle.connect(self._on_idle)
        self.overlay = IdleOverlay(self.t, window)
        self.overlay.stay.connect(self.idle.restart)
        self.overlay.expired.connect(self.reset_to_welcome)
        window.overlays.append(self.overlay)
        self.corner = CornerLongPress(window)
        self.corner.triggered.connect(self.open_staff_entry)
        if app is not None:
            app.installEventFilter(self.idle)
            app.installEventFilter(self.corner)
        self.shortcut = QShortcut(QKeySequence(STAFF_SHORTCUT), window)
        self.shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcut.activated.connect(self.open_staff_entry)
        self._mount(start)

    # -- switching ---------------------------------------------------------
    def show(self, target: Screen) -> None:
        self.nav.go(target)
        self._mount(target)

    def _mount(self, target: Screen) -> None:
        old = self.current_widget
        widget = self.builders[target]()
        self.window.stack.addWidget(widget)
        self.window.stack.setCurrentWidget(widget)
        self.current_widget = widget
        if old is not None:
            self._leave(old)
        self.screen_changed.emit(target)

    def _leave(self, widget: QWidget) -> None:
        """Cleanup on leaving: save progress, then destroy: no trace stays behind."""
        save = getattr(widget, "save_progress", None)
        if callable(save):
            save()
        self.window.stack.removeWidget(widget)
        widget.deleteLater()

    def database_opened(self) -> None:
        """The deferred full open finished: show why if it failed."""
        if self.services.failure is not None and self.nav.current is not Screen.DATABASE_ERROR:
            self.nav.current = Screen.DATABASE_ERROR
            self._mount(Screen.DATABASE_ERROR)
        else:
            self.resume_interrupted_lesson()

    def resume_interrupted_lesson(self) -> None:
        """A crash or power cut mid-lesson: the same person is most likely still here."""
        if self.nav.current is Screen.WELCOME and self.services.identity is not None:
            self.learner_flow.resume_interrupted()

    # -- idle reset --------------------------------------------------------
    def _on_idle(self) -> None:
        fresh_welcome = (
            self.nav.current is Screen.WELCOME
            and self.services.translator.language == self.services.default_language
        )
        if fresh_welcome or self.nav.current is Screen.DATABASE_ERROR:
            self.idle.restart()
            return
        self.overlay.start(self.services.settings.idle_countdown_s)

    def reset_to_welcome(self) -> None:
        self.overlay.cancel()
        self.role = None
        self.learner_flow.forget()
        self.services.translator.set_language(self.services.default_language)
        if self.nav.current is not Screen.DATABASE_ERROR:
            self.show(Screen.WELCOME)
        self.idle.restart()

    # -- welcome -------------------------------------------------------------
    def _build_welcome(self) -> QWidget:
        s = self.services
        offered = [lang for lang in s.catalogue.languages if lang.code in s.settings.languages]
        screen = WelcomeScreen(self.t, offered, s.translator.language, s.place_label())
        screen.language_chosen.connect(self.choose_language)
        screen.setup_requested.connect(lambda: self.show(Screen.SETUP))
        screen.start_requested.connect(lambda: self.show(Screen.LEARNER_START))
        return screen

    def choose_language(self, code: str) -> None:
        self.services.translator.set_language(code)
        self._mount(self.nav.current)

    # -- first-run set-up ----------------------------------------------------
    def _build_setup(self) -> QWidget:
        wizard = SetupWizard(self.t, self.services.units)
        wizard.cancelled.connect(lambda: self.show(Screen.WELCOME))
        wizard.finished.connect(lambda answers: self._finish_setup(wizard, answers))
        return wizard

    def _finish_setup(self, wizard: SetupWizard, answers: SetupAnswers) -> None:
        from kiosk.staff.setup import SetupError, complete_setup

        db = self.services.database
        assert db is not None
        try:
            with db.transaction() as session:
                complete_setup(
                    session,
                    commune_code=answers.commune_code,
                    learning_point=answers.learning_point,
                    staff_pin=answers.staff_pin,
                    admin_pin=answers.admin_pin,
                    known_communes={u.code for u in self.services.units},
                )
        except SetupError as exc:
            wizard.show_message(self.t(exc.key))
            return
        self._make_kiosk_key()
        self.services.reload_identity()
        self.show(Screen.WELCOME)
        if isinstance(self.current_widget, WelcomeScreen):
            self.current_widget.show_message(self.t("setup.done"))

    # -- staff ---------------------------------------------------------------
    def open_staff_entry(self) -> None:
        if self.nav.current is Screen.DATABASE_ERROR:
            self._quit()  # nothing to protect without a database: let staff reach the PC
            return
        if self.services.identity is None or self.nav.current is Screen.STAFF_PIN:
            return  # before set-up there are no PINs: the welcome screen offers set-up
        self.pin_purpose = PinPurpose.STAFF_ENTRY
        self.show(Screen.STAFF_PIN)

    def _build_pin(self) -> QWidget:
        admin = self.pin_purpose is PinPurpose.EXIT_KIOSK
        screen = StaffPinScreen(self.t, self.t("pin.title_admin" if admin else "pin.title_staff"))
        if admin:
            screen.pad.show_message(self.t("staff.exit_confirm"))
        screen.submitted.connect(lambda pin: self._pin_entered(screen, pin))
        screen.cancelled.connect(self._pin_cancelled)
        self._show_lock_state(screen)
        return screen

    def _show_lock_state(self, screen: StaffPinScreen) -> None:
        from kiosk.staff.access import locked_until

        db = self.services.database
        assert db is not None
        now = self.services.clock()
        with db.transaction() as session:
            until = locked_until(session, now)
        if until is not None:
            minutes = max(1, round((until - now).total_seconds() / 60))
            screen.pad.show_message(self.t("pin.locked", minutes=minutes))

    def _pin_cancelled(self) -> None:
        if self.role is not None and self.pin_purpose is PinPurpose.EXIT_KIOSK:
            self.show(Screen.STAFF_MENU)
        else:
            self.reset_to_welcome()

    def _pin_entered(self, screen: StaffPinScreen, pin: str) -> None:
        from kiosk import audit
        from kiosk.staff.access import try_pin

        db = self.services.database
        assert db is not None
        want = Role.ADMIN if self.pin_purpose is PinPurpose.EXIT_KIOSK else None
        now = self.services.clock()
        with db.transaction() as session:
            result = try_pin(session, pin, now, want=want)
            if result.role is Role.ADMIN and want is Role.ADMIN:
                audit.record(session, "admin", "kiosk_exit")
        if result.role is None:
            if result.locked_until is not None:
                minutes = max(1, round((result.locked_until - now).total_seconds() / 60))
                screen.pad.show_message(self.t("pin.locked", minutes=minutes))
            else:
                screen.pad.show_message(self.t("pin.wrong", tries=result.tries_left))
            return
        if want is Role.ADMIN:
            log.info("kiosk exit by admin")
            self._quit()
            return
        self.role = result.role
        self.show(Screen.STAFF_MENU)

    def _quit(self) -> None:
        self.idle.stop()
        self.window.close_for_real()
        self.quit_requested.emit()

    def _build_staff_menu(self) -> QWidget:
        role = self.role or Role.STAFF
        screen = StaffMenuScreen(self.t, self.t(f"staff.role.{role.value}"))
        screen.settings_requested.connect(lambda: self.show(Screen.SETTINGS))
        screen.about_requested.connect(lambda: self.show(Screen.ABOUT))
        screen.slips_requested.connect(lambda: self.show(Screen.STAFF_SLIPS))
        screen.leave_requested.connect(self.reset_to_welcome)
        screen.exit_requested.connect(self._ask_exit)
        return screen

    def _ask_exit(self) -> None:
        self.pin_purpose = PinPurpose.EXIT_KIOSK
        self.show(Screen.STAFF_PIN)

    def _build_settings(self) -> QWidget:
        from kiosk.ui.printing import printer_names

        screen = SettingsScreen(
            self.t, self.services.settings, self.role is Role.ADMIN, printer_names()
        )
        screen.back_requested.connect(lambda: self.show(Screen.STAFF_MENU))
        screen.save_requested.connect(lambda changes: self._save_settings(screen, changes))
        return screen

    def _save_settings(self, screen: SettingsScreen, changes: dict[str, object]) -> None:
        if self.role is not Role.ADMIN:
            screen.show_message(self.t("settings.need_admin"))
            return
        try:
            changed = self.services.update_settings(changes)
        except ValueError as exc:
            screen.show_message(self.t("settings.invalid", detail=str(exc)))
            return
        self.idle.set_timeout(self.services.settings.idle_timeout_s)
        log.info("settings changed: %s", ", ".join(changed) or "nothing")
        screen.show_message(self.t("settings.saved"))

    def _build_about(self) -> QWidget:
        s = self.services
        lines = [self.t("about.version", version=__version__)]
        if s.identity is not None:
            unit = unit_by_code(s.units, s.identity.commune_code)
            lines += [
                self.t("about.learning_point", name=s.identity.learning_point),
                self.t(
                    "about.commune",
                    name=unit.label_vi if unit else "?",
                    code=s.identity.commune_code,
                ),
                self.t("about.kiosk_id", id=s.identity.kiosk_id),
            ]
        lines.append(self.t("about.data_dir", path=str(s.paths.root)))
        screen = AboutScreen(self.t, lines)
        screen.back_requested.connect(lambda: self.show(Screen.STAFF_MENU))
        return screen

    def _build_database_error(self) -> QWidget:
        failure = self.services.failure
        assert failure is not None
        return DatabaseErrorScreen(self.t, f"error.{failure.reason.value}", str(failure.path))

    # -- completion slips (staff) ------------------------------------------------
    def _make_kiosk_key(self) -> None:
        """The kiosk's Ed25519 slip key is made at first set-up (and lazily if missing)."""
        from kiosk.slips.local import kiosk_key

        try:
            kiosk_key(self.services.paths.root)
        except (OSError, ValueError):
            log.exception("slip key not made at set-up; it is made when the first slip is")

    def _build_slips(self) -> QWidget:
        from kiosk.ui.screens.staff.slips import SlipsScreen
        from kiosk.ui.slips_desk import SlipsDesk

        screen = SlipsScreen(self.t)
        desk = SlipsDesk(self.services, screen, self.t)
        screen.back_requested.connect(lambda: self.show(Screen.STAFF_MENU))
        screen.choose_folder_requested.connect(lambda: self._choose_pdf_folder(screen, desk))
        self.slips_desk = desk
        return screen

    def _choose_pdf_folder(self, screen: QWidget, desk: object) -> None:
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from kiosk.ui.slips_desk import SlipsDesk

        assert isinstance(desk, SlipsDesk)
        folder = QFileDialog.getExistingDirectory(
            screen,
            self.t("printing.choose_folder"),
            str(desk.pdf_folder),
            QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.ShowDirsOnly,
        )
        if folder:
            desk.set_pdf_folder(Path(folder))
