"""The JSON API kiosks use (``/api/v1``); see docs/sync-protocol.md."""

from __future__ import annotations

import base64
import uuid
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field, StringConstraints
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.clock import local_date
from kiosk.content.schema.common import LANG_PATTERN
from kiosk_hub.context import HubContext
from kiosk_hub.enroll import EnrolmentError, EnrolmentRequest, enroll, trust_list_json
from kiosk_hub.ingest import ingest_texts, touch_contact
from kiosk_hub.models import ApiNonce, Kiosk
from kiosk_hub.voice_packs import find_pack, latest_packs, pack_path
from kiosk_records.request_signing import (
    HUB_TIME_HEADER,
    KIOSK_HEADER,
    REPLAY_WINDOW_S,
    RequestSignatureError,
    check_request,
)

MAX_RECORDS = 500
RecordText = Annotated[str, StringConstraints(max_length=4000)]


class Detail(BaseModel):
    detail: str


class Health(BaseModel):
    status: str
    database: str


class EnrolBody(BaseModel):
    code: str = Field(min_length=1, max_length=64)
    kiosk_id: uuid.UUID
    public_key: str = Field(max_length=200, description="base64 of the 32-byte Ed25519 key")
    commune_code: str = Field(pattern=r"^[0-9]{5}$")
    learning_point: str = Field(min_length=1, max_length=120)


class EnrolAnswer(BaseModel):
    kiosk_id: uuid.UUID
    key_id: str
    hub_public_key: str
    trust_list: dict[str, Any]


class RecordsBody(BaseModel):
    kiosk_id: uuid.UUID
    records: list[RecordText] = Field(max_length=MAX_RECORDS)


class RefusedRecord(BaseModel):
    record_id: uuid.UUID | None
    index: int
    reason: str


class RecordsAnswer(BaseModel):
    accepted: list[uuid.UUID]
    duplicates: list[uuid.UUID]
    refused: list[RefusedRecord]


class VoicePackEntry(BaseModel):
    lang: str
    version: int
    sha256: str
    size: int


def _ctx(request: Request) -> HubContext:
    ctx: HubContext = request.app.state.hub
    return ctx


async def _raw_body(request: Request) -> bytes:
    """The body as sent (already read, within its size limit, for the model)."""
    return await request.body()


def _check_signed(
    session: Session, kiosk: Kiosk, request: Request, path: str, body: bytes, now: datetime
) -> None:
    """The request is signed by this kiosk's key, lately, and its nonce is new; else 401."""
    try:
        signed = check_request(
            request.headers, kiosk.public_key, request.method, path, body, now.timestamp()
        )
        if signed.kiosk_id != kiosk.id:
            raise RequestSignatureError("the request is signed for another kiosk")
        old = now - timedelta(seconds=2 * REPLAY_WINDOW_S)
        session.execute(delete(ApiNonce).where(ApiNonce.seen_at < old))
        if session.get(ApiNonce, (kiosk.id, signed.nonce)) is not None:
            raise RequestSignatureError("this request was already received (a replay)")
        session.add(ApiNonce(kiosk_id=kiosk.id, nonce=signed.nonce, seen_at=now))
        try:
            session.flush()
        except IntegrityError:  # the same request on the way twice at once
            raise RequestSignatureError("this request was already received (a replay)") from None
    except RequestSignatureError as exc:
        hub_time = {HUB_TIME_HEADER: str(int(now.timestamp()))}
        raise HTTPException(401, str(exc), headers=hub_time) from None


def _signed_kiosk(session: Session, request: Request, path: str, now: datetime) -> Kiosk:
    """The enrolled, unrevoked kiosk that signed this bodiless request; else 401 or 403."""
    try:
        kiosk_id = uuid.UUID(request.headers.get(KIOSK_HEADER, ""))
    except ValueError:
        hub_time = {HUB_TIME_HEADER: str(int(now.timestamp()))}
        detail = "the request is not signed by the kiosk's key"
        raise HTTPException(401, detail, headers=hub_time) from None
    kiosk = session.get(Kiosk, kiosk_id)
    if kiosk is None:
        raise HTTPException(403, "unknown kiosk: enrol it first")
    _check_signed(session, kiosk, request, path, b"", now)
    if kiosk.revoked_from is not None and kiosk.revoked_from <= local_date(now):
        raise HTTPException(403, "this kiosk's key has been revoked")
    return kiosk


