"""The one place that switches screens and wires what people do to the core."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.navigation import Navigator, Screen
from kiosk.services import Services
from kiosk.ui.console_flow import ConsoleFlow
from kiosk.ui.content_flow import ContentFlow
from kiosk.ui.demo import DemoFlow
from kiosk.ui.gestures import CornerLongPress
from kiosk.ui.idle import IdleOverlay, IdleWatcher
from kiosk.ui.learner_flow import LearnerFlow
from kiosk.ui.pin_change_flow import PinChangeFlow
from kiosk.ui.screens.database_error import DatabaseErrorScreen
from kiosk.ui.screens.setup_wizard import SetupAnswers, SetupWizard
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.staff_flow import StaffFlow
from kiosk.ui.sync_flow import SyncFlow
from kiosk.ui.vietqr_flow import VietQRFlow
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)

STAFF_SHORTCUT = "Ctrl+Shift+S"


class Controller(QObject):
    screen_changed = Signal(object)  # Screen
    quit_requested = Signal()

    def __init__(self, services: Services, window: KioskWindow) -> None:
        super().__init__(window)
        self.services = services
        self.window = window
        self.t = services.translator.tr  # QObject.tr is Qt's own: keep clear of it
        self.current_widget: QWidget | None = None
        start = Screen.DATABASE_ERROR if services.failure else Screen.WELCOME
        self.nav = Navigator(start)
        self.builders: dict[Screen, Callable[[], QWidget]] = {
            Screen.WELCOME: self._build_welcome,
            Screen.SETUP: self._build_setup,
            Screen.DATABASE_ERROR: self._build_database_error,
        }
        self.learner_flow = LearnerFlow(self)
        self.staff = StaffFlow(self)
        for flow in (self.learner_flow, self.staff):
            self.builders.update(flow.builders())  # type: ignore[arg-type]
        self.sync_flow = SyncFlow(self)  # sync: sends the hub outbox, staff "Đồng bộ" screen
        self.console = ConsoleFlow(self)  # staff console: today, learners, reports, audit
        self.content_flow = ContentFlow(self)  # content packs (admin)
        self.vietqr_flow = VietQRFlow(self)  # VietQR posters for real stalls
        self.demo = DemoFlow(self)  # demonstration mode (kiosk --demo or the staff switch)
        self.pin_change = PinChangeFlow(self)  # new staff or administrator PIN (admin)
        app = QApplication.instance()
        self.idle = IdleWatcher(services.settings.idle_timeout_s, self)
        self.idle.idle.connect(self._on_idle)
        self.overlay = IdleOverlay(self.t, window)
        self.overlay.stay.connect(self.idle.restart)
        self.overlay.expired.connect(self.reset_to_welcome)
        window.overlays.append(self.overlay)
        self.corner = CornerLongPress(window)
        self.corner.triggered.connect(self.staff.open_entry)
        if app is not None:
            app.installEventFilter(self.idle)
            app.installEventFilter(self.corner)
        self.shortcut = QShortcut(QKeySequence(STAFF_SHORTCUT), window)
        self.shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcut.activated.connect(self.staff.open_entry)
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
        if fresh_welcome or self.nav.current in (Screen.DATABASE_ERROR, Screen.DEMO_LOOP):
            self.idle.restart()
            return
        self.overlay.start(self.services.settings.idle_countdown_s)

    def reset_to_welcome(self) -> None:
        self.overlay.cancel()
        self.staff.role = None
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
        self.staff.make_kiosk_key()
        self.services.reload_identity()
        self.show(Screen.WELCOME)
        if isinstance(self.current_widget, WelcomeScreen):
            self.current_widget.show_message(self.t("setup.done"))

    def open_staff_entry(self) -> None:
        self.staff.open_entry()

    def quit(self) -> None:
        """Leave kiosk mode for good (admin exit, or staff facing a broken database)."""
        self.idle.stop()
        self.window.close_for_real()
        self.quit_requested.emit()

    def _build_database_error(self) -> QWidget:
        failure = self.services.failure
        assert failure is not None
        return DatabaseErrorScreen(self.t, f"error.{failure.reason.value}", str(failure.path))
