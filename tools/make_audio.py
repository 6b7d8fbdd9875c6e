#!/usr/bin/env python3
"""Make narration audio for lessons from their text: espeak-ng -> WAV -> Ogg Opus.

    .venv/bin/python tools/make_audio.py [PACK ...] [--lang vi] [--force] [--dry-run]

Writes a file for every spoken line (kiosk/content/speech.py): a lesson's lines as
``media/audio/<lang>/<lesson-id>/<line-id>.opus`` in each pack, and the learner screens' lines
as ``kiosk/resources/audio/<lang>/<message-key>.opus``; the kiosk finds them by that name.

Only missing files and files whose text changed are made; a generated file whose line is
gone (a renamed option, a removed step) is deleted. ``.generated.json`` in each
language folder records, per file, a hash of the text and of the file it made. A file that
is not in that record, or whose bytes differ from it, was put there by a person (a
recording) and is never overwritten; nor is a step that has a ``.wav``, ``.mp3`` or
``.ogg`` recording. The files are committed: CI and kiosks never run this tool.

Needs the Debian packages espeak-ng and opus-tools (tools/system-packages.txt).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.content.loader import builtin_packs_dir, load_packs  # noqa: E402
from kiosk.content.schema import Lesson  # noqa: E402
from kiosk.content.speech import (  # noqa: E402
    AUDIO_EXTS,
    GENERATED_EXT,
    lesson_lines,
    lesson_voice_dir,
    screen_lines,
    screen_voice_dir,
)
from kiosk.content.spoken import spoken_text  # noqa: E402
from kiosk.i18n import load_catalogue  # noqa: E402
from kiosk.paths import resources_dir  # noqa: E402

MANIFEST = ".generated.json"
VOICE = {"vi": "vi", "en": "en-gb"}
SPEED_WPM = 140  # a little slower than espeak's 175: many learners are elderly
OPUS_KBPS = 16  # speech, mono: small files, clear enough for a voice


def narration_items(lesson: Lesson, lang: str) -> Iterator[tuple[str, str]]:
    """(file stem, text) for every spoken line of the lesson."""
    for line in lesson_lines(lesson):
        yield line.id, line.text.text(lang)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def synthesize(text: str, lang: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "say.wav"
        subprocess.run(
            ["espeak-ng", "-v", VOICE.get(lang, lang), "-s", str(SPEED_WPM), "-w", str(wav), text],
            check=True,
            capture_output=True,
        )
        made = Path(tmp) / "say.opus"
        subprocess.run(
            [
                "opusenc",
                "--quiet",
                "--bitrate",
                str(OPUS_KBPS),
                "--downmix-mono",
                "--comp",
                "10",
                "--padding",
                "0",
                str(wav),
                str(made),
            ],
            check=True,
            capture_output=True,
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(made), out)


class Folder:
    """One language folder of generated files and its ``.generated.json`` record."""

    def __init__(self, base: Path, *, dry_run: bool, force: bool) -> None:
        self.base = base
        self.dry_run = dry_run
        self.force = force
        self.record_file = base / MANIFEST
        self.record: dict[str, dict[str, str]] = (
            json.loads(self.record_file.read_text(encoding="utf-8"))
            if self.record_file.is_file()
            else {}
        )
        self.made = self.kept = self.recorded = self.removed = 0
        self.wanted: set[str] = set()

    def make(self, key: str, target: Path, text: str, lang: str) -> None:
        """Make ``target`` (record key ``key``) saying ``text``, unless a recording is there."""
        self.wanted.add(key)
        folder, stem = target.parent, target.name.removesuffix(GENERATED_EXT)
        if any((folder / f"{stem}{ext}").is_file() for ext in AUDIO_EXTS[:-1]):
            self.recorded += 1
            return
        said = spoken_text(text, lang)
        entry = self.record.get(key)
        if target.is_file():
            if entry is None or entry["file"] != sha(target.read_bytes()):
                self.recorded += 1  # a person's recording saved as .opus
                return
            if entry["text"] == sha(said.encode()) and not self.force:
                self.kept += 1
                return
        print(f"{'would make' if self.dry_run else 'making'} {target}")
        self.made += 1
        if not self.dry_run:
            synthesize(said, lang, target)
            self.record[key] = {"text": sha(said.encode()), "file": sha(target.read_bytes())}

    def finish(self) -> None:
        """Delete our own files whose line is gone, and save the record."""
        for key in sorted(set(self.record) - self.wanted):
            target = self.base / f"{key}{GENERATED_EXT}"
            ours = target.is_file() and self.record[key]["file"] == sha(target.read_bytes())
            print(f"{'would remove' if self.dry_run else 'removing'} {target}")
            self.removed += 1
            if not self.dry_run:
                if ours:
                    target.unlink()
                del self.record[key]
        if (self.made or self.removed) and not self.dry_run:
            self.base.mkdir(parents=True, exist_ok=True)
            self.record_file.write_text(
                json.dumps(dict(sorted(self.record.items())), indent=1) + "\n", encoding="utf-8"
            )

    def summary(self, name: str) -> str:
        return (
            f"{name}: made {self.made}, unchanged {self.kept}, "
            f"recordings kept {self.recorded}, removed {self.removed}"
        )


def make_pack(root: Path, lang: str, *, force: bool, dry_run: bool) -> Folder:
    """Every lesson line of one pack."""
    result = load_packs([root], narration=False)  # the files it checks for are made here
    for problem in result.problems:
        print(f"warning: {problem}", file=sys.stderr)
    folder = Folder(root / "media" / "audio" / lang, dry_run=dry_run, force=force)
    for entry in result.lessons:
        lesson = entry.lesson
        where = lesson_voice_dir(root, lang, lesson.id)
        for stem, text in narration_items(lesson, lang):
            folder.make(f"{lesson.id}/{stem}", where / f"{stem}{GENERATED_EXT}", text, lang)
    folder.finish()
    return folder


def make_screens(lang: str, *, force: bool, dry_run: bool) -> Folder:
    """Every learner-screen line, in the kiosk's own resources."""
    catalogue = load_catalogue(resources_dir() / "i18n")
    where = screen_voice_dir(resources_dir(), lang)
    folder = Folder(where, dry_run=dry_run, force=force)
    for line in screen_lines(catalogue.strings):
        folder.make(line.id, where / f"{line.id}{GENERATED_EXT}", line.text.text(lang), lang)
    folder.finish()
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("packs", nargs="*", type=Path, help="pack folders (default: built-in)")
    parser.add_argument("--lang", default="vi", help="language of the narration (default vi)")
    parser.add_argument("--force", action="store_true", help="remake every generated file")
    parser.add_argument("--dry-run", action="store_true", help="only say what would be made")
    args = parser.parse_args(argv)
    for tool in ("espeak-ng", "opusenc"):
        if not args.dry_run and shutil.which(tool) is None:
            print(f"error: {tool} is missing (see tools/system-packages.txt)", file=sys.stderr)
            return 1
    packs = args.packs or sorted(p.parent for p in builtin_packs_dir().glob("*/pack.yaml"))
    for root in packs:
        folder = make_pack(root, args.lang, force=args.force, dry_run=args.dry_run)
        print(folder.summary(root.name))
    if not args.packs:
        screens = make_screens(args.lang, force=args.force, dry_run=args.dry_run)
        print(screens.summary("learner screens"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
