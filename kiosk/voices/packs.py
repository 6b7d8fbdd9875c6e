"""Voice packs: a language's recordings travelling between kiosks, signed and versioned.

The format and its checks are in ``packs_read``, installing and rolling back in
``packs_install``; this module makes packs and is the one place callers import from.
"""

from __future__ import annotations

import base64
import io
import json
import zipfile
from datetime import date
from pathlib import Path

from kiosk.voices.packs_install import (
    VoiceInstallPlan,
    change_voices,
    install_voice_pack,
    kiosk_trust,
    pack_info,
    plan_voice_install,
    recover_voices,
    remove_voices,
    rollback_voices,
)
from kiosk.voices.packs_read import (
    FORMAT_VERSION,
    LANGUAGE_FILES,
    LANGUAGE_PREFIX,
    MANIFEST_FILE,
    PACK_FORMAT,
    PACK_SUFFIX,
    SIGNATURE_FILE,
    PackClip,
    VoicePack,
    VoicePackError,
    VoiceProblem,
    clip_file,
    pack_file_name,
    read_pack,
    sha256_hex,
)
from kiosk.voices.store import VoiceStore
from kiosk.voices.template import ImportReport, import_folder
from kiosk_records.files import write_atomic
from kiosk_records.keys import KioskKey

__all__ = [
    "PACK_SUFFIX",
    "ImportReport",
    "PackClip",
    "VoiceInstallPlan",
    "VoicePack",
    "VoicePackError",
    "VoiceProblem",
    "build_pack",
    "change_voices",
    "export_pack",
    "import_folder",
    "install_voice_pack",
    "kiosk_trust",
    "pack_info",
    "plan_voice_install",
    "read_pack",
    "recover_voices",
    "remove_voices",
    "rollback_voices",
]


def _language_files(data_dir: Path, lang: str) -> dict[str, bytes]:
    """The language entry to ship: this kiosk's copy (from a pack) over the shipped one."""
    from kiosk.voices.languages import shipped_languages_dir

    found: dict[str, bytes] = {}
    for folder in (shipped_languages_dir() / lang, VoiceStore(data_dir).folder(lang)):
        for name in LANGUAGE_FILES:
            if (folder / name).is_file():
                found[name] = (folder / name).read_bytes()
    return found


def _lesson_versions(data_dir: Path, scopes: set[str]) -> dict[str, int]:
    from kiosk.content.install import load_active

    lessons = load_active(data_dir).lessons
    return {e.lesson.id: e.lesson.version for e in lessons if e.lesson.id in scopes}


def build_pack(
    *,
    lang: str,
    version: int,
    clips: list[tuple[PackClip, bytes]],
    language: dict[str, bytes],
    lessons: dict[str, int],
    test_data: bool,
    made_on: str,
    key: KioskKey,
) -> bytes:
    """A pack file's bytes, signed with ``key``."""
    manifest = {
        "format": PACK_FORMAT,
        "format_version": FORMAT_VERSION,
        "lang": lang,
        "version": version,
        "made_on": made_on,
        "made_by": key.key_id,
        "test_data": test_data,
        "lessons": dict(sorted(lessons.items())),
        "language": {name: sha256_hex(data) for name, data in sorted(language.items())},
        "clips": [
            {"key": c.key, "file": c.file, "sha256": c.sha256, "text_sha": c.text_sha}
            for c, _ in clips
        ],
    }
    raw = (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    signature = {
        "key_id": key.key_id,
        "public_key": base64.b64encode(key.public_key).decode("ascii"),
        "signature": base64.b64encode(key.sign(raw)).decode("ascii"),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST_FILE, raw)
        archive.writestr(SIGNATURE_FILE, json.dumps(signature, indent=1) + "\n")
        for name, data in sorted(language.items()):
            archive.writestr(f"{LANGUAGE_PREFIX}{name}", data)
        for clip, data in clips:  # Opus does not compress: stored as it is
            archive.writestr(clip.file, data, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def export_pack(
    data_dir: Path,
    lang: str,
    out: Path,
    *,
    test_data: bool | None = None,
    today: date | None = None,
) -> Path:
    """Write every recording of ``lang`` on this kiosk as a signed pack; returns the file.

    ``out`` is the file, or a folder to write ``<lang>-v<version>.hocso-voice`` in. The
    version is one more than the language's pack version here, which it becomes.
    ``test_data`` defaults to what the recordings' origin says (``pack.json``).

    Raises:
        VoicePackError: no recordings, or the file cannot be written.
    """
    from kiosk.slips.local import kiosk_key

    store = VoiceStore(data_dir)
    recover_voices(data_dir)
    stored = store.clips(lang)
    if not stored:
        raise VoicePackError("no_clips", f"this kiosk has no recordings in '{lang}' to export")
    folder = store.folder(lang)
    clips: list[tuple[PackClip, bytes]] = []
    for key, clip in sorted(stored.items()):
        data = (folder / clip.file).read_bytes()
        clips.append((PackClip(key, clip_file(key), sha256_hex(data), clip.text_sha), data))
    version = store.pack_version(lang) + 1
    if test_data is None:
        test_data = pack_info(data_dir, lang).get("test_data") is True
    packed = build_pack(
        lang=lang,
        version=version,
        clips=clips,
        language=_language_files(data_dir, lang),
        lessons=_lesson_versions(data_dir, {c.scope for c, _ in clips}),
        test_data=test_data,
        made_on=(today or date.today()).isoformat(),
        key=kiosk_key(data_dir),
    )
    target = out / pack_file_name(lang, version) if out.is_dir() else out
    try:
        write_atomic(target, packed)
    except OSError as exc:
        raise VoicePackError(
            "write_failed", f"cannot write {target}: {exc.strerror or exc}"
        ) from exc
    store.set_pack_version(lang, version)
    return target
