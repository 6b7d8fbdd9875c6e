"""The lesson player: the simulated phone on the left, guidance on the right.

A thin screen: it shows the ``StepView`` the session gives, turns what the learner does
into lesson events, and shows the engine's answer (feedback, hint, highlight, next step).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

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
    StepStatus,
    Swipe,
    Tap,
    TextEntered,
    Verdict,
)
from kiosk.content.schema import ExplainStep, QuizStep, TypeTextStep
from kiosk.learning.session import LessonSession
from kiosk.ui.audio import Narrator
from kiosk.ui.keyboard import OnScreenKeyboard
from kiosk.ui.phone import PhoneView
from kiosk.ui.phone.parts import picture
from kiosk.ui.screens.player_parts import (
    ExitConfirm,
    FeedbackLine,
    ProgressDots,
    QuizOptions,
    ResultView,
    generic_hint,
)
from kiosk.ui.screens.player_stage import ASPECT, STYLE, TICK_MS, Stage
from kiosk.ui.widgets import button, label


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
    ) -> None:
        super().__init__()
        self.setObjectName("lesson-player")
        self.setStyleSheet(STYLE)
        self._tr = tr
        self.session = session
        self.lang = lang
        self.narrator = narrator
        self.view: StepView | None = None
        self.quiz: QuizOptions | None = None

        self.pages = QStackedWidget(self)
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.pages)
        play = QWidget()
        self.pages.addWidget(play)
        self.result_view = ResultView(tr)
        self.result_view.retry.clicked.connect(self.retry_requested)
        self.result_view.to_list.clicked.connect(self.exit_requested)
        self.pages.addWidget(self.result_view)

        row = QHBoxLayout(play)
        row.setContentsMargins(24, 16, 32, 16)
        row.setSpacing(32)
        self.stage = Stage()
        self.phone = PhoneView(tr, lang, session.media)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The picture is scaled to the stage: its pixmap must never hold the window wide.
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.stage.addWidget(self.phone)
        self.stage.addWidget(self.picture)
        row.addWidget(self.stage)
        row.addLayout(self._panel(tr), 1)

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

    def _panel(self, tr: Callable[..., str]) -> QVBoxLayout:
        panel = QVBoxLayout()
        panel.setSpacing(14)
        top = QHBoxLayout()
        self.dots = ProgressDots()
        self.step_count = label("", "step-count", wrap=False)
        top.addWidget(self.dots)
        top.addWidget(self.step_count)
        top.addStretch(1)
        self.listen_button = button(tr("player.listen_again"), "listen-again")
        self.listen_button.clicked.connect(self.listen_again)
        self.hint_button = button(tr("player.hint"), "hint-button")
        self.hint_button.clicked.connect(self.show_next_hint)
        self.exit_button = button(tr("player.exit"), "exit")
        self.exit_button.clicked.connect(self.ask_exit)
        for widget in (self.listen_button, self.hint_button, self.exit_button):
            top.addWidget(widget)
        panel.addLayout(top)
        self.narration = label("", "narration")
        panel.addWidget(self.narration)
        self.hint = label("", "hint")
        self.hint.hide()
        panel.addWidget(self.hint)
        self.feedback = FeedbackLine()
        panel.addWidget(self.feedback)
        self.action_area = QStackedWidget()
        self.action_area.addWidget(QWidget())  # nothing: the learner acts on the phone
        self.continue_button = button(tr("player.continue"), "primary")
        self.continue_button.clicked.connect(lambda: self.handle(Continue()))
        holder = QWidget()
        holder_row = QHBoxLayout(holder)
        holder_row.setContentsMargins(0, 0, 0, 0)
        holder_row.addWidget(self.continue_button)
        holder_row.addStretch(1)
        self.action_area.addWidget(holder)
        self.quiz_holder = QWidget()
        self._quiz_column = quiz_column = QVBoxLayout(self.quiz_holder)
        quiz_column.setContentsMargins(0, 0, 0, 0)
        quiz_column.addStretch(1)
        self.action_area.addWidget(self.quiz_holder)
        typing = QWidget()
        typing_column = QVBoxLayout(typing)
        typing_column.setContentsMargins(0, 0, 0, 0)
        typing_column.addWidget(label(tr("player.type_here"), "muted"))
        self.keyboard = OnScreenKeyboard(tr)
        typing_column.addWidget(self.keyboard)
        self.action_area.addWidget(typing)
        panel.addWidget(self.action_area)
        panel.addStretch(1)
        return panel

    # Showing a step --------------------------------------------------------------------

    def show_step(self) -> None:
        """Draw the session's current step (or the result once the lesson is over)."""
        if self.session.finished:
            self._show_result()
            return
        view = self.session.view(self.lang)
        if view is None:
            return
        self.view = view
        self.dots.set_progress(view.index, view.count)
        self.step_count.setText(self._tr("player.step", n=view.index + 1, count=view.count))
        self.narration.setText(view.narration)
        self._set_hint(view.hint)
        if view.screen is not None:
            self.phone.show_screen(view.screen, self.lang, self.session.media)
            self.stage.setCurrentWidget(self.phone)
            self._fit_stage()
            self.stage.show()
        elif view.picture is not None:
            self.phone.show_screen(None)
            self._show_picture(view.picture)
        else:
            self.phone.show_screen(None)
            self.stage.hide()
        self.phone.highlight(view.highlight)
        self._show_actions(view)
        self.narrator.play(self.session.media(view.audio), view.narration, self.lang)

    def _show_picture(self, rel: str) -> None:
        self.stage.setCurrentWidget(self.picture)
        self._fit_stage()
        width = self.stage.maximumWidth() if self.stage.maximumWidth() < 5000 else 480
        pix = picture(self.session.media(rel), width, max(self.height() - 64, 320))
        self.picture.setPixmap(pix) if pix is not None else self.picture.clear()
        self.stage.show()

    def _show_actions(self, view: StepView) -> None:
        step = view.step
        self._clear_quiz()
        self.keyboard.attach(None)
        if isinstance(step, ExplainStep):
            self.action_area.setCurrentIndex(1)
        elif isinstance(step, QuizStep):
            self.quiz = QuizOptions(self._tr, step, self.lang, self.session.media)
            self.quiz.chosen.connect(lambda choices: self.handle(Choose(tuple(choices))))
            self._quiz_column.insertWidget(0, self.quiz)
            self.action_area.setCurrentIndex(2)
        elif isinstance(step, TypeTextStep):
            field = self.phone.field(step.target)
            self.keyboard.attach(field)
            if field is not None:
                field.setFocus()
            self.action_area.setCurrentIndex(3)
        else:
            self.action_area.setCurrentIndex(0)

    def _clear_quiz(self) -> None:
        if self.quiz is not None:
            self.quiz.hide()
            self.quiz.deleteLater()
            self.quiz = None

    def _set_hint(self, text: str | None) -> None:
        self.hint.setText(text or "")
        self.hint.setVisible(bool(text))

    # What the learner does -------------------------------------------------------------

    def handle(self, event: Event, *, from_phone: bool = False) -> Outcome | None:
        """Pass one learner event to the lesson and show what came of it."""
        if self.session.finished or self.view is None:
            return None
        outcome = self.session.handle(event)
        if outcome.hint is not None:
            self._show_engine_hint(outcome)
        if outcome.step_done:
            self._after_step(outcome)
            return outcome
        if outcome.verdict is Verdict.WRONG:
            text = outcome.feedback.text(self.lang) if outcome.feedback else None
            self.feedback.show_wrong(text or self._tr("player.wrong"))
            if from_phone:
                self.phone.flash_wrong()
            if self.quiz is not None and isinstance(event, Choose):
                self.quiz.mark_wrong(event.choices)
        if outcome.highlight:
            self.phone.highlight(outcome.highlight)
        return outcome

    def _after_step(self, outcome: Outcome) -> None:
        step = self.view.step if self.view else None
        feedback = outcome.feedback.text(self.lang) if outcome.feedback else ""
        self.show_step()
        if outcome.finished:
            return
        if outcome.verdict is Verdict.RIGHT and not isinstance(step, ExplainStep):
            self.feedback.show_right(feedback or self._tr("player.right"))
        elif outcome.reveal and isinstance(step, QuizStep):
            answer = ", ".join(o.text.text(self.lang) for o in step.options if o.correct)
            shown = self._tr("player.answer_was", answer=answer)
            self.feedback.show_wrong(f"{feedback}\n{shown}" if feedback else shown)
        else:
            self.feedback.clear()

    def _on_tap(self, element_id: str) -> None:
        step = self.view.step if self.view else None
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
        outcome = self.session.tick()
        if outcome.hint is not None:
            self._show_engine_hint(outcome)
        if outcome.highlight and outcome.highlight != self.phone.highlighted:
            self.phone.highlight(outcome.highlight)

    def _show_engine_hint(self, outcome: Outcome) -> None:
        hint = outcome.hint
        if hint is None or self.view is None:
            return
        text = hint.text.text(self.lang)
        self._set_hint(text)
        self.narrator.play(self.session.media(hint.audio.root.get(self.lang)), text, self.lang)

    def show_next_hint(self) -> None:
        """ "Gợi ý": the step's next hint (the lesson counts it), then a plain how-to and
        the target ringed."""
        view = self.view
        if view is None:
            return
        outcome = self.handle(RequestHint())
        if outcome is None or outcome.hint is not None:
            return  # shown by handle()
        text = generic_hint(self._tr, view.step)
        target = getattr(view.step, "target", None)
        if target:
            self.phone.highlight(target)
        self._set_hint(text)
        self.narrator.play(None, text, self.lang)

    def listen_again(self) -> None:
        if self.view is not None:
            media = self.session.media(self.view.audio)
            self.narrator.play(media, self.view.narration, self.lang)

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
        self.narrator.stop()
        self.session.leave()

    def _show_result(self) -> None:
        self.timer.stop()
        self.narrator.stop()
        result = self.session.result()
        steps = self.session.lesson.steps
        records = dict(zip([s.id for s in steps], result.records, strict=True))
        quiz = [records[s.id] for s in steps if s.is_quiz]
        practice = [records[s.id] for s in steps if s.is_practice]
        self.result_view.show_result(
            result.passed,
            (sum(r.status is StepStatus.DONE for r in quiz), len(quiz)),
            (sum(r.status is StepStatus.DONE for r in practice), len(practice)),
        )
        self.pages.setCurrentWidget(self.result_view)
        self.finished.emit(result)

    def _fit_stage(self) -> None:
        """The phone as wide as its height allows; a picture gets a third of the width."""
        phone = max(280, round((self.height() - 32) / ASPECT))
        showing_picture = self.stage.currentWidget() is self.picture
        # A preferred width, not a fixed one: a fixed width taken from a bigger window
        # would stop the window from ever shrinking again.
        self.stage.set_target(max(phone, round(self.width() * 0.32)) if showing_picture else phone)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_stage()
        if self.confirm.isVisible():
            self.confirm.setGeometry(self.rect())
        if self.view is not None and self.view.screen is None and self.view.picture:
            self._show_picture(self.view.picture)
