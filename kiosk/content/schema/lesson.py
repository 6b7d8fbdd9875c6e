"""Lessons, steps and pass rules as typed, frozen data (schema version 1)."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from kiosk.content.schema.common import (
    Id,
    LocalMedia,
    LocalText,
    MediaPath,
    Model,
    SchemaVersion,
    no_media,
)
from kiosk.content.schema.phone import PhoneScreen


class Track(StrEnum):
    DEVICE_BASICS = "device_basics"
    VNEID = "vneid"
    E_PAYMENT = "e_payment"
    ONLINE_SAFETY = "online_safety"
    OTHER = "other"


class TargetGroup(StrEnum):
    PUBLIC_STAFF = "public_staff"
    PUPILS = "pupils"
    ADULTS = "adults"
    WORKERS = "workers"  # enterprise and cooperative workers


class Hint(Model):
    """Shown after ``after_wrong`` wrong tries or ``after_seconds`` on the step, whichever first.

    Hints appear in order; a hint never shows before the ones listed above it.
    """

    text: LocalText
    audio: LocalMedia = Field(default_factory=no_media)
    after_wrong: int | None = Field(default=1, ge=1)
    after_seconds: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _has_trigger(self) -> Hint:
        if self.after_wrong is None and self.after_seconds is None:
            raise ValueError("a hint needs 'after_wrong' or 'after_seconds'")
        return self


class Feedback(Model):
    right: LocalText | None = None
    wrong: LocalText | None = None
    elements: dict[Id, LocalText] = Field(
        default_factory=dict,
        description="Feedback for a wrong tap on a particular element (e.g. a scam link).",
    )


def fold(text: str, *, ignore_case: bool, ignore_accents: bool) -> str:
    """Normalise typed text for comparison: NFC, trimmed, single spaces."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if ignore_accents:
        text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
        text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold() if ignore_case else text


class TextRule(Model):
    """How typed text is checked. ``exact``/``any_of`` compare after trimming spaces."""

    match: Literal["exact", "any_of", "regex", "not_empty"] = "exact"
    values: list[str] = Field(default_factory=list)
    pattern: str | None = None
    ignore_case: bool = True
    ignore_accents: bool = False
    example: str | None = Field(
        default=None,
        description="A text the rule accepts, for demonstrations and tests (needed for 'regex').",
    )

    @model_validator(mode="after")
    def _consistent(self) -> TextRule:
        if self.match in ("exact", "any_of") and not self.values:
            raise ValueError(f"'{self.match}' needs 'values'")
        if self.match == "exact" and len(self.values) != 1:
            raise ValueError("'exact' takes exactly one value (use 'any_of' for several)")
        if self.match == "regex":
            if not self.pattern:
                raise ValueError("'regex' needs 'pattern'")
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"'pattern' is not a valid regular expression: {exc}") from None
        if self.example is not None and not self.accepts(self.example):
            raise ValueError(f"the rule does not accept its own 'example' ({self.example!r})")
        return self

    def accepts(self, text: str) -> bool:
        got = fold(text, ignore_case=self.ignore_case, ignore_accents=self.ignore_accents)
        if self.match == "not_empty":
            return bool(got)
        if self.match == "regex":
            flags = re.IGNORECASE if self.ignore_case else 0
            return re.fullmatch(self.pattern or "", got, flags) is not None
        return any(
            got == fold(v, ignore_case=self.ignore_case, ignore_accents=self.ignore_accents)
            for v in self.values
        )


def _screen_tag(value: Any) -> str:
    return "ref" if isinstance(value, str) else "inline"


ScreenOrRef = Annotated[
    Annotated[PhoneScreen, Tag("inline")] | Annotated[Id, Tag("ref")],
    Discriminator(_screen_tag),
]
"""A screen written in the step, or the id of one in the lesson's ``screens``."""


class _Step(Model):
    id: Id
    narration: LocalText
    audio: LocalMedia = Field(default_factory=no_media)
    hints: list[Hint] = Field(default_factory=list)
    feedback: Feedback = Field(default_factory=Feedback)
    screen: ScreenOrRef | None = None
    skill: LocalText | None = Field(
        default=None,
        description=(
            "The skill this step checks, in a few words (e.g. 'Nhận ra tin nhắn giả'): the "
            "result screen names it, in words and in speech, when the step was missed."
        ),
    )

    @property
    def is_practice(self) -> bool:
        return False

    @property
    def is_quiz(self) -> bool:
        return False


class ExplainStep(_Step):
    """Narration with a picture or a phone screen; the learner presses Continue."""

    kind: Literal["explain"] = "explain"
    picture: MediaPath | None = None


class _ActStep(_Step):
    """The learner acts on the simulated phone; ``target`` names the element to act on."""

    target: Id
    highlight_after: int = Field(
        default=2, ge=1, description="Wrong tries after which the target is highlighted."
    )

    @property
    def is_practice(self) -> bool:
        return True


