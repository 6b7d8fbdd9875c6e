"""Slip scanning: a USB scanner types the QR text into a field, or staff upload files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from kiosk_hub.auth import Viewer
from kiosk_hub.catalogue import ReportNames
from kiosk_hub.ingest import IngestResult, ingest_texts
from kiosk_hub.uploads import UploadLimits, UploadRefused, decode_in_pool
from kiosk_hub.web.session import hub, render, viewer

Who = Annotated[Viewer, Depends(viewer)]
LIMITS = UploadLimits()
MAX_TEXTS = 200
MAX_PARTS = 100  # parts of an upload read at all: those past `LIMITS.files` are refused
_REFUSED_FILE = {
    "too_large": "tệp quá lớn (tối đa {mb} MB)",
    "too_many_files": "quá {files} tệp một lần: tệp này chưa được đọc, hãy tải lên lần sau",
    "too_many_pages": "PDF quá {pages} trang",
    "page_too_large": "trang PDF quá khổ (lớn hơn khổ A2)",
    "too_many_pixels": "ảnh quá lớn (quá {megapixels} triệu điểm ảnh)",
    "too_slow": "đọc tệp quá {seconds} giây nên đã dừng",
    "unreadable": "không phải tệp PDF, PNG hay JPEG đọc được",
    "no_code": "không tìm thấy mã QR của phiếu",
}
_REASONS = {
    "malformed": "Không đọc được mã (hỏng hoặc thiếu)",
    "wrong_version": "Phiên bản phiếu không được hỗ trợ",
    "unknown_key": "Máy kiosk chưa đăng ký với trung tâm",
    "bad_signature": "Chữ ký không khớp: phiếu bị sửa hoặc giả",
    "revoked": "Khóa của máy kiosk đã bị thu hồi",
    "conflict": "Trùng mã phiếu nhưng khác nội dung (đã báo quản trị)",
    "kiosk_mismatch": "Ký bởi máy kiosk khác",
    "commune_mismatch": "Phiếu ghi xã khác với xã máy kiosk đã đăng ký",
    "date_ahead": "Ngày hoàn thành chưa tới (đồng hồ máy kiosk sai?)",
    "date_too_early": "Ngày hoàn thành trước khi phong trào bắt đầu (26/3/2025)",
}


@dataclass(frozen=True)
class ScanLine:
    status: str  # accepted | duplicate | refused
    message: str
    learner: str
    lessons: str


def scan_lines(result: IngestResult, catalogue: ReportNames) -> list[ScanLine]:
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


def _left_out(texts: list[str]) -> list[str]:
    """The words for codes past `MAX_TEXTS` (read again next time, never dropped quietly)."""
    if len(texts) <= MAX_TEXTS:
        return []
    return [f"chỉ nhận {MAX_TEXTS} mã mỗi lần: {len(texts) - MAX_TEXTS} mã sau chưa được nhận"]


def refusal_words(reason: str) -> str:
    """What staff read about a file not decoded (`kiosk_hub.uploads` reasons)."""
    return _REFUSED_FILE[reason].format(
        mb=LIMITS.bytes // 1_000_000, files=LIMITS.files, pages=LIMITS.pages,
        megapixels=LIMITS.pixels // 1_000_000, seconds=int(LIMITS.seconds),
    )  # fmt: skip


async def _read_uploads(uploads: list[UploadFile]) -> tuple[list[str], list[str]]:
    """The QR texts of the files, and a line in Vietnamese for each file refused."""
    texts: list[str] = []
    errors: list[str] = []
    for number, upload in enumerate(uploads):
        name = upload.filename or f"tệp {number + 1}"
        try:
            if number >= LIMITS.files:
                raise UploadRefused("too_many_files", LIMITS.files)
            data = await upload.read(LIMITS.bytes + 1)
            if len(data) > LIMITS.bytes:
                raise UploadRefused("too_large", LIMITS.bytes)
            texts += await decode_in_pool(data, LIMITS)
        except UploadRefused as refused:
            errors.append(f"{name}: {refusal_words(refused.reason)}")
    return texts, errors


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
        lines, error = _ingest(request, texts), "; ".join(_left_out(texts))
        return render(request, "scan.html", who=who, lines=lines, error=error)

    @router.post("/scan/upload")
    async def scan_upload(request: Request, who: Who) -> Any:
        """Each file decoded off the event loop within `LIMITS`; one refused file says
        why and the others still count. The whole upload is measured before it is read."""
        size = request.headers.get("content-length", "")
        if not size.isdigit() or int(size) > LIMITS.upload_bytes:
            error = f"Lần tải lên quá lớn (tối đa {LIMITS.upload_bytes // 1_000_000} MB mỗi lần)."
            return render(request, "scan.html", who=who, lines=[], error=error, status_code=413)
        try:
            async with request.form(max_files=MAX_PARTS, max_fields=MAX_PARTS) as form:
                uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
                texts, errors = await _read_uploads(uploads)
        except HTTPException:  # the multipart body is damaged or has too many parts
            error = f"Không đọc được lần tải lên (hỏng, hoặc quá {MAX_PARTS} tệp)."
            return render(request, "scan.html", who=who, lines=[], error=error, status_code=400)
        if not uploads:
            return render(request, "scan.html", who=who, lines=[], error="Chưa chọn tệp nào.")
        lines = await run_in_threadpool(_ingest, request, texts) if texts else []
        error = "; ".join([*errors, *_left_out(texts)])
        return render(request, "scan.html", who=who, lines=lines, error=error)

    return router
