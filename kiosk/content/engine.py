"""A lesson run: a deterministic state machine over learner events.

Time is always passed in (``now_ms``, e.g. from a monotonic clock the player owns); the
engine never reads a clock, so every run can be replayed in a test. The state is a
JSON-able dict, saved by the player after every step so a power cut loses at most one step.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kiosk.content.events import (
    Event,
    Outcome,
    RequestHint,
    RunResult,
    Skip,
    StepRecord,
    StepStatus,
    TimePassed,
    Verdict,
)
from kiosk.content.judge import judge, wrong_feedback
from kiosk.content.schema import AnyStep, Hint, Lesson, PhoneScreen, QuizStep
from kiosk.content.schema.lesson import _ActStep
from kiosk.content.view import StepView, shown_options

__all__ = ["STATE_FORMAT", "LessonRun", "StateError", "StepView", "shown_options"]

STATE_FORMAT = 1
_EPSILON = 1e-9


class StateError(ValueError):
    """A saved run does not fit the lesson (another lesson, version, or a damaged save)."""


class _RecordState(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    step_id: str
    status: StepStatus
    attempts: int = Field(ge=0)
    wrong: int = Field(ge=0)
    hints_used: int = Field(ge=0)
    time_ms: int = Field(ge=0)


class _RunState(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    format: int
    lesson_id: str
    lesson_version: int
    index: int = Field(ge=0)
    started_ms: int
    step_started_ms: int
    finished_ms: int | None
    records: list[_RecordState]
    # Added within format 1, so older saves still resume (with these defaults):
    seed: int = 0
    queue: list[str] = Field(default_factory=list)  # missed questions still to ask again
    again: bool = False  # the current step is a missed question asked again
    again_wrong: int = Field(default=0, ge=0)
    again_right: list[str] = Field(default_factory=list)


@dataclass
class _Comebacks:
    """Missed quiz questions: each comes back once, after the lesson's last step."""

    queue: list[str]
    again: bool = False
    again_wrong: int = 0
    again_right: list[str] | None = None


