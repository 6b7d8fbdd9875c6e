"""The recording screen's data: what to record, in which state, and a take made into a clip.

Plain Python for ``kiosk/ui/screens/staff/voice_recording.py``: the scopes to choose
from (the learner screens, then each lesson), each scope's lines with the Vietnamese text
to read and the state of its clip, and a microphone take checked and encoded. A problem
with a take travels as a ``TakeProblem`` the screen turns into words.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kiosk.content.loader import LoadedLesson
from kiosk.content.schema import SOURCE_LANGUAGE
from kiosk.content.speech import SCREENS, Line, lesson_lines, screen_lines
from kiosk.voices import processing
from kiosk.voices.languages import HearingLanguage
from kiosk.voices.store import ClipState, VoiceStore


class TakeProblem(enum.Enum):
    SILENT = "silent"  # nothing above the silence threshold
    TOO_LONG = "too_long"


@dataclass(frozen=True)
class Scope:
    """What the screen offers to record: the learner screens, or one lesson."""

    id: str  # a lesson id, or ``SCREENS``
    title: str  # the lesson's title in Vietnamese ("" for the screens: the UI names them)
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class LineRow:
    key: str
    vietnamese: str
    state: ClipState


def scopes(
    lessons: Sequence[LoadedLesson], strings: Mapping[str, Mapping[str, str]]
) -> list[Scope]:
    """The learner screens first (heard by everyone), then each lesson in catalogue order."""
    found = [Scope(SCREENS, "", tuple(screen_lines(strings)))]
    for loaded in lessons:
        lesson = loaded.lesson
        found.append(
            Scope(lesson.id, lesson.title.text(SOURCE_LANGUAGE), tuple(lesson_lines(lesson)))
        )
    return found


def recording_languages(languages: Sequence[HearingLanguage]) -> list[HearingLanguage]:
    """The languages to record, Vietnamese last: its files exist already, the others need
    a voice (it may still be recorded, e.g. a local speaker replacing the synthetic one)."""
    return sorted(languages, key=lambda lang: lang.code == SOURCE_LANGUAGE)


def rows(store: VoiceStore, lang: str, scope: Scope) -> list[LineRow]:
    """Each line of ``scope`` with the Vietnamese to read and its clip's state in ``lang``."""
    states = store.states(lang, scope.lines)
    return [
        LineRow(line.key, line.text.text(SOURCE_LANGUAGE), states[line.key]) for line in scope.lines
    ]


def make_clip(pcm: bytes, rate: int, channels: int = 1) -> bytes | TakeProblem:
    """A microphone take made into an Opus clip (trimmed, normalised), or why not."""
    if len(pcm) < 2 * channels * rate // 10:  # stopped at once, or the device gave nothing
        return TakeProblem.SILENT
    samples = processing.from_pcm16(pcm, rate, channels)
    try:
        return processing.encode_opus(processing.prepare(samples))
    except processing.AudioError:
        if len(processing.trim(samples)) < processing.RATE // 10:
            return TakeProblem.SILENT
        return TakeProblem.TOO_LONG
