"""Find content packs, read their YAML files and validate them into lessons.

Loading never raises on bad content: every problem becomes a located ``Problem`` and the
lesson it belongs to is left out, so one broken file on a USB stick cannot stop the kiosk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from kiosk.content.audio import with_audio
from kiosk.content.overlay import (
    I18N_DIR,
    LessonOverlay,
    apply_overlays,
    parse_overlay,
    unknown_entries,
)
from kiosk.content.problems import Problem, problems_from_error
from kiosk.content.schema import Lesson, PackManifest
from kiosk.content.speech import Voice, lesson_voice
from kiosk.content.validate import check_lesson

Overlays = dict[str, dict[str, LessonOverlay]]
"""lang -> lesson id -> key -> {"vi": source, "text": translation}; see kiosk.content.overlay."""

MANIFEST = "pack.yaml"
LESSONS_DIR = "lessons"
MAX_FILE_BYTES = 1_000_000
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def display_name(path: Path) -> str:
    """A path as problem lines show it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)


def builtin_packs_dir() -> Path:
    """The folder holding the packs shipped with the kiosk."""
    return Path(__file__).resolve().parent / "packs"


@dataclass(frozen=True)
class Pack:
    manifest: PackManifest
    root: Path


@dataclass(frozen=True)
class LoadedLesson:
    """A valid lesson, with the pack it came from (for finding its media files)."""

    lesson: Lesson
    pack: Pack
    file: Path

    def media(self, rel: str | None) -> Path | None:
        """The absolute path of a media file the lesson names, or None."""
        return None if rel is None else self.pack.root / rel

    def voice(self, lang: str) -> Voice:
        """The lesson's narration clips in ``lang`` (read from the pack when called)."""
        return lesson_voice(self.pack.root, self.lesson.id, lang)


