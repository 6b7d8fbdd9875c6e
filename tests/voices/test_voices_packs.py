"""Voice packs: export, hostile packs refused with a clear message, install, roll back."""

from __future__ import annotations

import base64
import io
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest
from nacl.signing import SigningKey

from kiosk.content.speech import Line
from kiosk.voices import packs_read
from kiosk.voices.packs import (
    PackClip,
    VoicePackError,
    build_pack,
    export_pack,
    install_voice_pack,
    kiosk_trust,
    plan_voice_install,
    read_pack,
    recover_voices,
    rollback_voices,
)
from kiosk.voices.packs_install import JOURNAL_PREFIX, PREVIOUS_DIR, STAGING_PREFIX
from kiosk.voices.packs_read import MANIFEST_FILE, SIGNATURE_FILE, clip_file, sha256_hex
from kiosk.voices.store import ClipState, VoiceStore, fingerprint
from kiosk_records.keys import KioskKey

from .conftest import line

TEST_KEY = KioskKey(bytes(range(32)))


def trust_test_key(public_key: bytes) -> bool:
    return public_key == TEST_KEY.public_key


def pack_bytes(
    lines: list[Line], opus: bytes, *, version: int = 1, key: KioskKey = TEST_KEY
) -> bytes:
    clips = [
        (PackClip(x.key, clip_file(x.key), sha256_hex(opus), fingerprint(x.text)), opus)
        for x in lines
    ]
    return build_pack(
        lang="hmn",
        version=version,
        clips=clips,
        language={"language.yaml": b"code: hmn\nname: Mong\nname_vi: Mong\ntest_data: true\n"},
        lessons={"lesson-a": 1},
        test_data=True,
        made_on="2026-12-06",
        key=key,
    )


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def resigned(files: dict[str, bytes], manifest: dict[str, object]) -> dict[str, bytes]:
    """The files with a changed manifest, signed again by the trusted key."""
    raw = json.dumps(manifest).encode()
    sig = json.loads(files[SIGNATURE_FILE])
    sig["signature"] = base64.b64encode(TEST_KEY.sign(raw)).decode()
    return files | {MANIFEST_FILE: raw, SIGNATURE_FILE: json.dumps(sig).encode()}


def refused(data: bytes, code: str) -> str:
    with pytest.raises(VoicePackError) as caught:
        read_pack(data, trusted=trust_test_key)
    assert caught.value.code == code, str(caught.value)
    return str(caught.value)


def test_a_good_pack_reads_back(lines: list[Line], opus_clip: bytes) -> None:
    pack = read_pack(pack_bytes(lines, opus_clip), trusted=trust_test_key)
    assert pack.lang == "hmn" and pack.version == 1 and pack.test_data
    assert [c.key for c in pack.clips] == [x.key for x in lines]
    assert pack.clip_bytes(pack.clips[0]) == opus_clip
    assert set(pack.language_files()) == {"language.yaml"}


@pytest.mark.parametrize("name", ["../evil.opus", "/etc/evil", "clips/../../x.opus", "c:\\x"])
def test_unsafe_paths_are_refused(lines: list[Line], opus_clip: bytes, name: str) -> None:
    files = members(pack_bytes(lines, opus_clip)) | {name: b"x"}
    assert "unsafe file name" in refused(rezip(files), "unsafe_path")


def test_a_link_inside_is_refused(lines: list[Line], opus_clip: bytes) -> None:
    buffer = io.BytesIO(pack_bytes(lines, opus_clip))
    with zipfile.ZipFile(buffer, "a") as archive:
        info = zipfile.ZipInfo("clips/lesson-a/link.opus")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    assert "a link" in refused(buffer.getvalue(), "link")


def test_a_huge_member_is_refused(lines: list[Line], opus_clip: bytes) -> None:
    files = members(pack_bytes(lines, opus_clip))
    buffer = io.BytesIO(rezip(files))
    with zipfile.ZipFile(buffer, "a") as archive:
        big = os.urandom(packs_read.MAX_MEMBER_BYTES + 1)
        archive.writestr("clips/lesson-a/big.opus", big, compress_type=zipfile.ZIP_STORED)
    assert "at most" in refused(buffer.getvalue(), "too_large")


