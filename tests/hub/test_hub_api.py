"""The JSON API as docs/sync-protocol.md describes it: health, enrolment, records, trust list."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kiosk_hub.app import create_app
from kiosk_hub.catalogue import ReportNames
from kiosk_hub.context import HubContext
from kiosk_hub.enroll import create_code, revoke
from kiosk_hub.reports import dashboard
from kiosk_hub.settings import HubSettings
from tests.helpers.api_helpers import signed_post
from tests.helpers.hub_helpers import COMMUNE, OTHER_COMMUNE, FakeKiosk


@pytest.fixture
def client(tmp_path: Path, db_url: str, catalogue: ReportNames) -> Iterator[TestClient]:
    app = create_app(HubSettings(tmp_path / "hub", database_url=db_url), catalogue)
    with TestClient(app) as c:
        yield c


def ctx_of(client: TestClient) -> HubContext:
    ctx: HubContext = client.app.state.hub  # type: ignore[attr-defined]
    return ctx


def new_code(client: TestClient, commune: str = COMMUNE) -> str:
    ctx = ctx_of(client)
    with ctx.database.transaction() as s:
        return create_code(s, commune, ctx.clock())


def enrol_body(kiosk: FakeKiosk, code: str, commune: str = COMMUNE) -> dict[str, str]:
    return {
        "code": code,
        "kiosk_id": str(kiosk.id),
        "public_key": base64.b64encode(kiosk.key.public_key).decode(),
        "commune_code": commune,
        "learning_point": "Nhà văn hoá bản Him Lam",
    }


def test_health_and_openapi(client: TestClient) -> None:
    assert client.get("/api/v1/health").json() == {"status": "ok", "database": "ok"}
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/v1/health", "/api/v1/enroll", "/api/v1/records", "/api/v1/trust-list"} <= set(
        paths
    )


def test_enrolment_codes_are_one_time(client: TestClient) -> None:
    kiosk, other = FakeKiosk("k1"), FakeKiosk("k2")
    code = new_code(client)
    answer = client.post("/api/v1/enroll", json=enrol_body(kiosk, code))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["key_id"] == kiosk.key.key_id
    assert base64.b64decode(body["hub_public_key"]) == ctx_of(client).key.public_key
    assert [k["kiosk_id"] for k in body["trust_list"]["keys"]] == [str(kiosk.id)]
    # the kiosk retries after a lost answer: same result
    assert client.post("/api/v1/enroll", json=enrol_body(kiosk, code)).status_code == 200
    used = client.post("/api/v1/enroll", json=enrol_body(other, code))
    assert used.status_code == 403 and "already been used" in used.json()["detail"]
    wrong = client.post("/api/v1/enroll", json=enrol_body(other, new_code(client), OTHER_COMMUNE))
    assert wrong.status_code == 403 and "another commune" in wrong.json()["detail"]
    bogus = client.post("/api/v1/enroll", json=enrol_body(other, "AAAA-BBBB-CCCC"))
    assert bogus.status_code == 403
    bad_key = enrol_body(other, new_code(client)) | {"public_key": "AAAA"}
    assert client.post("/api/v1/enroll", json=bad_key).status_code == 400


def test_records_answer_per_record(client: TestClient) -> None:
    kiosk, stranger = FakeKiosk("k1"), FakeKiosk("stranger")
    assert client.post("/api/v1/enroll", json=enrol_body(kiosk, new_code(client))).is_success
    texts = [kiosk.text(1), kiosk.text(2, lessons=(102,)), stranger.text(1)]
    answer = signed_post(client, {"kiosk_id": str(kiosk.id), "records": texts}, kiosk.key)
    assert answer.status_code == 200
    body = answer.json()
    assert body["accepted"] == [str(kiosk.record(1).record_id), str(kiosk.record(2).record_id)]
    assert body["refused"] == [{"record_id": None, "index": 2, "reason": "unknown_key"}]
    again = signed_post(client, {"kiosk_id": str(kiosk.id), "records": texts[:1]}, kiosk.key)
    assert again.json()["duplicates"] == [str(kiosk.record(1).record_id)]
    unknown = signed_post(client, {"kiosk_id": str(uuid.uuid4()), "records": []}, kiosk.key)
    assert unknown.status_code == 403
    too_many = {"kiosk_id": str(kiosk.id), "records": ["x"] * 501}
    assert signed_post(client, too_many, kiosk.key).status_code == 422


def test_revocation_shows_in_trust_list_and_refuses_the_kiosk(client: TestClient) -> None:
    kiosk = FakeKiosk("k1")
    assert client.post("/api/v1/enroll", json=enrol_body(kiosk, new_code(client))).is_success
    ctx = ctx_of(client)
    today = ctx.clock().date()
    with ctx.database.transaction() as s:
        revoke(s, kiosk.id, today + timedelta(days=3))
    (entry,) = client.get("/api/v1/trust-list").json()["keys"]
    assert entry["revoked_from"] == (today + timedelta(days=3)).isoformat()
    late = kiosk.text(1, on=today + timedelta(days=3))
    early = kiosk.text(2, on=date(2026, 1, 5), lessons=(102,))
    body = signed_post(
        client, {"kiosk_id": str(kiosk.id), "records": [late, early]}, kiosk.key
    ).json()
    assert body["refused"][0]["reason"] == "revoked" and len(body["accepted"]) == 1
    with ctx.database.transaction() as s:
        revoke(s, kiosk.id, today)
    answer = signed_post(client, {"kiosk_id": str(kiosk.id), "records": [early]}, kiosk.key)
    assert answer.status_code == 403


def test_replayed_records_are_never_counted_twice(client: TestClient) -> None:
    """The same signed text again is answered ``duplicate`` (counted once); replayed in
    another kiosk's request it is refused ``kiosk_mismatch``."""
    kiosk, other = FakeKiosk("k1"), FakeKiosk("k2")
    for k in (kiosk, other):
        assert client.post("/api/v1/enroll", json=enrol_body(k, new_code(client))).is_success
    text = kiosk.text(7, lessons=(101, 102))
    record_id = str(kiosk.record(7).record_id)
    first = signed_post(client, {"kiosk_id": str(kiosk.id), "records": [text]}, kiosk.key)
    assert first.json()["accepted"] == [record_id]
    replays = {"kiosk_id": str(kiosk.id), "records": [text, f" {text}\n", text]}
    assert signed_post(client, replays, kiosk.key).json()["duplicates"] == [record_id] * 3
    stolen = signed_post(client, {"kiosk_id": str(other.id), "records": [text]}, other.key)
    assert stolen.json()["refused"] == [
        {"record_id": record_id, "index": 0, "reason": "kiosk_mismatch"}
    ]
    with ctx_of(client).database.transaction() as s:
        board = dashboard(s, ctx_of(client).catalogue)
    assert (board.learners, board.completions) == (1, 2)
