"""Kiosks list and fetch voice packs with signed requests, on the real ``kiosk-hub serve``."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kiosk.sync.client import HubClient, HubRefused, VoicePackOffer
from kiosk_records.request_signing import sign_request
from tests.helpers.voice_packs import enroll_key, make_pack, new_key
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


def upload_packs(hub: HubProcess, *packs: bytes) -> None:
    with browser(hub) as client:
        token = log_in(client)
        for pack in packs:
            files = {"pack": ("p.hocso-voice", pack, "application/octet-stream")}
            answer = client.post(f"/voices/upload?csrf={token}", files=files)
            assert answer.status_code == 200, answer.text


def test_a_kiosk_lists_the_newest_pack_per_language_and_fetches_its_bytes(
    hub: HubProcess,
) -> None:
    maker, reader = new_key(), new_key()
    maker_id = enroll_key(hub, maker)
    reader_id = enroll_key(hub, reader)
    hmn1, hmn2, tai1 = (
        make_pack(maker, "hmn", 1),
        make_pack(maker, "hmn", 2),
        make_pack(maker, "tai", 1),
    )
    client = HubClient(hub.url)
    assert client.voice_packs(reader_id, reader) == []
    upload_packs(hub, hmn1, hmn2, tai1)
    offers = client.voice_packs(reader_id, reader)
    assert [(o.lang, o.version, o.size) for o in offers] == [
        ("hmn", 2, len(hmn2)),
        ("tai", 1, len(tai1)),
    ]
    assert client.voice_pack(reader_id, reader, offers[0], 10_000_000) == hmn2
    older = VoicePackOffer("hmn", 1, "", 0)
    assert client.voice_pack(reader_id, reader, older, 10_000_000) == hmn1
    with pytest.raises(HubRefused) as missing:
        client.voice_pack(reader_id, reader, VoicePackOffer("hmn", 7, "", 0), 10_000_000)
    assert missing.value.status == 404
    # The maker's key revoked: its packs stay on the hub but are offered no more.
    hub.cli("revoke", str(maker_id), "--from", "2030-01-01")
    assert client.voice_packs(reader_id, reader) == []
    with pytest.raises(HubRefused) as withdrawn:
        client.voice_pack(reader_id, reader, offers[0], 10_000_000)
    assert withdrawn.value.status == 404
    with browser(hub) as staff:
        log_in(staff)
        assert "Khóa của máy ký đã bị thu hồi" in staff.get("/voices").text


def test_unknown_unsigned_forged_replayed_or_revoked_requests_are_refused(
    hub: HubProcess,
) -> None:
    key, other = new_key(), new_key()
    kiosk_id = enroll_key(hub, key)
    upload_packs(hub, make_pack(key, "hmn", 1))
    url = hub.url + "/api/v1/voice-packs"
    assert httpx.get(url, timeout=30).status_code == 401
    assert httpx.get(url + "/hmn/1", timeout=30).status_code == 401
    now = int(time.time())
    stranger = sign_request(other, uuid.uuid4(), "GET", "/voice-packs", b"", now)
    assert httpx.get(url, headers=stranger, timeout=30).status_code == 403
    forged = sign_request(other, kiosk_id, "GET", "/voice-packs/hmn/1", b"", now)
    answer = httpx.get(url + "/hmn/1", headers=forged, timeout=30)
    assert answer.status_code == 401 and "does not match" in answer.json()["detail"]
    for_list = sign_request(key, kiosk_id, "GET", "/voice-packs", b"", now)
    assert httpx.get(url + "/hmn/1", headers=for_list, timeout=30).status_code == 401
    good = sign_request(key, kiosk_id, "GET", "/voice-packs/hmn/1", b"", now)
    assert httpx.get(url + "/hmn/1", headers=good, timeout=30).status_code == 200
    replay = httpx.get(url + "/hmn/1", headers=good, timeout=30)
    assert replay.status_code == 401 and "replay" in replay.json()["detail"]
    for path in ("/..%2F..%2Fhub.sqlite3/1", "/hmn/x", "/hmn/99999999999999999999"):
        signed = sign_request(key, kiosk_id, "GET", "/voice-packs" + path, b"", now)
        assert httpx.get(url + path, headers=signed, timeout=30).status_code in (401, 404, 422)
    hub.cli("revoke", str(kiosk_id), "--from", "2025-04-01")
    revoked = sign_request(key, kiosk_id, "GET", "/voice-packs", b"", now)
    answer = httpx.get(url, headers=revoked, timeout=30)
    assert answer.status_code == 403 and "revoked" in answer.json()["detail"]