def test_a_compression_bomb_is_refused(lines: list[Line], opus_clip: bytes) -> None:
    files = members(pack_bytes(lines, opus_clip)) | {"clips/lesson-a/bomb.opus": bytes(3 << 20)}
    assert "zip bomb" in refused(rezip(files), "zip_bomb")


def test_too_many_members_are_refused(lines: list[Line], opus_clip: bytes) -> None:
    files = members(pack_bytes(lines, opus_clip))
    files |= {f"clips/lesson-a/n{i}.opus": b"" for i in range(packs_read.MAX_MEMBERS)}
    assert "at most" in refused(rezip(files), "too_many")


def test_not_a_zip_is_refused() -> None:
    assert "not a voice pack" in refused(b"this is a text file", "not_a_pack")


def test_a_changed_clip_is_refused(lines: list[Line], opus_clip: bytes) -> None:
    files = members(pack_bytes(lines, opus_clip))
    files[clip_file(lines[1].key)] = opus_clip[:-10]
    assert "not what was signed" in refused(rezip(files), "wrong_hash")


def test_an_unlisted_file_is_refused(lines: list[Line], opus_clip: bytes) -> None:
    files = members(pack_bytes(lines, opus_clip)) | {"clips/lesson-a/extra.opus": opus_clip}
    assert "does not list: clips/lesson-a/extra.opus" in refused(rezip(files), "unlisted")


def test_a_missing_file_is_refused(lines: list[Line], opus_clip: bytes) -> None:
    files = members(pack_bytes(lines, opus_clip))
    del files[clip_file(lines[0].key)]
    assert "lacks" in refused(rezip(files), "missing")


def test_a_changed_manifest_breaks_the_signature(lines: list[Line], opus_clip: bytes) -> None:
    files = members(pack_bytes(lines, opus_clip))
    files[MANIFEST_FILE] = files[MANIFEST_FILE].replace(b'"version": 1', b'"version": 9')
    assert "changed after signing" in refused(rezip(files), "bad_signature")


def test_an_unsigned_pack_is_refused(lines: list[Line], opus_clip: bytes) -> None:
    files = members(pack_bytes(lines, opus_clip))
    del files[SIGNATURE_FILE]
    assert "not signed" in refused(rezip(files), "unsigned")


def test_a_pack_from_an_untrusted_kiosk_is_refused(lines: list[Line], opus_clip: bytes) -> None:
    stranger = KioskKey(bytes(SigningKey.generate()))
    message = refused(pack_bytes(lines, opus_clip, key=stranger), "untrusted")
    assert stranger.key_id in message and "does not trust" in message


def test_a_newer_format_version_is_refused(lines: list[Line], opus_clip: bytes) -> None:
    files = members(pack_bytes(lines, opus_clip))
    manifest = json.loads(files[MANIFEST_FILE]) | {"format_version": 2}
    assert "format version 2" in refused(rezip(resigned(files, manifest)), "format_version")


def test_another_format_is_refused(lines: list[Line], opus_clip: bytes) -> None:
    files = members(pack_bytes(lines, opus_clip))
    manifest = json.loads(files[MANIFEST_FILE]) | {"format": "hocso-content-pack"}
    assert "not a voice pack" in refused(rezip(resigned(files, manifest)), "not_a_pack")


def test_a_clip_outside_its_place_is_refused(lines: list[Line], opus_clip: bytes) -> None:
    files = members(pack_bytes(lines, opus_clip))
    manifest = json.loads(files[MANIFEST_FILE])
    manifest["clips"][0]["file"] = "language/language.yaml"
    assert "its file must be" in refused(rezip(resigned(files, manifest)), "bad_manifest")


def test_a_language_entry_of_another_language_is_refused(
    lines: list[Line], opus_clip: bytes
) -> None:
    files = members(pack_bytes(lines, opus_clip))
    files["language/language.yaml"] = b"code: vi\nname_vi: x\n"
    manifest = json.loads(files[MANIFEST_FILE])
    manifest["language"]["language.yaml"] = sha256_hex(files["language/language.yaml"])
    assert "not the entry of language" in refused(rezip(resigned(files, manifest)), "bad_language")


# Exporting and installing --------------------------------------------------------------------


def recorded_kiosk(data_dir: Path, lines: list[Line], opus: bytes) -> VoiceStore:
    store = VoiceStore(data_dir)
    for x in lines:
        store.save("hmn", x, opus, source="file")
    return store


