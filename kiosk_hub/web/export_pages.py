"""CSV and XLSX downloads for official reports (login required; commune users get theirs)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from kiosk_hub.auth import Viewer
from kiosk_hub.exports import commune_table, consent_table, summary_table, to_csv, to_xlsx
from kiosk_hub.web.session import hub, viewer

Who = Annotated[Viewer, Depends(viewer)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(data: bytes, name: str, media: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    return Response(data, media_type=media, headers=headers)


def export_router() -> APIRouter:
    router = APIRouter(prefix="/export", include_in_schema=False)

    @router.get("/{report}.{fmt}")
    def export(request: Request, who: Who, report: str, fmt: str) -> Response:
        ctx = hub(request)
        if fmt not in ("csv", "xlsx") or report not in ("summary", "communes", "consent"):
            raise HTTPException(404, "no such export")
        with ctx.database.transaction() as session:
            if report == "summary":
                table = summary_table(session, ctx.catalogue, who)
            elif report == "communes":
                table = commune_table(session, ctx.catalogue, who)
            else:
                table = consent_table(session, ctx.catalogue, who, ctx.key, ctx.clock())
        scope = "tinh" if who.is_province else who.commune_code
        name = f"hocso-{report}-{scope}-{date.today():%Y%m%d}.{fmt}"
        if fmt == "csv":
            return _download(to_csv(table), name, "text/csv; charset=utf-8")
        return _download(to_xlsx([(report, table)]), name, XLSX)

    return router
