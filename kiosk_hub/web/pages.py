"""Dashboard, login and admin pages (HTML; not part of the API schema)."""

from __future__ import annotations

import math
import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from kiosk_hub.auth import Viewer, try_login
from kiosk_hub.enroll import RevocationLater, create_code, revoke
from kiosk_hub.models import AccessLog, Conflict, Kiosk
from kiosk_hub.reports import dashboard
from kiosk_hub.sessions import end_session, start_session
from kiosk_hub.web.session import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    hub,
    login_token,
    province,
    render,
    set_cookie,
    set_session_cookie,
    viewer,
)
from kiosk_records.request_signing import hub_key_fingerprint

Who = Annotated[Viewer, Depends(viewer)]
Province = Annotated[Viewer, Depends(province)]


def page_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/login")
    def login_form(request: Request) -> Any:
        return _login_page(request, "")

    @router.post("/login")
    def login(
        request: Request,
        name: Annotated[str, Form(max_length=64)] = "",
        password: Annotated[str, Form(max_length=256)] = "",
    ) -> Any:
        ctx = hub(request)
        now = ctx.clock()
        with ctx.database.transaction() as session:
            attempt = try_login(session, name, password, _address(request), now)
            who = attempt.viewer
            token = start_session(session, who.name, now) if who else ""
        if attempt.locked_until is not None:
            minutes = max(1, math.ceil((attempt.locked_until - now).total_seconds() / 60))
            error = f"Đăng nhập sai quá nhiều lần. Hãy thử lại sau {minutes} phút."
            return _login_page(request, error, status_code=429)
        if who is None:
            return _login_page(request, "Sai tên đăng nhập hoặc mật khẩu.", status_code=401)
        response = RedirectResponse("/", status_code=303)
        set_session_cookie(response, request, token)
        response.delete_cookie(LOGIN_COOKIE, path="/login")
        return response

    @router.post("/logout")
    def logout(request: Request) -> Response:
        with hub(request).database.transaction() as session:
            end_session(session, request.cookies.get(SESSION_COOKIE))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    @router.get("/")
    def dashboard_page(request: Request, who: Who, commune: str | None = None) -> Any:
        ctx = hub(request)
        if not who.is_province:
            commune = who.commune_code
        elif commune not in ctx.catalogue.unit_codes:
            commune = None
        with ctx.database.transaction() as session:
            board = dashboard(session, ctx.catalogue, commune)
        title = ctx.catalogue.unit_label(commune) if commune else "Toàn tỉnh Điện Biên"
        return render(request, "dashboard.html", who=who, board=board, title=title,
                      commune=commune)  # fmt: skip

    @router.get("/admin")
    def admin_page(
        request: Request, who: Province, code: str = "", code_for: str = "", error: str = ""
    ) -> Any:
        ctx = hub(request)
        with ctx.database.transaction() as session:
            kiosks = list(session.scalars(select(Kiosk).order_by(Kiosk.commune_code)))
            conflicts = list(
                session.scalars(select(Conflict).order_by(Conflict.received_at.desc()).limit(100))
            )
        fingerprint = hub_key_fingerprint(ctx.key.public_key)
        return render(request, "admin.html", who=who, kiosks=kiosks, conflicts=conflicts,
                      code=code, code_for=code_for, units=ctx.catalogue.units,
                      fingerprint=fingerprint, error=error,
                      status_code=400 if error else 200)  # fmt: skip

    @router.post("/admin/enroll-code")
    def admin_code(
        request: Request, who: Province, commune: Annotated[str, Form(max_length=5)] = ""
    ) -> Any:
        ctx = hub(request)
        if commune not in ctx.catalogue.unit_codes:
            return admin_page(request, who, error="Hãy chọn một xã, phường của Điện Biên.")
        with ctx.database.transaction() as session:
            code = create_code(session, commune, ctx.clock(), by=who.name)
        return admin_page(request, who, code=code, code_for=ctx.catalogue.unit_label(commune))

    @router.post("/admin/revoke")
    def admin_revoke(
        request: Request,
        who: Province,
        kiosk_id: Annotated[str, Form(max_length=40)] = "",
        revoked_from: Annotated[str, Form(max_length=10)] = "",
        confirm_name: Annotated[str, Form(max_length=64)] = "",
        confirm_password: Annotated[str, Form(max_length=256)] = "",
    ) -> Any:
        ctx = hub(request)
        try:
            kid, day = uuid.UUID(kiosk_id), date.fromisoformat(revoked_from)
        except ValueError:
            return admin_page(request, who, error="Hãy chọn một máy kiosk và một ngày thu hồi.")
        second = None
        if confirm_name:
            second = _second_province_user(request, who, confirm_name, confirm_password)
            if second is None:
                error = "Người xác nhận phải là một cán bộ cấp tỉnh khác, đúng mật khẩu."
                return admin_page(request, who, error=error)
        try:
            with ctx.database.transaction() as session:
                revoke(session, kid, day, by=who.name, confirmed_by=second)
        except RevocationLater:
            error = (
                "Chỉ được dời ngày thu hồi sớm hơn. Dời muộn hơn cần một cán bộ cấp tỉnh "
                "thứ hai xác nhận bằng tên và mật khẩu của họ."
            )
            return admin_page(request, who, error=error)
        except LookupError:
            return admin_page(request, who, error="Không có máy kiosk này.")
        return RedirectResponse("/admin", status_code=303)

    return router


def log_slip_scan(request: Request, who: Who) -> None:
    """Every slip scan (typed or uploaded) goes to the access log with who scanned."""
    if request.method == "POST":
        how = "upload" if request.url.path.endswith("/upload") else "typed"
        size = request.headers.get("content-length", "?")
        with hub(request).database.transaction() as session:
            session.add(AccessLog(user_name=who.name, action="slip_scan",
                                  detail=f"{how}, {size} bytes"))  # fmt: skip


def _second_province_user(request: Request, who: Viewer, name: str, password: str) -> str | None:
    """The name of another province user whose password is right (throttled like logins)."""
    ctx = hub(request)
    with ctx.database.transaction() as session:
        second = try_login(session, name, password, _address(request), ctx.clock()).viewer
    if second is None or not second.is_province or second.name == who.name:
        return None
    return second.name


def _address(request: Request) -> str:
    return request.client.host if request.client else ""


def _login_page(request: Request, error: str, status_code: int = 200) -> Any:
    token = login_token(request)
    response = render(request, "login.html", status_code=status_code, error=error, csrf=token)
    set_cookie(response, request, LOGIN_COOKIE, token, path="/login")
    return response
