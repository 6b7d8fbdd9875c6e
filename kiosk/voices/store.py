"""The recordings kept on this kiosk: content, not learner data.

Layout, inside the data folder (never in the database, never linked to a learner)::

    voices/<lang>/clips.json              what each file is (below)
    voices/<lang>/<scope>/<line-id>.opus  a clip (scope: a lesson id, or "_screens")
    voices/<lang>/language.yaml, picture.svg, sample.opus   the language entry, if any

``clips.json`` is ``{"format": "hocso-voice-clips", "version": 1, "pack_version": n,
"clips": {"<scope>/<id>": {"file": "<scope>/<id>.opus", "text_sha": "...",
"recorded_on": "YYYY-MM-DD", "source": "kiosk" | "pack" | "file"}}}``. ``text_sha`` is the
fingerprint of the Vietnamese text the clip was recorded for: when the lesson's text
changes, the clip is *out of date*, is not played, and the recording screen asks for it
again. Files are written atomically; the manifest last, so a power cut leaves at worst an
unlisted file that the next save replaces.
"""

from __future__ import annotations

import enum
import hashlib
import json
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.content.schema import SOURCE_LANGUAGE, LocalText
from kiosk.content.schema.common import LANG_PATTERN
from kiosk.content.speech import Line, Voice
from kiosk_records.files import write_atomic

VOICES_DIR = "voices"
CLIPS_FILE = "clips.json"
CLIPS_FORMAT = "hocso-voice-clips"
CLIP_EXT = ".opus"


class ClipState(enum.Enum):
    MISSING = "missing"
    CURRENT = "current"
    OUT_OF_DATE = "out_of_date"  # recorded for a Vietnamese text that has since changed


@dataclass(frozen=True)
class StoredClip:
    key: str  # "<scope>/<line-id>"
    file: str  # relative to the language folder
    text_sha: str
    recorded_on: str
    source: str


def fingerprint(text: LocalText | str) -> str:
    """A short fingerprint of a line's Vietnamese text (what a recording says)."""
    words = text if isinstance(text, str) else text.text(SOURCE_LANGUAGE)
    return hashlib.sha256(" ".join(words.split()).encode("utf-8")).hexdigest()[:16]


def voices_dir(data_dir: Path) -> Path:
    return data_dir / VOICES_DIR


