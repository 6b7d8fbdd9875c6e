"""Voice operations as the staff screens call them: recordings kept, changes audited."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kiosk import audit
from kiosk.services import Services
from kiosk.voices import ops
from kiosk.voices.processing import AudioError
from kiosk.voices.store import ClipState, VoiceStore

from .conftest import tone, write_wav


def test_record_export_install_roll_back_remove_are_audited(
    ready_services: Services, tmp_path: Path
) -> None:
    s = ready_services
    lines = ops.voice_lines(s)
    lesson = [x for x in lines if x.scope == lines[0].scope]
    pcm = (tone(0.5, 440, 16_000) * 32767).astype("<i2").tobytes()
    ops.keep_recording(s, "hmn", lesson[0], pcm, 16_000)
    ops.keep_recording_file(s, "hmn", lesson[1], write_wav(tmp_path / "a.wav"))
    with pytest.raises(AudioError, match="silent"):
        ops.keep_recording(s, "hmn", lesson[2], np.zeros(16_000, "<i2").tobytes(), 16_000)
    store = VoiceStore(s.paths.root)
    assert store.states("hmn", lesson[:3]) == {
        lesson[0].key: ClipState.CURRENT,
        lesson[1].key: ClipState.CURRENT,
        lesson[2].key: ClipState.MISSING,
    }
    pack = ops.export_voices(s, "hmn", tmp_path, "admin")
    ops.remove_voice_language(s, "hmn", "admin")
    plan = ops.plan_voices(s, pack)
    assert plan.ok and set(plan.added) == {lesson[0].key, lesson[1].key}
    ops.install_voices(s, plan, "admin")
    assert store.progress("hmn", lesson)[0] == 2
    assert ops.roll_back_voices(s, "hmn", "admin") == 0
    assert store.clips("hmn") == {}
    folder = tmp_path / "phone"
    write_wav(folder / lesson[2].scope / f"{lesson[2].id}.wav")
    assert ops.import_voice_folder(s, folder, "hmn", "admin").matched == (lesson[2].key,)
    with s.db.transaction() as session:
        actions = {e.action for e in audit.recent(session)}
    assert {
        "voices_exported",
        "voices_removed",
        "voices_installed",
        "voices_rolled_back",
        "voices_imported",
    } <= actions
