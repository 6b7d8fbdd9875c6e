"""What staff do with voices, one operation per action; changes are audited.

Recording a line, installing a pack, importing a folder, exporting, rolling back and
removing. They read or write many files, so screens run them on a worker. The audit
names the language and counts, never a learner (recordings are content, not learner data).
"""

from __future__ import annotations

from pathlib import Path

from kiosk import audit
from kiosk.content.speech import Line, kiosk_lines
from kiosk.services import Services
from kiosk.voices.packs import (
    VoiceInstallPlan,
    export_pack,
    install_voice_pack,
    plan_voice_install,
    remove_voices,
    rollback_voices,
)
from kiosk.voices.processing import clip_from_file, clip_from_pcm16
from kiosk.voices.store import StoredClip, VoiceStore
from kiosk.voices.template import ImportReport, import_folder


def voice_lines(services: Services) -> list[Line]:
    """Every line this kiosk speaks: each lesson's, then the learner screens'."""
    lessons = (entry.lesson for entry in services.content().lessons)
    return kiosk_lines(lessons, services.catalogue.strings)


def _audit(services: Services, actor: str, action: str, **detail: object) -> None:
    with services.db.transaction() as session:
        audit.record(session, actor, action, **detail)


def keep_recording(
    services: Services, lang: str, line: Line, pcm: bytes, rate: int, channels: int = 1
) -> StoredClip:
    """Keep a microphone recording of ``line`` (trimmed, normalised, Opus).

    Raises:
        AudioError: silent or too long (nothing kept).
    """
    opus = clip_from_pcm16(pcm, rate, channels)
    return VoiceStore(services.paths.root).save(lang, line, opus, source="kiosk")


def keep_recording_file(services: Services, lang: str, line: Line, path: Path) -> StoredClip:
    """Keep an audio file (WAV/MP3/OGG/M4A) as the recording of ``line``.

    Raises:
        AudioError: the file is not usable sound (nothing kept).
    """
    opus = clip_from_file(path)
    return VoiceStore(services.paths.root).save(lang, line, opus, source="file")


def plan_voices(services: Services, source: Path, *, force: bool = False) -> VoiceInstallPlan:
    """Check a voice pack file and say what installing it would change."""
    return plan_voice_install(services.paths.root, source, voice_lines(services), force=force)


def install_voices(services: Services, plan: VoiceInstallPlan, actor: str) -> None:
    """Install a checked voice pack. Raises VoicePackError (nothing changed) if it cannot be."""
    install_voice_pack(plan)
    _audit(
        services,
        actor,
        "voices_installed",
        lang=plan.lang,
        version=plan.version,
        replaced_version=plan.current_version,
        added=len(plan.added),
        replaced=len(plan.replaced),
        out_of_date=len(plan.out_of_date),
        signed_by=plan.made_by,
    )


def import_voice_folder(services: Services, folder: Path, lang: str, actor: str) -> ImportReport:
    """Take the recordings in a template folder (a USB stick). Raises VoicePackError."""
    report = import_folder(services.paths.root, folder, lang, voice_lines(services))
    if report.matched:
        _audit(services, actor, "voices_imported", lang=lang, clips=len(report.matched))
    return report


def export_voices(services: Services, lang: str, out: Path, actor: str) -> Path:
    """Write a signed pack of ``lang``'s recordings. Raises VoicePackError."""
    written = export_pack(services.paths.root, lang, out)
    version = VoiceStore(services.paths.root).pack_version(lang)
    _audit(services, actor, "voices_exported", lang=lang, version=version)
    return written


def roll_back_voices(services: Services, lang: str, actor: str) -> int:
    """Bring back the recordings the last change replaced; returns the pack version now."""
    version = rollback_voices(services.paths.root, lang)
    _audit(services, actor, "voices_rolled_back", lang=lang, version=version)
    return version


def remove_voice_language(services: Services, lang: str, actor: str) -> int:
    """Remove every recording of ``lang`` (the kept copy too); returns how many clips."""
    count = remove_voices(services.paths.root, lang)
    _audit(services, actor, "voices_removed", lang=lang, clips=count)
    return count
