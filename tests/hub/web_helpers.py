"""Posting the hub's forms as a browser does: with the page's CSRF token."""

from __future__ import annotations

import re
from typing import Any

_TOKEN = re.compile(r'name="csrf" value="([^"]+)"')


def form_token(page: str) -> str:
    found = _TOKEN.search(page)
    assert found, "the page has no CSRF token"
    return found.group(1)


def post_form(client: Any, path: str, data: dict[str, str], **kwargs: Any) -> Any:
    """POST a form with the token of the page it comes from (the login page, or /scan)."""
    page = client.get("/login" if path == "/login" else "/scan").text
    return client.post(path, data={**data, "csrf": form_token(page)}, **kwargs)
