"""The one place that switches screens and wires what people do to the core.

Flows are built on first use: the welcome screen paints before any flow module is
imported, and a flow's module loads when one of its screens is shown, its staff-menu
item is used or the controller needs it (``FLOWS`` says which flow owns what).
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.navigation import Navigator, Screen
from kiosk.services import Services
from kiosk.ui.flows import FLOWS, OWNERS
from kiosk.ui.flows.api import HEARING_DEFAULT, FlowHost, MenuItem, Visit
from kiosk.ui.gestures import CornerLongPress
from kiosk.ui.hearing import Hearing
from kiosk.ui.idle import IdleOverlay, IdleWatcher
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:
    from pathlib import Path

    from kiosk.content.speech import Clip, Line, Voice
    from kiosk.ui.audio import Narrator
    from kiosk.ui.flows.console import ConsoleFlow
    from kiosk.ui.flows.content import ContentFlow
    from kiosk.ui.flows.demo import DemoFlow
    from kiosk.ui.flows.learner import LearnerFlow
    from kiosk.ui.flows.staff import StaffFlow
    from kiosk.ui.flows.sync import SyncFlow
    from kiosk.ui.flows.vietqr import VietQRFlow
    from kiosk.ui.screens.setup_wizard import SetupAnswers, SetupWizard
    from kiosk.ui.spoken import Spoken

log = logging.getLogger(__name__)

STAFF_SHORTCUT = "Ctrl+Shift+S"


class ScreenBuilders(dict[Screen, Callable[[], QWidget]]):
    """Screen -> builder; asking for a screen of a flow not built yet builds that flow."""

    def __init__(self, build_flow: Callable[[str], object]) -> None:
        super().__init__()
        self._build_flow = build_flow

    def __missing__(self, screen: Screen) -> Callable[[], QWidget]:
        if screen not in OWNERS:
            raise KeyError(screen)
        self._build_flow(OWNERS[screen])
        build = dict.get(self, screen)  # not self[...]: that would come back here
        if build is None:
            raise KeyError(screen)
        return build

    def get(self, screen: Screen, default: Any = None) -> Any:  # type: ignore[override]
        try:
            return self[screen]
        except KeyError:
            return default


class Controller(QObject):
    screen_changed = Signal(object)  # Screen
    quit_requested = Signal()

    def __init__(self, services: Services, window: KioskWindow) -> None:
        super().__init__(window)
        self.services = services
        self.window = window
        self.t = services.translator.tr  # QObject.tr is Qt's own: keep clear of it
        self.current_widget: QWidget | None = None
        self.visit = Visit(services.translator, services.default_language)
        self._narrator: Narrator | None = None
        self.hearing = Hearing(services, self.visit, window, self.t, self._say_clips)
        self.hearing.changed.connect(self._hearing_chosen)
        # Screens speak once the kiosk has painted and opened its database (database_opened).
        self._speaking = False
        start = Screen.DATABASE_ERROR if services.failure else Screen.WELCOME
        self.nav = Navigator(start)
        self._flows: dict[str, Any] = {}
        self.builders = ScreenBuilders(self.flow)
        self.builders.update(
            {
                Screen.WELCOME: self._build_welcome,
                Screen.SETUP: self._build_setup,
                Screen.DATABASE_ERROR: self._build_database_error,
            }
        )
        app = QApplication.instance()
        self.idle = IdleWatcher(services.settings.idle_timeout_s, self)
        self.idle.idle.connect(self._on_idle)
        self.overlay = IdleOverlay(self.t, window)
        self.overlay.stay.connect(self.idle.restart)
        self.overlay.expired.connect(lambda: self.reset_to_welcome(quietly=True))
        self.overlay.hear.connect(self.say)
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

    # -- flows, built on first use -------------------------------------------
    def flow(self, name: str) -> Any:
        """The flow ``name`` (a key of ``FLOWS``), imported and built the first time."""
        flow = self._flows.get(name)
        if flow is None:
            spec = FLOWS[name]
            host: FlowHost = self  # flows see the controller only through FlowHost
            flow = getattr(importlib.import_module(spec.module), spec.cls)(host)
            self._flows[name] = flow
            own = flow.builders() if hasattr(flow, "builders") else {}
            for screen in spec.screens:  # kept if the flow put its own (or a wrapper) there
                if screen in own:
                    self.builders.setdefault(screen, own[screen])
            if name == "staff":
                self._keep_menu_slots(flow)
            log.debug("flow %s built", name)
        return flow

    def built_flows(self) -> frozenset[str]:
        """The names of the flows built so far."""
        return frozenset(self._flows)

    def _keep_menu_slots(self, staff: StaffFlow) -> None:
        """Every tool's menu item in its place now; its flow is built when it is used."""
        for name, spec in FLOWS.items():
            for slot in spec.menu:
                action: Callable[[], None]
                if slot.screen is not None:
                    action = functools.partial(self.show, slot.screen)
                else:
                    action = functools.partial(self._call_flow, name, slot.call)
                item = MenuItem(slot.key, action, admin_only=slot.admin_only, voice=slot.voice)
                staff.add_item(item)

    # -- what flows may use (kiosk.ui.flows.api.FlowHost) -------------------------
    @property
    def current_screen(self) -> Screen:
        return self.nav.current

    def on_screen_changed(self, slot: Callable[[Screen], None]) -> None:
        self.screen_changed.connect(slot)

    def set_idle_timeout(self, seconds: int) -> None:
        self.idle.set_timeout(seconds)

    def relabel_menu_item(self, old_key: str, item: MenuItem) -> None:
        """Put ``item`` where the staff-menu item ``old_key`` is (a switch's new words)."""
        self.staff.replace_item(old_key, item)

    @property
    def qt_parent(self) -> QObject:
        return self

    @property
    def narrator(self) -> Narrator:
        """The one narration player (lessons and the demo), made on first use."""
        if self._narrator is None:
            from kiosk.ui.audio import Narrator

            self._narrator = Narrator(self)
        self._narrator.set_volume(self.services.settings.narration_volume)
        return self._narrator

    def say(self, lines: Sequence[Spoken]) -> None:
        """Say a learner screen's lines, stopping what was playing.

        Each line is heard in the visit's hearing language where a recording exists, else
        from the Vietnamese file, else a system voice reads its text in the text language;
        a clip (a lesson's title) brings its own file. No sound device or voice: nothing
        is heard, the keys are still reported.
        """
        from kiosk.content.speech import Clip

        voice = self.hearing.screen_voice()
        clips = [
            line if isinstance(line, Clip) else voice.clip(line, self.t(line)) for line in lines
        ]
        self._say_clips(clips)

    def _say_clips(self, clips: list[Clip], lang: str = "") -> None:
        """Play ``clips``; a system voice reads ``lang`` (default: the text language)."""
        self.narrator.say(clips, lang or self.services.translator.language)

    def heard_voice(self, scope: str, lines: Sequence[Line], vietnamese: Voice) -> Voice:
        """The clips of ``scope`` in the visit's hearing language (Vietnamese fills gaps)."""
        return self.hearing.voice(scope, lines, vietnamese)

    def open_hearing_picker(self) -> None:
        """Show the hearing-language picker over the current screen."""
        self.hearing.open_picker()

    def on_hearing_changed(self, slot: Callable[[], None]) -> None:
        self.hearing.changed.connect(slot)

    def hearing_label(self) -> tuple[str, Path | None]:
        return self.hearing.label()

    def _hearing_chosen(self) -> None:
        """A screen with its own hearing button shows the new language (the player keeps
        its place and changes its voice itself)."""
        if getattr(self.current_widget, "rebuilds_on_hearing", False):
            self._mount(self.nav.current)

    def _call_flow(self, name: str, method: str) -> None:
        getattr(self.flow(name), method)()

    @property
    def learner_flow(self) -> LearnerFlow:
        return self.flow("learner_flow")  # type: ignore[no-any-return]

    @property
    def staff(self) -> StaffFlow:
        return self.flow("staff")  # type: ignore[no-any-return]

    @property
    def sync_flow(self) -> SyncFlow:
        return self.flow("sync_flow")  # type: ignore[no-any-return]

    @property
    def console(self) -> ConsoleFlow:
        return self.flow("console")  # type: ignore[no-any-return]

    @property
    def content_flow(self) -> ContentFlow:
        return self.flow("content_flow")  # type: ignore[no-any-return]

    @property
    def vietqr_flow(self) -> VietQRFlow:
        return self.flow("vietqr_flow")  # type: ignore[no-any-return]

    @property
    def demo(self) -> DemoFlow:
        return self.flow("demo")  # type: ignore[no-any-return]

    # -- switching ---------------------------------------------------------
    def show(self, target: Screen) -> None:
        self.nav.go(target)
        self._mount(target)

    def _mount(self, target: Screen, *, speak: bool = True) -> None:
        if self._narrator is not None:
            self._narrator.stop()  # what the last screen said is not this one's
        old = self.current_widget
        widget = self.builders[target]()
        self.window.stack.addWidget(widget)
        self.window.stack.setCurrentWidget(widget)
        self.current_widget = widget
        if old is not None:
            self._leave(old)
        self.screen_changed.emit(target)
        if speak and widget is self.current_widget:  # not if a flow moved on at once
            self._narrate(widget)

    def _narrate(self, widget: QWidget) -> None:
        """A learner screen says its lines when it appears (its ``spoken_lines()``)."""
        spoken_lines = getattr(widget, "spoken_lines", None)
        if self._speaking and callable(spoken_lines):
            self.say(spoken_lines())

    def _leave(self, widget: QWidget) -> None:
        """Cleanup on leaving: save progress, then destroy: no trace stays behind."""
        save = getattr(widget, "save_progress", None)
        if callable(save):
            save()
        self.window.stack.removeWidget(widget)
        widget.deleteLater()

    def database_opened(self) -> None:
        """The full database open finished: show why if it failed, else start its work."""
        if self.services.failure is not None:
            if self.nav.current is not Screen.DATABASE_ERROR:
                self.nav.current = Screen.DATABASE_ERROR
                self._mount(Screen.DATABASE_ERROR)
            return
        self.flow("sync_flow")  # its worker sends the outbox in the background
        self.resume_interrupted_lesson()
        # The app calls this after the first paint, so the sound libraries never delay the
        # welcome screen: from here on screens speak, starting with the one shown now.
        if not self._speaking:
            self._speaking = True
            if self.nav.current is Screen.WELCOME and self.current_widget is not None:
                self._narrate(self.current_widget)

    def resume_interrupted_lesson(self) -> None:
        """A crash or power cut mid-lesson: the same person is most likely still here."""
        if self.nav.current is Screen.WELCOME and self.services.identity is not None:
            self.learner_flow.resume_interrupted()

    # -- idle reset --------------------------------------------------------
    def _on_idle(self) -> None:
        fresh_welcome = (
            self.nav.current is Screen.WELCOME
            and self.services.translator.language == self.services.default_language
            and self.visit.hearing == HEARING_DEFAULT
            and not self.hearing.picker_open
        )
        if fresh_welcome or self.nav.current in (Screen.DATABASE_ERROR, Screen.DEMO_LOOP):
            self.idle.restart()
            return
        self.overlay.start(self.services.settings.idle_countdown_s)
        if self._speaking:
            self.say(self.overlay.spoken_lines())

    def reset_to_welcome(self, *, quietly: bool = False) -> None:
        """Forget the visit and show the welcome screen; ``quietly`` after an idle reset,
        when nobody is there to hear its greeting."""
        self.overlay.cancel()
        self.hearing.close_picker()
        if self._narrator is not None:
            self._narrator.stop()
        self.visit.end()
        self.hearing.forget()
        if self.nav.current is not Screen.DATABASE_ERROR:
            self.nav.go(Screen.WELCOME)
            self._mount(Screen.WELCOME, speak=not quietly)
        self.idle.restart()

    # -- welcome -------------------------------------------------------------
    def _build_welcome(self) -> QWidget:
        s = self.services
        offered = [lang for lang in s.catalogue.languages if lang.code in s.settings.languages]
        screen = WelcomeScreen(
            self.t, offered, s.translator.language, s.place_label(), self.hearing.label()
        )
        screen.language_chosen.connect(self.choose_language)
        screen.setup_requested.connect(lambda: self.show(Screen.SETUP))
        screen.start_requested.connect(lambda: self.show(Screen.LEARNER_START))
        screen.hear.connect(self.say)
        screen.hearing_requested.connect(self.open_hearing_picker)
        return screen

    def choose_language(self, code: str) -> None:
        self.services.translator.set_language(code)
        self._mount(self.nav.current)

    # -- first-run set-up ----------------------------------------------------
    def _build_setup(self) -> QWidget:
        from kiosk.ui.screens.setup_wizard import SetupWizard

        wizard = SetupWizard(self.t, self.services.units)
        wizard.cancelled.connect(lambda: self.show(Screen.WELCOME))
        wizard.finished.connect(lambda answers: self._finish_setup(wizard, answers))
        return wizard

    def _finish_setup(self, wizard: SetupWizard, answers: SetupAnswers) -> None:
        from kiosk.staff.ops import set_up_kiosk
        from kiosk.staff.setup import SetupError

        a = answers
        try:
            set_up_kiosk(self.services, a.commune_code, a.learning_point, a.staff_pin, a.admin_pin)
        except SetupError as exc:
            wizard.show_message(self.t(exc.key))
            return
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
        from kiosk.ui.screens.database_error import DatabaseErrorScreen

        failure = self.services.failure
        assert failure is not None
        return DatabaseErrorScreen(self.t, f"error.{failure.reason.value}", str(failure.path))
