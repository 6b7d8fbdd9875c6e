"""Admin actions in the access log, and revocations that only move earlier: real hub."""

from __future__ import annotations

import base64
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.helpers.hub_helpers import COMMUNE, FakeKiosk
from tests.helpers.web_helpers import (
    HUB_MAIN,
    PASSWORD,
    PROVINCE,
    HubProcess,
    add_user,
    browser,
    log_in,
)

# A real ``kiosk-hub serve`` process.
pytestmark = pytest.mark.e2e

KIOSK = FakeKiosk("logged")


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubProcess]:
    process = HubProcess(tmp_path / "hub")
    add_user(process, PROVINCE, PASSWORD, "--role", "province")
    add_user(process, "tinh2", "second-pass", "--role", "province")
    process.start()
    code = process.cli("enroll-code", "--commune", COMMUNE).split()[0]
    body = {
        "code": code, "kiosk_id": str(KIOSK.id), "commune_code": COMMUNE,
        "public_key": base64.b64encode(KIOSK.key.public_key).decode(), "learning_point": "Him Lam",
    }  # fmt: skip
    assert httpx.post(process.url + "/api/v1/enroll", json=body, timeout=30).status_code == 200
    try:
        yield process
    finally:
        process.stop()


def _log(hub: HubProcess) -> list[tuple[str, str, str]]:
    with sqlite3.connect(hub.database) as con:
        rows = con.execute("SELECT user_name, action, detail FROM access_log ORDER BY id")
        return [tuple(row) for row in rows]


def _revoked_from(hub: HubProcess) -> str | None:
    with sqlite3.connect(hub.database) as con:
        return con.execute("SELECT revoked_from FROM kiosk").fetchone()[0]  # type: ignore[no-any-return]


def _cli(hub: HubProcess, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", HUB_MAIN, *args], env=hub.env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


def test_every_admin_action_goes_to_the_access_log(hub: HubProcess) -> None:
    with browser(hub) as client:
        token = log_in(client)
        client.post("/admin/enroll-code", data={"commune": COMMUNE, "csrf": token})
        revoke = {"kiosk_id": str(KIOSK.id), "revoked_from": "2026-03-01", "csrf": token}
        assert client.post("/admin/revoke", data=revoke).status_code == 303
        user = {"name": "xa", "role": "commune", "commune": COMMUNE, "password": "commune-pass"}
        client.post("/admin/users", data=user | {"csrf": token})
        client.post("/admin/users/remove", data={"name": "xa", "csrf": token})
        assert client.get("/export/consent.csv").status_code == 200
        client.post("/scan", data={"text": KIOSK.text(5), "csrf": token})
    _cli(hub, "revoke", str(KIOSK.id), "--from", "2026-02-01").check_returncode()
    entries = _log(hub)
    actions = [(who, what) for who, what, _ in entries]
    for expected in [
        ("command line", "enrolment_code"),  # the code the fixture made
        (PROVINCE, "enrolment_code"),
        (PROVINCE, "kiosk_revoked"),
        (PROVINCE, "user_added"),
        (PROVINCE, "user_removed"),
        (PROVINCE, "export_consent"),
        (PROVINCE, "slip_scan"),
        ("command line", "kiosk_revoked"),
        ("command line", "user_added"),
    ]:
        assert expected in actions, entries
    revocations = [detail for _, what, detail in entries if what == "kiosk_revoked"]
    assert revocations[-1].endswith("from 2026-02-01 (was 2026-03-01)")


def test_a_revocation_moves_earlier_never_later_without_a_second_user(hub: HubProcess) -> None:
    assert _cli(hub, "revoke", str(KIOSK.id), "--from", "2026-03-01").returncode == 0
    later = _cli(hub, "revoke", str(KIOSK.id), "--from", "2199-01-01")
    assert later.returncode == 1 and "Traceback" not in later.stderr
    assert "can move earlier, never later" in later.stderr
    assert _revoked_from(hub) == "2026-03-01"
    with browser(hub) as client:
        token = log_in(client)
        move = {"kiosk_id": str(KIOSK.id), "revoked_from": "2199-01-01", "csrf": token}
        page = client.post("/admin/revoke", data=move)
        assert page.status_code == 400 and "Chỉ được dời ngày thu hồi sớm hơn" in page.text
        self_confirmed = move | {"confirm_name": PROVINCE, "confirm_password": PASSWORD}
        assert client.post("/admin/revoke", data=self_confirmed).status_code == 400
        wrong = move | {"confirm_name": "tinh2", "confirm_password": "wrong-pass"}
        assert client.post("/admin/revoke", data=wrong).status_code == 400
        assert _revoked_from(hub) == "2026-03-01"
        earlier = move | {"revoked_from": "2026-02-15"}
        assert client.post("/admin/revoke", data=earlier).status_code == 303
        assert _revoked_from(hub) == "2026-02-15"
        confirmed = move | {"confirm_name": "tinh2", "confirm_password": "second-pass"}
        assert client.post("/admin/revoke", data=confirmed).status_code == 303
    assert _revoked_from(hub) == "2199-01-01"
    assert _log(hub)[-1][2].endswith("(was 2026-02-15), confirmed by tinh2")
