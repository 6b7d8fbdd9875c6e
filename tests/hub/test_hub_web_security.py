"""Attacks on the hub's web pages, against the real ``kiosk-hub serve`` process."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.helpers.web_helpers import (
    PASSWORD,
    PROVINCE,
    HubProcess,
    add_user,
    browser,
    form_token,
    log_in,
    province_hub,
)

# A real ``kiosk-hub serve`` process.
pytestmark = pytest.mark.e2e


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubProcess]:
    with province_hub(tmp_path / "hub") as process:
        yield process


def users_page(client: httpx.Client) -> str:
    return client.get("/admin/users").text


def test_a_cross_site_form_with_a_valid_session_cannot_add_a_user(hub: HubProcess) -> None:
    with browser(hub) as client:
        token = log_in(client)
        form = {"name": "intruder", "role": "province", "password": "intruder-pass"}
        evil = client.post("/admin/users", data=form, headers={"Origin": "http://evil.example"})
        assert evil.status_code == 403 and "tải lại trang" in evil.text
        evil_with_token = client.post(
            "/admin/users", data=form | {"csrf": token}, headers={"Origin": "http://evil.example"}
        )
        assert evil_with_token.status_code == 403
        referer = {"Referer": "http://evil.example/page"}
        assert client.post("/admin/users", data=form, headers=referer).status_code == 403
        no_token = client.post("/admin/users", data=form, headers={"Origin": hub.url})
        assert no_token.status_code == 403
        wrong = client.post("/admin/users", data=form | {"csrf": "x" * 43})
        assert wrong.status_code == 403
        assert "intruder" not in users_page(client)
        ok = client.post("/admin/users", data=form | {"csrf": token}, headers={"Origin": hub.url})
        assert ok.status_code == 200 and "intruder" in users_page(client)


def test_the_login_form_needs_its_token(hub: HubProcess) -> None:
    with browser(hub) as client:
        client.get("/login")
        answer = client.post("/login", data={"name": PROVINCE, "password": PASSWORD})
        assert answer.status_code == 403 and "hocso_hub" not in answer.headers.get("set-cookie", "")


def _try(client: httpx.Client, name: str, password: str) -> httpx.Response:
    token = form_token(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": password, "csrf": token})


def test_login_is_throttled_per_name(hub: HubProcess) -> None:
    with browser(hub) as client:
        answers = [_try(client, PROVINCE, f"wrong-{n}").status_code for n in range(30)]
        assert answers[:5] == [401] * 5 and set(answers[5:]) == {429}
        right = _try(client, PROVINCE, PASSWORD)
        assert right.status_code == 429 and "Đăng nhập sai quá nhiều lần" in right.text
        assert "hocso_hub=" not in right.headers.get("set-cookie", "")


def test_login_is_throttled_per_address(hub: HubProcess) -> None:
    with browser(hub) as client:
        answers = [_try(client, f"name-{n}", "wrong-pass").status_code for n in range(21)]
        assert answers[:20] == [401] * 20 and answers[20] == 429
        assert _try(client, PROVINCE, PASSWORD).status_code == 429


def test_unknown_names_take_the_same_work_as_known_ones(hub: HubProcess) -> None:
    add_user(hub, "xa", "commune-pass", "--role", "commune", "--commune", "03127")
    known: list[float] = []
    unknown: list[float] = []
    with browser(hub) as client:
        # 4 tries per name (under its limit of 5), 16 from this address (under 20);
        # known and unknown interleaved so a change in the machine's load hits both.
        for n in range(8):
            for name, times in ((("tinh", "xa")[n % 2], known), (f"nobody-{n}", unknown)):
                token = form_token(client.get("/login").text)
                start = time.perf_counter()
                answer = client.post(
                    "/login", data={"name": name, "password": "wrong-pass", "csrf": token}
                )
                times.append(time.perf_counter() - start)
                assert answer.status_code == 401
    ratio = statistics.median(unknown) / statistics.median(known)
    assert 0.6 < ratio < 1.6, (known, unknown)  # before: unknown names took twice as long


def test_logging_out_ends_a_stolen_session(hub: HubProcess) -> None:
    with browser(hub) as client:
        token = log_in(client)
        stolen = client.cookies["hocso_hub"]
        with browser(hub) as thief:
            thief.cookies.set("hocso_hub", stolen)
            assert thief.get("/admin/users").status_code == 200
            client.post("/logout", data={"csrf": token})
            gone = thief.get("/admin/users")
            assert gone.status_code == 303 and gone.headers["location"] == "/login"


def test_a_new_password_or_removing_the_user_ends_their_sessions(hub: HubProcess) -> None:
    add_user(hub, "xa", "commune-pass", "--role", "commune", "--commune", "03127")
    with browser(hub) as admin, browser(hub) as victim, browser(hub) as thief:
        token = log_in(admin)
        log_in(victim, "xa", "commune-pass")
        thief.cookies.set("hocso_hub", victim.cookies["hocso_hub"])
        assert thief.get("/").status_code == 200
        new = {"name": "xa", "role": "commune", "commune": "03127", "password": "new-pass-2026"}
        assert admin.post("/admin/users", data=new | {"csrf": token}).status_code == 200
        assert thief.get("/").status_code == 303
        log_in(victim, "xa", "new-pass-2026")
        thief.cookies.set("hocso_hub", victim.cookies["hocso_hub"])
        assert thief.get("/").status_code == 200
        admin.post("/admin/users/remove", data={"name": "xa", "csrf": token})
        assert thief.get("/").status_code == 303
        own = admin.cookies["hocso_hub"]
        add_user(hub, PROVINCE, "another-pass", "--role", "province")  # on the command line
        thief.cookies.set("hocso_hub", own)
        assert thief.get("/").status_code == 303


def test_cookie_flags_and_security_headers(hub: HubProcess) -> None:
    with browser(hub) as client:
        page = client.get("/login")
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert page.headers["x-content-type-options"] == "nosniff"
        assert page.headers["referrer-policy"] == "same-origin"
        assert "<script>" not in page.text and " onclick=" not in page.text
        assert client.get("/api/v1/health").headers["x-content-type-options"] == "nosniff"
        token = form_token(page.text)
        answer = client.post("/login", data={"name": PROVINCE, "password": PASSWORD, "csrf": token})
        cookie = answer.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    with browser(hub) as client:  # behind a TLS proxy on the same machine (trusted by default)
        https = {"X-Forwarded-Proto": "https"}
        page = client.get("/login", headers=https)
        assert "; secure" in page.headers["set-cookie"].lower()
        cookie = "hocso_login=" + page.cookies["hocso_login"]  # the browser sends it over TLS
        answer = httpx.post(
            hub.url + "/login", data={"name": PROVINCE, "password": PASSWORD,
                                      "csrf": form_token(page.text)},
            headers=https | {"Origin": "https://" + hub.url.split("://")[1], "Cookie": cookie},
        )  # fmt: skip
        assert answer.status_code == 303
        assert "; secure" in answer.headers["set-cookie"].lower()


def test_secure_cookies_setting_marks_cookies_secure_over_plain_http(tmp_path: Path) -> None:
    """KIOSK_HUB_SECURE_COOKIES=1: for a TLS proxy that sends no X-Forwarded-Proto."""
    process = HubProcess(tmp_path / "hub")
    process.env["KIOSK_HUB_SECURE_COOKIES"] = "1"
    process.start()
    try:
        page = httpx.get(process.url + "/login", timeout=30)
        assert "; secure" in page.headers["set-cookie"].lower()
    finally:
        process.stop()