def api_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1", tags=["kiosk"])
    refused: dict[int | str, dict[str, Any]] = {
        400: {"model": Detail}, 401: {"model": Detail}, 403: {"model": Detail},
        413: {"model": Detail},
    }  # fmt: skip

    @router.get("/health", response_model=Health, responses={503: {"model": Health}})
    def health(request: Request) -> Any:
        if _ctx(request).database.is_up():
            return Health(status="ok", database="ok")
        return JSONResponse({"status": "degraded", "database": "down"}, status_code=503)

    @router.post("/enroll", response_model=EnrolAnswer, responses=refused)
    def enroll_kiosk(body: EnrolBody, request: Request) -> EnrolAnswer:
        """Register a kiosk's public key with a one-time enrolment code."""
        ctx = _ctx(request)
        req = EnrolmentRequest(
            body.code, body.kiosk_id, body.public_key, body.commune_code, body.learning_point
        )
        try:
            with ctx.database.transaction() as session:
                kiosk = enroll(session, req, ctx.clock())
                trust = trust_list_json(session, ctx.clock())
        except EnrolmentError as exc:
            raise HTTPException(exc.status, exc.detail) from None
        return EnrolAnswer(
            kiosk_id=kiosk.id,
            key_id=kiosk.key_id,
            hub_public_key=base64.b64encode(ctx.key.public_key).decode("ascii"),
            trust_list=trust,
        )

    @router.post("/records", response_model=RecordsAnswer, responses=refused)
    def post_records(
        body: RecordsBody, request: Request, raw: Annotated[bytes, Depends(_raw_body)]
    ) -> RecordsAnswer:
        """Ingest signed records; each is accepted, a duplicate, or refused with a reason.

        The request itself is signed by the kiosk's key (docs/sync-protocol.md); only a
        signed request counts as the kiosk's contact.
        """
        ctx = _ctx(request)
        now = ctx.clock()
        with ctx.database.transaction() as session:
            kiosk = session.get(Kiosk, body.kiosk_id)
            if kiosk is None:
                raise HTTPException(403, "unknown kiosk: enrol it first")
            _check_signed(session, kiosk, request, "/records", raw, now)
            if kiosk.revoked_from is not None and kiosk.revoked_from <= local_date(now):
                raise HTTPException(403, "this kiosk's key has been revoked")
            result = ingest_texts(
                session, body.records, channel="network", catalogue=ctx.catalogue, now=now,
                kiosk_id=body.kiosk_id,
            )  # fmt: skip
            touch_contact(session, [body.kiosk_id], now)
        return RecordsAnswer(
            accepted=result.accepted,
            duplicates=result.duplicates,
            refused=[RefusedRecord(record_id=r.record_id, index=r.index, reason=r.reason)
                     for r in result.refused],
        )  # fmt: skip

    @router.get("/voice-packs", response_model=list[VoicePackEntry], responses=refused)
    def voice_packs(request: Request) -> list[VoicePackEntry]:
        """The newest voice pack of each language (signed request, no body)."""
        ctx = _ctx(request)
        with ctx.database.transaction() as session:
            _signed_kiosk(session, request, "/voice-packs", ctx.clock())
            return [VoicePackEntry(lang=p.lang, version=p.version, sha256=p.sha256, size=p.size)
                    for p in latest_packs(session)]  # fmt: skip

    @router.get(
        "/voice-packs/{lang}/{version}",
        response_class=FileResponse,
        responses=refused | {404: {"model": Detail}},
    )
    def voice_pack_file(
        lang: Annotated[str, Path(max_length=16)],
        version: Annotated[int, Path(ge=1, le=2**31 - 1)],  # the database's integer
        request: Request,
    ) -> FileResponse:
        """One pack's bytes (``application/octet-stream``); the kiosk checks its SHA-256
        and signature before installing anything."""
        ctx = _ctx(request)
        with ctx.database.transaction() as session:
            _signed_kiosk(session, request, f"/voice-packs/{lang}/{version}", ctx.clock())
            pack = find_pack(session, lang, version) if LANG_PATTERN.match(lang) else None
            sha256 = pack.sha256 if pack else ""
        path = pack_path(ctx.settings.data_dir, sha256) if sha256 else None
        if path is None or not path.is_file():
            raise HTTPException(404, f"the hub has no voice pack {lang} version {version}")
        return FileResponse(path, media_type="application/octet-stream")

    @router.get("/trust-list")
    def trust_list(request: Request) -> dict[str, Any]:
        """Enrolled kiosk keys, with ``revoked_from`` and ``last_serial`` per revoked key,
        for offline verifiers (see `kiosk_records.trust_rules`)."""
        ctx = _ctx(request)
        with ctx.database.transaction() as session:
            return trust_list_json(session, ctx.clock())

    return router
