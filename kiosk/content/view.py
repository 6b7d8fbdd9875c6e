"""What a screen is given to draw one step: plain data, in one language."""

from __future__ import annotations

import random
from dataclasses import dataclass

from kiosk.content.schema import AnyStep, PhoneScreen, QuizOption, QuizStep


@dataclass(frozen=True)
class StepView:
    """Everything a thin screen needs to draw the current step in one language."""

    step: AnyStep
    index: int
    count: int
    narration: str
    # Narration audio in exactly this language (None if not recorded; ``step.audio.path(lang)``
    # falls back to Vietnamese). A path relative to the pack: LoadedLesson.media() resolves it.
    audio: str | None
    picture: str | None
    screen: PhoneScreen | None
    hint: str | None  # the latest hint that became due, if any
    hint_audio: str | None
    highlight: str | None  # element id to point at after repeated misses
    options: tuple[QuizOption, ...] = ()  # a quiz's options in the order to show
    comes_back: bool = False  # a missed quiz question, asked again


def shown_options(step: QuizStep, seed: int, ask: int) -> tuple[QuizOption, ...]:
    """The options of ``step`` in the order to show on its ``ask``-th asking.

    Shuffled, so the right answer has no fixed place; the same seed always gives the same
    order, so a run can be replayed (and resumed) exactly.
    """
    options = list(step.options)
    random.Random(f"{seed}:{step.id}:{ask}").shuffle(options)
    return tuple(options)
