"""Province staff upload voice packs on the real ``kiosk-hub serve``; every upload is hostile."""

from __future__ import annotations

import hashlib
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.helpers.voice_packs import enroll_key, make_pack, new_key, zip_of
from tests.helpers.web_helpers import PASSWORD, PROVINCE, HubProcess, add_user, browser, log_in

# A real ``kiosk-hub serve`` process.
pytestmark = pytest.mark.e2e


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubProcess]:
    process = HubProcess(tmp_path / "hub")
    add_user(process, PROVINCE, PASSWORD, "--role", "province")
    add_user(process, "xa", "commune-pass", "--role", "commune", "--commune", "03127")
    process.start()
    try:
        yield process
    finally:
        process.stop()


def upload(client: httpx.Client, token: str, data: bytes, **kwargs: object) -> httpx.Response:
    files = {"pack": ("hmn-v1.hocso-voice", data, "application/octet-stream")}
    return client.post(f"/voices/upload?csrf={token}", files=files, **kwargs)  # type: ignore[arg-type]


def stored(hub: HubProcess) -> list[tuple[str, int]]:
    with sqlite3.connect(hub.database) as con:
        rows = con.execute("SELECT lang, version FROM voice_pack ORDER BY lang, version")
        return [(str(lang), int(version)) for lang, version in rows]


def test_staff_upload_a_pack_and_see_it_listed_and_only_newer_ones_are_taken(
    hub: HubProcess,
) -> None:
    key = new_key()
    enroll_key(hub, key)
    first = make_pack(key, "hmn", 1)
    with browser(hub) as client:
        token = log_in(client)
        assert "Chưa có gói giọng đọc nào" in client.get("/voices").text
        answer = upload(client, token, first)
        assert answer.status_code == 200, answer.text
        assert "Đã nhận gói giọng đọc hmn phiên bản 1" in answer.text
        again = upload(client, token, make_pack(key, "hmn", 1))
        assert again.status_code == 400
        assert "đã có gói giọng đọc hmn phiên bản 1" in again.text
        assert upload(client, token, make_pack(key, "hmn", 2)).status_code == 200
        assert upload(client, token, make_pack(key, "tai", 1)).status_code == 200
        page = client.get("/voices").text
    assert stored(hub) == [("hmn", 1), ("hmn", 2), ("tai", 1)]
    assert 'data-lang="hmn"' in page and "<td>2</td>" in page and key.key_id in page
    kept = hub.data_dir / "voice-packs" / f"{hashlib.sha256(first).hexdigest()}.hocso-voice"
    assert kept.read_bytes() == first
    with sqlite3.connect(hub.database) as con:
        logged = con.execute("SELECT user_name, detail FROM access_log WHERE action = ?",
                             ("voice_pack_upload",)).fetchall()  # fmt: skip
    assert len(logged) == 3 and logged[0][0] == PROVINCE


def test_forged_tampered_and_unknown_packs_are_refused_in_plain_vietnamese(
    hub: HubProcess,
) -> None:
    key, stranger, revoked = new_key(), new_key(), new_key()
    enroll_key(hub, key)
    revoked_id = enroll_key(hub, revoked)
    hub.cli("revoke", str(revoked_id), "--from", "2030-01-01")
    cases = {
        make_pack(key, "hmn", 1, tamper="manifest"): "Chữ ký của gói không khớp",
        make_pack(key, "hmn", 1, tamper="clip"): "không phải gói giọng đọc dùng được",
        make_pack(key, "hmn", 2**40): "không phải gói giọng đọc dùng được",
        make_pack(stranger, "hmn", 1): "máy kiosk chưa đăng ký với trung tâm",
        make_pack(revoked, "hmn", 1): "máy kiosk chưa đăng ký với trung tâm",
        b"PK\x03\x04 not really a zip": "không phải gói giọng đọc dùng được",
    }
    with browser(hub) as client:
        token = log_in(client)
        for data, words in cases.items():
            answer = upload(client, token, data)
            assert answer.status_code == 400 and words in answer.text, answer.text
            assert "Traceback" not in answer.text
    assert stored(hub) == []
    assert not (hub.data_dir / "voice-packs").exists()


def test_a_zip_bomb_is_refused_and_an_oversize_upload_before_it_is_read(hub: HubProcess) -> None:
    key = new_key()
    enroll_key(hub, key)
    bomb = zip_of({"voice-pack.json": b"{}", "clips/_screens/a.opus": bytes(200_000_000)})
    assert len(bomb) < 1_000_000
    with browser(hub) as client:
        token = log_in(client)
        answer = upload(client, token, bomb)
        assert answer.status_code == 400 and "giải nén quá lớn" in answer.text
        cookie = f"hocso_hub={client.cookies['hocso_hub']}"
    # A body announced as 1 GB: refused from its length, with none of it sent.
    with socket.create_connection(("127.0.0.1", hub.port), timeout=10) as raw:
        raw.sendall(
            f"POST /voices/upload?csrf={token} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Cookie: {cookie}\r\nContent-Type: multipart/form-data; boundary=x\r\n"
            "Content-Length: 1000000000\r\n\r\n".encode()
        )
        answer_bytes = b""
        while chunk := raw.recv(65536):  # the hub closes the connection after its answer
            answer_bytes += chunk
    refused = answer_bytes.decode("utf-8", "replace")
    assert refused.startswith("HTTP/1.1 413") and "quá lớn" in refused
    assert stored(hub) == []


def test_a_cross_site_post_or_one_without_the_token_stores_nothing(hub: HubProcess) -> None:
    key = new_key()
    enroll_key(hub, key)
    pack = make_pack(key)
    with browser(hub) as client:
        token = log_in(client)
        files = {"pack": ("p.hocso-voice", pack, "application/octet-stream")}
        assert client.post("/voices/upload", files=files).status_code == 403
        wrong = client.post("/voices/upload?csrf=" + "x" * 43, files=files)
        assert wrong.status_code == 403 and "tải lại trang" in wrong.text
        evil = upload(client, token, pack, headers={"Origin": "http://evil.example"})
        assert evil.status_code == 403
    assert stored(hub) == []


def test_only_logged_in_province_staff_reach_the_voice_pages(hub: HubProcess) -> None:
    key = new_key()
    enroll_key(hub, key)
    pack = make_pack(key)
    with browser(hub) as anonymous:
        assert anonymous.get("/voices").status_code == 303
        files = {"pack": ("p.hocso-voice", pack, "application/octet-stream")}
        assert anonymous.post("/voices/upload?csrf=x", files=files).status_code == 303
    with browser(hub) as commune:
        token = log_in(commune, "xa", "commune-pass")
        page = commune.get("/voices")
        assert page.status_code == 403 and "chỉ dành cho cán bộ cấp tỉnh" in page.text
        assert upload(commune, token, pack).status_code == 403
        assert "/voices" not in commune.get("/").text  # no link to a page they cannot use
    assert stored(hub) == []
