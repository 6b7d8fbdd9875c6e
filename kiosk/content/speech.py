"""Everything the kiosk says aloud: one list of spoken lines, each with a stable id.

A learner who cannot read must hear every text they need, so each such text is a *line*:
a lesson's title, each step's narration, hints, right/wrong feedback, each quiz option and
its "why not", the skill a step checks; and the learner screens' own texts (welcome, start
choices, consent, registration questions, player and result phrases), which are message
keys of the translation catalogue.

A line's audio is a file named after its id: ``<pack>/media/audio/<lang>/<lesson-id>/<id>.<ext>``
for a lesson line, ``kiosk/resources/audio/<lang>/<key>.<ext>`` for a screen line. The audio
generator, ``content list --json``, ``content validate``, the player and the recording tools
all take the lines from here, so they can never disagree about what must be spoken.

A ``Clip`` is one line ready to play in one language: its ``key`` (``scope/id``, the audio id
the player reports), the text a system voice would read, and the file if there is one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.schema import SOURCE_LANGUAGE, AnyStep, Lesson, LocalText, QuizStep

SCREENS = "_screens"
"""The scope of learner-screen lines (never a lesson id: ids cannot start with '_')."""

AUDIO_DIR = "media/audio"
GENERATED_EXT = ".opus"
# Recordings first: a file a person recorded beats the synthetic voice.
AUDIO_EXTS = (".wav", ".mp3", ".ogg", ".m4a", GENERATED_EXT)

TITLE = "title"

# Message keys spoken in the lesson player and on its result page (no {placeholders}).
PLAYER_LINES: tuple[str, ...] = (
    "player.right",
    "player.wrong",
    "player.answer_was_lead",
    "player.comes_back",
    "result.passed",
    "result.not_passed",
    "result.practise_again",
    "result.slip_registered",
    "result.slip_guest",
)
# Message keys spoken on the learner screens outside lessons (no {placeholders}).
LEARNER_SCREEN_LINES: tuple[str, ...] = (
    "welcome.greeting",
    "welcome.lead",
    "welcome.touch_hint",
    "start.title",
    "start.guest",
    "start.guest_line",
    "start.sign_in",
    "start.sign_in_line",
    "start.register",
    "start.register_line",
    "register.consent_title",
    "register.consent_lead",
    "register.consent.slip",
    "register.consent.slip_why",
    "register.consent.phone",
    "register.consent.phone_why",
    "register.consent.vneid_confirm",
    "register.consent.vneid_confirm_why",
    "register.consent_refuse",
    "register.name_question",
    "register.year_question",
    "register.year_hint",
    "register.village_question",
    "register.group_question",
    "group.adults",
    "group.public_staff",
    "group.pupils",
    "group.workers",
    "register.phone_question",
    "register.phone_lead",
    "register.citizen_id_question",
    "register.citizen_id_lead",
    "register.confirm_title",
    # why "next" did nothing on a registration page
    "register.error.consent_slip",
    "register.error.name",
    "register.village_missing",
    "register.error.group",
    "register.error.phone",
    "register.error.citizen_id.length",
    "register.error.citizen_id.province",
    "register.error.citizen_id.century",
    "register.error.citizen_id.birth_year",
    "signin.name_question",
    "signin.year_question",
    "signin.village_question",
    "signin.village_lead",
    "signin.not_found_title",
    "signin.retry",
    "signin.retry_line",
    "signin.register_line",
    "catalogue.lead",
    "catalogue.guest_note",
    "idle.title",
    "track.device_basics",
    "track.vneid",
    "track.e_payment",
    "track.online_safety",
    "track.other",
)
SCREEN_LINES: tuple[str, ...] = PLAYER_LINES + LEARNER_SCREEN_LINES


@dataclass(frozen=True)
class Line:
    """One text the kiosk speaks. ``scope`` is a lesson id, or ``SCREENS``."""

    scope: str
    id: str
    text: LocalText
    step_id: str | None = None

    @property
    def key(self) -> str:
        return f"{self.scope}/{self.id}"


@dataclass(frozen=True)
class Clip:
    """A line ready to play in one language: the file if any, else ``text`` for a system voice."""

    key: str
    text: str
    path: Path | None
    lang: str = ""  # the language of ``path`` ("" when there is no file)


# Line ids inside a lesson --------------------------------------------------------------


def hint_id(step_id: str, number: int) -> str:
    """The n-th hint of a step, counting from 1."""
    return f"{step_id}.hint-{number}"


def right_id(step_id: str) -> str:
    return f"{step_id}.right"


def wrong_id(step_id: str) -> str:
    return f"{step_id}.wrong"


def element_feedback_id(step_id: str, element_id: str) -> str:
    """Feedback for a wrong tap on one element of the step's phone screen."""
    return f"{step_id}.on-{element_id}"


def option_id(step_id: str, option: str) -> str:
    return f"{step_id}.opt-{option}"


def option_why_id(step_id: str, option: str) -> str:
    """Why an option is wrong (its ``feedback``)."""
    return f"{step_id}.opt-{option}.why"


def skill_id(step_id: str) -> str:
    return f"{step_id}.skill"


