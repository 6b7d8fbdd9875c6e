"""The lesson player: the simulated phone on the left, guidance on the right.

A thin screen: it shows the ``StepView`` the session gives, turns what the learner does
into lesson events, and shows the engine's answer (feedback, hint, highlight, next step).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.content import speech
from kiosk.content.engine import StepView
from kiosk.content.events import (
    Choose,
    Continue,
    Event,
    KeypadEntered,
    LongPress,
    Outcome,
    QrScanned,
    RequestHint,
    Swipe,
    Tap,
    TextEntered,
    Verdict,
)
from kiosk.content.schema import AnyStep, ExplainStep, QuizStep, TypeTextStep
from kiosk.content.speech import Clip, Voice
from kiosk.learning.session import LessonSession
from kiosk.ui.audio import Narrator
from kiosk.ui.phone import PhoneView
from kiosk.ui.screens.player_panel import CONTINUE, ON_PHONE, QUIZ, TYPING, GuidePanel
from kiosk.ui.screens.player_parts import ExitConfirm, QuizOptions, button_saying, generic_hint
from kiosk.ui.screens.player_result import ResultView, slip_line
from kiosk.ui.screens.player_stage import (
    ANSWER_PAUSE_MS,
    RIGHT_PAUSE_MS,
    STYLE,
    TICK_MS,
    GoOn,
    Stage,
)
from kiosk.ui.screens.player_voice import PlayerVoice


class LessonPlayerScreen(QWidget):
    """Plays one ``LessonSession`` in ``lang``.

    Signals: ``exit_requested`` (left after confirming, or "back to the lessons" at the end),
    ``retry_requested`` ("learn again" at the end), ``finished(RunResult)``.
    """

    exit_requested = Signal()
    retry_requested = Signal()
    finished = Signal(object)

    def __init__(
        self,
        tr: Callable[..., str],
        session: LessonSession,
        lang: str,
        narrator: Narrator,
        screen_voice: Voice | None = None,
        lesson_voice: Voice | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("lesson-player")
        self.setStyleSheet(STYLE)
        self._tr = tr
        self.session = session
        self.lang = lang
        self.narrator = narrator
        screen_voice = screen_voice or speech.screen_voice(lang)
        self.set_voices(lesson_voice or session.voice(lang), screen_voice, speak=False)
        self.view: StepView | None = None
        self.quiz: QuizOptions | None = None
        self._hint_clip: Clip | None = None
        self._phone_continue: str | None = None  # the phone's own "Tiếp tục" on an explain step

        self.pages = QStackedWidget(self)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.pages)
        self.play_page = play = QWidget()
        self.pages.addWidget(play)
        self.result_view = ResultView(tr)
        self.result_view.retry.clicked.connect(self.retry_requested)
        self.result_view.to_list.clicked.connect(self.exit_requested)
        self.result_view.listen_button.clicked.connect(self.listen_again)
        self._result_clips: list[Clip] = []
        self.pages.addWidget(self.result_view)

        row = QHBoxLayout(play)
        row.setContentsMargins(24, 16, 32, 16)
        row.setSpacing(32)
        self.phone = PhoneView(tr, lang, session.media)
        self.stage = Stage(self.phone)
        self.picture = self.stage.picture
        row.addWidget(self.stage)
        self.panel = panel = GuidePanel(tr)
        row.addWidget(panel, 1)
        self.dots, self.step_count, self.narration = panel.dots, panel.step_count, panel.narration
        self.hint, self.feedback, self.keyboard = panel.hint, panel.feedback, panel.keyboard
        self.listen_button, self.hint_button = panel.listen_button, panel.hint_button
        self.exit_button, self.continue_button = panel.exit_button, panel.continue_button
        self.listen_button.clicked.connect(self.listen_again)
        self.hint_button.clicked.connect(self.show_next_hint)
        self.exit_button.clicked.connect(self.ask_exit)
        self.continue_button.clicked.connect(lambda: self.handle(Continue()))

        self.go_on_sheet = GoOn(play)
        self.go_on_sheet.setObjectName("go-on")
        self.go_on_sheet.setAccessibleName(tr("player.go_on"))
        self.go_on_sheet.touched.connect(self.go_on)
        self.go_on_sheet.hide()
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.timeout.connect(self.go_on)

        self.confirm = ExitConfirm(tr, self)
        self.confirm.leave.clicked.connect(self._leave_confirmed)

        self.phone.tapped.connect(self._on_tap)
        self.phone.long_pressed.connect(lambda e: self.handle(LongPress(e), from_phone=True))
        self.phone.swiped.connect(lambda d, e: self.handle(Swipe(d, e), from_phone=True))
        self.phone.text_entered.connect(
            lambda text, e: self.handle(TextEntered(text, e), from_phone=True)
        )
        self.phone.keypad_entered.connect(
            lambda digits, e: self.handle(KeypadEntered(digits, e), from_phone=True)
        )
        self.phone.qr_scanned.connect(lambda p: self.handle(QrScanned(p), from_phone=True))
        self.keyboard.submitted.connect(self._submit_typed)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.on_timer)
        self.show_step()
        if not session.finished:
            self.timer.start()

    def set_voices(self, lesson: Voice, screens: Voice, *, speak: bool = True) -> None:
        """Hear the lesson and the player's phrases in another language (the step again)."""
        self.voice = PlayerVoice(self.session.lesson, lesson, screens, self._tr, self.lang)
        if speak and not self.session.finished:
            self.listen_again()

    @property
    def pausing(self) -> bool:
        """A finished step still shows its feedback; the next one comes on a touch or soon."""
        return not self.go_on_sheet.isHidden()

    # Showing a step --------------------------------------------------------------------

    def show_step(self, *, speak: bool = True) -> None:
        """Draw the session's current step (or the result once the lesson is over).

        ``speak`` False: its narration is already queued behind the last step's feedback.
        """
        self._end_pause()
        self.feedback.clear()  # feedback belongs to the step it answered, never the next
        if self.session.finished:
            self._show_result(speak)
            return
        view = self.session.view(self.lang)
        if view is None:
            return
        self.view = view
        self.dots.set_progress(view.index, view.count)
        count = self._tr("player.step", n=view.index + 1, count=view.count)
        again = f" · {self._tr('player.asked_again')}" if view.comes_back else ""
        self.step_count.setText(count + again)
        self.narration.setText(view.narration)
        self.panel.set_hint(view.hint)
        self._hint_clip = self.voice.shown_hint(view)
        if view.screen is not None:
            self.phone.show_screen(view.screen, self.lang, self.session.media)
            self.stage.show_phone()
        elif view.picture is not None:
            self.phone.show_screen(None)
            self.stage.show_picture(self.session.media(view.picture))
        else:
            self.phone.show_screen(None)
            self.stage.hide()
        self.phone.highlight(view.highlight)
        self._show_actions(view)
        if speak:
            self.narrator.say(self.step_clips(view), self.lang)

    def step_clips(self, view: StepView, *, hint: bool = True) -> list[Clip]:
        """What the step says: its narration, each option in the order shown, the hint shown."""
        clips = [self.voice.narration(view, self.session.media), *self.voice.options(view)]
        return clips + ([self._hint_clip] if hint and self._hint_clip is not None else [])

    def _show_actions(self, view: StepView) -> None:
        step = view.step
        self._clear_quiz()
        self.keyboard.attach(None)
        self._phone_continue = None
        if isinstance(step, ExplainStep):
            # One "Tiếp tục" per screen: when the phone shows its own, that one goes on.
            said = self._tr("player.continue")
            self._phone_continue = button_saying(view.screen, said, self.lang)
            self.panel.show_actions(ON_PHONE if self._phone_continue else CONTINUE)
        elif isinstance(step, QuizStep):
            spoken = {o.id: self.voice.option(step, o).key for o in step.options}
            options = view.options or step.options
            self.quiz = QuizOptions(self._tr, step, options, spoken, self.lang, self.session.media)
            self.quiz.chosen.connect(lambda choices: self.handle(Choose(tuple(choices))))
            self.quiz.listen.connect(self.listen_to_option)
            self.panel.quiz_column.insertWidget(0, self.quiz)
            self.panel.show_actions(QUIZ)
        elif isinstance(step, TypeTextStep):
            field = self.phone.field(step.target)
            self.keyboard.attach(field)
            if field is not None:
                field.setFocus()
            self.panel.show_actions(TYPING)
        else:
            self.panel.show_actions(ON_PHONE)

    def _clear_quiz(self) -> None:
        if self.quiz is not None:
            self.quiz.hide()
            self.quiz.deleteLater()
            self.quiz = None

    # What the learner does -------------------------------------------------------------

    def handle(self, event: Event, *, from_phone: bool = False) -> Outcome | None:
        """Pass one learner event to the lesson and show (and say) what came of it."""
        if self.pausing:
            self.go_on()
        if self.session.finished or self.view is None:
            return None
        step = self.view.step
        outcome = self.session.handle(event)
        clips: list[Clip] = []
        if outcome.step_done:
            if self.quiz is not None and isinstance(event, Choose):
                self.quiz.mark_wrong(event.choices if outcome.verdict is Verdict.WRONG else ())
            self._after_step(step, outcome)
            return outcome
        if outcome.verdict is Verdict.WRONG:
            text = outcome.feedback.text(self.lang) if outcome.feedback else None
            self.feedback.show_wrong(text or self._tr("player.wrong"))
            clips.append(self.voice.feedback(step, outcome.feedback, "player.wrong"))
            if from_phone:
                self.phone.flash_wrong()
            if self.quiz is not None and isinstance(event, Choose):
                self.quiz.mark_wrong(event.choices)
        if outcome.hint is not None:
            clips.append(self._show_engine_hint(outcome))
        if clips:
            self.narrator.say(clips, self.lang)
        if outcome.highlight:
            self.phone.highlight(outcome.highlight)
        return outcome

    def _after_step(self, step: AnyStep, outcome: Outcome) -> None:
        """The step is over: say (and show, on the finished step) how it went, then go on."""
        end = self.voice.step_end(step, outcome)
        if outcome.finished or end is None:
            self.show_step(speak=end is None)
            if end is not None:
                self.narrator.say(end.said + self._result_clips, self.lang)
            return
        # The finished step stays, with its feedback, under a sheet that goes on when touched.
        self.feedback.show_right(end.shown) if end.right else self.feedback.show_wrong(end.shown)
        if self.quiz is not None and (outcome.reveal or end.right):
            self.quiz.show_answer(outcome.reveal or getattr(step, "answer", frozenset()))
        self.go_on_sheet.setGeometry(self.play_page.rect())
        self.go_on_sheet.raise_()
        self.go_on_sheet.show()
        self.pause.start(RIGHT_PAUSE_MS if end.right else ANSWER_PAUSE_MS)
        following = self.session.view(self.lang)
        after = self.step_clips(following, hint=False) if following is not None else []
        self.narrator.say(end.said + after, self.lang)

    def go_on(self) -> None:
        """From a finished step's feedback to the next step (its narration is already queued)."""
        if self.pausing:
            self.show_step(speak=False)

    def _end_pause(self) -> None:
        self.pause.stop()
        self.go_on_sheet.hide()

    def _on_tap(self, element_id: str) -> None:
        step = self.view.step if self.view else None
        if isinstance(step, ExplainStep) and element_id == self._phone_continue:
            self.handle(Continue())
            return
        if isinstance(step, TypeTextStep) and element_id == step.target:
            field = self.phone.field(element_id)
            if field is not None:
                field.setFocus()  # tapping the box to type in is not an answer
            return
        self.handle(Tap(element_id), from_phone=True)

    def _submit_typed(self) -> None:
        step = self.view.step if self.view else None
        if isinstance(step, TypeTextStep):
            self.phone.submit_text(step.target)

    # Hints, sound, time ----------------------------------------------------------------

    def on_timer(self) -> None:
        """Once a second: lets hints that wait for time become due."""
        if self.session.finished or self.view is None:
            self.timer.stop()
            return
        if self.pausing:
            return
        outcome = self.session.tick()
        if outcome.hint is not None:
            self.narrator.say([self._show_engine_hint(outcome)], self.lang)
        if outcome.highlight and outcome.highlight != self.phone.highlighted:
            self.phone.highlight(outcome.highlight)

    def _show_engine_hint(self, outcome: Outcome) -> Clip:
        """Show the hint that became due; return its clip to say."""
        assert outcome.hint is not None and self.view is not None
        self.panel.set_hint(outcome.hint.text.text(self.lang))
        self._hint_clip = self.voice.hint(self.view.step, outcome.hint)
        return self._hint_clip

    def show_next_hint(self) -> None:
        """ "Gợi ý": the step's next hint (the lesson counts it), then a plain how-to and
        the target ringed."""
        view = self.view
        if view is None:
            return
        outcome = self.handle(RequestHint())
        if outcome is None or outcome.hint is not None:
            return  # shown and said by handle()
        text = generic_hint(self._tr, view.step)
        target = getattr(view.step, "target", None)
        if target:
            self.phone.highlight(target)
        self.panel.set_hint(text)
        self._hint_clip = self.voice.said(f"player.hint_{view.step.kind}", text)
        self.narrator.say([self._hint_clip], self.lang)

    def listen_again(self) -> None:
        """ "Nghe lại": the whole step again, its options and the hint on screen too."""
        if self.session.finished:
            self.narrator.say(self._result_clips, self.lang)
        elif self.view is not None:
            self.narrator.say(self.step_clips(self.view), self.lang)

    def listen_to_option(self, option_id: str) -> None:
        """An option's loudspeaker: only that option, without choosing it."""
        step = self.view.step if self.view else None
        if isinstance(step, QuizStep):
            option = next(o for o in step.options if o.id == option_id)
            self.narrator.say([self.voice.option(step, option)], self.lang)

    # Leaving and the end ---------------------------------------------------------------

    def ask_exit(self) -> None:
        self.confirm.setGeometry(self.rect())
        self.confirm.raise_()
        self.confirm.show()

    def _leave_confirmed(self) -> None:
        self.confirm.hide()
        self.save_progress()
        self.exit_requested.emit()

    def save_progress(self) -> None:
        """Save and pause (or drop, for a guest) the attempt: the person has gone."""
        self.timer.stop()
        self._end_pause()
        self.narrator.stop()
        self.session.leave()

    def _show_result(self, speak: bool) -> None:
        self.timer.stop()
        result = self.session.result()
        skills = self.voice.skills(result.to_practise)
        slip = slip_line(self.session.is_guest, result.passed)
        self.result_view.show_run(self.session.lesson, result, [c.text for c in skills], slip)
        self._result_clips = self.voice.result(result.passed, skills, slip)
        if speak:
            self.narrator.say(self._result_clips, self.lang)
        self.pages.setCurrentWidget(self.result_view)
        self.finished.emit(result)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.stage.fit(self.size())
        if self.confirm.isVisible():
            self.confirm.setGeometry(self.rect())
        if self.pausing:
            self.go_on_sheet.setGeometry(self.play_page.rect())
