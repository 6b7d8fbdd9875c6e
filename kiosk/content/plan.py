"""Planning a content pack install: validate a folder and say what would change.

``plan_install`` reads a pack from a folder (a USB stick), refuses it with located
problems (links or special files, broken lessons, an id or code another pack uses, an
older version), or says which lessons are new, updated, removed or unchanged; the staff
screen shows that before ``kiosk.content.install.install`` applies it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.content.install import active_pack_dirs, pack_manifest
from kiosk.content.loader import (
    MANIFEST,
    LoadResult,
    builtin_packs_dir,
    display_name,
    find_packs,
    load_packs,
)
from kiosk.content.pack_files import unsafe_entries
from kiosk.content.problems import Problem
from kiosk.content.schema import PackManifest


@dataclass(frozen=True)
class LessonChange:
    lesson_id: str
    title: str  # Vietnamese title, for the staff screen
    old_version: int | None  # None: a new lesson
    new_version: int | None  # None: the lesson is removed


@dataclass(frozen=True)
class InstallPlan:
    """What installing ``source`` would do; ``problems`` empty means it may go ahead."""

    source: Path  # the pack folder (holds pack.yaml)
    data_dir: Path
    pack_id: str | None
    title: str | None
    version: int | None
    current_version: int | None  # the active pack with this id (built-in or installed)
    new: tuple[LessonChange, ...] = ()
    updated: tuple[LessonChange, ...] = ()
    removed: tuple[LessonChange, ...] = ()
    unchanged: tuple[LessonChange, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems and self.pack_id is not None


def _pack_root(source: Path) -> tuple[Path | None, list[Problem]]:
    roots, files, problems = find_packs([source])
    shown = display_name(source)
    if files:
        problems.append(Problem(shown, "choose a folder, not a file"))
    elif len(roots) > 1:
        names = ", ".join(r.name for r in roots)
        message = f"holds {len(roots)} packs ({names}); choose one"
        problems.append(Problem(shown, message, code="many_packs", values={"n": len(roots)}))
    return (roots[0] if len(roots) == 1 and not problems else None), problems


def plan_install(source: Path, data_dir: Path, *, force: bool = False) -> InstallPlan:
    """Validate the pack in ``source`` and compare it with what the kiosk has now.

    Refused (problems) when any file has a problem, a lesson id or code is used by
    another pack, or the version is older than the active one (unless ``force``).
    """
    unsafe = unsafe_entries(source) if source.is_dir() else []
    if unsafe:
        return InstallPlan(source, data_dir, None, None, None, None, problems=tuple(unsafe))
    root, problems = _pack_root(source)
    if root is None:
        return InstallPlan(source, data_dir, None, None, None, None, problems=tuple(problems))
    loaded = load_packs([root])
    problems.extend(loaded.problems)
    if not loaded.packs:
        return InstallPlan(root, data_dir, None, None, None, None, problems=tuple(problems))
    manifest = loaded.packs[0].manifest
    active = active_pack_dirs(data_dir)
    same = [d for d in active if (m := pack_manifest(d)) is not None and m.id == manifest.id]
    others = load_packs([d for d in active if d not in same]) if active else None
    current = load_packs(same) if same else None
    current_version = current.packs[0].manifest.version if current and current.packs else None
    if others is not None:
        problems.extend(_clashes(loaded, others))
    if current_version is not None:
        problems.extend(_version_problems(manifest, current_version, same[0], force))
    old = {e.lesson.id: e.lesson for e in current.lessons} if current else {}
    new = {e.lesson.id: e.lesson for e in loaded.lessons}
    changes: dict[str, list[LessonChange]] = {"new": [], "updated": [], "same": [], "gone": []}
    for lesson_id, lesson in new.items():
        before = old.get(lesson_id)
        kind = "new" if before is None else "same"
        if before is not None and before.version != lesson.version:
            kind = "updated"
        changes[kind].append(
            LessonChange(
                lesson_id,
                lesson.title.text("vi"),
                before.version if before else None,
                lesson.version,
            )
        )
    for lesson_id, lesson in old.items():
        if lesson_id not in new:
            changes["gone"].append(
                LessonChange(lesson_id, lesson.title.text("vi"), lesson.version, None)
            )
    return InstallPlan(
        root,
        data_dir,
        manifest.id,
        manifest.title.text("vi"),
        manifest.version,
        current_version,
        tuple(changes["new"]),
        tuple(changes["updated"]),
        tuple(changes["gone"]),
        tuple(changes["same"]),
        tuple(problems),
    )


def _clashes(loaded: LoadResult, others: LoadResult) -> list[Problem]:
    ids = {e.lesson.id: e for e in others.lessons}
    codes = {e.lesson.code: e for e in others.lessons}
    found = []
    for entry in loaded.lessons:
        shown, lesson = display_name(entry.file), entry.lesson
        if lesson.id in ids:
            message = f"the id is already used by pack '{ids[lesson.id].pack.manifest.id}'"
            found.append(Problem(shown, message, lesson.id, None, "id", "id"))
        if lesson.code in codes:
            other = codes[lesson.code]
            message = (
                f"code {lesson.code} is already used by {other.lesson.id} "
                f"in pack '{other.pack.manifest.id}'"
            )
            values = {"code": lesson.code, "other": other.lesson.id}
            found.append(Problem(shown, message, lesson.id, None, "code", "code", values))
    return found


def _version_problems(
    manifest: PackManifest, current: int, current_root: Path, force: bool
) -> list[Problem]:
    shown = display_name(current_root)
    builtin = builtin_packs_dir() in current_root.parents
    versions = {"new": manifest.version, "old": current}
    if builtin and manifest.version <= current:
        message = f"{manifest.version} is not newer than version {current} built into the kiosk"
        return [Problem(MANIFEST, message, None, None, "version", "builtin", versions)]
    if manifest.version < current and not force:
        message = (
            f"{manifest.version} is older than the installed version {current} ({shown}); "
            "use rollback to go back"
        )
        return [Problem(MANIFEST, message, None, None, "version", "older", versions)]
    return []