@dataclass(frozen=True)
class LoadResult:
    lessons: tuple[LoadedLesson, ...]
    packs: tuple[Pack, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def lesson(self, lesson_id: str) -> LoadedLesson:
        for entry in self.lessons:
            if entry.lesson.id == lesson_id:
                return entry
        raise KeyError(lesson_id)


def read_yaml(path: Path, shown: str) -> tuple[Any, list[Problem]]:
    """The parsed YAML document in ``path``, or None and the problem."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None, [Problem(shown, f"is larger than {MAX_FILE_BYTES} bytes")]
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(shown, f"is not UTF-8 text (byte {exc.start})")]
    except OSError as exc:
        return None, [Problem(shown, f"cannot be read: {exc.strerror or exc}")]
    try:
        data = yaml.load(text, Loader=_Loader)  # a safe loader (C if available)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        reason = getattr(exc, "problem", None) or "cannot be parsed"
        line = mark.line + 1 if mark else 0
        message = f"is not valid YAML{where}: {reason}"
        return None, [Problem(shown, message, code="yaml", values={"line": line})]
    except RecursionError:
        return None, [Problem(shown, "is nested too deeply")]
    if not isinstance(data, dict):
        return None, [Problem(shown, "must be a YAML map of fields (like 'id: ...')")]
    return data, []


def read_overlays(pack_root: Path) -> tuple[Overlays, list[Problem]]:
    """Every translation overlay (``i18n/<lang>.yaml``) of a pack, and their problems."""
    folder = pack_root / I18N_DIR
    overlays: Overlays = {}
    problems: list[Problem] = []
    for file in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        shown = display_name(file)
        data, found = read_yaml(file, shown)
        problems.extend(found)
        if data is None:
            continue
        lang, lessons, messages = parse_overlay(data, shown)
        problems.extend(Problem(shown, m) for m in messages)
        if lang is not None:
            overlays[lang] = lessons
    return overlays, problems


def load_lesson_file(
    path: Path,
    pack_root: Path | None,
    shown: str | None = None,
    overlays: Overlays | None = None,
    *,
    narration: bool = True,
) -> tuple[Lesson | None, list[Problem]]:
    """Read and check one lesson file. Returns the lesson only when it has no problems.

    Translations from the pack's overlays and narration found in its audio folders are
    filled in (``overlays`` default: read from ``pack_root``). ``narration=False`` skips the
    check that every option has a narration file (for the tool that makes those files).
    """
    name = shown or display_name(path)
    data, problems = read_yaml(path, name)
    if data is None:
        return None, problems
    if overlays is None and pack_root is not None:
        overlays, _ = read_overlays(pack_root)
    if overlays:
        apply_overlays(data, overlays)
    try:
        lesson = Lesson.model_validate(data)
    except ValidationError as exc:
        return None, problems_from_error(name, data, exc)
    except (RecursionError, ValueError, TypeError) as exc:  # malformed beyond the schema
        return None, [Problem(name, f"cannot be read as a lesson: {exc}")]
    lesson = with_audio(lesson, pack_root)
    problems = check_lesson(lesson, name, pack_root, narration=narration)
    return (None if problems else lesson), problems


def _overlay_problems(root: Path, overlays: Overlays, lessons: list[LoadedLesson]) -> list[Problem]:
    """Overlay entries for lessons or texts that do not exist (renamed or deleted)."""
    problems: list[Problem] = []
    present = {e.lesson.id: e for e in lessons}
    for lang, by_lesson in overlays.items():
        shown = display_name(root / I18N_DIR / f"{lang}.yaml")
        for lesson_id in by_lesson:
            if lesson_id not in present:
                problems.append(
                    Problem(shown, f"has texts for lesson '{lesson_id}', which is missing")
                )
    for entry in lessons:
        data, _ = read_yaml(entry.file, "")
        if data is None:
            continue
        for bad in unknown_entries(data, overlays):
            lang, key = bad.split(": ", 1)
            shown = display_name(root / I18N_DIR / f"{lang}.yaml")
            problems.append(Problem(shown, f"lesson {entry.lesson.id}, {key}: no such text"))
    return problems


def load_manifest(root: Path, shown: str) -> tuple[PackManifest | None, list[Problem]]:
    data, problems = read_yaml(root / MANIFEST, shown)
    if data is None:
        return None, problems
    try:
        return PackManifest.model_validate(data), []
    except ValidationError as exc:
        return None, [
            Problem(p.file, p.message, None, None, p.field, p.code, p.values)
            for p in problems_from_error(shown, data, exc)
        ]


def find_packs(paths: Iterable[Path]) -> tuple[list[Path], list[Path], list[Problem]]:
    """Split command-line paths into pack folders and single lesson files.

    A path may be a pack (holds ``pack.yaml``), a folder of packs (a USB stick), or one
    lesson file (its pack is the folder above ``lessons/``).
    """
    packs: list[Path] = []
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_file():
            files.append(path)
        elif (path / MANIFEST).is_file():
            packs.append(path)
        elif path.is_dir():
            found = sorted(p.parent for p in path.glob(f"*/{MANIFEST}"))
            if not found:
                message = f"holds no content pack (no {MANIFEST})"
                problems.append(Problem(display_name(path), message, code="no_pack"))
            packs.extend(found)
        else:
            problems.append(Problem(display_name(path), "does not exist", code="missing_folder"))
    return packs, files, problems


def _lesson_files(root: Path) -> list[Path]:
    folder = root / LESSONS_DIR
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def _pack_root_of(file: Path) -> Path | None:
    parent = file.resolve().parent
    if parent.name == LESSONS_DIR and (parent.parent / MANIFEST).is_file():
        return parent.parent
    return None


def load_packs(paths: Iterable[Path] | None = None, *, narration: bool = True) -> LoadResult:
    """Load every lesson in the given packs (default: the built-in ones).

    ``narration=False``: lessons whose options lack narration files load too (tools/make_audio).
    """
    pack_dirs, files, problems = find_packs([builtin_packs_dir()] if paths is None else paths)
    packs: list[Pack] = []
    lessons: list[LoadedLesson] = []
    seen: dict[str, str] = {}
    for root in pack_dirs:
        manifest, found = load_manifest(root, display_name(root / MANIFEST))
        problems.extend(found)
        if manifest is None:
            continue
        pack = Pack(manifest, root)
        packs.append(pack)
        overlays, found = read_overlays(root)
        problems.extend(found)
        in_pack: list[LoadedLesson] = []
        for file in _lesson_files(root):
            lesson, found = load_lesson_file(file, root, overlays=overlays, narration=narration)
            problems.extend(found)
            if lesson is not None:
                in_pack.append(LoadedLesson(lesson, pack, file))
        problems.extend(_order_problems(manifest, root, in_pack))
        if overlays:
            problems.extend(_overlay_problems(root, overlays, in_pack))
        lessons.extend(_ordered(manifest, in_pack))
    for file in files:
        lesson, found = load_lesson_file(file, _pack_root_of(file), narration=narration)
        problems.extend(found)
        if lesson is not None:
            stub = PackManifest(schema_version=1, id="single-file", version=1, title={"vi": "-"})
            lessons.append(LoadedLesson(lesson, Pack(stub, file.parent), file))
    unique: list[LoadedLesson] = []
    codes: dict[int, str] = {}
    code_owners: dict[int, str] = {}
    for entry in lessons:
        shown = display_name(entry.file)
        if entry.lesson.id in seen:
            problems.append(
                Problem(
                    shown,
                    f"the id is already used by {seen[entry.lesson.id]}",
                    entry.lesson.id,
                    None,
                    "id",
                    code="id",
                )
            )
            continue
        if entry.lesson.code in codes:
            problems.append(
                Problem(
                    shown,
                    f"code {entry.lesson.code} is already used by {codes[entry.lesson.code]}; "
                    "every lesson needs its own code",
                    entry.lesson.id,
                    None,
                    "code",
                    code="code",
                    values={"code": entry.lesson.code, "other": code_owners[entry.lesson.code]},
                )
            )
            continue
        seen[entry.lesson.id] = shown
        codes[entry.lesson.code] = f"{shown} ({entry.lesson.id})"
        code_owners[entry.lesson.code] = entry.lesson.id
        unique.append(entry)
    return LoadResult(tuple(unique), tuple(packs), tuple(problems))


def _ordered(manifest: PackManifest, lessons: list[LoadedLesson]) -> list[LoadedLesson]:
    if not manifest.lessons:
        return lessons
    rank = {lesson_id: i for i, lesson_id in enumerate(manifest.lessons)}
    return sorted(lessons, key=lambda e: rank.get(e.lesson.id, len(rank)))


def _order_problems(
    manifest: PackManifest, root: Path, lessons: list[LoadedLesson]
) -> list[Problem]:
    present = {e.lesson.id for e in lessons}
    return [
        Problem(
            display_name(root / MANIFEST),
            f"lists lesson '{lesson_id}', which is missing or has problems",
            None,
            None,
            "lessons",
            code="listed",
            values={"lesson": lesson_id},
        )
        for lesson_id in manifest.lessons or []
        if lesson_id not in present
    ]
