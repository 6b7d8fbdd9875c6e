"""Installing voices on this kiosk: a swap of the language's folder, the old copy kept.

Every change to a language's recordings from outside (a voice pack, a folder of phone
recordings) is made in a staging copy of ``<data>/voices/<lang>`` and swapped in with two
renames, the folder it replaces kept in ``<data>/voices/.previous/<lang>`` for
``rollback_voices``. A journal written before the renames lets ``recover_voices`` finish a
swap a power cut interrupted, so the kiosk sees the old recordings or the new, never half.

A pack clip recorded for a Vietnamese text this kiosk no longer has (its ``text_sha``
differs from the fingerprint of this kiosk's line) is *out of date*: the plan lists it and
it is not installed, so an older recording never replaces a good one nor plays.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.speech import Line
from kiosk.folder_swap import JOURNAL_PREFIX, STAGING_PREFIX, finish_swaps, swap_folder
from kiosk.voices.packs_read import (
    MAX_PACK_BYTES,
    VoicePack,
    VoicePackError,
    VoiceProblem,
    read_pack,
)
from kiosk.voices.store import CLIP_EXT, StoredClip, VoiceStore, fingerprint, voices_dir
from kiosk_records.files import write_atomic

PREVIOUS_DIR = ".previous"
PACK_INFO_FILE = "pack.json"  # in a language folder: the pack it came from, if any


@dataclass(frozen=True)
class VoiceInstallPlan:
    """What installing a pack would do; ``problems`` empty means it may go ahead."""

    data_dir: Path
    source: Path
    lang: str | None
    version: int | None
    current_version: int  # the pack version installed for ``lang`` (0: none)
    test_data: bool = False
    made_by: str = ""
    added: tuple[str, ...] = ()  # line keys this kiosk had no clip for
    replaced: tuple[str, ...] = ()  # line keys whose clip the pack replaces
    out_of_date: tuple[str, ...] = ()  # recorded for another text: not installed
    other_lessons: tuple[str, ...] = ()  # lines this kiosk has not: kept for later
    problems: tuple[VoiceProblem, ...] = ()
    pack: VoicePack | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.problems and self.pack is not None


def kiosk_trust(data_dir: Path) -> Callable[[bytes], bool]:
    """Whom this kiosk takes voice packs from: its own key and the kiosks it trusts.

    The trust list is the one slips use (``kiosk keys import``, and the hub's kiosks
    saved at enrolment); a revoked key is not trusted for packs.
    """
    from kiosk.slips.local import imported_trust_path, kiosk_key
    from kiosk_records.keys import load_trust_list

    keys = {kiosk_key(data_dir).public_key}
    path = imported_trust_path(data_dir)
    if path.exists():
        keys |= {k.public_key for k in load_trust_list(path).keys if k.revocation is None}
    return keys.__contains__


def pack_info(data_dir: Path, lang: str) -> dict[str, object]:
    """What ``pack.json`` in the language folder says (empty when none or unreadable)."""
    path = VoiceStore(data_dir).folder(lang) / PACK_INFO_FILE
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _read_source(source: Path) -> bytes:
    try:
        mode = source.stat().st_mode
        if not stat.S_ISREG(mode):
            raise VoicePackError("not_a_pack", f"{source.name} is not a file")
        if source.stat().st_size > MAX_PACK_BYTES:
            raise VoicePackError(
                "too_large", f"the pack is larger than {MAX_PACK_BYTES // (1024 * 1024)} MiB"
            )
        return source.read_bytes()
    except OSError as exc:
        raise VoicePackError(
            "unreadable", f"{source.name} cannot be read: {exc.strerror or exc}"
        ) from exc


def plan_voice_install(
    data_dir: Path,
    source: Path,
    lines: Iterable[Line],
    *,
    force: bool = False,
    trusted: Callable[[bytes], bool] | None = None,
) -> VoiceInstallPlan:
    """Read and check a pack file and say what installing it would change.

    Args:
        data_dir: This kiosk's data folder.
        source: The ``.hocso-voice`` file.
        lines: Every line this kiosk speaks (lessons and learner screens).
        force: Allow a pack not newer than the installed one (going back on purpose).
        trusted: Whose packs to accept; default ``kiosk_trust(data_dir)``.
    """
    recover_voices(data_dir)
    store = VoiceStore(data_dir)
    try:
        pack = read_pack(_read_source(source), trusted=trusted or kiosk_trust(data_dir))
    except VoicePackError as exc:
        return VoiceInstallPlan(data_dir, source, None, None, 0, problems=(exc.problem,))
    except (OSError, ValueError) as exc:  # this kiosk's trust list or key cannot be read
        problem = VoiceProblem("trust_list", f"this kiosk's trust list cannot be read: {exc}")
        return VoiceInstallPlan(data_dir, source, None, None, 0, problems=(problem,))
    current = store.pack_version(pack.lang)
    problems: list[VoiceProblem] = []
    if pack.version <= current and not force:
        problems.append(
            VoiceProblem(
                "not_newer",
                f"this kiosk has voice pack {pack.lang} version {current}; this pack is "
                f"version {pack.version}, not newer (use --force to install it anyway)",
            )
        )
    by_key = {line.key: line for line in lines}
    have = store.clips(pack.lang)
    added, replaced, out_of_date, other = [], [], [], []
    for clip in pack.clips:
        line = by_key.get(clip.key)
        if line is None:
            other.append(clip.key)
        elif clip.text_sha != fingerprint(line.text):
            out_of_date.append(clip.key)
        elif clip.key in have:
            replaced.append(clip.key)
        else:
            added.append(clip.key)
    return VoiceInstallPlan(
        data_dir,
        source,
        pack.lang,
        pack.version,
        current,
        test_data=pack.test_data,
        made_by=pack.key_id,
        added=tuple(added),
        replaced=tuple(replaced),
        out_of_date=tuple(out_of_date),
        other_lessons=tuple(other),
        problems=tuple(problems),
        pack=pack,
    )


def install_voice_pack(plan: VoiceInstallPlan) -> None:
    """Install a checked plan's clips (not the out-of-date ones) and language files.

    Raises:
        VoicePackError: the plan has problems, or the files could not be written;
            nothing changed.
    """
    if not plan.ok or plan.pack is None:
        first = plan.problems[0] if plan.problems else VoiceProblem("no_pack", "no pack")
        raise VoicePackError(first.code, first.message)
    pack = plan.pack
    skipped = set(plan.out_of_date)

    def change(staged: VoiceStore) -> None:
        folder = staged.folder(pack.lang)
        staged.add_clips(
            pack.lang,
            (
                (
                    StoredClip(c.key, f"{c.key}{CLIP_EXT}", c.text_sha, pack.made_on, "pack"),
                    pack.clip_bytes(c),
                )
                for c in pack.clips
                if c.key not in skipped
            ),
            pack_version=pack.version,
        )
        for name, data in pack.language_files().items():
            write_atomic(folder / name, data)
        info = {
            "version": pack.version,
            "made_on": pack.made_on,
            "made_by": pack.key_id,
            "test_data": pack.test_data,
        }
        write_atomic(folder / PACK_INFO_FILE, json.dumps(info, indent=1).encode("utf-8"))

    change_voices(plan.data_dir, pack.lang, change)


# The swap ----------------------------------------------------------------------------------


def change_voices(data_dir: Path, lang: str, change: Callable[[VoiceStore], None]) -> None:
    """Apply ``change`` to a staging copy of ``lang``'s recordings, then swap it in.

    ``change`` gets a ``VoiceStore`` over the copy. The folder it replaces is kept for
    ``rollback_voices``. Raises VoicePackError (nothing changed) when files cannot be written.
    """
    root = voices_dir(data_dir)
    store = VoiceStore(data_dir)
    target = store.folder(lang)
    root.mkdir(parents=True, exist_ok=True)
    recover_voices(data_dir)
    staging = root / f"{STAGING_PREFIX}{lang}"
    try:
        if staging.exists():
            shutil.rmtree(staging)
        staged = VoiceStore(staging)
        target.mkdir(exist_ok=True)  # none yet: an empty one is kept, so a roll-back undoes
        shutil.copytree(target, staged.folder(lang), symlinks=True)
        change(staged)
        _swap(root, lang, staged.folder(lang), root / PREVIOUS_DIR / lang)
    except OSError as exc:
        raise VoicePackError(
            "write_failed", f"cannot write the recordings: {exc.strerror or exc}"
        ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _journal(root: Path, lang: str) -> Path:
    return root / f"{JOURNAL_PREFIX}{lang}.json"


def _swap(root: Path, lang: str, incoming: Path, kept_as: Path) -> None:
    """Put ``incoming`` at ``<root>/<lang>``, moving the current folder to ``kept_as``
    (journalled as content packs are: see ``kiosk.folder_swap``)."""
    swap_folder(root / lang, incoming, kept_as, _journal(root, lang))


def recover_voices(data_dir: Path) -> None:
    """Finish a swap a crash interrupted and drop stale staging copies (call at start)."""
    finish_swaps(voices_dir(data_dir))


def rollback_voices(data_dir: Path, lang: str) -> int:
    """Bring back the recordings the last install or import replaced; the current ones
    are kept in their place (a second roll-back undoes the first).

    Returns:
        The pack version now installed for ``lang`` (0: recordings not from a pack).

    Raises:
        VoicePackError: nothing is kept for ``lang``.
    """
    root = voices_dir(data_dir)
    store = VoiceStore(data_dir)
    store.folder(lang)  # checks the code
    recover_voices(data_dir)
    kept = root / PREVIOUS_DIR / lang
    if not kept.is_dir():
        raise VoicePackError("nothing_kept", f"no earlier recordings of '{lang}' are kept")
    holding = root / f"{STAGING_PREFIX}{lang}"
    try:
        if holding.exists():
            shutil.rmtree(holding)
        os.replace(kept, holding)
        _swap(root, lang, holding, kept)
    except OSError as exc:
        if holding.exists() and not kept.exists():
            os.replace(holding, kept)
        raise VoicePackError("write_failed", f"cannot roll back: {exc.strerror or exc}") from exc
    return store.pack_version(lang)


def remove_voices(data_dir: Path, lang: str) -> int:
    """Remove every recording of ``lang``, the kept earlier copy too; returns how many clips.

    Recordings are people's voices: removed means gone from this kiosk.
    """
    recover_voices(data_dir)
    count = VoiceStore(data_dir).remove_language(lang)
    shutil.rmtree(voices_dir(data_dir) / PREVIOUS_DIR / lang, ignore_errors=True)
    return count
