"""Posting the hub's forms as a browser does: with the page's CSRF token; users and
browsers for the real ``kiosk-hub serve`` process."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from tests.helpers.real_hub import HUB_MAIN, HubProcess

__all__ = [
    "HUB_MAIN", "PASSWORD", "PROVINCE", "HubProcess", "add_user", "browser", "form_token", "log_in",
    "post_form", "province_hub",
]  # fmt: skip

_TOKEN = re.compile(r'name="csrf" value="([^"]+)"')


def form_token(page: str) -> str:
    found = _TOKEN.search(page)
    assert found, "the page has no CSRF token"
    return found.group(1)


def post_form(client: Any, path: str, data: dict[str, str], **kwargs: Any) -> Any:
    """POST a form with the token of the page it comes from (the login page, or /scan)."""
    page = client.get("/login" if path == "/login" else "/scan").text
    return client.post(path, data={**data, "csrf": form_token(page)}, **kwargs)


PROVINCE, PASSWORD = "tinh", "province-pass"


def add_user(hub: HubProcess, name: str, password: str, *role: str) -> None:
    subprocess.run(
        [sys.executable, "-c", HUB_MAIN, "user", "add", name, *role],
        env=hub.env, input=password + "\n", capture_output=True, text=True, check=True,
        timeout=120,
    )  # fmt: skip


def browser(hub: HubProcess) -> httpx.Client:
    return httpx.Client(base_url=hub.url, follow_redirects=False, timeout=60)


def log_in(client: httpx.Client, name: str = PROVINCE, password: str = PASSWORD) -> str:
    """Log in as a browser does; the session's CSRF token."""
    token = form_token(client.get("/login").text)
    answer = client.post("/login", data={"name": name, "password": password, "csrf": token})
    assert answer.status_code == 303, answer.text
    return form_token(client.get("/scan").text)


@contextlib.contextmanager
def province_hub(folder: Path) -> Iterator[HubProcess]:
    """A running ``kiosk-hub serve`` with one province user (``PROVINCE`` / ``PASSWORD``)."""
    process = HubProcess(folder)
    add_user(process, PROVINCE, PASSWORD, "--role", "province")
    process.start()
    try:
        yield process
    finally:
        process.stop()