class VoiceStore:
    """Recordings in ``<data_dir>/voices``, one folder per hearing language."""

    def __init__(self, data_dir: Path) -> None:
        self.root = voices_dir(data_dir)

    def folder(self, lang: str) -> Path:
        if not LANG_PATTERN.match(lang):
            raise ValueError(f"not a language code: {lang!r}")
        return self.root / lang

    def languages(self) -> list[str]:
        """Languages with at least one clip on this kiosk."""
        if not self.root.is_dir():
            return []
        return sorted(
            p.name for p in self.root.iterdir() if LANG_PATTERN.match(p.name) and self.clips(p.name)
        )

    # Reading ---------------------------------------------------------------------------

    def _manifest(self, lang: str) -> dict[str, object]:
        path = self.folder(lang) / CLIPS_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) and data.get("format") == CLIPS_FORMAT else {}

    def clips(self, lang: str) -> dict[str, StoredClip]:
        """key -> clip, for the clips whose file is present."""
        raw = self._manifest(lang).get("clips")
        folder = self.folder(lang)
        result: dict[str, StoredClip] = {}
        for key, entry in (raw if isinstance(raw, dict) else {}).items():
            if not isinstance(entry, dict):
                continue
            clip = StoredClip(
                key,
                str(entry.get("file", "")),
                str(entry.get("text_sha", "")),
                str(entry.get("recorded_on", "")),
                str(entry.get("source", "")),
            )
            if clip.file and (folder / clip.file).is_file():
                result[key] = clip
        return result

    def pack_version(self, lang: str) -> int:
        """The version of the last voice pack installed or exported for ``lang`` (0: none)."""
        value = self._manifest(lang).get("pack_version", 0)
        return value if isinstance(value, int) else 0

    def state(self, clip: StoredClip | None, line: Line) -> ClipState:
        if clip is None:
            return ClipState.MISSING
        if clip.text_sha != fingerprint(line.text):
            return ClipState.OUT_OF_DATE
        return ClipState.CURRENT

    def states(self, lang: str, lines: Iterable[Line]) -> dict[str, ClipState]:
        """line key -> its clip's state in ``lang``."""
        clips = self.clips(lang)
        return {line.key: self.state(clips.get(line.key), line) for line in lines}

    def progress(self, lang: str, lines: Iterable[Line]) -> tuple[int, int]:
        """(current clips, lines): the recording screen's progress bar."""
        states = self.states(lang, lines)
        return sum(s is ClipState.CURRENT for s in states.values()), len(states)

    def current_files(self, lang: str, scope: str, lines: Iterable[Line]) -> dict[str, Path]:
        """line id -> file, for the clips of ``scope`` that are up to date."""
        clips = self.clips(lang)
        folder = self.folder(lang)
        files: dict[str, Path] = {}
        for line in lines:
            clip = clips.get(line.key)
            if line.scope == scope and self.state(clip, line) is ClipState.CURRENT:
                assert clip is not None
                files[line.id] = folder / clip.file
        return files

    def voice(self, lang: str, scope: str, lines: Iterable[Line], fallback: Voice) -> Voice:
        """The clips a learner hearing ``lang`` gets in ``scope``; ``fallback`` fills the gaps.

        For Vietnamese the recordings go over the pack's own files the same way.
        """
        files = self.current_files(lang, scope, lines)
        if not files:
            return fallback
        return Voice(scope, lang, [], fallback=fallback, files=files)

    # Writing ---------------------------------------------------------------------------

    def _write_manifest(
        self, lang: str, clips: Mapping[str, StoredClip], pack_version: int | None = None
    ) -> None:
        data = {
            "format": CLIPS_FORMAT,
            "version": 1,
            "pack_version": self.pack_version(lang) if pack_version is None else pack_version,
            "clips": {
                key: {
                    "file": c.file,
                    "text_sha": c.text_sha,
                    "recorded_on": c.recorded_on,
                    "source": c.source,
                }
                for key, c in sorted(clips.items())
            },
        }
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        write_atomic(self.folder(lang) / CLIPS_FILE, text.encode("utf-8"))

    def save(
        self,
        lang: str,
        line: Line,
        opus: bytes,
        *,
        source: str = "kiosk",
        today: date | None = None,
    ) -> StoredClip:
        """Keep an Opus clip for ``line`` (replacing any earlier one)."""
        rel = f"{line.scope}/{line.id}{CLIP_EXT}"
        write_atomic(self.folder(lang) / rel, opus)
        clip = StoredClip(
            line.key, rel, fingerprint(line.text), (today or date.today()).isoformat(), source
        )
        clips = self.clips(lang)
        clips[line.key] = clip
        self._write_manifest(lang, clips)
        return clip

    def add_clips(
        self,
        lang: str,
        clips: Iterable[tuple[StoredClip, bytes]],
        *,
        pack_version: int | None = None,
    ) -> None:
        """Keep clips that come with their own fingerprint (a voice pack's), manifest once."""
        kept = self.clips(lang)
        for clip, opus in clips:
            write_atomic(self.folder(lang) / clip.file, opus)
            kept[clip.key] = clip
        self._write_manifest(lang, kept, pack_version)

    def set_pack_version(self, lang: str, version: int) -> None:
        self._write_manifest(lang, self.clips(lang), version)

    def remove(self, lang: str, key: str) -> bool:
        """Remove one clip; False when there was none."""
        clips = self.clips(lang)
        clip = clips.pop(key, None)
        if clip is None:
            return False
        self._write_manifest(lang, clips)
        (self.folder(lang) / clip.file).unlink(missing_ok=True)
        return True

    def remove_language(self, lang: str) -> int:
        """Remove every recording of ``lang`` from this kiosk; returns how many clips."""
        count = len(self.clips(lang))
        shutil.rmtree(self.folder(lang), ignore_errors=True)
        return count
