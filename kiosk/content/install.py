"""Installing content packs from a folder (a USB stick), with the old version kept.

Installed packs live in ``<data_dir>/packs/<pack-id>/``; the packs shipped with the kiosk
stay read-only inside the package. An installed pack replaces a built-in pack with the
same id only when its version is newer. ``plan_install`` validates a folder and says
what would change; ``install`` applies a plan atomically; ``rollback`` brings back the
version an install replaced. Plain Python: the staff screen calls these on a worker.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.loader import (
    MANIFEST,
    LoadResult,
    builtin_packs_dir,
    display_name,
    find_packs,
    load_manifest,
    load_packs,
)
from kiosk.content.pack_files import unsafe_entries
from kiosk.content.problems import Problem
from kiosk.content.schema import PackManifest

PACKS_DIR = "packs"
PREVIOUS_DIR = ".previous"
STAGING_PREFIX = ".staging-"
JOURNAL_PREFIX = ".install-"


class InstallError(RuntimeError):
    """An install or rollback could not be done; nothing changed."""


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


@dataclass(frozen=True)
class InstalledPack:
    pack_id: str
    version: int
    title: str
    path: Path
    previous_versions: tuple[int, ...]


def packs_dir(data_dir: Path) -> Path:
    return data_dir / PACKS_DIR


def _manifest(root: Path) -> PackManifest | None:
    manifest, _ = load_manifest(root, display_name(root / MANIFEST))
    return manifest


def _installed_dirs(data_dir: Path) -> list[Path]:
    folder = packs_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if not p.name.startswith(".") and (p / MANIFEST).is_file()
    )


def active_pack_dirs(data_dir: Path) -> list[Path]:
    """The pack folders the kiosk loads: built-in ones, and installed ones that are new or
    newer than the built-in pack with the same id. Finishes an interrupted install first."""
    recover(data_dir)
    chosen: dict[str, tuple[int, Path]] = {}
    builtin, _, _ = find_packs([builtin_packs_dir()])
    for root in builtin:
        manifest = _manifest(root)
        chosen[manifest.id if manifest else root.name] = (manifest.version if manifest else 0, root)
    for root in _installed_dirs(data_dir):
        manifest = _manifest(root)
        if manifest is None:
            continue
        current = chosen.get(manifest.id)
        if current is None or manifest.version > current[0]:
            chosen[manifest.id] = (manifest.version, root)
    return [root for _, root in chosen.values()]


def load_active(data_dir: Path) -> LoadResult:
    """The one lesson catalogue of a kiosk: every active pack, built-in and installed.

    The player, slips, sync, reports and the demo all take their lessons from it, so a
    lesson installed from a pack can be played, printed on a slip and sent to the hub.
    """
    return load_packs(active_pack_dirs(data_dir))


def installed_packs(data_dir: Path) -> list[InstalledPack]:
    """Packs installed in ``data_dir`` with the versions kept for rollback."""
    recover(data_dir)
    found = []
    for root in _installed_dirs(data_dir):
        manifest = _manifest(root)
        if manifest is not None:
            found.append(
                InstalledPack(
                    manifest.id,
                    manifest.version,
                    manifest.title.text("vi"),
                    root,
                    tuple(v for v, _ in _previous(data_dir, manifest.id)),
                )
            )
    return found


def _previous(data_dir: Path, pack_id: str) -> list[tuple[int, Path]]:
    """Kept versions of a pack, highest first."""
    folder = packs_dir(data_dir) / PREVIOUS_DIR
    kept = []
    for path in folder.glob(f"{pack_id}-v*") if folder.is_dir() else ():
        number = path.name[len(pack_id) + 2 :]
        if number.isdigit() and (path / MANIFEST).is_file():
            kept.append((int(number), path))
    return sorted(kept, reverse=True)


# Planning ---------------------------------------------------------------------------------


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
    same = [d for d in active if (m := _manifest(d)) is not None and m.id == manifest.id]
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


# Installing ---------------------------------------------------------------------------------


def _journal(data_dir: Path, pack_id: str) -> Path:
    return packs_dir(data_dir) / f"{JOURNAL_PREFIX}{pack_id}.json"


def _swap(data_dir: Path, pack_id: str, incoming: Path, kept_as: Path | None) -> None:
    """Put ``incoming`` at ``packs/<id>``, moving the current folder to ``kept_as``.

    Two renames (``os.replace``: atomic on one file system) with a journal written
    first. If the second rename fails, the first is undone here; if the process dies
    between them (power cut), ``recover`` finishes the swap at the next start, since
    ``incoming`` was fully copied and validated before the journal was written. So the
    kiosk always sees the old folder or the new one, never a half-copied pack.
    """
    target = packs_dir(data_dir) / pack_id
    journal = _journal(data_dir, pack_id)
    journal.write_text(
        json.dumps({"target": str(target), "incoming": str(incoming), "kept": str(kept_as)}),
        encoding="utf-8",
    )
    moved = False
    try:
        if target.exists() and kept_as is not None:
            kept_as.parent.mkdir(parents=True, exist_ok=True)
            if kept_as.exists():
                shutil.rmtree(kept_as)
            os.replace(target, kept_as)
            moved = True
        os.replace(incoming, target)
    except BaseException:
        if moved and not target.exists() and kept_as is not None:
            try:
                os.replace(kept_as, target)
            except OSError:
                raise  # leave the journal: ``recover`` finishes at the next start
        journal.unlink(missing_ok=True)
        raise
    journal.unlink(missing_ok=True)


def recover(data_dir: Path) -> None:
    """Finish a swap that a crash interrupted (see ``_swap``) and drop stale staging."""
    folder = packs_dir(data_dir)
    if not folder.is_dir():
        return
    for journal in folder.glob(f"{JOURNAL_PREFIX}*.json"):
        try:
            entry = json.loads(journal.read_text(encoding="utf-8"))
            target, incoming = Path(entry["target"]), Path(entry["incoming"])
            kept = Path(entry["kept"]) if entry.get("kept") not in (None, "None") else None
            if not target.exists():
                if incoming.is_dir():
                    os.replace(incoming, target)  # validated before the journal: roll forward
                elif kept is not None and kept.is_dir():
                    os.replace(kept, target)
            journal.unlink()
        except (OSError, ValueError, KeyError):
            continue  # try again at the next start; the loader ignores hidden folders
    for staging in folder.glob(f"{STAGING_PREFIX}*"):
        if not any(folder.glob(f"{JOURNAL_PREFIX}*.json")):
            shutil.rmtree(staging, ignore_errors=True)


def install(plan: InstallPlan) -> None:
    """Install a plan's pack: copy to staging, validate the copy, then swap it in.

    The current installed version (if any) is kept in ``packs/.previous/<id>-v<version>``.
    Raises InstallError (nothing changed) when the plan has problems or the copy is bad.
    """
    if not plan.ok or plan.pack_id is None:
        raise InstallError("the pack has problems: " + "; ".join(map(str, plan.problems)))
    data_dir, pack_id = plan.data_dir, plan.pack_id
    folder = packs_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    recover(data_dir)
    staging = folder / f"{STAGING_PREFIX}{pack_id}"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        # links copied as links, so one put in after planning is seen (and refused) here
        shutil.copytree(plan.source, staging, symlinks=True, ignore=shutil.ignore_patterns(".*"))
        if unsafe := unsafe_entries(staging):
            raise InstallError("; ".join(str(p) for p in unsafe))
        copied = load_packs([staging])
        if copied.problems or not copied.packs:
            lines = "; ".join(str(p) for p in copied.problems) or "no pack"
            raise InstallError(f"the copy on the kiosk is not valid: {lines}")
        if copied.packs[0].manifest.id != pack_id:
            raise InstallError("the pack changed while it was being copied")
        current = folder / pack_id
        old = _manifest(current) if current.exists() else None
        kept = folder / PREVIOUS_DIR / f"{pack_id}-v{old.version if old else 0}"
        _swap(data_dir, pack_id, staging, kept)
    except OSError as exc:
        raise InstallError(f"cannot copy the pack: {exc.strerror or exc}") from exc
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def rollback(pack_id: str, data_dir: Path) -> int:
    """Bring back the kept version of ``pack_id`` (the highest below the current one,
    else the highest kept); the current version is kept in its place. Returns the
    version now active. Raises InstallError when nothing is kept."""
    recover(data_dir)
    current = packs_dir(data_dir) / pack_id
    manifest = _manifest(current) if current.exists() else None
    kept = _previous(data_dir, pack_id)
    if manifest is not None:
        kept = [k for k in kept if k[0] != manifest.version]
        below = [k for k in kept if k[0] < manifest.version]
        kept = below or kept
    if not kept:
        raise InstallError(f"no earlier version of pack '{pack_id}' is kept")
    version, path = kept[0]
    stash = (
        packs_dir(data_dir) / PREVIOUS_DIR / f"{pack_id}-v{manifest.version}"
        if manifest is not None
        else None
    )
    holding = packs_dir(data_dir) / f"{STAGING_PREFIX}{pack_id}"
    try:
        if holding.exists():
            shutil.rmtree(holding)
        os.replace(path, holding)  # out of .previous first: the stash may reuse its name
        _swap(data_dir, pack_id, holding, stash)
    except OSError as exc:
        if holding.exists() and not path.exists():
            os.replace(holding, path)  # keep the old version kept
        raise InstallError(f"cannot roll back: {exc.strerror or exc}") from exc
    return version
