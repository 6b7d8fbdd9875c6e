"""Replacing a folder as one step that a power cut cannot leave half done.

Content packs and voice packs are installed the same way: the new folder is copied and
checked beside the old one, then a *journal* naming the three folders is written, then two
renames (``os.replace``: atomic on one file system) put the old folder aside and the new
one in place. If the second rename fails, the first is undone at once; if the process dies
between them, ``finish_swaps`` completes the swap at the next start (the new folder was
complete before the journal was written). So readers always see the old folder or the new
one, never a half-copied one.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

STAGING_PREFIX = ".staging-"  # a new folder being copied and checked
JOURNAL_PREFIX = ".install-"  # a swap under way: ``<prefix><name>.json``


def swap_folder(target: Path, incoming: Path, kept_as: Path | None, journal: Path) -> None:
    """Put ``incoming`` at ``target``, moving the current folder to ``kept_as``.

    ``kept_as`` may be None only when there is no current folder to keep.
    """
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
            os.replace(kept_as, target)  # if this fails too, the journal finishes it at start
        journal.unlink(missing_ok=True)
        raise
    journal.unlink(missing_ok=True)


def finish_swaps(
    folder: Path,
    journal_glob: str = f"{JOURNAL_PREFIX}*.json",
    staging_glob: str = f"{STAGING_PREFIX}*",
) -> None:
    """Finish the swaps a crash interrupted in ``folder``, then drop stale staging copies.

    A journal that cannot be read or acted on now is kept and tried again at the next
    start; staging copies are removed only when no journal is left.
    """
    if not folder.is_dir():
        return
    for journal in folder.glob(journal_glob):
        try:
            entry = json.loads(journal.read_text(encoding="utf-8"))
            target, incoming = Path(entry["target"]), Path(entry["incoming"])
            kept = Path(entry["kept"]) if entry.get("kept") not in (None, "None") else None
            if not target.exists():
                if incoming.is_dir():
                    os.replace(incoming, target)  # complete before the journal: roll forward
                elif kept is not None and kept.is_dir():
                    os.replace(kept, target)
            journal.unlink()
        except (OSError, ValueError, KeyError, TypeError):
            continue
    if not any(folder.glob(journal_glob)):
        for staging in folder.glob(staging_glob):
            shutil.rmtree(staging, ignore_errors=True)