class LessonRun:
    """One learner going through one lesson. Create with ``start`` or ``from_state``."""

    def __init__(
        self,
        lesson: Lesson,
        *,
        index: int,
        started_ms: int,
        step_started_ms: int,
        records: list[StepRecord],
        finished_ms: int | None = None,
        seed: int = 0,
        comebacks: _Comebacks | None = None,
    ) -> None:
        self.lesson = lesson
        self._index = index
        self._started_ms = started_ms
        self._step_started_ms = step_started_ms
        self._records = records
        self._finished_ms = finished_ms
        self._seed = seed
        self._back = comebacks or _Comebacks([])
        if self._back.again_right is None:
            self._back.again_right = []

    @classmethod
    def start(cls, lesson: Lesson, now_ms: int, seed: int = 0) -> LessonRun:
        """A new run; ``seed`` fixes the order of quiz options (pass a random one live)."""
        records = [StepRecord(step.id) for step in lesson.steps]
        return cls(
            lesson, index=0, started_ms=now_ms, step_started_ms=now_ms, records=records, seed=seed
        )

    # What the player reads -------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self._finished_ms is not None

    @property
    def index(self) -> int:
        return self._index

    @property
    def current_step(self) -> AnyStep | None:
        return None if self.finished else self.lesson.steps[self._index]

    @property
    def screen(self) -> PhoneScreen | None:
        step = self.current_step
        return None if step is None else self.lesson.screen_for(step)

    @property
    def current_hint(self) -> Hint | None:
        """The latest hint shown on the current step (kept across a resume)."""
        step = self.current_step
        used = self._records[self._index].hints_used if step else 0
        return step.hints[used - 1] if step is not None and used else None

    @property
    def highlight(self) -> str | None:
        """The element to highlight: the target, once the learner has missed it often."""
        step = self.current_step
        if isinstance(step, _ActStep) and self._record.wrong >= step.highlight_after:
            return step.target
        return None

    @property
    def records(self) -> tuple[StepRecord, ...]:
        return tuple(self._records)

    def view(self, lang: str) -> StepView | None:
        """The current step rendered into plain data in ``lang`` (Vietnamese fallback)."""
        step = self.current_step
        if step is None:
            return None
        hint = self.current_hint
        return StepView(
            step=step,
            index=self._index,
            count=len(self.lesson.steps),
            narration=step.narration.text(lang),
            audio=step.audio.root.get(lang),
            picture=getattr(step, "picture", None),
            screen=self.screen,
            hint=hint.text.text(lang) if hint else None,
            hint_audio=hint.audio.root.get(lang) if hint else None,
            highlight=self.highlight,
            options=(
                shown_options(step, self._seed, 2 if self._back.again else 1)
                if isinstance(step, QuizStep)
                else ()
            ),
            comes_back=self._back.again,
        )

    # Events ------------------------------------------------------------------------------

    @property
    def _record(self) -> StepRecord:
        return self._records[self._index]

    def _update(self, **changes: Any) -> None:
        self._records[self._index] = replace(self._record, **changes)

    def handle(self, event: Event, now_ms: int) -> Outcome:
        """Apply one learner event at time ``now_ms`` and say what happened."""
        step = self.current_step
        if step is None:
            return Outcome(Verdict.NONE, None, finished=True, result=self.result())
        if isinstance(event, Skip):
            status = StepStatus.DONE if step.kind == "explain" else StepStatus.SKIPPED
            return self._finish_step(step, status, Verdict.NONE, None, now_ms)
        if isinstance(event, RequestHint):
            return Outcome(
                Verdict.NONE, step.id, hint=self._next_hint(step), highlight=self.highlight
            )
        verdict = judge(step, self.screen, event)
        if verdict is Verdict.NONE:
            return Outcome(
                Verdict.NONE, step.id, hint=self._due_hint(step, now_ms), highlight=self.highlight
            )
        self._update(attempts=self._record.attempts + 1)
        if verdict is Verdict.RIGHT:
            return self._finish_step(step, StepStatus.DONE, verdict, step.feedback.right, now_ms)
        feedback = wrong_feedback(step, event)
        if self._back.again:
            self._back.again_wrong += 1
        else:
            self._update(wrong=self._record.wrong + 1)
        tries = self._back.again_wrong if self._back.again else self._record.wrong
        if isinstance(step, QuizStep) and tries >= step.max_tries:
            if self._back.again:
                outcome = self._finish_step(step, StepStatus.FAILED, verdict, feedback, now_ms)
                return replace(outcome, reveal=step.answer)
            self._back.queue.append(step.id)
            outcome = self._finish_step(step, StepStatus.FAILED, verdict, feedback, now_ms)
            return replace(outcome, comes_back=True)
        return Outcome(
            verdict,
            step.id,
            feedback=feedback,
            hint=self._due_hint(step, now_ms),
            highlight=self.highlight,
        )

    def tick(self, now_ms: int) -> Outcome:
        """Shorthand for ``handle(TimePassed(), now_ms)``."""
        return self.handle(TimePassed(), now_ms)

    def _due_hint(self, step: AnyStep, now_ms: int) -> Hint | None:
        used = self._record.hints_used
        if used >= len(step.hints):
            return None
        hint = step.hints[used]
        by_wrong = hint.after_wrong is not None and self._record.wrong >= hint.after_wrong
        waited = now_ms - self._step_started_ms
        by_time = hint.after_seconds is not None and waited >= hint.after_seconds * 1000
        return self._next_hint(step) if by_wrong or by_time else None

    def _next_hint(self, step: AnyStep) -> Hint | None:
        """The step's next hint, counted in ``hints_used``; None once all were shown."""
        used = self._record.hints_used
        if used >= len(step.hints):
            return None
        self._update(hints_used=used + 1)
        return step.hints[used]

    def _finish_step(
        self,
        step: AnyStep,
        status: StepStatus,
        verdict: Verdict,
        feedback: Any,
        now_ms: int,
    ) -> Outcome:
        spent = max(0, now_ms - self._step_started_ms)
        if self._back.again:
            # Asked again: the first answer stands unless the lesson lets a comeback count.
            if status is StepStatus.DONE:
                assert self._back.again_right is not None
                self._back.again_right.append(step.id)
            if status is not StepStatus.DONE or not self.lesson.pass_rule.comeback_counts:
                status = self._record.status
            spent += self._record.time_ms
        self._update(status=status, time_ms=spent)
        self._step_started_ms = now_ms
        if not self._advance():
            self._finished_ms = now_ms
            result = self.result()
            return Outcome(
                verdict, step.id, feedback=feedback, step_done=True, finished=True, result=result
            )
        return Outcome(verdict, step.id, feedback=feedback, step_done=True)

    def _advance(self) -> bool:
        """Move to the next step, or to the next missed question; False when none is left."""
        if not self._back.again and self._index + 1 < len(self.lesson.steps):
            self._index += 1
            return True
        if self._back.queue:
            step_id = self._back.queue.pop(0)
            self._index = [s.id for s in self.lesson.steps].index(step_id)
            self._back.again, self._back.again_wrong = True, 0
            return True
        self._back.again = False
        return False

    # Result and saving -------------------------------------------------------------------

    def result(self) -> RunResult:
        """The score so far; ``passed`` is only true for a finished run."""
        practice = [
            r for s, r in zip(self.lesson.steps, self._records, strict=True) if s.is_practice
        ]
        quiz = [r for s, r in zip(self.lesson.steps, self._records, strict=True) if s.is_quiz]
        practice_done = (
            sum(r.status is StepStatus.DONE for r in practice) / len(practice) if practice else None
        )
        score = sum(r.status is StepStatus.DONE for r in quiz) / len(quiz) if quiz else None
        rule = self.lesson.pass_rule
        passed = (
            self.finished
            and (practice_done is None or practice_done + _EPSILON >= rule.min_practice_done)
            and (score is None or score + _EPSILON >= rule.min_quiz_right)
        )
        total = (self._finished_ms or self._step_started_ms) - self._started_ms
        missed = (StepStatus.FAILED, StepStatus.SKIPPED)
        to_practise = tuple(
            s.id
            for s, r in zip(self.lesson.steps, self._records, strict=True)
            if (s.is_quiz or s.is_practice) and r.status in missed
        )
        return RunResult(
            self.finished,
            passed,
            score,
            practice_done,
            total,
            tuple(self._records),
            to_practise,
        )

    def to_state(self) -> dict[str, Any]:
        """A JSON-able snapshot; ``LessonRun.from_state`` resumes from it."""
        state = _RunState(
            format=STATE_FORMAT,
            lesson_id=self.lesson.id,
            lesson_version=self.lesson.version,
            index=self._index,
            started_ms=self._started_ms,
            step_started_ms=self._step_started_ms,
            finished_ms=self._finished_ms,
            records=[_RecordState(**r.__dict__) for r in self._records],
            seed=self._seed,
            queue=list(self._back.queue),
            again=self._back.again,
            again_wrong=self._back.again_wrong,
            again_right=list(self._back.again_right or []),
        )
        return state.model_dump(mode="json")

    @classmethod
    def from_state(cls, lesson: Lesson, state: dict[str, Any]) -> LessonRun:
        """Resume a run saved by ``to_state``. Raises ``StateError`` if it does not fit."""
        try:
            saved = _RunState.model_validate(state)
        except ValidationError as exc:
            raise StateError(f"damaged saved run: {exc.error_count()} problem(s)") from None
        if saved.format != STATE_FORMAT:
            raise StateError(f"saved run format {saved.format} is not {STATE_FORMAT}")
        if (saved.lesson_id, saved.lesson_version) != (lesson.id, lesson.version):
            raise StateError(
                f"saved run is for {saved.lesson_id} v{saved.lesson_version}, "
                f"not {lesson.id} v{lesson.version}"
            )
        if [r.step_id for r in saved.records] != [s.id for s in lesson.steps]:
            raise StateError("saved run's steps do not match the lesson")
        if saved.index >= len(lesson.steps):
            raise StateError("saved run points past the last step")
        quiz_ids = {s.id for s in lesson.steps if s.is_quiz}
        if not set(saved.queue) <= quiz_ids or not set(saved.again_right) <= quiz_ids:
            raise StateError("saved run's questions to ask again are not in the lesson")
        records = [StepRecord(**r.model_dump()) for r in saved.records]
        return cls(
            lesson,
            index=saved.index,
            started_ms=saved.started_ms,
            step_started_ms=saved.step_started_ms,
            records=records,
            finished_ms=saved.finished_ms,
            seed=saved.seed,
            comebacks=_Comebacks(
                list(saved.queue), saved.again, saved.again_wrong, list(saved.again_right)
            ),
        )
