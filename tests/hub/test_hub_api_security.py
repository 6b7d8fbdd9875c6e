"""Attacks on the kiosk API, against the real ``kiosk-hub serve`` and a real enrolled kiosk."""

from __future__ import annotations

import json
import socket
import sqlite3
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from kiosk.db.base import utcnow
from kiosk.slips.local import kiosk_key
from kiosk.sync.client import HubClient, normalise_hub_url
from kiosk.sync.enroll import enroll
from kiosk.sync.push import push_once
from kiosk_records.request_signing import sign_request
from tests.helpers.real_hub import HubProcess
from tests.helpers.sync_helpers import fill_outbox

# A real ``kiosk-hub serve`` process.
pytestmark = pytest.mark.e2e

COMMUNE = "03127"


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubProcess]:
    process = HubProcess(tmp_path / "hub")
    process.start()
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def enrolled(ready_services: Any, data_dir: Path, hub: HubProcess) -> tuple[Any, ...]:
    """The real hub, and a real kiosk enrolled with it holding three records."""
    code = hub.cli("enroll-code", "--commune", COMMUNE).split()[0]
    key = kiosk_key(data_dir)
    enrolment = enroll(ready_services.database, hub.url, code, key, utcnow())
    rows = fill_outbox(ready_services.database, key, 3, utcnow())
    return hub, ready_services.database, key, enrolment, [str(r["record_text"]) for r in rows]


def _kiosk_row(hub: HubProcess) -> tuple[str, str | None]:
    with sqlite3.connect(hub.database) as con:
        return con.execute("SELECT id, last_contact_at FROM kiosk").fetchone()  # type: ignore[no-any-return]


def _records(hub: HubProcess) -> int:
    with sqlite3.connect(hub.database) as con:
        return int(con.execute("SELECT count(*) FROM record").fetchone()[0])


def _post(hub: HubProcess, data: bytes, headers: dict[str, str]) -> httpx.Response:
    headers = {"Content-Type": "application/json", **headers}
    return httpx.post(hub.url + "/api/v1/records", content=data, headers=headers, timeout=30)


def test_unsigned_or_forged_calls_are_refused_and_touch_nothing(enrolled: Any) -> None:
    hub, _, key, _, texts = enrolled
    kiosk_id = uuid.UUID(_kiosk_row(hub)[0])
    contact = _kiosk_row(hub)[1]
    time.sleep(1.1)  # a refresh of "last contact" would show in the stored time
    body = json.dumps({"kiosk_id": str(kiosk_id), "records": texts}).encode()
    unsigned = _post(hub, body, {})
    assert unsigned.status_code == 401 and "not signed" in unsigned.json()["detail"]
    empty = json.dumps({"kiosk_id": str(kiosk_id), "records": []}).encode()
    assert _post(hub, empty, {}).status_code == 401
    signed_other = sign_request(key, kiosk_id, "POST", "/records", empty, int(time.time()))
    forged = _post(hub, body, signed_other)  # a signature over another body
    assert forged.status_code == 401 and "does not match" in forged.json()["detail"]
    stale = sign_request(key, kiosk_id, "POST", "/records", body, int(time.time()) - 600)
    late = _post(hub, body, stale)
    assert late.status_code == 401 and "clock" in late.json()["detail"]
    assert abs(int(late.headers["x-hub-time"]) - time.time()) < 5
    assert _kiosk_row(hub)[1] == contact and _records(hub) == 0


def test_a_replayed_signed_request_is_refused(enrolled: Any) -> None:
    hub, _, key, _, texts = enrolled
    kiosk_id = uuid.UUID(_kiosk_row(hub)[0])
    body = json.dumps({"kiosk_id": str(kiosk_id), "records": texts[:1]}).encode()
    headers = sign_request(key, kiosk_id, "POST", "/records", body, int(time.time()))
    first = _post(hub, body, headers)
    assert first.status_code == 200 and len(first.json()["accepted"]) == 1
    contact = _kiosk_row(hub)[1]
    again = _post(hub, body, headers)
    assert again.status_code == 401 and "replay" in again.json()["detail"]
    assert _kiosk_row(hub)[1] == contact


def test_the_kiosk_pushes_signed_even_with_a_wrong_clock(enrolled: Any) -> None:
    hub, database, key, _, _ = enrolled
    client = HubClient(hub.url)
    client.clock_offset_s = -3600  # the kiosk's clock is an hour behind
    report = push_once(database, client, utcnow(), key=key)
    assert report.ok and report.acked == 3 and _records(hub) == 3
    assert abs(client.clock_offset_s) < 5  # learnt from the hub's answer


def test_a_huge_body_is_refused_before_it_is_read(enrolled: Any) -> None:
    hub, *_ = enrolled
    with socket.create_connection(("127.0.0.1", hub.port), timeout=5) as sock:
        sock.sendall(
            b"POST /api/v1/records HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b'Content-Type: application/json\r\nContent-Length: 4000000000\r\n\r\n{"kiosk_id":'
        )
        started = time.monotonic()
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413") and time.monotonic() - started < 3
    for path in ("/api/v1/enroll", "/login"):
        big = httpx.post(hub.url + path, content=b"x" * 2_000_000, timeout=30)
        assert big.status_code == 413
    assert httpx.get(hub.url + "/api/v1/health", timeout=5).status_code == 200


def test_enrolment_shows_the_hub_key_fingerprint(
    hub: HubProcess, ready_services: Any, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.cli import main as kiosk_main

    printed = hub.cli("fingerprint").strip()
    assert len(printed) == 24 and printed.count("-") == 4
    code = hub.cli("enroll-code", "--commune", COMMUNE).split()[0]
    args = ["sync", "enroll", "--hub", hub.url, "--code", code, "--data-dir", str(data_dir)]
    assert kiosk_main(args) == 0
    assert f"hub key fingerprint: {printed}" in capsys.readouterr().out


def test_hub_addresses_are_https_unless_typed_http() -> None:
    assert normalise_hub_url("hub.dienbien.gov.vn") == "https://hub.dienbien.gov.vn"
    assert normalise_hub_url("10.0.0.5:8443/api/v1") == "https://10.0.0.5:8443"
    assert normalise_hub_url("http://10.0.0.5:8080") == "http://10.0.0.5:8080"
