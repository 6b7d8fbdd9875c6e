"""Installing content packs from a folder (a USB stick), with the old version kept.

Installed packs live in ``<data_dir>/packs/<pack-id>/``; the packs shipped with the kiosk
stay read-only inside the package. An installed pack replaces a built-in pack with the
same id only when its version is newer. ``kiosk.content.plan.plan_install`` validates a
folder and says what would change; ``install`` applies a plan atomically; ``rollback``
brings back the version an install replaced. Plain Python: the staff screen calls these
on a worker.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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
from kiosk.content.schema import PackManifest
from kiosk.folder_swap import JOURNAL_PREFIX, STAGING_PREFIX, finish_swaps, swap_folder

if TYPE_CHECKING:
    from kiosk.content.plan import InstallPlan

PACKS_DIR = "packs"
PREVIOUS_DIR = ".previous"


class InstallError(RuntimeError):
    """An install or rollback could not be done; nothing changed."""


@dataclass(frozen=True)
class InstalledPack:
    pack_id: str
    version: int
    title: str
    path: Path
    previous_versions: tuple[int, ...]


def packs_dir(data_dir: Path) -> Path:
    return data_dir / PACKS_DIR


def pack_manifest(root: Path) -> PackManifest | None:
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
        manifest = pack_manifest(root)
        chosen[manifest.id if manifest else root.name] = (manifest.version if manifest else 0, root)
    for root in _installed_dirs(data_dir):
        manifest = pack_manifest(root)
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
        manifest = pack_manifest(root)
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


# Installing ---------------------------------------------------------------------------------


def _journal(data_dir: Path, pack_id: str) -> Path:
    return packs_dir(data_dir) / f"{JOURNAL_PREFIX}{pack_id}.json"


def _swap(data_dir: Path, pack_id: str, incoming: Path, kept_as: Path | None) -> None:
    """Put ``incoming`` at ``packs/<id>``, moving the current folder to ``kept_as``
    (journalled: see ``kiosk.folder_swap``)."""
    swap_folder(packs_dir(data_dir) / pack_id, incoming, kept_as, _journal(data_dir, pack_id))


def recover(data_dir: Path) -> None:
    """Finish a swap that a crash interrupted (see ``_swap``) and drop stale staging."""
    finish_swaps(packs_dir(data_dir))


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
        old = pack_manifest(current) if current.exists() else None
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
    manifest = pack_manifest(current) if current.exists() else None
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
