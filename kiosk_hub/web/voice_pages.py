"""Voice packs on the hub's pages: province staff upload one, and see every pack by language.

An upload is anyone's file. Its size is measured from the request before any of it is
read, and the pack is checked (`kiosk_hub.voice_packs.check_pack`: safe zip, signature of
a kiosk enrolled here) on one worker thread, never on the web server's event loop, so
several large uploads at once wait their turn rather than fill the hub's memory.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from kiosk_hub.auth import Viewer
from kiosk_hub.models import AccessLog
from kiosk_hub.pools import LazyPool
from kiosk_hub.voice_packs import (
    MAX_PACK_BYTES,
    PackFacts,
    PackRefused,
    check_pack,
    packs_by_language,
    revoked_signers,
    store_pack,
    trusted_keys,
)
from kiosk_hub.web.session import hub, province, render

Province = Annotated[Viewer, Depends(province)]
UPLOAD_BYTES = MAX_PACK_BYTES + 100_000  # the file and the form around it
# One pack checked at a time: a pack is unpacked in memory to check every file's hash.
_CHECKER = LazyPool(1, "hub-voice-packs")
_REFUSED = {
    "too_large": "Tệp quá lớn (tối đa {mb} MB).",
    "no_file": "Chưa chọn tệp gói giọng đọc (.hocso-voice).",
    "unreadable": "Không đọc được lần tải lên (hỏng hoặc không đúng biểu mẫu).",
    "bad_signature": "Chữ ký của gói không khớp: gói đã bị sửa sau khi ký, hoặc là gói giả.",
    "unknown_kiosk": (
        "Gói được ký bởi một máy kiosk chưa đăng ký với trung tâm, hoặc đã bị thu hồi khóa."
    ),
    "bad_pack": "Tệp không phải gói giọng đọc dùng được (hỏng, bị sửa hoặc sai định dạng).",
    "too_big_inside": "Gói chứa quá nhiều tệp hoặc tệp giải nén quá lớn nên không được nhận.",
    "not_newer": (
        "Trung tâm đã có gói giọng đọc {lang} phiên bản {newest}. "
        "Chỉ nhận phiên bản mới hơn; hãy xuất lại gói với số phiên bản lớn hơn."
    ),
}


def refusal_words(refused: PackRefused) -> str:
    """What staff read about a pack not taken."""
    return _REFUSED.get(refused.reason, _REFUSED["bad_pack"]).format(
        mb=MAX_PACK_BYTES // 1_000_000, lang=refused.lang, newest=refused.newest
    )


def voice_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/voices")
    def voices_page(request: Request, who: Province) -> Any:
        return _page(request, who)

    @router.post("/voices/upload")
    async def upload_pack(request: Request, who: Province) -> Any:
        """Check one pack and keep it, or say in Vietnamese why not."""
        size = request.headers.get("content-length", "")
        if not size.isdigit() or int(size) > UPLOAD_BYTES:
            return _refuse(request, who, PackRefused("too_large"), 413)
        try:
            async with request.form(max_files=1, max_fields=2) as form:
                upload = form.get("pack")
                if not isinstance(upload, UploadFile):
                    return _refuse(request, who, PackRefused("no_file"), 400)
                data = await upload.read(MAX_PACK_BYTES + 1)
        except HTTPException:  # a damaged multipart body, or more parts than allowed
            return _refuse(request, who, PackRefused("unreadable"), 400)
        if len(data) > MAX_PACK_BYTES:
            return _refuse(request, who, PackRefused("too_large"), 413)
        if not data:
            return _refuse(request, who, PackRefused("no_file"), 400)
        try:
            checking = _CHECKER.get().submit(_check_and_store, request, who, data)
            facts = await asyncio.wrap_future(checking)
        except PackRefused as refused:
            return _refuse(request, who, refused, 400)
        done = f"Đã nhận gói giọng đọc {facts.lang} phiên bản {facts.version}."
        return _page(request, who, done=done)

    return router


def _check_and_store(request: Request, who: Viewer, data: bytes) -> PackFacts:
    ctx = hub(request)
    with ctx.database.transaction() as session:
        trusted = trusted_keys(session)
    facts = check_pack(data, trusted)
    with ctx.database.transaction() as session:
        store_pack(session, ctx.settings.data_dir, data, facts, who.name, ctx.clock())
        detail = f"{facts.lang} v{facts.version}, {len(data)} bytes, by key {facts.made_by}"
        session.add(AccessLog(user_name=who.name, action="voice_pack_upload", detail=detail))
    return facts


def _refuse(request: Request, who: Viewer, refused: PackRefused, status: int) -> Any:
    return _page(request, who, error=refusal_words(refused), status_code=status)


def language_names() -> dict[str, str]:
    """Language code -> its Vietnamese name, for the languages the kiosk ships."""
    from kiosk.voices.languages import load_languages, shipped_languages_dir

    return {lang.code: lang.name_vi for lang in load_languages([shipped_languages_dir()])}


def _page(request: Request, who: Viewer, error: str = "", done: str = "", **extra: Any) -> Any:
    with hub(request).database.transaction() as session:
        languages = packs_by_language(session)
        revoked = revoked_signers(session)
    return render(request, "voices.html", who=who, languages=languages, revoked=revoked,
                  names=language_names(), error=error,
                  done=done, max_mb=MAX_PACK_BYTES // 1_000_000, **extra)  # fmt: skip
