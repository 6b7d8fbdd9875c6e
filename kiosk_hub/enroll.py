"""Kiosk enrolment with one-time codes, key revocation, and the trust list."""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk_hub.models import EnrolmentCode, Kiosk
from kiosk_records.keys import TRUST_FORMAT, TRUST_VERSION, key_id_for

CODE_LIFETIME = timedelta(days=7)
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone


class EnrolmentError(Exception):
    """Enrolment refused; ``status`` is the HTTP status the API answers with."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class EnrolmentRequest:
    code: str
    kiosk_id: uuid.UUID
    public_key_b64: str
    commune_code: str
    learning_point: str


def _normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _code_hash(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode("ascii", "replace")).hexdigest()


def create_code(session: Session, commune_code: str, now: datetime) -> str:
    """A fresh one-time code (``XXXX-XXXX-XXXX``) for one kiosk of this commune."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    session.add(
        EnrolmentCode(
            code_hash=_code_hash(raw),
            commune_code=commune_code,
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        )
    )
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def enroll(session: Session, req: EnrolmentRequest, now: datetime) -> Kiosk:
    """Register a kiosk's public key with a one-time code.

    A retry by the same kiosk with the same key (its first answer was lost) succeeds again.
    """
    try:
        public_key = base64.b64decode(req.public_key_b64, validate=True)
    except (binascii.Error, ValueError):
        raise EnrolmentError(400, "public_key is not base64") from None
    if len(public_key) != 32:
        raise EnrolmentError(400, "public_key must be 32 bytes (Ed25519)")
    key_id = key_id_for(public_key)
    entry = session.get(EnrolmentCode, _code_hash(req.code), with_for_update=True)
    if entry is None:
        raise EnrolmentError(403, "unknown enrolment code")
    existing = session.get(Kiosk, req.kiosk_id)
    if entry.used_at is not None:
        if entry.used_by == req.kiosk_id and existing and existing.public_key == public_key:
            return existing
        raise EnrolmentError(403, "this enrolment code has already been used")
    if entry.expires_at <= now:
        raise EnrolmentError(403, "this enrolment code has expired; ask for a new one")
    if entry.commune_code != req.commune_code:
        raise EnrolmentError(403, "this enrolment code is for another commune")
    if existing is not None:
        raise EnrolmentError(403, "this kiosk is already enrolled")
    if session.scalar(select(Kiosk.id).where(Kiosk.key_id == key_id)) is not None:
        raise EnrolmentError(403, "this key is already enrolled for another kiosk")
    kiosk = Kiosk(
        id=req.kiosk_id,
        commune_code=req.commune_code,
        learning_point=req.learning_point,
        key_id=key_id,
        public_key=public_key,
        enrolled_at=now,
        last_contact_at=now,
    )
    session.add(kiosk)
    entry.used_at, entry.used_by = now, req.kiosk_id
    session.flush()
    return kiosk


def revoke(session: Session, kiosk_id: uuid.UUID, revoked_from: date) -> Kiosk:
    """Refuse this kiosk's records completed on or after ``revoked_from``; LookupError."""
    kiosk = session.get(Kiosk, kiosk_id)
    if kiosk is None:
        raise LookupError(f"no enrolled kiosk {kiosk_id}")
    kiosk.revoked_from = revoked_from
    return kiosk


def trust_list_json(session: Session) -> dict[str, Any]:
    """Every enrolled kiosk key, with ``revoked_from`` where revoked (offline verifiers)."""
    keys: list[dict[str, Any]] = []
    for kiosk in session.scalars(select(Kiosk).order_by(Kiosk.enrolled_at, Kiosk.id)):
        entry: dict[str, Any] = {
            "key_id": kiosk.key_id,
            "public_key": base64.b64encode(kiosk.public_key).decode("ascii"),
            "kiosk_id": str(kiosk.id),
            "commune_code": kiosk.commune_code,
        }
        if kiosk.revoked_from is not None:
            entry["revoked_from"] = kiosk.revoked_from.isoformat()
        keys.append(entry)
    return {"format": TRUST_FORMAT, "version": TRUST_VERSION, "keys": keys}
