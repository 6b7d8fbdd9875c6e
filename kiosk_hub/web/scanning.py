"""Slip scanning: a USB scanner types the QR text into a field, or staff upload files."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile

from kiosk.slips.scan import ScanError, slip_texts
from kiosk_hub.auth import Viewer
from kiosk_hub.catalogue import Catalogue
from kiosk_hub.ingest import IngestResult, ingest_texts
from kiosk_hub.web.session import hub, render, viewer

Who = Annotated[Viewer, Depends(viewer)]
MAX_UPLOAD = 20_000_000
MAX_TEXTS = 200
_REASONS = {
    "malformed": "Không đọc được mã (hỏng hoặc thiếu)",
    "wrong_version": "Phiên bản phiếu không được hỗ trợ",
    "unknown_key": "Máy kiosk chưa đăng ký với trung tâm",
    "bad_signature": "Chữ ký không khớp: phiếu bị sửa hoặc giả",
    "revoked": "Khóa của máy kiosk đã bị thu hồi",
    "conflict": "Trùng mã phiếu nhưng khác nội dung (đã báo quản trị)",
    "kiosk_mismatch": "Ký bởi máy kiosk khác",
}


@dataclass(frozen=True)
class ScanLine:
    status: str  # accepted | duplicate | refused
    message: str
    learner: str
    lessons: str


def scan_lines(result: IngestResult, catalogue: Catalogue) -> list[ScanLine]:
    lines = []
    for outcome in result.outcomes:
        record = outcome.record
        learner = f"{record.learner_name} ({record.birth_year})" if record else ""
        lessons = ""
        if record is not None:
            lessons = ", ".join(
                catalogue.lessons[x.lesson_code].title if x.lesson_code in catalogue.lessons
                else f"Bài {x.lesson_code}"
                for x in record.lessons
            )  # fmt: skip
        message = {
            "accepted": "Đã nhận phiếu",
            "duplicate": "Phiếu này đã được nhận trước đó (không tính lại)",
        }.get(outcome.status) or _REASONS.get(outcome.reason, outcome.reason)
        lines.append(ScanLine(outcome.status, message, learner, lessons))
    return lines


def _ingest(request: Request, texts: list[str]) -> list[ScanLine]:
    ctx = hub(request)
    with ctx.database.transaction() as session:
        result = ingest_texts(
            session, texts[:MAX_TEXTS], channel="slip", catalogue=ctx.catalogue, now=ctx.clock()
        )
    return scan_lines(result, ctx.catalogue)


def scan_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/scan")
    def scan_page(request: Request, who: Who) -> Any:
        return render(request, "scan.html", who=who, lines=[], error="")

    @router.post("/scan")
    def scan_text(
        request: Request, who: Who, text: Annotated[str, Form(max_length=400_000)] = ""
    ) -> Any:
        texts = [t.strip() for t in text.splitlines() if t.strip()]
        if not texts:
            return render(request, "scan.html", who=who, lines=[], error="Chưa có mã phiếu.")
        return render(request, "scan.html", who=who, lines=_ingest(request, texts), error="")

    @router.post("/scan/upload")
    async def scan_upload(
        request: Request, who: Who, files: Annotated[list[UploadFile], File()]
    ) -> Any:
        texts: list[str] = []
        errors: list[str] = []
        for upload in files[:20]:
            data = await upload.read(MAX_UPLOAD + 1)
            name = upload.filename or "tệp"
            if len(data) > MAX_UPLOAD:
                errors.append(f"{name}: tệp quá lớn (tối đa 20 MB)")
                continue
            try:
                texts += _decode(data)
            except ScanError:
                errors.append(f"{name}: không tìm thấy mã QR của phiếu")
        lines = _ingest(request, texts) if texts else []
        return render(request, "scan.html", who=who, lines=lines, error="; ".join(errors))

    return router


def _decode(data: bytes) -> list[str]:
    """QR texts in an uploaded PDF or image (decoded on the hub, never in the browser)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("upload.pdf" if data.startswith(b"%PDF") else "upload.img")
        path.write_bytes(data)
        return slip_texts(str(path))
