"""Dashboard, login and admin pages (HTML; not part of the API schema)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from kiosk_hub.auth import Viewer, authenticate
from kiosk_hub.enroll import create_code, revoke
from kiosk_hub.models import Conflict, Kiosk
from kiosk_hub.reports import dashboard
from kiosk_hub.web.session import hub, province, render, viewer

Who = Annotated[Viewer, Depends(viewer)]
Province = Annotated[Viewer, Depends(province)]


def page_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/login")
    def login_form(request: Request) -> Any:
        return render(request, "login.html", error="")

    @router.post("/login")
    def login(
        request: Request,
        name: Annotated[str, Form(max_length=64)] = "",
        password: Annotated[str, Form(max_length=256)] = "",
    ) -> Any:
        with hub(request).database.transaction() as session:
            who = authenticate(session, name, password)
        if who is None:
            error = "Sai tên đăng nhập hoặc mật khẩu."
            return render(request, "login.html", status_code=401, error=error)
        request.session.clear()
        request.session["user"] = who.name
        return RedirectResponse("/", status_code=303)

    @router.post("/logout")
    def logout(request: Request) -> Response:
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

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
    def admin_page(request: Request, who: Province, code: str = "", code_for: str = "") -> Any:
        ctx = hub(request)
        with ctx.database.transaction() as session:
            kiosks = list(session.scalars(select(Kiosk).order_by(Kiosk.commune_code)))
            conflicts = list(
                session.scalars(select(Conflict).order_by(Conflict.received_at.desc()).limit(100))
            )
        return render(request, "admin.html", who=who, kiosks=kiosks, conflicts=conflicts,
                      code=code, code_for=code_for, units=ctx.catalogue.units)  # fmt: skip

    @router.post("/admin/enroll-code")
    def admin_code(
        request: Request, who: Province, commune: Annotated[str, Form(max_length=5)] = ""
    ) -> Any:
        ctx = hub(request)
        if commune not in ctx.catalogue.unit_codes:
            return RedirectResponse("/admin", status_code=303)
        with ctx.database.transaction() as session:
            code = create_code(session, commune, ctx.clock())
        return admin_page(request, who, code=code, code_for=ctx.catalogue.unit_label(commune))

    @router.post("/admin/revoke")
    def admin_revoke(
        request: Request,
        who: Province,
        kiosk_id: Annotated[str, Form(max_length=40)] = "",
        revoked_from: Annotated[str, Form(max_length=10)] = "",
    ) -> Any:
        try:
            kid, day = uuid.UUID(kiosk_id), date.fromisoformat(revoked_from)
            with hub(request).database.transaction() as session:
                revoke(session, kid, day)
        except (ValueError, LookupError):
            pass  # the form only offers listed kiosks; a bad value changes nothing
        return RedirectResponse("/admin", status_code=303)

    return router