def step_lines(lesson: Lesson, step: AnyStep) -> Iterator[Line]:
    """The spoken lines of one step, in the order the player meets them."""

    def line(line_id: str, text: LocalText) -> Line:
        return Line(lesson.id, line_id, text, step.id)

    yield line(step.id, step.narration)
    if isinstance(step, QuizStep):
        for option in step.options:
            yield line(option_id(step.id, option.id), option.text)
    for n, hint in enumerate(step.hints, start=1):
        yield line(hint_id(step.id, n), hint.text)
    if step.feedback.right is not None:
        yield line(right_id(step.id), step.feedback.right)
    if step.feedback.wrong is not None:
        yield line(wrong_id(step.id), step.feedback.wrong)
    for element, text in step.feedback.elements.items():
        yield line(element_feedback_id(step.id, element), text)
    if isinstance(step, QuizStep):
        for option in step.options:
            if option.feedback is not None:
                yield line(option_why_id(step.id, option.id), option.feedback)
    if step.skill is not None:
        yield line(skill_id(step.id), step.skill)


def lesson_lines(lesson: Lesson) -> list[Line]:
    """Every line of a lesson: its title, then each step's lines."""
    lines = [Line(lesson.id, TITLE, lesson.title)]
    for step in lesson.steps:
        lines.extend(step_lines(lesson, step))
    return lines


def screen_lines(strings: Mapping[str, Mapping[str, str]]) -> list[Line]:
    """The learner-screen lines, their texts from the message catalogue (lang -> key -> text).

    A key missing from the Vietnamese catalogue has no line (tests keep the two in step).
    """
    lines = []
    for key in SCREEN_LINES:
        texts = {lang: table[key] for lang, table in strings.items() if table.get(key)}
        if SOURCE_LANGUAGE in texts:
            lines.append(Line(SCREENS, key, LocalText(texts)))
    return lines


def kiosk_lines(lessons: Iterable[Lesson], strings: Mapping[str, Mapping[str, str]]) -> list[Line]:
    """Every line a kiosk speaks: each lesson's, then the learner screens'."""
    lines = [line for lesson in lessons for line in lesson_lines(lesson)]
    return lines + screen_lines(strings)


# Finding the files ---------------------------------------------------------------------


def best_files(folder: Path) -> dict[str, Path]:
    """line id -> the preferred audio file in ``folder`` (a recording beats a generated one)."""
    if not folder.is_dir():
        return {}
    best: dict[str, tuple[int, Path]] = {}
    for file in folder.iterdir():
        ext = file.suffix.lower()
        if ext not in AUDIO_EXTS or not file.is_file():
            continue
        rank = AUDIO_EXTS.index(ext)
        if file.stem not in best or rank < best[file.stem][0]:
            best[file.stem] = (rank, file)
    return {stem: path for stem, (_rank, path) in best.items()}


def audio_languages(pack_root: Path) -> list[str]:
    """The languages that have an audio folder in a pack."""
    from kiosk.content.schema.common import LANG_PATTERN

    base = pack_root / AUDIO_DIR
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if p.is_dir() and LANG_PATTERN.match(p.name))


def lesson_voice_dir(pack_root: Path, lang: str, lesson_id: str) -> Path:
    return pack_root / AUDIO_DIR / lang / lesson_id


def screen_voice_dir(resources: Path, lang: str) -> Path:
    return resources / "audio" / lang


class Voice:
    """The clips of one scope (a lesson, or the screens) in one language.

    ``folders`` are searched in order, the first holding a line's file wins (``files``,
    already chosen, go over them). The folders are
    read once, when the voice is made. ``fallback`` is asked for a line this voice has no
    file for: a learner hearing Mông gets the Vietnamese file where no Mông one exists.
    """

    def __init__(
        self,
        scope: str,
        lang: str,
        folders: list[Path],
        *,
        fallback: Voice | None = None,
        files: Mapping[str, Path] | None = None,
    ) -> None:
        self.scope = scope
        self.lang = lang
        self.fallback = fallback
        self._files: dict[str, Path] = {}
        for folder in reversed(folders):
            self._files.update(best_files(folder))
        self._files.update(files or {})

    def has(self, line_id: str) -> bool:
        """Whether this voice itself (not its fallback) has a file for the line."""
        return line_id in self._files

    def clip(self, line_id: str, text: str) -> Clip:
        """The clip for ``line_id``; ``text`` is read by a system voice when no file exists."""
        path = self._files.get(line_id)
        if path is None and self.fallback is not None:
            return self.fallback.clip(line_id, text)
        return Clip(f"{self.scope}/{line_id}", text, path, self.lang if path else "")


def screen_voice(lang: str) -> Voice:
    """The learner-screen clips the kiosk ships in ``lang`` (recordings made on this kiosk
    go over them through ``kiosk.voices.hearing``)."""
    from kiosk.paths import resources_dir

    return Voice(SCREENS, lang, [screen_voice_dir(resources_dir(), lang)])


def lesson_voice(pack_root: Path, lesson_id: str, lang: str) -> Voice:
    """A lesson's clips in ``lang`` from its pack."""
    return Voice(lesson_id, lang, [lesson_voice_dir(pack_root, lang, lesson_id)])
