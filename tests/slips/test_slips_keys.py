import json
import os
import sys
import uuid
from pathlib import Path

import pytest
from nacl.public import PrivateKey

from kiosk_records.keys import (
    TrustList,
    TrustListError,
    key_id_for,
    load_or_create_kiosk_key,
    load_trust_list,
    own_trusted_key,
    write_trust_list,
)
from kiosk_records.sealing import open_citizen_id, seal_citizen_id


def test_key_is_made_once_and_kept_private(tmp_path: Path) -> None:
    key = load_or_create_kiosk_key(tmp_path / "secrets")
    again = load_or_create_kiosk_key(tmp_path / "secrets")
    assert key.public_key == again.public_key
    assert key.key_id == key_id_for(key.public_key)
    assert len(key.key_id) == 16
    assert key.key_id in repr(key)
    if sys.platform != "win32":
        mode = os.stat(tmp_path / "secrets" / "kiosk_signing.key").st_mode & 0o777
        assert mode == 0o600
    assert not [p for p in (tmp_path / "secrets").iterdir() if p.name.endswith(".tmp")]


def test_trust_list_round_trip(tmp_path: Path) -> None:
    key = load_or_create_kiosk_key(tmp_path)
    trust = TrustList((own_trusted_key(key, uuid.uuid4(), "03127"),))
    write_trust_list(tmp_path / "t.json", trust)
    assert load_trust_list(tmp_path / "t.json") == trust
    assert trust.merged(trust.keys) == trust


@pytest.mark.parametrize(
    "change",
    [
        lambda e: e.update(key_id="0" * 16),
        lambda e: e.update(public_key="AAAA"),
        lambda e: e.update(kiosk_id="nope"),
        lambda e: e.update(commune_code="3127"),
        lambda e: e.pop("public_key"),
    ],
)
def test_bad_entries_are_refused(tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    key = load_or_create_kiosk_key(tmp_path)
    doc = json.loads(TrustList((own_trusted_key(key, uuid.uuid4(), "03127"),)).to_json_bytes())
    change(doc["keys"][0])
    (tmp_path / "t.json").write_text(json.dumps(doc))
    with pytest.raises(TrustListError, match=r"t\.json"):
        load_trust_list(tmp_path / "t.json")


def test_not_a_trust_list(tmp_path: Path) -> None:
    (tmp_path / "t.json").write_text('{"format": "other"}')
    with pytest.raises(TrustListError):
        load_trust_list(tmp_path / "t.json")


def test_sealed_citizen_id_opens_only_for_the_hub() -> None:
    hub, other = PrivateKey.generate(), PrivateKey.generate()
    sealed = seal_citizen_id("011168012345", bytes(hub.public_key))
    assert len(sealed) == 53
    assert b"011168012345" not in sealed
    assert open_citizen_id(sealed, bytes(hub)) == "011168012345"
    assert open_citizen_id(seal_citizen_id("000000000001", bytes(hub.public_key)), bytes(hub)) == (
        "000000000001"
    )
    with pytest.raises(ValueError):
        open_citizen_id(sealed, bytes(other))
    with pytest.raises(ValueError):
        seal_citizen_id("01116801234", bytes(hub.public_key))
