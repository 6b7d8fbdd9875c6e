"""The learner's path: who are you → lessons → playing a lesson.

Builds the learner screens for the controller and answers what people do on them
by calling the core's operations (kiosk.learners.ops, kiosk.learning.ops). The controller
stays the one place that switches screens; this flow only asks it to (``FlowHost``).
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from kiosk.navigation import Screen

if TYPE_CHECKING:
    from kiosk.content.speech import Voice
    from kiosk.learners.registry import LearnerView, Registration
    from kiosk.learning.session import LessonSession
    from kiosk.ui.flows.api import FlowHost
    from kiosk.ui.screens.lesson_player import LessonPlayerScreen
    from kiosk.ui.screens.register import RegisterScreen
    from kiosk.ui.screens.sign_in import SignInScreen

log = logging.getLogger(__name__)


class LearnerFlow:
    def __init__(self, controller: FlowHost) -> None:
        self.c = controller
        self.visit = controller.visit  # who is learning, and in which lesson
        controller.on_hearing_changed(self._hearing_changed)

    def builders(self) -> dict[Screen, object]:
        return {
            Screen.LEARNER_START: self._build_start,
            Screen.SIGN_IN: self._build_sign_in,
            Screen.REGISTER: self._build_register,
            Screen.CATALOGUE: self._build_catalogue,
            Screen.LESSON: self._build_lesson,
        }

    # The person's state lives in the visit, which the idle reset ends in one call.
    @property
    def learner(self) -> LearnerView | None:
        return self.visit.learner

    @learner.setter
    def learner(self, learner: LearnerView | None) -> None:
        self.visit.learner = learner

    @property
    def lesson_id(self) -> str | None:
        return self.visit.lesson_id

    @lesson_id.setter
    def lesson_id(self, lesson_id: str | None) -> None:
        self.visit.lesson_id = lesson_id

    @property
    def resume_attempt(self) -> uuid.UUID | None:
        return self.visit.resume_attempt

    @resume_attempt.setter
    def resume_attempt(self, attempt: uuid.UUID | None) -> None:
        self.visit.resume_attempt = attempt

    # -- who are you ---------------------------------------------------------------
    def _build_start(self) -> QWidget:
        from kiosk.ui.screens.learner_start import LearnerStartScreen

        screen = LearnerStartScreen(self.c.t, self.c.hearing_label())
        screen.hearing_requested.connect(self.c.open_hearing_picker)
        screen.guest_chosen.connect(self.as_guest)
        screen.sign_in_chosen.connect(lambda: self.c.show(Screen.SIGN_IN))
        screen.register_chosen.connect(lambda: self.c.show(Screen.REGISTER))
        screen.back_requested.connect(self.c.reset_to_welcome)
        screen.hear.connect(self.c.say)
        return screen

    def as_guest(self) -> None:
        self.learner = None
        self.c.show(Screen.CATALOGUE)

    def _build_sign_in(self) -> QWidget:
        from kiosk.ui.screens.sign_in import SignInScreen

        s = self.c.services
        screen = SignInScreen(self.c.t, s.settings.villages, s.clock().year)
        screen.sign_in_requested.connect(
            lambda name, year, village: self._sign_in(screen, name, year, village)
        )
        screen.register_requested.connect(lambda: self.c.show(Screen.REGISTER))
        screen.guest_chosen.connect(self.as_guest)
        screen.cancelled.connect(lambda: self.c.show(Screen.LEARNER_START))
        screen.hear.connect(self.c.say)
        return screen

    def _sign_in(self, screen: SignInScreen, name: str, year: int, village: str | None) -> None:
        from kiosk.learners.ops import sign_in_learner
        from kiosk.learners.registry import SignInOutcome

        found = sign_in_learner(self.c.services, name, year, village)
        if found.outcome is SignInOutcome.NEEDS_VILLAGE:
            screen.ask_village()
        elif found.outcome is SignInOutcome.NOT_FOUND:
            screen.show_not_found()
        else:
            self.learner = found.learner
            self.c.show(Screen.CATALOGUE)

    def _build_register(self) -> QWidget:
        from kiosk.ui.screens.register import RegisterScreen

        s = self.c.services
        screen = RegisterScreen(self.c.t, s.settings.villages, s.clock().year)
        screen.submitted.connect(lambda reg: self._register(screen, reg))
        screen.cancelled.connect(lambda: self.c.show(Screen.LEARNER_START))
        screen.guest_chosen.connect(self.as_guest)
        screen.hear.connect(self.c.say)
        return screen

    def _register(self, screen: RegisterScreen, registration: Registration) -> None:
        from kiosk.learners.ops import register_learner
        from kiosk.learners.registry import RegistrationError

        try:
            view = register_learner(self.c.services, registration)
        except RegistrationError as exc:
            screen.show_error(exc.field, self.c.t(exc.key))
            return
        self.learner = view
        self.c.show(Screen.CATALOGUE)

    # -- lessons -------------------------------------------------------------------
    def _build_catalogue(self) -> QWidget:
        from kiosk.content.schema import SOURCE_LANGUAGE
        from kiosk.content.speech import TITLE, lesson_lines
        from kiosk.learning.catalogue import lesson_tiles
        from kiosk.learning.ops import best_scores
        from kiosk.ui.screens.catalogue import CatalogueScreen

        s = self.c.services
        done = best_scores(s, self.learner.id if self.learner else None)
        lang = s.translator.language
        lessons = s.content().lessons
        tiles = lesson_tiles(lessons, lang, done)
        shown = {tile.lesson_id: tile.title for tile in tiles}
        titles = {
            loaded.lesson.id: self.c.heard_voice(
                loaded.lesson.id, lesson_lines(loaded.lesson), loaded.voice(SOURCE_LANGUAGE)
            ).clip(TITLE, shown[loaded.lesson.id])
            for loaded in lessons
            if loaded.lesson.id in shown
        }
        name = self.learner.full_name if self.learner else None
        screen = CatalogueScreen(self.c.t, lang, tiles, name, titles)
        screen.lesson_chosen.connect(self.open_lesson)
        screen.leave_requested.connect(self.c.reset_to_welcome)
        screen.hear.connect(self.c.say)
        return screen

    def open_lesson(self, lesson_id: str) -> None:
        self.lesson_id = lesson_id
        self.resume_attempt = None
        self.c.show(Screen.LESSON)

    def resume_interrupted(self) -> bool:
        """After a crash or power cut: reopen the lesson the kiosk was in, at its step."""
        from kiosk.learning.ops import find_resume_point

        s = self.c.services
        if not s.connected:
            return False
        point = find_resume_point(s)
        if point is None:
            return False
        self.lesson_id, self.resume_attempt = point.lesson_id, point.attempt_id
        if point.learner is not None:
            self.learner = point.learner
        try:
            s.content().lesson(self.lesson_id)
        except KeyError:
            return False
        log.info("resuming interrupted lesson %s", self.lesson_id)
        self.c.show(Screen.LESSON)
        return True

    def _open_session(self) -> LessonSession | None:
        from kiosk.learning.ops import open_lesson

        if self.lesson_id is None:
            return None
        learner_id = self.learner.id if self.learner else None
        session = open_lesson(self.c.services, self.lesson_id, learner_id, self.resume_attempt)
        self.resume_attempt = None
        return session

    def _build_lesson(self) -> QWidget:
        from kiosk.ui.screens.lesson_player import LessonPlayerScreen

        session = self._open_session()
        assert session is not None
        lesson_voice, screen_voice = self._heard_voices(session)
        screen = LessonPlayerScreen(
            self.c.t,
            session,
            self.c.services.translator.language,
            self.c.narrator,
            screen_voice,
            lesson_voice,
        )
        screen.panel.hearing_button.clicked.connect(self.c.open_hearing_picker)
        self._show_heard_language(screen)
        screen.exit_requested.connect(lambda: self.c.show(Screen.CATALOGUE))
        screen.retry_requested.connect(lambda: self.c.show(Screen.LESSON))
        return screen

    def _heard_voices(self, session: LessonSession) -> tuple[Voice, Voice]:
        """The lesson's and the player phrases' clips in the visit's hearing language."""
        from kiosk.content.schema import SOURCE_LANGUAGE
        from kiosk.content.speech import SCREENS, screen_lines, screen_voice

        s = self.c.services
        lines = screen_lines(s.catalogue.strings)
        phrases = self.c.heard_voice(SCREENS, lines, screen_voice(SOURCE_LANGUAGE))
        return session.heard_voice(s.voices, self.visit.hearing), phrases

    def _hearing_changed(self) -> None:
        """Chosen in the player: the lesson goes on where it was, heard in the new language."""
        from kiosk.ui.screens.lesson_player import LessonPlayerScreen

        screen = self.c.current_widget
        if isinstance(screen, LessonPlayerScreen):
            screen.set_voices(*self._heard_voices(screen.session))
            self._show_heard_language(screen)

    def _show_heard_language(self, screen: LessonPlayerScreen) -> None:
        """The player's hearing button shows the heard language's picture."""
        from PySide6.QtGui import QIcon

        from kiosk.ui import pictograms

        name, picture = self.c.hearing_label()
        button = screen.panel.hearing_button
        button.setIcon(QIcon(pictograms.file_pixmap(picture, 96, "languages")))
        button.setAccessibleName(self.c.t("hearing.button", name=name))
