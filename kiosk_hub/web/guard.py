"""ASGI middleware in front of the whole hub: security headers on every answer, and a
size limit on request bodies that holds before anything reads or parses them (answered
in JSON on the kiosk API, in plain Vietnamese on the pages)."""

from __future__ import annotations

import html
import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; "
        b"img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
        b"frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


class SecurityHeaders:
    """Adds the headers above to every HTTP answer (pages, static files, API)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """413 for a body over the limit of its path prefix, from Content-Length, before any of
    it is read; 411 for a body sent without a length (browsers and kiosks always send it)."""

    def __init__(self, app: ASGIApp, limits: dict[str, int]) -> None:
        self.app = app
        self.limits = sorted(limits.items(), key=lambda item: -len(item[0]))

    def limit_for(self, path: str) -> int:
        return next(limit for prefix, limit in self.limits if path.startswith(prefix))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            headers = dict(scope["headers"])
            length = headers.get(b"content-length", b"")
            if not length.isdigit():
                if b"transfer-encoding" in headers:
                    await _refuse(send, 411, "send the body with a Content-Length")
                    return
            elif int(length) > (limit := self.limit_for(scope["path"])):
                if scope["path"].startswith("/api/"):
                    await _refuse(send, 413, f"request body over {limit} bytes")
                else:  # a page's form: staff read the answer in their browser
                    await _refuse_page(send, 413, _too_big_words(limit))
                return
        await self.app(scope, receive, send)


def _too_big_words(limit: int) -> str:
    size = f"{limit // 1_000_000} MB" if limit >= 1_000_000 else f"{limit // 1000} KB"
    return f"Nội dung gửi lên quá lớn (tối đa {size} mỗi lần)."


async def _refuse(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await _answer(send, status, b"application/json", body)


async def _refuse_page(send: Send, status: int, words: str) -> None:
    """A bare page: the refusal comes before the app, its templates and the session."""
    body = (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Học Số</title>'
        f"</head><body><p>{html.escape(words)}</p></body></html>"
    ).encode()
    await _answer(send, status, b"text/html; charset=utf-8", body)


async def _answer(send: Send, status: int, content_type: bytes, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
