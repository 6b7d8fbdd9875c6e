"""What the lesson player says, as clips: the lesson's own lines and the player's phrases.

Every line id comes from ``kiosk.content.speech`` (the one list of spoken lines), so the
player speaks exactly the files the audio generator made and ``content list`` counts.
A learner who cannot read hears the step, each option, the feedback, the reveal and the
result; the clips' keys are what the narrator reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.content import speech
from kiosk.content.engine import StepView
from kiosk.content.events import Outcome, Verdict
from kiosk.content.schema import (
    AnyStep,
    ExplainStep,
    Hint,
    Lesson,
    LocalText,
    QuizOption,
    QuizStep,
)
from kiosk.content.speech import Clip, Voice


@dataclass(frozen=True)
class StepEnd:
    """What the player shows on a finished step (``right``: the tick) and says about it."""

    right: bool
    shown: str
    said: list[Clip]


class PlayerVoice:
    """The clips of one lesson in one language, and the player's phrases (``tr`` keys)."""

    def __init__(
        self,
        lesson: Lesson,
        lesson_voice: Voice,
        screen_voice: Voice,
        tr: Callable[..., str],
        lang: str,
    ) -> None:
        self.lesson = lesson
        self.lang = lang
        self._lesson_voice = lesson_voice
        self._screen_voice = screen_voice
        self._tr = tr

    def line(self, line_id: str, text: LocalText | str) -> Clip:
        said = text if isinstance(text, str) else text.text(self.lang)
        return self._lesson_voice.clip(line_id, said)

    def phrase(self, key: str) -> Clip:
        """One of the player's own phrases (``PLAYER_LINES``), from the screens' voice."""
        return self._screen_voice.clip(key, self._tr(key))

    def said(self, key: str, text: str) -> Clip:
        """A phrase with values in it (a generic how-to hint): only a system voice reads it."""
        return Clip(f"{speech.SCREENS}/{key}", text, None)

    # A step ---------------------------------------------------------------------------

    def narration(self, view: StepView, media: Callable[[str | None], Path | None]) -> Clip:
        clip = self.line(view.step.id, view.narration)
        if clip.path is None and view.audio is not None:
            # a pack may name the narration file in the step instead
            return Clip(clip.key, clip.text, media(view.audio))
        return clip

    def option(self, step: QuizStep, option: QuizOption) -> Clip:
        return self.line(speech.option_id(step.id, option.id), option.text)

    def options(self, view: StepView) -> list[Clip]:
        step = view.step
        if not isinstance(step, QuizStep):
            return []
        return [self.option(step, option) for option in view.options or step.options]

    def hint(self, step: AnyStep, hint: Hint) -> Clip:
        number = next(n for n, h in enumerate(step.hints, start=1) if h is hint or h == hint)
        return self.line(speech.hint_id(step.id, number), hint.text)

    def shown_hint(self, view: StepView) -> Clip | None:
        """The clip of the hint a (resumed) step shows from the start, if any."""
        hints = [h for h in view.step.hints if h.text.text(self.lang) == view.hint]
        return self.hint(view.step, hints[0]) if hints else None

    # Feedback -------------------------------------------------------------------------

    def feedback(self, step: AnyStep, text: LocalText | None, fallback: str) -> Clip:
        """The line of ``step`` whose text the engine gave as feedback, else a phrase."""
        if text is None:
            return self.phrase(fallback)
        for line_id, candidate in _feedback_lines(step):
            if candidate is text:
                return self.line(line_id, text)
        for line_id, candidate in _feedback_lines(step):
            if candidate == text:
                return self.line(line_id, text)
        return self.line(speech.wrong_id(step.id), text)

    def reveal(self, step: QuizStep, answer: Iterable[str]) -> list[Clip]:
        """ "The answer was", then each right option."""
        right = set(answer)
        return [self.phrase("player.answer_was_lead")] + [
            self.option(step, option) for option in step.options if option.id in right
        ]

    def step_end(self, step: AnyStep, outcome: Outcome) -> StepEnd | None:
        """How a finished step went, to show and say; None when there is nothing to tell."""
        feedback = outcome.feedback.text(self.lang) if outcome.feedback else ""
        if outcome.verdict is Verdict.RIGHT and not isinstance(step, ExplainStep):
            said = [self.feedback(step, outcome.feedback, "player.right")]
            return StepEnd(True, feedback or self._tr("player.right"), said)
        if not isinstance(step, QuizStep) or not (outcome.comes_back or outcome.reveal):
            return None
        said = [self.feedback(step, outcome.feedback, "player.wrong")]
        if outcome.comes_back:
            said.append(self.phrase("player.comes_back"))
            more = self._tr("player.comes_back")
        else:
            said.extend(self.reveal(step, outcome.reveal))
            answer = ", ".join(o.text.text(self.lang) for o in step.options if o.correct)
            more = self._tr("player.answer_was", answer=answer)
        return StepEnd(False, f"{feedback}\n{more}" if feedback else more, said)

    # The result -----------------------------------------------------------------------

    def result(self, passed: bool, skills: list[Clip], slip: str | None) -> list[Clip]:
        """Passed or not, what to practise again, how to get a slip."""
        said = [self.phrase("result.passed" if passed else "result.not_passed")]
        if skills:
            said += [self.phrase("result.practise_again"), *skills]
        if slip is not None:
            said.append(self.phrase(slip))
        return said

    def skills(self, step_ids: Iterable[str]) -> list[Clip]:
        """What to practise again: each missed step's skill, else the lesson's title (once)."""
        steps = {step.id: step for step in self.lesson.steps}
        clips: list[Clip] = []
        for step_id in step_ids:
            step = steps.get(step_id)
            if step is None:
                continue
            if step.skill is not None:
                clip = self.line(speech.skill_id(step.id), step.skill)
            else:
                clip = self.line(speech.TITLE, self.lesson.title)
            if all(c.key != clip.key for c in clips):
                clips.append(clip)
        return clips


def _feedback_lines(step: AnyStep) -> Iterable[tuple[str, LocalText]]:
    if step.feedback.right is not None:
        yield speech.right_id(step.id), step.feedback.right
    for element, text in step.feedback.elements.items():
        yield speech.element_feedback_id(step.id, element), text
    if isinstance(step, QuizStep):
        for option in step.options:
            if option.feedback is not None:
                yield speech.option_why_id(step.id, option.id), option.feedback
    if step.feedback.wrong is not None:
        yield speech.wrong_id(step.id), step.feedback.wrong
