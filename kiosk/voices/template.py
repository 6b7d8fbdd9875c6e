"""The recording script of a language, and bringing back the files recorded from it.

``write_template`` writes, for recording on a phone as well as on the kiosk::

    script.csv              id, lesson, step, vietnamese, english, file (UTF-8 with BOM)
    README.txt              how to record, in English and Vietnamese
    clips/<scope>/          one empty folder per lesson, and ``_screens``

``import_folder`` takes such a folder back (the files named as the ``file`` column says,
in WAV, MP3, OGG or M4A), makes each a kiosk clip and keeps them all at once, or none.
A folder is not signed: the staff member who brings it is the trust.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kiosk.content import speech
from kiosk.content.schema.common import LANG_PATTERN
from kiosk.content.speech import SCREENS, Line
from kiosk.voices.packs_install import PACK_INFO_FILE, change_voices, pack_info
from kiosk.voices.packs_read import VoicePackError
from kiosk.voices.processing import IMPORT_EXTS, AudioError, clip_from_file
from kiosk.voices.store import VoiceStore
from kiosk_records.files import write_atomic

SCRIPT_FILE = "script.csv"
README_FILE = "README.txt"
CLIPS_DIR = "clips"
COLUMNS = ("id", "lesson", "step", "vietnamese", "english", "file")
TEMPLATE_EXT = ".wav"
MAX_FILE_BYTES = 64 * 1024 * 1024  # a minute of the largest WAV a phone makes, and more

README = """\
Recording script for language: {lang}
=====================================

script.csv lists every text the kiosk says aloud ({count} lines). For each line:
- read the Vietnamese text (column "vietnamese"; "english" helps the recorder),
- say it in the language {lang}, in your own words, clearly and slowly,
- save the recording under the name in column "file" (inside the "clips" folder).
  WAV, MP3, OGG or M4A files are all fine: "clips/lesson/step.m4a" works as well
  as "clips/lesson/step.wav". A line without a file keeps the Vietnamese voice.
Record in a quiet room, a hand's width from the phone. Silence before and after a
line is cut off by the kiosk, and the loudness is evened out.
Bring the folder back on a USB stick, then: kiosk voices import <folder> --lang {lang}
(or on the kiosk: staff console, "Ghi âm lời đọc").

Kịch bản ghi âm cho ngôn ngữ: {lang}
====================================

Tệp script.csv liệt kê mọi câu kiosk đọc to ({count} câu). Với mỗi câu:
- đọc câu tiếng Việt (cột "vietnamese"; cột "english" để tham khảo),
- nói câu đó bằng tiếng {lang}, theo lời của mình, rõ ràng và chậm rãi,
- lưu bản ghi với tên ở cột "file" (trong thư mục "clips").
  Tệp WAV, MP3, OGG hoặc M4A đều được: "clips/bai/buoc.m4a" cũng được như
  "clips/bai/buoc.wav". Câu nào chưa có tệp thì kiosk đọc bằng tiếng Việt.
Ghi âm ở nơi yên tĩnh, cách điện thoại một gang tay. Kiosk tự cắt khoảng lặng
ở đầu và cuối câu và chỉnh độ to cho đều.
Mang thư mục về bằng USB, rồi chạy: kiosk voices import <thư mục> --lang {lang}
(hoặc trên kiosk: bảng điều khiển nhân viên, "Ghi âm lời đọc").
"""


def kiosk_lines(data_dir: Path) -> list[Line]:
    """Every line this kiosk speaks: each active lesson's, then the learner screens'."""
    from kiosk.content.install import load_active
    from kiosk.i18n import load_catalogue
    from kiosk.paths import resources_dir

    lessons = (entry.lesson for entry in load_active(data_dir).lessons)
    return speech.kiosk_lines(lessons, load_catalogue(resources_dir() / "i18n").strings)


def expected_file(line: Line, ext: str = TEMPLATE_EXT) -> str:
    """Where the template expects a line's recording, relative to the template folder."""
    return f"{CLIPS_DIR}/{line.scope}/{line.id}{ext}"