def test_export_signs_with_the_kiosk_key_and_bumps_the_version(
    tmp_path: Path, lines: list[Line], opus_clip: bytes
) -> None:
    store = recorded_kiosk(tmp_path / "a", lines, opus_clip)
    first = export_pack(tmp_path / "a", "hmn", tmp_path)
    second = export_pack(tmp_path / "a", "hmn", tmp_path)
    assert (first.name, second.name) == ("hmn-v1.hocso-voice", "hmn-v2.hocso-voice")
    assert store.pack_version("hmn") == 2
    pack = read_pack(second.read_bytes(), trusted=kiosk_trust(tmp_path / "a"))
    assert pack.version == 2 and len(pack.clips) == 3
    assert "language/language.yaml" in pack.files  # the shipped Mông entry travels with it
    with pytest.raises(VoicePackError, match="no recordings"):
        export_pack(tmp_path / "a", "blt", tmp_path)


def test_install_adds_keeps_the_old_copy_and_rolls_back(
    tmp_path: Path, lines: list[Line], opus_clip: bytes
) -> None:
    data = tmp_path / "kiosk"
    store = VoiceStore(data)
    store.save("hmn", lines[0], b"own recording", source="kiosk")
    source = tmp_path / "hmn-v1.hocso-voice"
    source.write_bytes(pack_bytes(lines, opus_clip))
    plan = plan_voice_install(data, source, lines, trusted=trust_test_key)
    assert plan.ok and plan.lang == "hmn" and plan.version == 1
    assert plan.replaced == (lines[0].key,) and set(plan.added) == {x.key for x in lines[1:]}
    install_voice_pack(plan)
    assert store.progress("hmn", lines) == (3, 3) and store.pack_version("hmn") == 1
    assert store.clips("hmn")[lines[0].key].source == "pack"
    assert (store.folder("hmn") / "language.yaml").is_file()
    assert rollback_voices(data, "hmn") == 0
    assert store.progress("hmn", lines) == (1, 3)
    assert (store.folder("hmn") / lines[0].key).with_suffix(
        ".opus"
    ).read_bytes() == b"own recording"
    assert rollback_voices(data, "hmn") == 1  # a second roll-back undoes the first
    assert store.progress("hmn", lines) == (3, 3)


def test_rollback_with_nothing_kept_says_so(tmp_path: Path) -> None:
    with pytest.raises(VoicePackError, match="no earlier recordings of 'hmn'"):
        rollback_voices(tmp_path, "hmn")


def test_a_pack_not_newer_is_refused_unless_forced(
    tmp_path: Path, lines: list[Line], opus_clip: bytes
) -> None:
    source = tmp_path / "p.hocso-voice"
    source.write_bytes(pack_bytes(lines, opus_clip, version=2))
    install_voice_pack(plan_voice_install(tmp_path / "k", source, lines, trusted=trust_test_key))
    for version in (1, 2):
        source.write_bytes(pack_bytes(lines, opus_clip, version=version))
        plan = plan_voice_install(tmp_path / "k", source, lines, trusted=trust_test_key)
        assert not plan.ok and plan.problems[0].code == "not_newer"
        assert "version 2" in plan.problems[0].message and "--force" in plan.problems[0].message
        with pytest.raises(VoicePackError, match="not newer"):
            install_voice_pack(plan)
    source.write_bytes(pack_bytes(lines, opus_clip, version=1))
    forced = plan_voice_install(tmp_path / "k", source, lines, force=True, trusted=trust_test_key)
    install_voice_pack(forced)
    assert VoiceStore(tmp_path / "k").pack_version("hmn") == 1


def test_clips_for_a_changed_text_are_listed_out_of_date_and_not_installed(
    tmp_path: Path, lines: list[Line], opus_clip: bytes
) -> None:
    source = tmp_path / "p.hocso-voice"
    source.write_bytes(pack_bytes(lines, opus_clip))
    here = [*lines[:1], line("lesson-a", "s1", "Chạm vào nút đỏ."), lines[2]]
    plan = plan_voice_install(tmp_path / "k", source, here, trusted=trust_test_key)
    assert plan.ok and plan.out_of_date == ("lesson-a/s1",)
    install_voice_pack(plan)
    store = VoiceStore(tmp_path / "k")
    assert "lesson-a/s1" not in store.clips("hmn")
    assert store.states("hmn", here)["lesson-a/s1"] is ClipState.MISSING
    assert store.current_files("hmn", "lesson-a", here) == {
        "title": store.folder("hmn") / "lesson-a/title.opus"
    }


