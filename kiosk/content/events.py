"""What a learner does (events) and what the lesson engine answers (outcomes, records)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from kiosk.content.schema import Hint, LocalText


@dataclass(frozen=True)
class Continue:
    """The learner pressed Continue (ends an explain step)."""


@dataclass(frozen=True)
class Tap:
    element: str


@dataclass(frozen=True)
class LongPress:
    element: str


@dataclass(frozen=True)
class Swipe:
    direction: Literal["up", "down", "left", "right"]
    element: str | None = None  # None: swiped anywhere on the screen


@dataclass(frozen=True)
class TextEntered:
    text: str
    element: str | None = None


@dataclass(frozen=True)
class Choose:
    """Options picked in a quiz (one for single choice), or a list item picked."""

    choices: tuple[str, ...]


@dataclass(frozen=True)
class KeypadEntered:
    digits: str
    element: str | None = None


@dataclass(frozen=True)
class QrScanned:
    payload: str


@dataclass(frozen=True)
class TimePassed:
    """A timer tick: lets hints that wait for time become due."""


@dataclass(frozen=True)
class RequestHint:
    """The learner asked for help ("Gợi ý"): the step's next hint, counted as used."""


@dataclass(frozen=True)
class Skip:
    """The learner gave up on this step (counts as not done)."""


Event = (
    Continue
    | Tap
    | LongPress
    | Swipe
    | TextEntered
    | Choose
    | KeypadEntered
    | QrScanned
    | TimePassed
    | RequestHint
    | Skip
)


class Verdict(StrEnum):
    RIGHT = "right"
    WRONG = "wrong"
    NONE = "none"  # the event did not answer the step (a tick, a stray tap on a quiz)


class StepStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"  # done right (a quiz answered right within its tries)
    FAILED = "failed"  # a quiz whose tries ran out
    SKIPPED = "skipped"


@dataclass(frozen=True)
class StepRecord:
    """What happened on one step; kept for the learner's record and for resuming."""

    step_id: str
    status: StepStatus = StepStatus.PENDING
    attempts: int = 0
    wrong: int = 0
    hints_used: int = 0
    time_ms: int = 0


@dataclass(frozen=True)
class RunResult:
    """How a run of a lesson ended (the slip's ``LessonResult`` is its signed summary)."""

    finished: bool
    passed: bool
    score: float | None  # share of quiz questions right; None without a quiz
    practice_done: float | None  # share of practice steps done; None without practice
    total_ms: int
    records: tuple[StepRecord, ...]
    # Steps to practise again: quiz questions missed when first asked, practice skipped.
    to_practise: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """The engine's answer to one event.

    ``hint`` is set only when a new hint became due with this event; ``highlight`` names
    the element the player should point at (after repeated misses); ``reveal`` holds the
    right quiz options once the tries have run out; ``comes_back`` says a missed quiz
    question will be asked again later in the lesson (no reveal then).
    """

    verdict: Verdict
    step_id: str | None
    feedback: LocalText | None = None
    hint: Hint | None = None
    highlight: str | None = None
    step_done: bool = False
    reveal: frozenset[str] = field(default_factory=frozenset)
    finished: bool = False
    result: RunResult | None = None
    comes_back: bool = False
