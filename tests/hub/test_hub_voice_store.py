"""The hub's voice pack storage: a file per pack named by its SHA-256, a row per version."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kiosk_hub.db import open_hub_database
from kiosk_hub.models import Kiosk
from kiosk_hub.voice_packs import (
    PackFacts,
    PackRefused,
    latest_packs,
    pack_path,
    packs_by_language,
    store_pack,
    trusted_keys,
)

NOW = datetime(2026, 12, 6, 2, 0, tzinfo=UTC)


def test_packs_are_kept_by_sha256_and_only_newer_versions_are_taken(
    db_url: str, tmp_path: Path
) -> None:
    database = open_hub_database(db_url)
    folder = tmp_path / "data"
    try:
        with database.transaction() as session:
            session.add(Kiosk(id=uuid.uuid4(), commune_code="03127", learning_point="X",
                              key_id="abcd", public_key=b"\x01" * 32))  # fmt: skip
            session.add(Kiosk(id=uuid.uuid4(), commune_code="03127", learning_point="X",
                              key_id="gone", public_key=b"\x02" * 32,
                              revoked_from=date(2027, 1, 1)))  # fmt: skip
        with database.transaction() as session:
            for lang, version in (("hmn", 1), ("hmn", 2), ("tai", 1)):
                data = f"{lang}-{version}".encode()
                facts = PackFacts(lang, version, "abcd", test_data=True)
                store_pack(session, folder, data, facts, "tinh", NOW)
            store_pack(session, folder, b"yao-1", PackFacts("yao", 1, "gone", True), "tinh", NOW)
            store_pack(session, folder, b"hmn-3", PackFacts("hmn", 3, "gone", True), "tinh", NOW)
        with database.transaction() as session, pytest.raises(PackRefused) as refused:
            store_pack(session, folder, b"again", PackFacts("hmn", 3, "abcd", True), "tinh", NOW)
        assert refused.value.reason == "not_newer"
        with database.transaction() as session:
            newest = [(p.lang, p.version, p.size) for p in latest_packs(session)]
            every = {lang: [p.version for p in packs] for lang, packs in
                     packs_by_language(session).items()}  # fmt: skip
        # a pack whose signer was revoked since is kept but no longer offered
        assert newest == [("hmn", 2, 5), ("tai", 1, 5)]
        assert every == {"hmn": [3, 2, 1], "tai": [1], "yao": [1]}
        sha = hashlib.sha256(b"hmn-2").hexdigest()
        assert pack_path(folder, sha).read_bytes() == b"hmn-2"
        assert not pack_path(folder, hashlib.sha256(b"again").hexdigest()).exists()
        assert sorted(p.name for p in (folder / "voice-packs").iterdir()) == sorted(
            f"{hashlib.sha256(x).hexdigest()}.hocso-voice"
            for x in (b"yao-1", b"hmn-3", b"hmn-1", b"hmn-2", b"tai-1")
        )  # no temporary files left
    finally:
        database.dispose()


def test_only_keys_of_enrolled_kiosks_never_revoked_are_trusted(db_url: str) -> None:
    database = open_hub_database(db_url)
    try:
        with database.transaction() as session:
            for n, revoked in ((1, None), (2, date(2027, 1, 1))):
                session.add(Kiosk(id=uuid.uuid4(), commune_code="03127", learning_point="X",
                                  key_id=f"k{n}", public_key=bytes([n]) * 32,
                                  revoked_from=revoked))  # fmt: skip
        with database.transaction() as session:
            trusted = trusted_keys(session)
        assert trusted(b"\x01" * 32)
        assert not trusted(b"\x02" * 32)  # revoked, even from a later day
        assert not trusted(b"\x03" * 32)
    finally:
        database.dispose()


def test_a_pack_path_is_only_ever_a_sha256() -> None:
    with pytest.raises(ValueError):
        pack_path(Path("/x"), "../../etc/passwd")
