"""The hub's FastAPI application factory."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from kiosk_hub.api import api_router
from kiosk_hub.catalogue import ReportNames
from kiosk_hub.context import HubContext, build_context
from kiosk_hub.settings import HubSettings
from kiosk_hub.web.export_pages import export_router
from kiosk_hub.web.guard import BodyLimit, SecurityHeaders
from kiosk_hub.web.pages import log_slip_scan, page_router
from kiosk_hub.web.scanning import LIMITS, scan_router
from kiosk_hub.web.session import (
    CrossSiteRefused,
    LoginRequired,
    ProvinceOnly,
    csrf_guard,
    render,
)
from kiosk_hub.web.user_pages import user_router
from kiosk_hub.web.voice_pages import UPLOAD_BYTES, voice_router

WEB_DIR = Path(__file__).resolve().parent / "web"
# Largest request body per path prefix, refused before it is read (the longest prefix wins).
BODY_LIMITS = {
    "/": 1_000_000,
    "/api/": 64_000,
    "/scan": 2_000_000,  # up to 400,000 typed characters, percent-encoded
    "/api/v1/records": 3_000_000,  # 500 records of up to 4,000 characters, as JSON
    "/scan/upload": LIMITS.upload_bytes,  # the upload's own limits count files and pages
    "/voices/upload": UPLOAD_BYTES,  # one voice pack
}


def _number(value: Any) -> str:
    """12345 → "12.345", as Vietnamese reports write numbers."""
    return f"{int(value):,}".replace(",", ".")


def _lifespan(ctx: HubContext) -> Any:
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        ctx.close()

    return lifespan


def create_app(settings: HubSettings, catalogue: ReportNames | None = None) -> FastAPI:
    """Build the hub: open and migrate the database, load keys, mount API and pages."""
    ctx: HubContext = build_context(settings, catalogue)
    app = FastAPI(
        title="Học Số hub",
        version="1",
        description="Receives completion records from Học Số kiosks (docs/sync-protocol.md).",
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan(ctx),
    )
    app.state.hub = ctx
    templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
    templates.env.filters["number"] = _number
    app.state.templates = templates
    app.add_middleware(BodyLimit, limits=BODY_LIMITS)
    app.add_middleware(SecurityHeaders)
    app.include_router(api_router())
    forms = [Depends(csrf_guard)]  # every state-changing form: same origin and its token
    app.include_router(page_router(), dependencies=forms)
    app.include_router(scan_router(), dependencies=[*forms, Depends(log_slip_scan)])
    app.include_router(export_router(), dependencies=forms)
    app.include_router(user_router(), dependencies=forms)
    app.include_router(voice_router(), dependencies=forms)
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")

    @app.exception_handler(LoginRequired)
    def _to_login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(ProvinceOnly)
    def _forbidden(request: Request, exc: ProvinceOnly) -> Response:
        message = "Trang này chỉ dành cho cán bộ cấp tỉnh."
        response: Response = render(request, "error.html", status_code=403, message=message)
        return response

    @app.exception_handler(CrossSiteRefused)
    def _cross_site(request: Request, exc: CrossSiteRefused) -> Response:
        message = (
            "Biểu mẫu đã hết hạn hoặc không được gửi từ trang của trung tâm. "
            "Hãy tải lại trang rồi thử lại."
        )
        response: Response = render(request, "error.html", status_code=403, message=message)
        return response

    return app
