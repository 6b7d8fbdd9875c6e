#!/usr/bin/env python3
"""Make narration audio for lessons from their text: espeak-ng -> WAV -> Ogg Opus.

    .venv/bin/python tools/make_audio.py [PACK ...] [--lang vi] [--force] [--dry-run]

Writes ``media/audio/<lang>/<lesson-id>/<step-id>.opus`` (and ``<step-id>.hint-<n>.opus``
for hints) in each pack; the loader finds them by that name (kiosk/content/audio.py).

Only missing files and files whose text changed are made. ``.generated.json`` in each
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

from kiosk.content.audio import (  # noqa: E402
    AUDIO_EXTS,
    GENERATED_EXT,
    hint_stem,
    lesson_audio_dir,
    step_stem,
)
from kiosk.content.loader import builtin_packs_dir, load_packs  # noqa: E402
from kiosk.content.schema import Lesson  # noqa: E402
from kiosk.content.spoken import spoken_text  # noqa: E402

MANIFEST = ".generated.json"
VOICE = {"vi": "vi", "en": "en-gb"}
SPEED_WPM = 140  # a little slower than espeak's 175: many learners are elderly
OPUS_KBPS = 16  # speech, mono: small files, clear enough for a voice


def narration_items(lesson: Lesson, lang: str) -> Iterator[tuple[str, str]]:
    """(file stem, text) for every step narration and hint of the lesson."""
    for step in lesson.steps:
        yield step_stem(step.id), step.narration.text(lang)
        for n, hint in enumerate(step.hints, start=1):
            yield hint_stem(step.id, n), hint.text.text(lang)


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


def make_pack(root: Path, lang: str, *, force: bool, dry_run: bool) -> tuple[int, int, int]:
    """(made, kept, recordings) for one pack."""
    result = load_packs([root])
    for problem in result.problems:
        print(f"warning: {problem}", file=sys.stderr)
    manifest_file = root / "media" / "audio" / lang / MANIFEST
    manifest: dict[str, dict[str, str]] = (
        json.loads(manifest_file.read_text(encoding="utf-8")) if manifest_file.is_file() else {}
    )
    made = kept = recorded = 0
    for entry in result.lessons:
        lesson = entry.lesson
        folder = lesson_audio_dir(root, lang, lesson.id)
        for stem, text in narration_items(lesson, lang):
            key = f"{lesson.id}/{stem}"
            target = folder / f"{stem}{GENERATED_EXT}"
            if any((folder / f"{stem}{ext}").is_file() for ext in AUDIO_EXTS[:-1]):
                recorded += 1
                continue
            said = spoken_text(text, lang)
            record = manifest.get(key)
            if target.is_file():
                ours = record is not None and record["file"] == sha(target.read_bytes())
                if not ours:
                    recorded += 1  # a person's recording saved as .opus
                    continue
                if record is not None and record["text"] == sha(said.encode()) and not force:
                    kept += 1
                    continue
            print(f"{'would make' if dry_run else 'making'} {target.relative_to(root)}")
            made += 1
            if dry_run:
                continue
            synthesize(said, lang, target)
            manifest[key] = {"text": sha(said.encode()), "file": sha(target.read_bytes())}
    if made and not dry_run:
        manifest_file.parent.mkdir(parents=True, exist_ok=True)
        manifest_file.write_text(
            json.dumps(dict(sorted(manifest.items())), indent=1) + "\n", encoding="utf-8"
        )
    return made, kept, recorded


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
        made, kept, recorded = make_pack(root, args.lang, force=args.force, dry_run=args.dry_run)
        print(f"{root.name}: made {made}, unchanged {kept}, recordings kept {recorded}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
