"""Who is logged in: the signed session cookie names a user, re-read on every request."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.templating import Jinja2Templates

from kiosk_hub.auth import Viewer
from kiosk_hub.context import HubContext
from kiosk_hub.models import User


class LoginRequired(Exception):
    """No (valid) session: the page redirects to the login form."""


class ProvinceOnly(Exception):
    """A commune user asked for a province page."""


def hub(request: Request) -> HubContext:
    ctx: HubContext = request.app.state.hub
    return ctx


def templates(request: Request) -> Jinja2Templates:
    found: Jinja2Templates = request.app.state.templates
    return found


def viewer(request: Request) -> Viewer:
    name = request.session.get("user")
    if not isinstance(name, str):
        raise LoginRequired
    with hub(request).database.transaction() as session:
        user = session.get(User, name)
        if user is None:
            request.session.clear()
            raise LoginRequired
        return Viewer(user.name, user.role, user.commune_code)


def province(request: Request) -> Viewer:
    who = viewer(request)
    if not who.is_province:
        raise ProvinceOnly
    return who


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Any:
    return templates(request).TemplateResponse(
        request, name, {"hub": hub(request), **context}, status_code=status_code
    )
