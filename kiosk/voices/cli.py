"""``kiosk voices``: recording scripts, voice packs and the recordings kept on this kiosk.

    kiosk voices template --lang CODE --out DIR    the script to record from, and folders
    kiosk voices import PATH [--lang CODE] [--force] [--test-data]
                                                   a template folder, or a .hocso-voice pack
    kiosk voices export --lang CODE --out FILE     a signed pack of this kiosk's recordings
    kiosk voices list [--json]                     languages, clips, out of date
    kiosk voices remove --lang CODE                every recording of a language
    kiosk voices rollback --lang CODE              the recordings the last change replaced

Exit codes: 0 done; 1 refused (the message says why, nothing changed); 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kiosk.content.speech import Line
from kiosk.voices.packs import (
    PACK_SUFFIX,
    VoicePackError,
    export_pack,
    install_voice_pack,
    pack_info,
    plan_voice_install,
    recover_voices,
    remove_voices,
    rollback_voices,
)
from kiosk.voices.packs_install import PREVIOUS_DIR
from kiosk.voices.processing import AudioError
from kiosk.voices.store import ClipState, VoiceStore
from kiosk.voices.template import check_lang, import_folder, kiosk_lines, write_template


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk voices", description="Recorded narration in the languages learners hear."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    template = sub.add_parser("template", help="write the recording script of a language")
    template.add_argument("--lang", required=True, help="language code, e.g. hmn")
    template.add_argument("--out", required=True, type=Path, metavar="DIR")
    imp = sub.add_parser("import", help="take recordings from a template folder or a pack")
    imp.add_argument("path", type=Path, metavar="PATH")
    imp.add_argument("--lang", help="the language recorded (needed for a folder)")
    imp.add_argument("--force", action="store_true", help="install a pack that is not newer")
    imp.add_argument(
        "--test-data", action="store_true", help="the folder holds generated test audio"
    )
    export = sub.add_parser("export", help="write a signed voice pack of a language")
    export.add_argument("--lang", required=True)
    export.add_argument("--out", required=True, type=Path, metavar="FILE")
    listing = sub.add_parser("list", help="languages recorded on this kiosk")
    listing.add_argument("--json", action="store_true", help="print JSON")
    remove = sub.add_parser("remove", help="remove every recording of a language")
    remove.add_argument("--lang", required=True)
    rollback = sub.add_parser("rollback", help="bring back the recordings last replaced")
    rollback.add_argument("--lang", required=True)
    return parser


def main(argv: list[str], data_dir: Path) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage or the help
        return exc.code if isinstance(exc.code, int) else 2
    try:
        if args.command == "template":
            return _template(data_dir, args.lang, args.out)
        if args.command == "import":
            return _import(data_dir, args.path, args.lang, args.force, args.test_data)
        if args.command == "export":
            return _export(data_dir, args.lang, args.out)
        if args.command == "list":
            return _list(data_dir, as_json=args.json)
        if args.command == "remove":
            check_lang(args.lang)
            count = remove_voices(data_dir, args.lang)
            if not count:
                print(f"error: this kiosk has no recordings in '{args.lang}'", file=sys.stderr)
                return 1
            print(f"removed {count} recordings in '{args.lang}' (and any kept earlier copy)")
            return 0
        check_lang(args.lang)
        version = rollback_voices(data_dir, args.lang)
        clips = len(VoiceStore(data_dir).clips(args.lang))
        print(f"rolled back '{args.lang}': {clips} recordings, pack version {version}")
        return 0
    except (VoicePackError, AudioError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1


def _template(data_dir: Path, lang: str, out: Path) -> int:
    count = write_template(lang, out, kiosk_lines(data_dir))
    print(f"wrote {out}: {count} lines to record in '{lang}' (script.csv, README.txt, clips/)")
    return 0


def _import(data_dir: Path, path: Path, lang: str | None, force: bool, test_data: bool) -> int:
    lines = kiosk_lines(data_dir)
    if path.is_dir():
        if lang is None:
            print("error: say which language the folder holds: --lang CODE", file=sys.stderr)
            return 2
        report = import_folder(data_dir, path, lang, lines, test_data=test_data)
        for name in report.unknown:
            print(f"warning: {name}: named after no line of the script; not used", file=sys.stderr)
        for name, why in report.unreadable:
            print(f"warning: {name}: {why}; not used", file=sys.stderr)
        if not report.matched:
            print(f"error: no recording in {path} matches the script", file=sys.stderr)
            return 1
        print(f"OK: {len(report.matched)} recordings in '{lang}' imported from {path}")
        return 0
    if path.suffix != PACK_SUFFIX and not path.is_file():
        print(f"error: {path} is neither a folder nor a {PACK_SUFFIX} file", file=sys.stderr)
        return 1
    plan = plan_voice_install(data_dir, path, lines, force=force)
    if plan.ok and lang is not None and plan.lang != lang:
        print(f"error: the pack is for '{plan.lang}', not '{lang}'", file=sys.stderr)
        return 1
    if not plan.ok:
        for problem in plan.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    for key in plan.out_of_date:
        print(
            f"warning: {key}: recorded for another text; out of date, not installed",
            file=sys.stderr,
        )
    install_voice_pack(plan)
    test = " (test data)" if plan.test_data else ""
    print(
        f"OK: voice pack '{plan.lang}' version {plan.version}{test} installed: "
        f"{len(plan.added)} new, {len(plan.replaced)} replaced, "
        f"{len(plan.out_of_date)} out of date, {len(plan.other_lessons)} for other lessons"
    )
    return 0


def _export(data_dir: Path, lang: str, out: Path) -> int:
    check_lang(lang)
    written = export_pack(data_dir, lang, out)
    store = VoiceStore(data_dir)
    print(
        f"wrote {written}: {len(store.clips(lang))} recordings in '{lang}', "
        f"version {store.pack_version(lang)}"
    )
    return 0


def language_rows(data_dir: Path, lines: list[Line]) -> list[dict[str, Any]]:
    """One row per language recorded on this kiosk (``kiosk voices list --json``)."""
    recover_voices(data_dir)
    store = VoiceStore(data_dir)
    rows = []
    for lang in store.languages():
        states = store.states(lang, lines)
        known = set(states)
        clips = store.clips(lang)
        out_of_date = sorted(k for k, s in states.items() if s is ClipState.OUT_OF_DATE)
        rows.append(
            {
                "lang": lang,
                "clips": len(clips),
                "current": sum(s is ClipState.CURRENT for s in states.values()),
                "lines": len(states),
                "out_of_date": out_of_date,
                "other_lessons": sorted(k for k in clips if k not in known),
                "pack_version": store.pack_version(lang),
                "test_data": pack_info(data_dir, lang).get("test_data") is True,
                "earlier_copy_kept": (store.root / PREVIOUS_DIR / lang).is_dir(),
            }
        )
    return rows


def _list(data_dir: Path, *, as_json: bool) -> int:
    rows = language_rows(data_dir, kiosk_lines(data_dir))
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no recordings on this kiosk")
    for row in rows:
        test = "  test data" if row["test_data"] else ""
        print(
            f"{row['lang']:<6} {row['current']:>5}/{row['lines']} lines recorded  "
            f"{len(row['out_of_date'])} out of date  pack v{row['pack_version']}{test}"
        )
        for key in row["out_of_date"]:
            print(f"       out of date: {key}")
    return 0
