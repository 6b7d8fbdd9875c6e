"""Who is logged in: a server-side session named by an HttpOnly cookie, checked on every
request; and the CSRF guard every state-changing form passes through."""

from __future__ import annotations

import secrets
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, Request
from fastapi.responses import Response
from starlette.templating import Jinja2Templates

from kiosk_hub.auth import Viewer
from kiosk_hub.context import HubContext
from kiosk_hub.models import User
from kiosk_hub.sessions import SESSION_LIFETIME, find_session, same_token

SESSION_COOKIE = "hocso_hub"
LOGIN_COOKIE = "hocso_login"  # the login form's CSRF token, before there is a session
CSRF_FIELD = "csrf"


class LoginRequired(Exception):
    """No (valid) session: the page redirects to the login form."""


class ProvinceOnly(Exception):
    """A commune user asked for a province page."""


class CrossSiteRefused(Exception):
    """A form came without this session's CSRF token, or from another site."""


def hub(request: Request) -> HubContext:
    ctx: HubContext = request.app.state.hub
    return ctx


def templates(request: Request) -> Jinja2Templates:
    found: Jinja2Templates = request.app.state.templates
    return found


def is_secure(request: Request) -> bool:
    """HTTPS as the browser sees it (uvicorn applies X-Forwarded-Proto from trusted proxies)."""
    return request.url.scheme == "https" or hub(request).settings.secure_cookies


def set_cookie(response: Response, request: Request, name: str, value: str, **extra: Any) -> None:
    response.set_cookie(
        name, value, httponly=True, samesite="lax", secure=is_secure(request), **extra
    )


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    max_age = int(SESSION_LIFETIME.total_seconds())
    set_cookie(response, request, SESSION_COOKIE, token, max_age=max_age)


def login_token(request: Request) -> str:
    """The login form's token: the one in the browser's cookie, or a new one."""
    found = request.cookies.get(LOGIN_COOKIE, "")
    return found if 20 <= len(found) <= 100 else secrets.token_urlsafe(32)


def viewer(request: Request) -> Viewer:
    ctx = hub(request)
    with ctx.database.transaction() as session:
        found = find_session(session, request.cookies.get(SESSION_COOKIE), ctx.clock())
        user = session.get(User, found.user_name) if found else None
        if found is None or user is None:
            raise LoginRequired
        request.state.csrf_token = found.csrf_token
        return Viewer(user.name, user.role, user.commune_code)


def province(request: Request) -> Viewer:
    who = viewer(request)
    if not who.is_province:
        raise ProvinceOnly
    return who


async def _sent_token(request: Request) -> str:
    """The CSRF token a form sent: in the query for file uploads (their body is left to the
    upload's own limits), else the form field (FastAPI has parsed the form already)."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return ""
    if request.headers.get("content-type", "").startswith("multipart/"):
        return request.query_params.get(CSRF_FIELD, "")
    value = (await request.form()).get(CSRF_FIELD)
    return value if isinstance(value, str) else ""


def csrf_guard(request: Request, sent: Annotated[str, Depends(_sent_token)]) -> None:
    """Refuse a state-changing request from another site or without the form's token."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if not _same_origin(request):
        raise CrossSiteRefused
    if request.url.path == "/login":
        expected = request.cookies.get(LOGIN_COOKIE, "")
    else:
        ctx = hub(request)
        with ctx.database.transaction() as session:
            found = find_session(session, request.cookies.get(SESSION_COOKIE), ctx.clock())
        if found is None:
            return  # nothing to act for: the page itself sends the browser to log in
        expected = found.csrf_token
    if not expected or not same_token(expected, sent):
        raise CrossSiteRefused


def _same_origin(request: Request) -> bool:
    """Origin (or else Referer) names this hub; requests with neither are not from a page."""
    schemes = {request.url.scheme, "https" if is_secure(request) else request.url.scheme}
    origin = request.headers.get("origin") or request.headers.get("referer")
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.scheme in schemes and parts.netloc == request.url.netloc


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Any:
    csrf = getattr(request.state, "csrf_token", "")
    return templates(request).TemplateResponse(
        request, name, {"hub": hub(request), "csrf": csrf, **context}, status_code=status_code
    )
