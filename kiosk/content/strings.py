"""Lesson texts to a spreadsheet and back: how local translators add Thái, Mông or English.

``export_strings`` writes one CSV row per text: ``file, lesson_id, step_id, field, key, vi,
<lang>``; the last column holds the current translation, if any. Translators fill that
column in a spreadsheet and save as CSV (UTF-8). ``import_strings`` checks every row and,
only if all are fine, writes the translations into the packs' ``i18n/<lang>.yaml`` overlay
files in one atomic step per file. Lesson files themselves are never rewritten.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kiosk.content.loader import (
    Overlays,
    display_name,
    find_packs,
    load_lesson_file,
    read_overlays,
    read_yaml,
)
from kiosk.content.overlay import (
    OVERLAY_FORMAT,
    LessonOverlay,
    apply_overlays,
    overlay_path,
    same_source,
    text_slots,
)
from kiosk.content.schema import SOURCE_LANGUAGE
from kiosk.content.schema.common import LANG_PATTERN

FIXED_COLUMNS = ("file", "lesson_id", "step_id", "field", "key", SOURCE_LANGUAGE)
# Numbers of 3+ digits (practice PINs, OTPs, amounts like 20.000) must survive translation,
# and so must {placeholders}.
_NUMBER = re.compile(r"[0-9](?:[0-9]|[.,  ](?=[0-9]{3}))*[0-9]")
_PLACEHOLDER = re.compile(r"\{[A-Za-z0-9_]+\}")


@dataclass
class _Lesson:
    pack_root: Path
    file: Path
    raw: dict[str, Any]


@dataclass
class ImportReport:
    """What an import did: ``errors`` stop it; ``warnings`` (e.g. empty cells) do not."""

    lang: str | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    translated: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _lessons(paths: Iterable[Path]) -> tuple[dict[str, _Lesson], dict[Path, Overlays]]:
    pack_dirs, _files, _problems = find_packs(paths)
    lessons: dict[str, _Lesson] = {}
    overlays: dict[Path, Overlays] = {}
    for root in pack_dirs:
        overlays[root], _ = read_overlays(root)
        for file in sorted((root / "lessons").glob("*.y*ml")):
            raw, _ = read_yaml(file, display_name(file))
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                apply_overlays(raw, overlays[root])
                lessons.setdefault(raw["id"], _Lesson(root, file, raw))
    return lessons, overlays


def _file_label(entry: _Lesson) -> str:
    return f"{entry.pack_root.name}/{entry.file.relative_to(entry.pack_root).as_posix()}"


def export_strings(paths: Iterable[Path], lang: str) -> str:
    """The CSV text of every lesson text in the packs, with the ``lang`` column filled in."""
    if not LANG_PATTERN.match(lang) or lang == SOURCE_LANGUAGE:
        raise ValueError(f"'{lang}' is not a language code to translate into")
    lessons, _ = _lessons(paths)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*FIXED_COLUMNS, lang])
    for lesson_id, entry in lessons.items():
        for slot in text_slots(entry.raw):
            translation = str(slot.holder.get(lang, ""))
            row = [_file_label(entry), lesson_id, slot.step_id, slot.field, slot.key, slot.vi]
            writer.writerow([*row, translation])
    return out.getvalue()


def _numbers(text: str) -> list[str]:
    return sorted(re.sub(r"[.,  ]", "", m) for m in _NUMBER.findall(text))


def check_translation(vi: str, text: str) -> str | None:
    """Why ``text`` cannot stand for ``vi`` (a lost practice number or placeholder), or None."""
    lost = [n for n in _numbers(vi) if n not in _numbers(text)]
    if lost:
        return f"the number {lost[0]} from the Vietnamese text is missing"
    if sorted(_PLACEHOLDER.findall(vi)) != sorted(_PLACEHOLDER.findall(text)):
        return "the {placeholders} differ from the Vietnamese text"
    return None


def _read_rows(text: str, report: ImportReport) -> list[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header[:6]) != FIXED_COLUMNS or len(header) != 7:
        report.errors.append(
            "line 1: the columns must be " + ", ".join(FIXED_COLUMNS) + ", and one language"
        )
        return []
    lang = header[6].strip()
    if not LANG_PATTERN.match(lang) or lang == SOURCE_LANGUAGE:
        report.errors.append(f"line 1: '{lang}' is not a language code to translate into")
        return []
    report.lang = lang
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != 7:
            report.errors.append(f"line {number}: has {len(cells)} cells, not 7")
            continue
        rows.append((number, dict(zip([*FIXED_COLUMNS, "text"], cells, strict=True))))
    return rows


def import_strings(csv_text: str, paths: Iterable[Path]) -> ImportReport:
    """Check a translated CSV and, if it has no errors, write it into the overlay files."""
    report = ImportReport()
    rows = _read_rows(csv_text, report)
    if report.errors:
        return report
    lang = report.lang or ""
    lessons, overlays = _lessons(paths)
    slots = {lid: {s.key: s for s in text_slots(e.raw)} for lid, e in lessons.items()}
    updates: dict[Path, dict[str, LessonOverlay]] = {}
    for number, row in rows:
        where = f"line {number} ({row['lesson_id']}, {row['key']})"
        entry = lessons.get(row["lesson_id"])
        if entry is None:
            report.errors.append(f"{where}: no lesson '{row['lesson_id']}'")
            continue
        slot = slots[row["lesson_id"]].get(row["key"])
        if slot is None:
            report.errors.append(f"{where}: the lesson has no text with this key")
            continue
        if not same_source(row[SOURCE_LANGUAGE], slot.vi):
            report.errors.append(
                f"{where}: the Vietnamese text has changed since the export; export again"
            )
            continue
        text = row["text"].strip()
        if not text:
            report.warnings.append(f"{where}: not translated (empty cell)")
            continue
        problem = check_translation(slot.vi, text)
        if problem:
            report.errors.append(f"{where}: {problem}")
            continue
        per_lesson = updates.setdefault(entry.pack_root, {}).setdefault(row["lesson_id"], {})
        per_lesson[row["key"]] = {"vi": slot.vi, "text": text}
        report.translated += 1
    if report.errors:
        return report
    _check_lessons(updates, lessons, overlays, lang, report)
    if report.errors:
        return report
    for root, changes in updates.items():
        merged = {lid: dict(v) for lid, v in overlays[root].get(lang, {}).items()}
        for lesson_id, entries in changes.items():
            merged.setdefault(lesson_id, {}).update(entries)
        target = overlay_path(root, lang)
        write_overlay(target, lang, merged)
        report.written.append(target)
    return report


def _check_lessons(
    updates: dict[Path, dict[str, LessonOverlay]],
    lessons: dict[str, _Lesson],
    overlays: dict[Path, Overlays],
    lang: str,
    report: ImportReport,
) -> None:
    """Load every changed lesson with the new translations: they must still be valid."""
    for root, changes in updates.items():
        for lesson_id, entries in changes.items():
            current = {lid: dict(v) for lid, v in overlays[root].get(lang, {}).items()}
            current.setdefault(lesson_id, {}).update(entries)
            trial = {**overlays[root], lang: current}
            _lesson, problems = load_lesson_file(lessons[lesson_id].file, root, overlays=trial)
            report.errors.extend(str(p) for p in problems)


def write_overlay(target: Path, lang: str, lessons: dict[str, LessonOverlay]) -> None:
    """Write an overlay file atomically: a crash leaves the old file or the new one."""
    data = {
        "schema_version": OVERLAY_FORMAT,
        "lang": lang,
        "lessons": {lid: dict(sorted(e.items())) for lid, e in sorted(lessons.items())},
    }
    text = (
        f"# Translations into '{lang}', written by 'kiosk content import-strings'.\n"
        "# Each entry keeps the Vietnamese text it translates; when that text changes in the\n"
        "# lesson, the entry is not shown until it is translated again.\n"
        + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
