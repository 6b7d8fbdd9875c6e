"""``kiosk content validate | list | schema``: tools for the people who write lessons."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from kiosk.content.coverage import coverage, learning_without_reading
from kiosk.content.loader import LoadResult, builtin_packs_dir, load_packs
from kiosk.content.schema import Lesson, PackManifest
from kiosk.content.speech import lesson_lines
from kiosk.content.strings import export_strings, import_strings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk content", description="Lesson content tools.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = sub.add_parser(
        "validate", help="check content packs or lesson files (default: the built-in packs)"
    )
    validate.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="a pack folder, a folder of packs, or a lesson file",
    )
    listing = sub.add_parser("list", help="list lessons with their language coverage")
    listing.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    export = sub.add_parser(
        "export-strings", help="write every lesson text to a CSV file for translators"
    )
    export.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    export.add_argument("--lang", required=True, help="the language to translate into, e.g. tdd")
    export.add_argument("--out", type=Path, metavar="FILE", help="write here instead of stdout")
    imp = sub.add_parser(
        "import-strings", help="check a translated CSV file and add it to the packs"
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    schema = sub.add_parser("schema", help="write the JSON Schema of lesson files")
    schema.add_argument("--out", type=Path, metavar="FILE", help="write here instead of stdout")
    schema.add_argument(
        "--pack", action="store_true", help="the schema of pack.yaml instead of lesson files"
    )
    return parser


def main(argv: list[str], data_dir: Path) -> int:
    """Run one content command; ``list`` counts this kiosk's recordings in ``data_dir``."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse has already printed the usage message
        return exc.code if isinstance(exc.code, int) else 2
    try:
        if args.command == "validate":
            return _validate(args.paths)
        if args.command == "list":
            return _list(args.paths, data_dir, as_json=args.json)
        if args.command == "export-strings":
            return _export(args.paths, args.lang, args.out)
        if args.command == "import-strings":
            return _import(args.file, args.paths)
        return _schema(args.out, pack=args.pack)
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1


def _load(paths: list[Path]) -> LoadResult:
    return load_packs(paths or None)


def _validate(paths: list[Path]) -> int:
    result = _load(paths)
    if result.problems:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        return 1
    where = ", ".join(str(p) for p in paths) if paths else str(builtin_packs_dir())
    packs = len(result.packs)
    print(f"OK: {len(result.lessons)} lessons in {packs} pack{'s' * (packs != 1)} ({where})")
    return 0


def lesson_summary(
    lesson: Lesson,
    pack: str,
    file: Path,
    pack_root: Path | None = None,
    recorded: Mapping[str, Collection[str]] | None = None,
) -> dict[str, Any]:
    """One entry of ``kiosk content list --json``; ``recorded`` as ``spoken_audio`` takes."""
    return {
        "id": lesson.id,
        "code": lesson.code,
        "version": lesson.version,
        "pack": pack,
        "file": str(file),
        "title": lesson.title.root,
        "track": lesson.track.value,
        "target_groups": [g.value for g in lesson.target_groups],
        "estimated_minutes": lesson.estimated_minutes,
        "steps": len(lesson.steps),
        "languages": coverage(lesson),
        **learning_without_reading(lesson, pack_root, recorded),
    }


def recorded_lines(data_dir: Path, lesson: Lesson) -> dict[str, set[str]]:
    """language -> ids of the lesson's lines with an up-to-date recording on this kiosk."""
    from kiosk.voices.store import VoiceStore

    store = VoiceStore(data_dir)
    lines = lesson_lines(lesson)
    return {lang: set(store.current_files(lang, lesson.id, lines)) for lang in store.languages()}


def _list(paths: list[Path], data_dir: Path, *, as_json: bool) -> int:
    result = _load(paths)
    for problem in result.problems:
        print(f"warning: {problem}", file=sys.stderr)
    rows = [
        lesson_summary(
            e.lesson, e.pack.manifest.id, e.file, e.pack.root, recorded_lines(data_dir, e.lesson)
        )
        for e in result.lessons
    ]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        langs = "  ".join(
            f"{lang} text {c['text']:.0%} audio {c['audio']:.0%}"
            for lang, c in row["languages"].items()
        )
        print(f"{row['id']:<32} {row['track']:<14} {row['steps']:>3} steps  {langs}")
    if not rows:
        print("no lessons", file=sys.stderr)
    return 0


def json_schema(*, pack: bool = False) -> dict[str, Any]:
    """The JSON Schema authors' editors use to check lesson (or pack.yaml) files."""
    model = PackManifest if pack else Lesson
    schema = model.model_json_schema()
    name = "pack" if pack else "lesson"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://hocso.dienbien.example/schema/{name}.schema.json",
        **schema,
    }


def _schema(out: Path | None, *, pack: bool) -> int:
    text = json.dumps(json_schema(pack=pack), ensure_ascii=False, indent=2) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}")
    return 0


def _paths(paths: list[Path]) -> list[Path]:
    return paths or [builtin_packs_dir()]


def _export(paths: list[Path], lang: str, out: Path | None) -> int:
    try:
        text = export_strings(_paths(paths), lang)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if out is None:
        sys.stdout.write(text)
    else:
        # A byte-order mark lets spreadsheet programs see UTF-8 (Vietnamese letters).
        out.write_text(text, encoding="utf-8-sig", newline="")
        rows = text.count("\r\n") - 1
        print(f"wrote {out} ({rows} texts)")
    return 0


def _import(file: Path, paths: list[Path]) -> int:
    report = import_strings(file.read_text(encoding="utf-8-sig"), _paths(paths))
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    if not report.ok:
        print("nothing was imported; fix the lines above and try again", file=sys.stderr)
        return 1
    for path in report.written:
        print(f"wrote {path}")
    print(f"OK: {report.translated} texts in '{report.lang}'")
    return 0
