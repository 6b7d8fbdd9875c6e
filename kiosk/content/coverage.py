"""How much of a lesson exists in each language: text and narration audio, per step."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

from kiosk.content.schema import SOURCE_LANGUAGE, AnyStep, Lesson, LocalText, QuizStep
from kiosk.content.speech import audio_languages, lesson_lines, lesson_voice


def step_texts(lesson: Lesson, step: AnyStep) -> Iterator[LocalText]:
    """Every text the learner can meet on ``step``, its screen included."""
    yield step.narration
    if step.skill is not None:
        yield step.skill
    for hint in step.hints:
        yield hint.text
    for text in (step.feedback.right, step.feedback.wrong, *step.feedback.elements.values()):
        if text is not None:
            yield text
    if isinstance(step, QuizStep):
        for option in step.options:
            yield option.text
            if option.feedback is not None:
                yield option.feedback
    screen = lesson.screen_for(step)
    if screen is not None:
        yield from screen.texts()


def languages(lesson: Lesson) -> list[str]:
    """Every language the lesson has any text or audio in; Vietnamese first."""
    found = set(lesson.title.languages) | set(lesson.summary.languages)
    for step in lesson.steps:
        found |= step.audio.languages
        for text in step_texts(lesson, step):
            found |= text.languages
    return sorted(found, key=lambda lang: (lang != SOURCE_LANGUAGE, lang))


def coverage(lesson: Lesson) -> dict[str, dict[str, float]]:
    """language -> {"text": share of steps fully translated, "audio": share with audio}."""
    count = len(lesson.steps)
    result: dict[str, dict[str, float]] = {}
    for lang in languages(lesson):
        texts = sum(all(t.has(lang) for t in step_texts(lesson, step)) for step in lesson.steps)
        audio = sum(step.audio.has(lang) for step in lesson.steps)
        result[lang] = {"text": round(texts / count, 3), "audio": round(audio / count, 3)}
    return result


def spoken_audio(
    lesson: Lesson,
    pack_root: Path | None,
    recorded: Mapping[str, Collection[str]] | None = None,
) -> dict[str, float]:
    """language -> share of the lesson's spoken lines that have a narration file.

    Every language with an audio folder in the pack counts, with or without text, and so
    does every language in ``recorded`` (language -> ids of this lesson's lines with an
    up-to-date recording on the kiosk, from ``kiosk.voices.store``).
    """
    lines = lesson_lines(lesson)
    recorded = recorded or {}
    langs = sorted({*(audio_languages(pack_root) if pack_root else ()), *recorded})
    if not lines or not langs:
        return {}
    result: dict[str, float] = {}
    for lang in langs:
        voice = lesson_voice(pack_root, lesson.id, lang) if pack_root else None
        mine = recorded.get(lang, ())
        heard = sum(line.id in mine or bool(voice and voice.has(line.id)) for line in lines)
        result[lang] = round(heard / len(lines), 3)
    return result


def learning_without_reading(
    lesson: Lesson,
    pack_root: Path | None,
    recorded: Mapping[str, Collection[str]] | None = None,
) -> dict[str, Any]:
    """What a learner who cannot read gets: pictures, spoken lines, narration files, quizzes.

    ``recorded``: the kiosk's recordings of the lesson's lines, as ``spoken_audio`` takes.
    """
    quizzes = [s for s in lesson.steps if isinstance(s, QuizStep)]
    return {
        "steps_with_picture": sum(
            lesson.screen_for(s) is not None or bool(getattr(s, "picture", None))
            for s in lesson.steps
        ),
        "spoken": len(lesson_lines(lesson)),
        "spoken_audio": spoken_audio(lesson, pack_root, recorded),
        "quiz": {
            "questions": len(quizzes),
            "min_options": min((len(q.options) for q in quizzes), default=0),
        },
    }
