"""A kiosk fetches the voice packs province staff uploaded, after its sync, from the real hub."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kiosk.cli import main as kiosk_main
from kiosk.content.speech import Line
from kiosk.sync.voices import DOWNLOAD_PREFIX
from kiosk.voices.ops import voice_lines
from kiosk.voices.packs import PackClip, build_pack
from kiosk.voices.packs_read import clip_file, sha256_hex
from kiosk.voices.processing import clip_from_pcm16
from kiosk.voices.store import ClipState, VoiceStore, fingerprint
from kiosk_records.keys import KioskKey
from tests.helpers.voice_packs import COMMUNE, enroll_key, new_key
from tests.helpers.web_helpers import (
    HubProcess,
    browser,
    log_in,
    province_hub,
)

# A real ``kiosk-hub serve`` process.
pytestmark = pytest.mark.e2e


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubProcess]:
    with province_hub(tmp_path / "hub") as process:
        yield process


def run(capsys: Any, data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = kiosk_main(["sync", *args, "--data-dir", str(data_dir)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def tone(seconds: float, hz: float) -> bytes:
    """Generated sound (test data), as a microphone gives it."""
    t = np.arange(int(48_000 * seconds)) / 48_000
    return (np.sin(2 * np.pi * hz * t) * 12_000).astype("<i2").tobytes()


def mong_pack(maker: KioskKey, lines: list[Line], version: int = 1) -> bytes:
    clips = []
    for n, line in enumerate(lines):
        data = clip_from_pcm16(tone(0.6, 330 + 40 * n), 48_000)
        clips.append((PackClip(line.key, clip_file(line.key), sha256_hex(data),
                               fingerprint(line.text)), data))  # fmt: skip
    return build_pack(lang="hmn", version=version, clips=clips, language={}, lessons={},
                      test_data=True, made_on="2026-12-06", key=maker)  # fmt: skip


def staff_upload(hub: HubProcess, pack: bytes) -> None:
    """Province staff upload the pack through the hub's page, as a browser does."""
    with browser(hub) as client:
        token = log_in(client)
        files = {"pack": ("hmn-v1.hocso-voice", pack, "application/octet-stream")}
        answer = client.post(f"/voices/upload?csrf={token}", files=files)
        assert answer.status_code == 200 and "Đã nhận gói giọng đọc hmn" in answer.text


def enrolled_kiosk(capsys: Any, hub: HubProcess, data_dir: Path) -> None:
    code = hub.cli("enroll-code", "--commune", COMMUNE).split()[0]
    assert run(capsys, data_dir, "enroll", "--hub", hub.url, "--code", code)[0] == 0


def nothing_installed(data_dir: Path) -> bool:
    left = [p.name for p in data_dir.iterdir() if p.name.startswith(DOWNLOAD_PREFIX)]
    return (
        VoiceStore(data_dir).pack_version("hmn") == 0
        and not left
        and not (data_dir / "voices" / "hmn" / "clips.json").exists()
    )


def test_the_kiosk_installs_a_pack_staff_uploaded_when_it_syncs(
    capsys: Any, ready_services: Any, data_dir: Path, hub: HubProcess
) -> None:
    maker = new_key()
    enroll_key(hub, maker)  # the kiosk that recorded the voices, enrolled first
    enrolled_kiosk(capsys, hub, data_dir)
    lines = voice_lines(ready_services)[:3]
    staff_upload(hub, mong_pack(maker, lines))
    run(capsys, data_dir, "voices", "--auto", "off")
    code, out, _ = run(capsys, data_dir, "push")
    assert code == 0 and "voice pack" not in out and nothing_installed(data_dir)
    run(capsys, data_dir, "voices", "--auto", "on")
    code, out, err = run(capsys, data_dir, "push")
    assert code == 0 and "voice pack installed: hmn v1" in out, err
    store = VoiceStore(data_dir)
    assert store.pack_version("hmn") == 1
    assert set(store.states("hmn", lines).values()) == {ClipState.CURRENT}
    code, out, _ = run(capsys, data_dir, "push")
    assert code == 0 and "voice pack installed" not in out  # already the hub's newest
    code, out, _ = run(capsys, data_dir, "status")
    assert "voice packs: hmn v1 (fetched after each sync: on)" in out