def script_csv(lines: list[Line]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for line in lines:
        writer.writerow(
            (
                line.key,
                "" if line.scope == SCREENS else line.scope,
                line.step_id or "",
                line.text.text("vi"),
                line.text.root.get("en", ""),
                expected_file(line),
            )
        )
    return buffer.getvalue()


def check_lang(lang: str) -> None:
    if not LANG_PATTERN.match(lang):
        raise VoicePackError(
            "bad_lang", f"'{lang}' is not a language code (two or three letters, e.g. hmn)"
        )


def write_template(lang: str, out: Path, lines: list[Line]) -> int:
    """Write the recording script and empty folders of ``lang`` into ``out``.

    Returns the number of lines. Raises VoicePackError for a bad code or a folder that
    is not empty; ``out`` is made whole or not at all.
    """
    check_lang(lang)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise VoicePackError("not_empty", f"{out} is not an empty folder; choose a new one")
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        (work / SCRIPT_FILE).write_text(script_csv(lines), encoding="utf-8-sig", newline="")
        readme = README.format(lang=lang, count=len(lines)).replace("\n", "\r\n")
        (work / README_FILE).write_text(readme, encoding="utf-8", newline="")
        for scope in dict.fromkeys(line.scope for line in lines):
            (work / CLIPS_DIR / scope).mkdir(parents=True)
        os.chmod(work, 0o755)  # mkdtemp makes it private; the folder is for sharing
        if out.exists():
            out.rmdir()
        os.replace(work, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return len(lines)


# Bringing the recordings back --------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    """What ``import_folder`` did: the lines recorded, the files it could not use."""

    lang: str
    matched: tuple[str, ...]  # line keys now recorded
    unknown: tuple[str, ...]  # files named after no line (relative to the folder)
    unreadable: tuple[tuple[str, str], ...]  # (file, why)


def _found_files(folder: Path) -> list[tuple[str, Path]]:
    """(relative name, path) of every file under ``folder``'s clips, hidden ones left out."""
    base = folder / CLIPS_DIR if (folder / CLIPS_DIR).is_dir() else folder
    found = []
    for parent, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(parent, name)
            if name.startswith(".") or (
                parent == str(folder) and name in (SCRIPT_FILE, README_FILE)
            ):
                continue
            found.append((path.relative_to(base).as_posix(), path))
    return found


def import_folder(
    data_dir: Path, folder: Path, lang: str, lines: list[Line], *, test_data: bool = False
) -> ImportReport:
    """Make clips of the recordings in a template folder and keep them, all at once.

    A file is matched when its name is ``<scope>/<line-id>.<ext>`` of one of ``lines``
    (inside ``clips/`` or not) with ``ext`` one of WAV, MP3, OGG, OPUS, M4A. The clips
    replace earlier ones of the same lines; the recordings they replace are kept for
    ``rollback_voices``. ``test_data`` marks the recordings as generated test audio.

    Raises:
        VoicePackError: bad code, no such folder, a link inside, or nothing could be
            written (then nothing changed).
    """
    from kiosk.content.pack_files import unsafe_entries

    check_lang(lang)
    if not folder.is_dir():
        raise VoicePackError("not_a_folder", f"{folder} is not a folder")
    if unsafe := unsafe_entries(folder):
        raise VoicePackError("link", "; ".join(str(p) for p in unsafe))
    by_key = {line.key: line for line in lines}
    chosen: dict[str, tuple[str, Path]] = {}
    unknown: list[str] = []
    unreadable: list[tuple[str, str]] = []
    for name, path in _found_files(folder):
        ext = Path(name).suffix.lower()
        key = name[: -len(ext)] if ext in IMPORT_EXTS else ""
        if key not in by_key:
            unknown.append(name)
        elif key in chosen:
            unreadable.append((name, f"{chosen[key][0]} is already used for this line"))
        else:
            chosen[key] = (name, path)
    clips: list[tuple[Line, bytes]] = []
    for key, (name, path) in chosen.items():
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise AudioError("the file is too large for one line")
            clips.append((by_key[key], clip_from_file(path)))
        except (AudioError, OSError) as exc:
            unreadable.append((name, str(exc).removeprefix(f"{path.name}: ")))
    if clips:

        def change(staged: VoiceStore) -> None:
            for line, opus in clips:
                staged.save(lang, line, opus, source="file")
            if test_data:
                info = pack_info(staged.root.parent, lang) | {"test_data": True}
                path = staged.folder(lang) / PACK_INFO_FILE
                write_atomic(path, json.dumps(info, indent=1).encode("utf-8"))

        change_voices(data_dir, lang, change)
    return ImportReport(
        lang, tuple(line.key for line, _ in clips), tuple(unknown), tuple(unreadable)
    )
