"""Narration audio found by file name, so a recording replaces a file by being dropped in.

A pack keeps narration under ``media/audio/<lang>/<lesson-id>/``: ``<step-id>.<ext>`` for
a step and ``<step-id>.hint-<n>.<ext>`` for its n-th hint (from 1). The loader fills these
into the lesson's ``audio`` fields; a path written in the lesson file wins over the folder.

Generated narration is ``.opus`` (see tools/make_audio.py). A human recording saved as
``.wav``, ``.mp3`` or ``.ogg`` next to it is preferred, so a recording never has to
overwrite a generated file, and regenerating never touches a recording.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.content.schema import Hint, Lesson, LocalMedia
from kiosk.content.speech import (
    AUDIO_DIR,
    AUDIO_EXTS,
    GENERATED_EXT,
    audio_languages,
    best_files,
    hint_id,
)

__all__ = ["AUDIO_DIR", "AUDIO_EXTS", "GENERATED_EXT", "hint_stem", "step_stem", "with_audio"]


def step_stem(step_id: str) -> str:
    return step_id


def hint_stem(step_id: str, number: int) -> str:
    """The file stem of a step's ``number``-th hint (counting from 1)."""
    return hint_id(step_id, number)


def lesson_audio_dir(pack_root: Path, lang: str, lesson_id: str) -> Path:
    return pack_root / AUDIO_DIR / lang / lesson_id


def _found(pack_root: Path, lang: str, lesson_id: str) -> dict[str, str]:
    """stem -> media path of the preferred file for every stem in the lesson's folder."""
    folder = lesson_audio_dir(pack_root, lang, lesson_id)
    return {
        stem: f"{AUDIO_DIR}/{lang}/{lesson_id}/{f.name}" for stem, f in best_files(folder).items()
    }


def _merge(media: LocalMedia, extra: dict[str, str]) -> LocalMedia:
    if not extra or all(lang in media.root for lang in extra):
        return media
    return LocalMedia({**extra, **media.root})


def with_audio(lesson: Lesson, pack_root: Path | None) -> Lesson:
    """``lesson`` with the narration files found in the pack's audio folders filled in."""
    if pack_root is None:
        return lesson
    found = {lang: _found(pack_root, lang, lesson.id) for lang in audio_languages(pack_root)}
    found = {lang: files for lang, files in found.items() if files}
    if not found:
        return lesson
    steps = []
    for step in lesson.steps:
        extra = {
            lang: files[step_stem(step.id)]
            for lang, files in found.items()
            if step_stem(step.id) in files
        }
        hints: list[Hint] = []
        for n, hint in enumerate(step.hints, start=1):
            stem = hint_stem(step.id, n)
            more = {lang: files[stem] for lang, files in found.items() if stem in files}
            merged = _merge(hint.audio, more)
            hints.append(
                hint if merged is hint.audio else hint.model_copy(update={"audio": merged})
            )
        audio = _merge(step.audio, extra)
        if audio is step.audio and all(a is b for a, b in zip(hints, step.hints, strict=True)):
            steps.append(step)
        else:
            steps.append(step.model_copy(update={"audio": audio, "hints": hints}))
    return lesson.model_copy(update={"steps": steps})