class TapStep(_ActStep):
    kind: Literal["tap"] = "tap"


class LongPressStep(_ActStep):
    kind: Literal["long_press"] = "long_press"


class SwipeStep(_ActStep):
    kind: Literal["swipe"] = "swipe"
    direction: Literal["up", "down", "left", "right"]


class TypeTextStep(_ActStep):
    """Type into the ``target`` text field; the text is checked by ``rule``."""

    kind: Literal["type_text"] = "type_text"
    rule: TextRule


class PickStep(_ActStep):
    """Pick the right entry from a list: ``target`` is the right ``list_item``."""

    kind: Literal["pick"] = "pick"


class KeypadStep(_ActStep):
    """Enter digits (a practice PIN, OTP, amount...) on the ``target`` keypad.

    The narration must give the practice value; a lesson never asks for a real one.
    """

    kind: Literal["keypad"] = "keypad"
    expected: Annotated[str, Field(pattern=r"^[0-9]{1,19}$")]

    @field_validator("expected", mode="before")
    @classmethod
    def _quoted(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            raise ValueError("must be text: put the digits in quotes, e.g. '123456'")
        return value


class ScanQrStep(_ActStep):
    """Point the simulated camera at the ``target`` QR code (a ``qr_code`` element)."""

    kind: Literal["scan_qr"] = "scan_qr"


class QuizOption(Model):
    id: Id
    text: LocalText
    picture: MediaPath | None = None
    correct: bool = False
    feedback: LocalText | None = None


class QuizStep(_Step):
    kind: Literal["quiz"] = "quiz"
    mode: Literal["single", "multiple"] = "single"
    picture: MediaPath | None = None
    options: list[QuizOption] = Field(min_length=2)
    max_tries: int = Field(
        default=1, ge=1, description="Tries before the right answer is shown and the step ends."
    )

    @property
    def is_quiz(self) -> bool:
        return True

    @property
    def answer(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options if o.correct)


Step = Annotated[
    ExplainStep
    | TapStep
    | LongPressStep
    | SwipeStep
    | TypeTextStep
    | PickStep
    | KeypadStep
    | ScanQrStep
    | QuizStep,
    Field(discriminator="kind"),
]
ActStep = TapStep | LongPressStep | SwipeStep | TypeTextStep | PickStep | KeypadStep | ScanQrStep
AnyStep = ExplainStep | ActStep | QuizStep

STEP_KINDS: frozenset[str] = frozenset(
    {"explain", "tap", "long_press", "swipe", "type_text", "pick", "keypad", "scan_qr", "quiz"}
)


class PassRule(Model):
    """When a lesson counts as passed. Fractions are from 0 to 1."""

    min_practice_done: float = Field(
        default=1.0, ge=0, le=1, description="Share of practice steps done, not skipped."
    )
    min_quiz_right: float = Field(
        default=0.8, ge=0, le=1, description="Share of quiz questions answered right."
    )
    comeback_counts: bool = Field(
        default=False,
        description=(
            "A quiz question missed when first asked comes back once later in the lesson. "
            "False: only first answers count toward 'min_quiz_right' (the comeback is practice); "
            "true: a right answer when it comes back counts too."
        ),
    )


class Lesson(Model):
    """One lesson file."""

    schema_version: SchemaVersion
    id: Id
    code: int = Field(
        strict=True,
        ge=1,
        le=65535,
        description=(
            "A small number for the lesson, unique across all packs and never changed: "
            "completion slips carry lessons by this number."
        ),
    )
    version: int = Field(ge=1, description="Raise it whenever the lesson changes.")
    title: LocalText
    summary: LocalText
    track: Track
    target_groups: list[TargetGroup] = Field(min_length=1)
    estimated_minutes: int = Field(ge=1, le=120)
    icon: MediaPath | None = None
    screens: dict[Id, PhoneScreen] = Field(
        default_factory=dict, description="Screens shared by several steps, by id."
    )
    steps: list[Step] = Field(min_length=1)
    pass_rule: PassRule = Field(default_factory=PassRule)

    def step(self, step_id: str) -> AnyStep:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def screen_for(self, step: AnyStep) -> PhoneScreen | None:
        """The phone screen shown during ``step``, resolving a screen id."""
        if isinstance(step.screen, str):
            return self.screens.get(step.screen)
        return step.screen


class PackManifest(Model):
    """``pack.yaml``: one content pack (a folder with ``lessons/`` and ``media/``)."""

    schema_version: SchemaVersion
    id: Id
    version: int = Field(ge=1)
    title: LocalText
    description: LocalText | None = None
    publisher: str | None = None
    lessons: list[Id] | None = Field(
        default=None, description="Lesson ids in the order to show; default: by file name."
    )