def test_a_pack_for_lessons_this_kiosk_lacks_is_kept_for_later(
    tmp_path: Path, lines: list[Line], opus_clip: bytes
) -> None:
    source = tmp_path / "p.hocso-voice"
    source.write_bytes(pack_bytes(lines, opus_clip))
    plan = plan_voice_install(tmp_path / "k", source, lines[2:], trusted=trust_test_key)
    assert set(plan.other_lessons) == {lines[0].key, lines[1].key}
    install_voice_pack(plan)
    assert VoiceStore(tmp_path / "k").progress("hmn", lines) == (3, 3)


def test_a_refused_pack_is_a_plan_problem(tmp_path: Path, lines: list[Line]) -> None:
    source = tmp_path / "p.hocso-voice"
    source.write_bytes(b"PK\x03\x04 broken")
    plan = plan_voice_install(tmp_path / "k", source, lines)
    assert not plan.ok and plan.problems[0].code == "not_a_pack"
    missing = plan_voice_install(tmp_path / "k", tmp_path / "none.hocso-voice", lines)
    assert missing.problems[0].code == "unreadable" and "none.hocso-voice" in str(
        missing.problems[0]
    )


def test_a_swap_cut_by_a_power_failure_is_finished_at_start(
    tmp_path: Path, lines: list[Line], opus_clip: bytes
) -> None:
    data = tmp_path / "k"
    store = recorded_kiosk(data, lines[:1], b"old")
    root = store.root
    incoming = root / f"{STAGING_PREFIX}hmn" / "voices" / "hmn"
    recorded_kiosk(root / f"{STAGING_PREFIX}hmn", lines, opus_clip)
    kept = root / PREVIOUS_DIR / "hmn"
    (root / f"{JOURNAL_PREFIX}hmn.json").write_text(
        json.dumps({"target": str(root / "hmn"), "incoming": str(incoming), "kept": str(kept)})
    )
    kept.parent.mkdir()
    os.replace(root / "hmn", kept)  # the first rename happened, then the power went
    assert store.clips("hmn") == {}
    recover_voices(data)
    assert store.progress("hmn", lines) == (3, 3)
    assert not (root / f"{JOURNAL_PREFIX}hmn.json").exists()
    assert not (root / f"{STAGING_PREFIX}hmn").exists()
    assert rollback_voices(data, "hmn") == 0 and store.progress("hmn", lines) == (1, 3)


def test_a_member_lying_about_its_size_is_refused() -> None:
    """A bomb whose headers claim a small size: reading stops there and the CRC fails."""
    name = "clips/lesson-a/bomb.opus"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, bytes(3 << 20))
    data = bytearray(buffer.getvalue())
    real = (3 << 20).to_bytes(4, "little")
    local, central = data.index(b"PK\x03\x04"), data.index(b"PK\x01\x02")
    assert data[local + 22 : local + 26] == real and data[central + 24 : central + 28] == real
    data[local + 22 : local + 26] = data[central + 24 : central + 28] = (1000).to_bytes(4, "little")
    assert "damaged" in refused(bytes(data), "damaged")


def test_a_picture_with_a_doctype_is_refused(lines: list[Line], opus_clip: bytes) -> None:
    files = members(pack_bytes(lines, opus_clip))
    files["language/picture.svg"] = b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>'
    manifest = json.loads(files[MANIFEST_FILE])
    manifest["language"]["picture.svg"] = sha256_hex(files["language/picture.svg"])
    assert "without a DOCTYPE" in refused(rezip(resigned(files, manifest)), "bad_language")


def test_a_pack_claiming_another_maker_is_refused(lines: list[Line], opus_clip: bytes) -> None:
    files = members(pack_bytes(lines, opus_clip))
    manifest = json.loads(files[MANIFEST_FILE]) | {"made_by": "0123456789abcdef"}
    assert "'made_by'" in refused(rezip(resigned(files, manifest)), "bad_manifest")