def test_a_download_changed_on_the_way_or_forged_on_the_hub_installs_nothing(
    capsys: Any, ready_services: Any, data_dir: Path, hub: HubProcess
) -> None:
    maker, stranger = new_key(), new_key()
    enroll_key(hub, maker)
    enrolled_kiosk(capsys, hub, data_dir)
    lines = voice_lines(ready_services)[:2]
    pack = mong_pack(maker, lines)
    staff_upload(hub, pack)
    kept = hub.data_dir / "voice-packs" / f"{hashlib.sha256(pack).hexdigest()}.hocso-voice"
    changed = bytearray(pack)
    changed[len(changed) // 2] ^= 0xFF
    kept.write_bytes(bytes(changed))
    code, _, err = run(capsys, data_dir, "voices")
    assert code == 1 and "not the file the hub listed" in err and nothing_installed(data_dir)
    # A hub in other hands: a pack of a kiosk this kiosk does not trust, listed as genuine.
    forged = mong_pack(stranger, lines)
    kept.write_bytes(forged)
    with sqlite3.connect(hub.database) as con:
        con.execute("UPDATE voice_pack SET sha256 = ?, size = ?",
                    (hashlib.sha256(forged).hexdigest(), len(forged)))  # fmt: skip
    new_path = kept.with_name(f"{hashlib.sha256(forged).hexdigest()}.hocso-voice")
    kept.rename(new_path)
    code, _, err = run(capsys, data_dir, "voices")
    assert code == 1 and "does not trust" in err and nothing_installed(data_dir)
    code, out, err = run(capsys, data_dir, "push")  # the records still go out
    assert code == 0 and "waiting=0" in out and nothing_installed(data_dir)
    assert "refused before" in out and "does not trust" in out and not err  # not fetched again
    code, _, err = run(capsys, data_dir, "voices")  # staff ask: it is tried again
    assert code == 1 and "does not trust" in err and nothing_installed(data_dir)


def test_the_sync_worker_fetches_the_pack_on_its_own_thread_after_the_records(
    capsys: Any, qapp: Any, qtbot: Any, ready_services: Any, data_dir: Path, hub: HubProcess
) -> None:
    from kiosk.ui.sync_worker import SyncWorker

    maker = new_key()
    enroll_key(hub, maker)
    enrolled_kiosk(capsys, hub, data_dir)
    lines = voice_lines(ready_services)[-2:]
    staff_upload(hub, mong_pack(maker, lines))
    worker = SyncWorker(ready_services)
    with qtbot.waitSignal(worker.finished, timeout=60_000) as done:
        assert worker.sync(force=True)
        assert VoiceStore(data_dir).pack_version("hmn") == 0  # the UI thread did not wait
    assert done.args[0].ok and not worker.busy
    store = VoiceStore(data_dir)
    assert store.pack_version("hmn") == 1
    assert set(store.states("hmn", lines).values()) == {ClipState.CURRENT}


def test_a_hub_gone_is_a_message_not_a_crash(
    capsys: Any, ready_services: Any, data_dir: Path, hub: HubProcess
) -> None:
    from kiosk.sync.ops import fetch_voices

    enrolled_kiosk(capsys, hub, data_dir)
    hub.stop()
    report = fetch_voices(ready_services.db, data_dir, lambda: voice_lines(ready_services))
    assert report is not None and not report.ok and "cannot reach the hub" in report.messages[0]
    code, _, err = run(capsys, data_dir, "voices")
    assert code == 1 and "cannot reach the hub" in err and nothing_installed(data_dir)
